"""Every URL pattern, opened by every user of the cast, gives the expected answer.

Each app lists its URLs in tests/access/<app>.py. A URL without expectations fails the test,
so no page can be added without deciding who may see it. Whatever a logged-in user gets is
sent with `Cache-Control: no-store` (issue 12, finding 5).
"""

import importlib
import pkgutil

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
    for name, (kwargs, expected) in sorted(expectations.items()):
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
    assert mismatches == []
    assert cacheable == []


def test_admin_is_for_the_secretariat(cast):
    url = reverse("admin:index")
    for who in ["anonymous", "rep_a", "fin_x"]:
        response = cast.client(who).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert cast.client("secretariat").get(url).status_code == 200
