"""How long a login lasts: idle timeout, absolute lifetime, and deactivated users."""

import datetime

import time_machine
from django.contrib.auth import authenticate
from django.urls import reverse

from common.models import AuditEvent
from tests.conftest import PASSWORD
from tests.totp import sign_in

T0 = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


def is_logged_in(client):
    return client.get(reverse("start")).status_code == 200


def expiries():
    return list(AuditEvent.objects.filter(action="session_expired")
                .values_list("actor_email", "details"))


def test_login_ends_after_two_hours_without_activity(cast):
    with time_machine.travel(T0, tick=False) as clock:
        client = cast.client("rep_a")
        assert is_logged_in(client)
        clock.move_to(T0 + 2 * HOUR)
        assert is_logged_in(client)
        clock.move_to(T0 + 4 * HOUR + 2 * MINUTE)
        response = client.get(reverse("start"))
        page = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert expiries() == [("rep.a@example.org", {"reason": "idle"})]
    assert "etter 120 minutter uten aktivitet" in page.content.decode()


def test_activity_keeps_a_login_alive_but_not_past_twelve_hours(cast):
    with time_machine.travel(T0, tick=False) as clock:
        client = cast.client("fin_x")
        for hours in range(0, 12):
            clock.move_to(T0 + hours * HOUR + 30 * MINUTE)
            assert is_logged_in(client), hours
        clock.move_to(T0 + 12 * HOUR + MINUTE)
        assert not is_logged_in(client)
    assert expiries() == [("fin.x@example.org", {"reason": "lifetime"})]


def test_a_new_login_starts_a_new_lifetime(cast):
    with time_machine.travel(T0, tick=False) as clock:
        client = cast.client("secretariat")
        for hours in range(1, 12):
            clock.move_to(T0 + hours * HOUR)
            assert is_logged_in(client), hours
        client.post(reverse("account_logout"))
        assert sign_in(client, cast.users["secretariat"], PASSWORD)["Location"] == reverse(
            "start")
        clock.move_to(T0 + 12 * HOUR + MINUTE)
        assert is_logged_in(client)
        clock.move_to(T0 + 13 * HOUR)
        assert is_logged_in(client)


def test_deactivated_user_is_anonymous_on_the_next_request(cast):
    client = cast.client("rep_a")
    assert is_logged_in(client)
    user = cast.users["rep_a"]
    user.is_active = False
    user.save()
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert authenticate(username="rep.a@example.org", password=PASSWORD) is None


def test_deactivated_secretariat_loses_the_admin_at_once(cast):
    client = cast.client("secretariat")
    assert client.get(reverse("admin:index")).status_code == 200
    user = cast.users["secretariat"]
    user.is_active = False
    user.save()
    assert client.get(reverse("admin:index")).status_code == 302
