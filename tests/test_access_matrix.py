"""Every URL pattern, opened by every user of the cast, gives the expected answer.

Each app lists its URLs in tests/access/<app>.py. A URL without expectations fails the test,
so no page can be added without deciding who may see it. Whatever a logged-in user gets is
sent with `Cache-Control: no-store` (security review 2, finding 5). Every URL is also sent a
POST by every user, with the CSRF check enforced as for browsers.
"""

import importlib
import pkgutil

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import access
from tests.access.expect import LOGIN, USERS


def url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the admin has its own test: test_admin_is_for_the_secretariat
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def load_expectations():
    modules = [importlib.import_module(f"tests.access.{info.name}")
               for info in pkgutil.iter_modules(access.__path__) if info.name != "expect"]
    expectations, builders = {}, []
    for module in modules:
        expectations.update(module.EXPECTATIONS)
        builders.append(module.objects)
    return expectations, builders


def load_variants():
    """Further (url name, kwargs, expected) rows: the same URLs with other objects, such as a
    draft and a sent version of one kind of page."""
    return [row for info in pkgutil.iter_modules(access.__path__) if info.name != "expect"
            for row in getattr(importlib.import_module(f"tests.access.{info.name}"),
                               "VARIANTS", [])]


def test_every_url_has_expectations():
    expectations, _builders = load_expectations()
    names = set(url_names())
    assert sorted(names - set(expectations)) == [], "URLs without access expectations"
    assert sorted(set(expectations) - names) == [], "expectations for URLs that do not exist"


def test_access_matrix(cast):
    expectations, builders = load_expectations()
    objects = {}
    for build in builders:
        objects.update(build(cast))
    clients = {who: cast.client(who) for who in USERS}
    mismatches, cacheable = [], []
    rows = [(name, kwargs, expected) for name, (kwargs, expected) in
            sorted(expectations.items())] + load_variants()
    for name, kwargs, expected in rows:
        url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
        for who in USERS:
            response = clients[who].get(url)
            if response.streaming:
                b"".join(response.streaming_content)  # reading to the end closes the file
            got = response.status_code
            if expected[who] == LOGIN:
                ok = got == 302 and response["Location"].startswith(reverse("account_login"))
            else:
                ok = got == expected[who]
            if not ok:
                mismatches.append(f"{name} as {who}: expected {expected[who]}, got {got}")
            if who != "anonymous" and "no-store" not in response.get("Cache-Control", ""):
                cacheable.append(f"{name} as {who} ({got}): {response.get('Cache-Control')}")
    assert mismatches == [], "\n".join(mismatches)
    assert cacheable == []


def test_admin_is_for_the_secretariat(cast):
    url = reverse("admin:index")
    for who in ["anonymous", "rep_a", "fin_x"]:
        response = cast.client(who).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert cast.client("secretariat").get(url).status_code == 200


def csrf_client(cast, who):
    """A client that the CSRF middleware checks as it checks browsers, holding a CSRF secret
    as a browser does after its first page."""
    client = Client(enforce_csrf_checks=True)
    if cast.users[who] is not None:
        client.force_login(cast.users[who])
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    return client


CSRF_SECRET = "k" * 32
REFUSED = {LOGIN, 403, 404}


def test_every_post_without_a_csrf_token_is_refused(cast):
    expectations, builders = load_expectations()
    objects = {}
    for build in builders:
        objects.update(build(cast))
    clients = {who: csrf_client(cast, who) for who in USERS}
    mismatches = []
    for name, (kwargs, _expected) in sorted(expectations.items()):
        url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
        for who in USERS:
            got = clients[who].post(url, {}).status_code
            if got != 403:
                mismatches.append(f"{name} as {who}: {got}")
    assert mismatches == [], "\n".join(mismatches)


def test_every_post_endpoint_as_every_user(cast):
    """A POST with a valid CSRF token, as every user of the cast: those refused a page are
    refused its POST too (redirect to the login page, 403 or 404; 405 from a view that takes
    no POST at all), and nobody gets a 500."""
    expectations, builders = load_expectations()
    objects = {}
    for build in builders:
        objects.update(build(cast))
    urls = {name: (reverse(name, kwargs=kwargs(objects) if kwargs else None), expected)
            for name, (kwargs, expected) in sorted(expectations.items())}
    mismatches = []
    # The secretariat last (USERS ends with it): its POSTs change things, such as deactivating
    # the other users.
    for who in USERS:
        for name, (url, expected) in urls.items():
            # A client of its own: some POSTs end the login (logging out).
            response = csrf_client(cast, who).post(url, {"csrfmiddlewaretoken": CSRF_SECRET})
            if response.streaming:
                b"".join(response.streaming_content)
            got = response.status_code
            if expected[who] == LOGIN:
                ok = got == 405 or (got == 302 and response["Location"].startswith(
                    reverse("account_login")))
            elif expected[who] in REFUSED:
                ok = got in (403, 404, 405)
            else:
                ok = got < 500
            if not ok:
                mismatches.append(f"{name} as {who}: expected {expected[who]}, got {got}")
    assert mismatches == [], "\n".join(mismatches)
