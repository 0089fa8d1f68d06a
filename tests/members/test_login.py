import datetime

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import LoginThrottle
from tests.conftest import PASSWORD


def login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_login_by_email_lands_on_the_start_page(cast, client):
    response = login(client, "REP.A@example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    page = client.get(reverse("start")).content.decode()
    assert "Velkommen, rep.a" in page
    assert "Dine opplysninger" in page


def test_wrong_password_gets_a_message_next_to_the_form(cast, client):
    response = login(client, "rep.a@example.org", "wrong")
    assert response.status_code == 200
    assert "Vennligst oppgi korrekt e-post og passord" in response.content.decode()
    assert LoginThrottle.objects.get(email="rep.a@example.org").failures == 1


def test_repeated_failures_slow_down_then_lock_even_the_right_password(cast, client, settings):
    settings.LOGIN_SLOWDOWN_AFTER = 3
    settings.LOGIN_LOCK_AFTER = 5
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(3):
            login(client, "rep.a@example.org", "wrong")
        # The fourth try within two seconds is refused without checking the password.
        response = login(client, "rep.a@example.org", PASSWORD)
        assert "For mange mislykkede forsøk" in response.content.decode()
        traveller.shift(datetime.timedelta(seconds=3))
        login(client, "rep.a@example.org", "wrong")
        traveller.shift(datetime.timedelta(seconds=5))
        login(client, "rep.a@example.org", "wrong")  # fifth failure: locked
        traveller.shift(datetime.timedelta(minutes=5))
        response = login(client, "rep.a@example.org", PASSWORD)
        assert response.status_code == 200
        assert "For mange mislykkede forsøk" in response.content.decode()
        traveller.shift(datetime.timedelta(minutes=11))
        response = login(client, "rep.a@example.org", PASSWORD)
        assert response.status_code == 302
    assert not LoginThrottle.objects.filter(email="rep.a@example.org").exists()


def test_forgotten_password_is_reset_by_email(cast, client):
    client.post(reverse("password_reset"), {"email": "rep.a@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rep.a@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/passord/ny/" in line)
    response = client.get(link.strip(), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "a new long passphrase 42",
                                      "new_password2": "a new long passphrase 42"})
    assert response.status_code == 302
    assert login(client, "rep.a@example.org", "a new long passphrase 42").status_code == 302


def test_logout_ends_the_session(cast):
    client = cast.client("rep_a")
    client.post(reverse("logout"))
    assert client.get(reverse("start"))["Location"].startswith(reverse("login"))
