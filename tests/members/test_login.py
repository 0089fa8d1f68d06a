"""Password login, its one rate limit (allauth's, settings.ACCOUNT_RATE_LIMITS), password
resets and logout (security review 2, findings 3 and 8)."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from common.models import AuditEvent, OutgoingMail
from tests.conftest import PASSWORD


def login(client, email, password, ip="192.0.2.10"):
    return client.post(reverse("account_login"), {"login": email, "password": password},
                       REMOTE_ADDR=ip)


def refused_as_throttled(response):
    return response.status_code == 200 and "For mange mislykkede forsøk" in (
        response.content.decode())


def test_login_by_email_lands_on_the_start_page(cast, client):
    response = login(client, "REP.A@example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    page = client.get(reverse("start")).content.decode()
    assert "Velkommen, rep.a" in page


def test_wrong_password_gets_a_message_next_to_the_form(cast, client):
    response = login(client, "rep.a@example.org", "wrong")
    assert response.status_code == 200
    assert "E-postadressen og/eller passordet du oppgav er feil" in response.content.decode()


def test_failures_lock_the_address_only_for_the_address_they_came_from(cast, settings):
    """A stranger cannot shut a named person out: after five failures from one client IP that
    IP may not try the address again (even with the right password), while the person signs in
    from anywhere else; and they get one notice by e-mail."""
    settings.LOGIN_PER_IP_AND_ADDRESS = "5/15m"
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,5/15m/key"}
    stranger, ip = Client(), "198.51.100.7"
    for _ in range(5):
        assert not refused_as_throttled(login(stranger, "rep.a@example.org", "guess", ip))
    assert refused_as_throttled(login(stranger, "rep.a@example.org", PASSWORD, ip))
    assert refused_as_throttled(login(stranger, "rep.a@example.org", "guess", ip))
    # The person, from their own office:
    assert login(Client(), "rep.a@example.org", PASSWORD, "192.0.2.10").status_code == 302
    # Another account from the stranger's address is not locked by this one.
    assert login(Client(), "rep.b@example.org", PASSWORD, "198.51.100.7").status_code == 302
    notices = OutgoingMail.objects.filter(
        subject="Passordinnlogging til kontoen din ble satt på pause")
    assert list(notices.values_list("recipient", flat=True)) == ["rep.a@example.org"]
    assert "198.51.100.7" in notices.get().body_text
    assert list(AuditEvent.objects.filter(action="lockout").values_list(
        "object_description", "ip_address")) == [
        (f"bruker {cast.users['rep_a'].pk}: rep.a <rep.a@example.org>", "198.51.100.7")]


def test_one_client_ip_is_slowed_down_across_addresses(cast, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,100/15m/key"}
    client = Client()
    for email in ["a@example.org", "b@example.org", "c@example.org"]:
        assert not refused_as_throttled(login(client, email, "guess", "203.0.113.5"))
    assert refused_as_throttled(login(client, "d@example.org", "guess", "203.0.113.5"))
    assert login(Client(), "rep.a@example.org", PASSWORD, "203.0.113.6").status_code == 302


def test_a_successful_login_does_not_use_up_the_limit(cast, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,2/15m/key"}
    for _ in range(4):
        client = Client()
        assert login(client, "rep.a@example.org", PASSWORD).status_code == 302


def reset(client, email, ip="192.0.2.10"):
    return client.post(reverse("account_reset_password"), {"email": email}, REMOTE_ADDR=ip)


def test_forgotten_password_is_reset_by_email_sent_in_the_background(
        cast, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as sending:
        response = reset(client, "rep.a@example.org")
    assert response["Location"] == reverse("account_reset_password_done")
    row = OutgoingMail.objects.get()
    assert (row.recipient, row.subject, row.state) == (
        "rep.a@example.org", "Velg nytt passord", "queued")
    assert mail.outbox == []  # not sent while the page answers
    for callback in sending:
        callback()
    assert OutgoingMail.objects.get().state == "sent"
    assert mail.outbox[0].to == ["rep.a@example.org"]
    link = re.search(r"https://hf\.example(/konto/passord/ny/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"password1": "a new long passphrase 42",
                                      "password2": "a new long passphrase 42"})
    assert response.status_code == 302
    assert login(Client(), "rep.a@example.org", "a new long passphrase 42").status_code == 302


def test_known_and_unknown_addresses_get_the_same_answer(cast):
    known = reset(Client(), "rep.a@example.org")
    unknown = reset(Client(), "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert list(OutgoingMail.objects.values_list("recipient", flat=True)) == [
        "rep.a@example.org"]


def test_password_resets_are_limited_per_address_and_per_ip(cast, settings):
    """Security review 2, finding 8: six reset e-mails reached one user within a second."""
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "4/h/ip,2/h/key"}
    answers = [reset(Client(), "rep.a@example.org", f"192.0.2.{n}").status_code
               for n in range(1, 7)]
    assert answers == [302, 302, 429, 429, 429, 429]
    # The same answer for an unknown address that is asked for too often.
    unknown = [reset(Client(), "nobody@example.org", f"192.0.2.{n}").status_code
               for n in range(1, 4)]
    assert unknown == [302, 302, 429]
    # One client IP cannot send to many addresses either.
    per_ip = [reset(Client(), f"x{n}@example.org", "198.51.100.9").status_code
              for n in range(6)]
    assert per_ip == [302, 302, 302, 302, 429, 429]
    assert OutgoingMail.objects.filter(recipient="rep.a@example.org").count() == 2


def test_logout_ends_the_session(cast):
    client = cast.client("rep_a")
    client.post(reverse("account_logout"))
    assert client.get(reverse("start"))["Location"].startswith(reverse("account_login"))


def test_nobody_signs_up(cast, client):
    response = client.post(reverse("account_signup"), {
        "email": "new@example.org", "password1": "a long passphrase 42",
        "password2": "a long passphrase 42"})
    assert "new@example.org" not in str(list(
        cast.users["rep_a"].__class__.objects.values_list("email", flat=True)))
    assert response.status_code == 200
