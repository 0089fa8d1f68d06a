"""The page cache (common.pagecache), with sessions and users read from the database: never a
page from before a change, never another
login's page, and every page still served when the cache server is down."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import reverse

from common import pagecache
from common.cache import RedisCache
from members.models import Organisation
from tests.finance import factories

REGISTER = reverse("members:organisations")


@pytest.fixture
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def cache_down(caches_on):
    # Nothing listens on port 1: every cache call fails at once. Django's setting_changed
    # handler builds the cache anew from the changed setting.
    working = caches_on.CACHES
    caches_on.CACHES = {"default": {
        "BACKEND": "common.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    yield caches_on
    caches_on.CACHES = working


def browser(cast, who):
    """A logged-in client that has seen a page, and so holds a CSRF cookie, as a browser does
    after its first page."""
    client = cast.client(who)
    client.get(reverse("start"))
    return client


def test_a_page_seen_again_costs_no_query(cast, caches_on, django_assert_num_queries):
    client = browser(cast, "secretariat")
    first = client.get(REGISTER)
    with django_assert_num_queries(2):  # the session and the user, read afresh
        again = client.get(REGISTER)
    assert again.status_code == 200
    assert again.content == first.content
    # The headers of the view's decorators and the middleware are those of a fresh page.
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_saved_change_is_shown_at_once(cast, caches_on, django_capture_on_commit_callbacks):
    client = browser(cast, "secretariat")
    assert "Rana" in client.get(REGISTER).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cast.municipality_x.name = "Rana kommune, ny"
        cast.municipality_x.save()
    assert "Rana kommune, ny" in client.get(REGISTER).content.decode()


def test_a_change_without_signals_is_shown_after_any_post(cast, caches_on):
    client = browser(cast, "secretariat")
    client.get(REGISTER)
    Organisation.objects.filter(pk=cast.municipality_x.pk).update(name="Rana oppdatert")
    assert "Rana oppdatert" not in client.get(REGISTER).content.decode()
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert "Rana oppdatert" in client.get(REGISTER).content.decode()


def test_a_finished_background_task_starts_a_new_generation(caches_on):
    pagecache.new_generation()
    before = cache.get(pagecache.GENERATION_KEY)
    pagecache._task_finished(sender=None)
    assert cache.get(pagecache.GENERATION_KEY) not in (None, before)


def test_each_login_gets_its_own_page(cast, caches_on):
    """Finance officers see their own municipality's invoices only, from the cache too."""
    factories.give_population(cast.municipality_x, 26092)
    factories.give_population(cast.municipality_y, 13233)
    factories.partnership(cast.municipality_y)
    _budget, invoices = factories.issued_budget(cast.users["secretariat"])
    links = {invoice.municipality.name: f'href="{invoice.get_absolute_url()}"'
             for invoice in invoices}
    for who, own, other in [("fin_x", "Rana", "Vefsn"), ("fin_y", "Vefsn", "Rana")]:
        client = browser(cast, who)
        for _ in range(2):
            page = client.get(reverse("finance:invoices")).content.decode()
            assert links[own] in page and links[other] not in page, who


def test_a_waiting_message_is_shown_not_a_cached_page(cast, caches_on):
    client = browser(cast, "secretariat")
    client.get(REGISTER)
    response = client.post(reverse("set_language"), {"language": "en", "next": REGISTER},
                           follow=True)
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


@pagecache.cached_page
def form_page(request):
    return HttpResponse(get_token(request))


def visit_form_page(rf, headers):
    request = rf.get("/skjema/", headers=headers)
    SessionMiddleware(lambda r: None).process_request(request)
    CsrfViewMiddleware(lambda r: None).process_request(request)
    request.user, request.LANGUAGE_CODE = AnonymousUser(), "nb"
    return form_page(request).content


def test_a_first_visit_is_not_kept_under_a_secret_the_visitor_lacks(caches_on, rf):
    """A visitor without a CSRF cookie gets a new secret with the page; a page kept for the
    next such visitor would carry a token of someone else's secret."""
    assert visit_form_page(rf, {}) != visit_form_page(rf, {})


def test_a_returning_visitor_gets_the_kept_page(caches_on, rf):
    cookie = {"Cookie": f"{caches_on.CSRF_COOKIE_NAME}={'k' * 32}"}
    assert visit_form_page(rf, cookie) == visit_form_page(rf, cookie)


def test_logging_out_is_not_undone_by_a_cached_page(cast, caches_on):
    client = cast.client("secretariat")
    assert client.get(REGISTER).status_code == 200
    client.post(reverse("account_logout"))
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sessions_and_users_come_from_the_database(cast, caches_on,
                                                   django_assert_num_queries):
    client = browser(cast, "rep_a")
    # The session, and the user with whether they have a second factor.
    with django_assert_num_queries(2):
        response = client.get(reverse("robots_txt"))
    assert response.status_code == 200


def test_a_deactivated_user_is_logged_out_though_cached(cast, caches_on):
    client = cast.client("rep_a")
    assert client.get(reverse("start")).status_code == 200
    user = cast.users["rep_a"]
    user.is_active = False
    user.save()
    response = client.get(reverse("start"))
    assert response.status_code == 302


def test_every_page_works_with_the_cache_server_down(cast, cache_down):
    client = cast.client("secretariat")
    for _ in range(2):
        assert client.get(REGISTER).status_code == 200
        assert client.get(reverse("start")).status_code == 200
    cast.municipality_x.name = "Rana etter feil"
    cast.municipality_x.save()
    assert "Rana etter feil" in client.get(REGISTER).content.decode()
    client.post(reverse("account_logout"))
    assert client.get(REGISTER).status_code == 302
    # A password login cannot be counted against its limit: refused with a page, no 500.
    response = client.post(reverse("account_login"), {"login": "fin.x@example.org",
                                                      "password": "correct horse battery staple"})
    assert response.status_code == 503
    assert "Innlogging med passord er ikke mulig akkurat nå" in response.content.decode()


def test_the_redis_cache_keeps_one_client_per_server():
    # Nothing is sent: making a client does not connect.
    backend = RedisCache("redis://127.0.0.1:1/0", {})
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
