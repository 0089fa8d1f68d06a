"""The second factor (issue 18): required of the secretariat before any of their pages, asked
at every login, codes computed here per RFC 6238 (tests/totp.py)."""

import datetime
import re

import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from common.models import AuditEvent
from members.models import User
from tests.access.expect import LOGIN
from tests.conftest import PASSWORD
from tests.test_access_matrix import load_expectations
from tests.totp import sign_in, totp

T0 = datetime.datetime(2026, 3, 2, 8, 0, 5, tzinfo=datetime.UTC)


def password_login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def secretariat_pages(cast):
    expectations, builders = load_expectations()
    objects = {}
    for build in builders:
        objects.update(build(cast))
    for name, (kwargs, expected) in sorted(expectations.items()):
        if expected["secretariat"] == 200 and expected["rep_a"] not in (200, LOGIN):
            yield reverse(name, kwargs=kwargs(objects) if kwargs else None)


def test_secretariat_reaches_no_page_of_theirs_before_enrolling(cast, make_user):
    newcomer = User.objects.create_user("ny@example.org", PASSWORD, name="Ny",
                                        role=User.Role.SECRETARIAT)
    client = Client()
    assert password_login(client, newcomer.email)["Location"] == reverse("start")
    pages = list(secretariat_pages(cast)) + [reverse("start"), reverse("admin:index")]
    assert len(pages) > 30
    refused = {url: client.get(url) for url in pages}
    assert {url: (r.status_code, r["Location"]) for url, r in refused.items()} == {
        url: (302, reverse("mfa_activate_totp")) for url in pages}


def test_enrolment_is_guided_on_first_sign_in_then_every_login_asks_for_a_code(
        cast, django_capture_on_commit_callbacks):
    newcomer = User.objects.create_user("ny@example.org", PASSWORD, name="Ny",
                                        role=User.Role.SECRETARIAT)
    client = Client()
    with time_machine.travel(T0, tick=False) as clock:
        password_login(client, newcomer.email)
        page = client.get(reverse("start"), follow=True)
        assert page.redirect_chain[-1][0] == reverse("mfa_activate_totp")
        text = page.content.decode()
        assert "Sett opp totrinnsbekreftelse" in text
        assert 'src="data:image/svg+xml;base64,' in text
        secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', text)[1]
        wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
        assert wrong.status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
        assert response["Location"] == reverse("mfa_view_recovery_codes")
        assert client.get(reverse("start")).status_code == 200
        client.post(reverse("account_logout"))

        clock.shift(60)
        response = password_login(client, newcomer.email)
        assert response["Location"] == reverse("mfa_authenticate")
        assert client.get(reverse("start"))["Location"].startswith(reverse("account_login"))
        response = client.post(reverse("mfa_authenticate"), {"code": totp(secret)})
        assert response["Location"] == reverse("start")
        assert client.get(reverse("members:organisations")).status_code == 200
    assert list(AuditEvent.objects.filter(action__in=["mfa_enrolled", "login"]).order_by(
        "pk").values_list("action", "details")) == [
        ("login", {"steps": ["password"]}),
        ("mfa_enrolled", {}),
        ("login", {"steps": ["password", "mfa:totp"]}),
    ]


def test_a_code_is_refused_the_second_time(cast):
    user = cast.users["secretariat"]
    with time_machine.travel(T0, tick=False):
        code = totp(user.totp_secret)
        client = Client()
        password_login(client, user.email)
        assert client.post(reverse("mfa_authenticate"), {"code": code})["Location"] == reverse(
            "start")
        client.post(reverse("account_logout"))
        password_login(client, user.email)
        again = client.post(reverse("mfa_authenticate"), {"code": code})
        assert again.status_code == 200
        assert "Feil kode" in again.content.decode()
        assert client.get(reverse("start"))["Location"].startswith(reverse("account_login"))
    assert AuditEvent.objects.filter(action="mfa_failed").count() == 1


def test_a_recovery_code_lets_in_once(cast):
    user = cast.users["secretariat"]
    codes = RecoveryCodes(Authenticator.objects.get(
        user=user, type=Authenticator.Type.RECOVERY_CODES)).get_unused_codes()
    for expected in ["start", None]:
        client = Client()
        password_login(client, user.email)
        response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
        if expected:
            assert response["Location"] == reverse(expected)
        else:
            assert response.status_code == 200


def test_a_sign_in_with_a_recovery_code_is_in_the_audit_log(cast):
    """A lost phone recovered with a recovery code is on the record: which kind of factor, for
    whom, and the login's steps."""
    user = cast.users["secretariat"]
    code = RecoveryCodes(Authenticator.objects.get(
        user=user, type=Authenticator.Type.RECOVERY_CODES)).get_unused_codes()[0]
    client = Client()
    password_login(client, user.email)
    assert client.post(reverse("mfa_authenticate"), {"code": code})["Location"] == reverse(
        "start")
    used = AuditEvent.objects.get(action=AuditEvent.Action.MFA_USED)
    assert (used.actor, used.object_description, used.details) == (
        user, f"Gjenopprettingskoder ({user.email})", {"reauthenticated": False})
    login = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (login.actor, login.details) == (user, {"steps": ["password", "mfa:recovery_codes"]})


def test_a_wrong_code_does_not_sign_in(cast):
    client = Client()
    password_login(client, "sek@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200
    assert client.get(reverse("start"))["Location"].startswith(reverse("account_login"))


def test_others_are_offered_the_second_factor_and_then_asked_for_it(cast):
    rep = cast.users["rep_a"]
    assert sign_in(Client(), rep, PASSWORD)["Location"] == reverse("start")
    client = cast.client("rep_a")
    assert client.get(reverse("start")).status_code == 200  # not required of them
    from members.accounts import enrol_totp
    rep.totp_secret = enrol_totp(rep)
    client = Client()
    assert password_login(client, rep.email)["Location"] == reverse("mfa_authenticate")
    assert sign_in(Client(), rep, PASSWORD)["Location"] == reverse("start")


def test_make_run_prints_the_demo_secret_and_a_code_that_signs_in(db):
    from io import StringIO

    from django.core.management import call_command

    from members.demo import DEMO_TOTP_SECRET

    output = StringIO()
    with time_machine.travel(T0, tick=False):
        call_command("load_demo", stdout=output)
        printed = re.search(r"code right now: (\d{6})", output.getvalue())[1]
        assert DEMO_TOTP_SECRET in output.getvalue()
        assert printed == totp(DEMO_TOTP_SECRET)
        client = Client()
        password_login(client, "sekretariat@helgeland.example", "helgeland-demo")
        response = client.post(reverse("mfa_authenticate"), {"code": printed})
    assert response["Location"] == reverse("start")
