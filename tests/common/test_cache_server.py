"""The shared cache (Redis) holds the sign-in rate limits and nothing a page is made from:
sessions and users come from the database on every request, and every page still works with
the cache server down. Against the real Redis of REDIS_URL (CI sets it)."""

import os
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

REGISTER = reverse("members:organisations")


@pytest.fixture
def redis_cache(settings):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs a Redis server (REDIS_URL); CI sets it")
    # A prefix of its own: other test processes share the server's database.
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": f"tests-{uuid.uuid4().hex}",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    return settings


@pytest.fixture
def cache_down(settings):
    # Nothing listens on port 1: every cache call fails at once. Django's setting_changed
    # handler builds the cache anew from the changed setting.
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    return settings


def test_the_cache_is_the_redis_server(redis_cache):
    cache.set("probe", "kept", 10)
    assert cache.get("probe") == "kept"
    server = redis.Redis.from_url(os.environ["REDIS_URL"])
    assert server.exists(cache.make_key("probe")) == 1


def test_failed_logins_are_counted_in_redis(cast, redis_cache):
    redis_cache.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,3/15m/key"}
    client = Client()
    login = reverse("account_login")
    answers = [client.post(login, {"login": "fin.x@example.org", "password": f"guess {n}"})
               for n in range(4)]
    assert [("For mange mislykkede forsøk" in a.content.decode()) for a in answers] == [
        False, False, False, True]
    # Even the right password is refused while the limit holds.
    right = client.post(login, {"login": "fin.x@example.org", "password": PASSWORD})
    assert right.status_code == 200
    assert "For mange mislykkede forsøk" in right.content.decode()


def test_sessions_and_users_come_from_the_database(cast, redis_cache,
                                                   django_assert_num_queries):
    client = cast.client("rep_a")
    client.get(reverse("start"))
    # The session, and the user with whether they have a second factor.
    with django_assert_num_queries(2):
        response = client.get(reverse("robots_txt"))
    assert response.status_code == 200


def test_a_deactivated_user_is_logged_out_at_once(cast, redis_cache):
    client = cast.client("rep_a")
    assert client.get(reverse("start")).status_code == 200
    user = cast.users["rep_a"]
    user.is_active = False
    user.save()
    assert client.get(reverse("start")).status_code == 302


def test_a_change_is_shown_at_once(cast, redis_cache):
    client = cast.client("secretariat")
    assert "Rana" in client.get(REGISTER).content.decode()
    cast.municipality_x.name = "Rana kommune, ny"
    cast.municipality_x.save()
    assert "Rana kommune, ny" in client.get(REGISTER).content.decode()


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
                                                      "password": PASSWORD})
    assert response.status_code == 503
    assert "Innlogging med passord er ikke mulig akkurat nå" in response.content.decode()
