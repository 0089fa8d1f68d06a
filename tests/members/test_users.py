"""The secretariat manages users from its own pages (issue 14, People and access)."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from common.models import AuditEvent, OutgoingMail
from members.models import User
from tests.conftest import PASSWORD


def audit_actions():
    ignored = ["login", "login_failed", "access_refused"]
    return list(AuditEvent.objects.exclude(action__in=ignored).order_by("pk").values_list(
        "action", flat=True))


def test_an_invited_person_chooses_a_password_through_the_link(
        cast, secretariat_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(reverse("members:user_invite"), {
            "email": "Ny.Okonomi@Example.org", "name": "Nina Økonomi",
            "role": "finance_officer", "municipality": cast.municipality_y.pk})
    user = User.objects.get(email="ny.okonomi@example.org")
    assert response["Location"] == reverse("members:user", args=[user.pk])
    assert (user.role, user.municipality, user.has_usable_password()) == (
        "finance_officer", cast.municipality_y, False)
    assert user.history.get().history_user == cast.users["secretariat"]
    assert audit_actions() == ["user_invited"]
    invitation = mail.outbox[0]
    assert invitation.to == ["Nina Økonomi <ny.okonomi@example.org>"]
    assert invitation.subject == "Du er invitert til sekretariatets verktøy i helsefellesskapet"
    link = re.search(r"https://hf\.example(/konto/passord/ny/\S+)", invitation.body)[1]
    client = Client()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"password1": "et langt passord 2026",
                                      "password2": "et langt passord 2026"})
    assert response.status_code == 302
    response = client.post(reverse("account_login"), {"login": user.email,
                                                      "password": "et langt passord 2026"})
    assert response["Location"] == reverse("start")
    assert "Vefsn" in client.get(reverse("start")).content.decode()


def test_an_invitation_needs_what_the_role_is_tied_to(cast, secretariat_client):
    response = secretariat_client.post(reverse("members:user_invite"), {
        "email": "ny@example.org", "name": "Ny", "role": "finance_officer"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "municipality": ["En økonomiansvarlig trenger kommunen sin."]}
    response = secretariat_client.post(reverse("members:user_invite"), {
        "email": "REP.A@example.org", "name": "Dobbel", "role": "secretariat"})
    assert response.context["form"].errors == {
        "email": ["Det finnes allerede en bruker med denne adressen."]}
    assert not User.objects.filter(email="ny@example.org").exists()
    assert OutgoingMail.objects.count() == 0


def test_roles_are_given_and_taken_with_history_and_audit(cast, secretariat_client):
    rep = cast.users["rep_a"]
    response = secretariat_client.post(reverse("members:user", args=[rep.pk]), {
        "name": "Representant A", "role": "finance_officer",
        "municipality": cast.municipality_x.pk})
    assert response.status_code == 302
    rep.refresh_from_db()
    assert (rep.role, rep.municipality) == ("finance_officer", cast.municipality_x)
    event = AuditEvent.objects.get(action="user_changed")
    assert event.details == {"changes": {
        "name": ["rep.a", "Representant A"], "role": ["representative", "finance_officer"],
        "municipality": ["", "Rana"], "person": ["Representant A", ""]}}
    assert rep.history.first().history_user == cast.users["secretariat"]
    # The representative's pages are gone, the finance officer's are there.
    client = Client()
    client.force_login(rep)
    assert client.get(reverse("members:organisation", args=[cast.municipality_x.pk])
                      ).status_code == 200


def test_deactivation_ends_the_sessions_at_once(cast, secretariat_client):
    rep_client = cast.client("rep_a")
    assert rep_client.get(reverse("start")).status_code == 200
    rep = cast.users["rep_a"]
    response = secretariat_client.post(reverse("members:user_deactivate", args=[rep.pk]))
    assert response.status_code == 302
    assert rep_client.get(reverse("start"))["Location"].startswith(reverse("account_login"))
    refused = Client().post(reverse("account_login"), {"login": rep.email, "password": PASSWORD})
    assert refused.status_code != 302 or refused["Location"] != reverse("start")
    secretariat_client.post(reverse("members:user_reactivate", args=[rep.pk]))
    assert Client().post(reverse("account_login"), {"login": rep.email, "password": PASSWORD}
                         )["Location"] == reverse("start")
    assert audit_actions() == ["user_deactivated", "user_reactivated"]


def test_nobody_deactivates_their_own_account(cast, secretariat_client):
    me = cast.users["secretariat"]
    secretariat_client.post(reverse("members:user_deactivate", args=[me.pk]))
    me.refresh_from_db()
    assert me.is_active
    assert audit_actions() == []


def test_a_colleague_resets_a_lost_second_factor(cast, make_user, secretariat_client):
    colleague = make_user("kollega@example.org", User.Role.SECRETARIAT)
    colleague_client = Client()
    colleague_client.force_login(colleague)
    assert colleague_client.get(reverse("start")).status_code == 200
    secretariat_client.post(reverse("members:user_reset_second_factor", args=[colleague.pk]))
    assert not Authenticator.objects.filter(user=colleague).exists()
    # Signed out (the lost phone's browser too); the next sign-in leads to a new one.
    assert colleague_client.get(reverse("start"))["Location"].startswith(
        reverse("account_login"))
    assert secretariat_client.get(reverse("start")).status_code == 200
    client = Client()
    client.post(reverse("account_login"), {"login": colleague.email, "password": PASSWORD})
    assert client.get(reverse("start"))["Location"] == reverse("mfa_activate_totp")
    event = AuditEvent.objects.get(action="mfa_reset")
    assert (event.actor, event.details) == (cast.users["secretariat"],
                                            {"removed": 2, "sessions_ended": 1})


@pytest.mark.parametrize("who", ["rep_a", "fin_x", "anonymous"])
def test_only_the_secretariat_changes_users(cast, who):
    client = Client(enforce_csrf_checks=True)
    if cast.users[who]:
        client.force_login(cast.users[who])
    client.get(reverse("home"))
    token = client.cookies.get("csrftoken") or client.cookies.get("__Host-csrftoken")
    data = {"csrfmiddlewaretoken": token.value} if token else {}
    target = cast.users["rep_b"]
    for name in ["user_deactivate", "user_reset_second_factor", "user_resend_invitation"]:
        response = client.post(reverse(f"members:{name}", args=[target.pk]), data)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login"))
    target.refresh_from_db()
    assert target.is_active
    assert audit_actions() == []


@pytest.mark.parametrize("extra", [1, 5])
def test_user_list_queries_do_not_grow_with_the_users(
        cast, make_user, secretariat_client, django_assert_num_queries, extra):
    for n in range(extra):
        make_user(f"bruker{n}@example.org", User.Role.SECRETARIAT)
    with django_assert_num_queries(5):
        response = secretariat_client.get(reverse("members:users"))
    # The cast's five and the extra ones, besides the menu's link and the invitation's.
    assert response.content.decode().count('href="/medlemmer/brukere/') == 5 + extra + 2
