"""The audit log: what gets recorded, and that no one can change it."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from common import audit
from common.models import AuditEvent, AuditLogIsAppendOnly
from tests.conftest import PASSWORD

T0 = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def events(*actions):
    """Entries so far, oldest first; only of the given actions if any (the cast's clients log
    in, which is recorded too)."""
    chosen = AuditEvent.objects.filter(action__in=actions) if actions else AuditEvent.objects
    return list(chosen.order_by("pk").values_list(
        "action", "actor_email", "object_description", "ip_address", "details"))


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password},
                       REMOTE_ADDR="192.0.2.10")


def test_login_and_logout_are_recorded(cast):
    client = Client()
    assert login(client, "Fin.X@Example.org", PASSWORD).status_code == 302
    client.post(reverse("account_logout"), REMOTE_ADDR="192.0.2.10")
    assert events() == [
        ("login", "fin.x@example.org", "", "192.0.2.10", {"steps": ["password"]}),
        ("logout", "fin.x@example.org", "", "192.0.2.10", {}),
    ]
    assert AuditEvent.objects.first().actor == cast.users["fin_x"]


def test_failed_login_is_recorded_without_the_password(cast):
    response = login(Client(), "sek@example.org", "wrong password")
    assert response.status_code == 200
    assert events() == [("login_failed", "", "sek@example.org", "192.0.2.10", {})]
    assert "wrong password" not in str(AuditEvent.objects.values().get())


def test_lockout_and_refused_tries_are_recorded(cast, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,2/15m/key"}
    client = Client()
    with time_machine.travel(T0, tick=False):
        login(client, "fin.x@example.org", "guess 1")
        login(client, "fin.x@example.org", "guess 2")
        response = login(client, "fin.x@example.org", PASSWORD)
    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == [
        "too_many_login_attempts"]
    assert [(action, description, details) for action, _, description, _, details in events()
            ] == [
        ("login_failed", "fin.x@example.org", {}),
        ("login_failed", "fin.x@example.org", {}),
        ("login_failed", "fin.x@example.org", {"reason": "throttled"}),
        ("lockout", f"bruker {cast.users['fin_x'].pk}: fin.x <fin.x@example.org>",
         {"minutes": 15, "ip": "192.0.2.10"}),
    ]


def test_refused_role_page_is_recorded(cast):
    response = cast.client("rep_a").get(reverse("members:organisations"),
                                        REMOTE_ADDR="2001:db8::1")
    assert response.status_code == 403
    assert events("access_refused") == [("access_refused", "rep.a@example.org", "", "2001:db8::1",
                         {"path": "/medlemmer/", "status": 403})]


@pytest.mark.parametrize(("who", "url_name", "status"), [
    ("fin_y", "members:organisation", 404),       # another municipality: hidden
    ("fin_x", "members:organisation_edit", 403),  # their own: may see, may not change
])
def test_refused_object_is_recorded_with_its_description(cast, who, url_name, status):
    rana = cast.municipality_x
    path = reverse(url_name, args=[rana.pk])
    response = cast.client(who).get(path)
    assert response.status_code == status
    assert events("access_refused") == [
        ("access_refused", cast.users[who].email, f"organisasjon {rana.pk}: Rana", "127.0.0.1",
         {"path": path, "status": status})]


def test_the_refused_page_does_not_name_the_object(cast):
    response = cast.client("fin_y").get(reverse("members:organisation",
                                                args=[cast.municipality_x.pk]))
    assert "Rana" not in response.content.decode()


def test_descriptions_are_in_the_site_language_whatever_the_user_reads(cast):
    with translation.override("en"):
        event = audit.record(audit.Action.ACCESS_REFUSED, obj=cast.municipality_x)
    assert event.object_description == f"organisasjon {cast.municipality_x.pk}: Rana"


def test_missing_pages_are_not_recorded(cast):
    assert cast.client("rep_a").get("/finnes-ikke/").status_code == 404
    assert events("access_refused") == []


def test_client_address_behind_the_proxy_is_the_one_the_proxy_saw(cast, settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert audit.client_ip(request) == "10.0.0.2"  # no proxy configured: the header is a lie
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert audit.client_ip(request) == "198.51.100.7"
    request.META["HTTP_X_FORWARDED_FOR"] = "not an address"
    assert audit.client_ip(request) is None


def test_record_keeps_the_actor_email_and_details(cast):
    user = cast.users["secretariat"]
    event = audit.record(audit.Action.INVOICE_ISSUED, actor=user, obj=cast.municipality_x,
                         total=__import__("decimal").Decimal("24189.50"),
                         due=datetime.date(2026, 4, 1))
    event.refresh_from_db()
    assert (event.actor_email, event.object_description, event.details) == (
        "sek@example.org", f"organisasjon {cast.municipality_x.pk}: Rana",
        {"total": "24189.50", "due": "2026-04-01"})


def test_audit_events_cannot_be_changed_or_deleted(cast):
    event = audit.record(audit.Action.LOGIN, actor=cast.users["rep_a"])
    event.actor_email = "someone.else@example.org"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(actor_email="x@example.org")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().actor_email == "rep.a@example.org"


def test_admin_shows_the_audit_log_read_only(cast):
    event = audit.record(audit.Action.LOGIN, actor=cast.users["rep_a"])
    client = cast.client("secretariat")
    changelist = client.get(reverse("admin:common_auditevent_changelist"))
    assert changelist.status_code == 200
    assert "rep.a@example.org" in changelist.content.decode()
    detail = client.get(reverse("admin:common_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.post(reverse("admin:common_auditevent_change", args=[event.pk]),
                       {"actor_email": "x@example.org"}).status_code == 403
    assert client.get(reverse("admin:common_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:common_auditevent_delete", args=[event.pk]),
                       {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).actor_email == "rep.a@example.org"


def test_user_removal_keeps_the_entries(cast, make_user):
    user = make_user("temp@example.org", "secretariat")
    audit.record(audit.Action.LOGIN, actor=user)
    user.delete()
    assert list(AuditEvent.objects.values_list("actor", "actor_email")) == [
        (None, "temp@example.org")]


def test_the_admin_has_no_login_of_its_own(cast):
    """The admin's login sends people to the site's, with its rate limit, providers and
    second factor; credentials posted to the admin's login are not even looked at."""
    client = Client()
    response = client.post(reverse("admin:login"), {"username": "fin.x@example.org",
                                                    "password": PASSWORD})
    assert response["Location"] == reverse("account_login") + "?next=/admin/"
    assert events() == []
    assert client.get(reverse("start"))["Location"].startswith(reverse("account_login"))
    assert cast.client("secretariat").get(reverse("admin:login"))["Location"] == reverse(
        "admin:index")
