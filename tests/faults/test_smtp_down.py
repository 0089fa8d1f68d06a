"""With the SMTP server failing, sends are retried with backoff, then shown as failed; none lost."""

import pytest
from celery.signals import task_retry
from django.urls import reverse

from common.models import OutgoingMail
from common.tasks import MAIL_MAX_RETRIES, send_mail
from meetings.models import Seat
from tests.meetings.factories import at, make_body, make_meeting, make_seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def countdowns(monkeypatch):
    """The countdowns of send_mail's retries, per e-mail, in the order they were asked for."""
    # In-process tasks run a retry at once, as a worker would after the countdown, but only
    # when the Retry is not propagated to the caller as an error.
    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)
    recorded = {}

    def record(sender, request, reason, **kwargs):
        recorded.setdefault(request.args[0], []).append(reason.when)

    task_retry.connect(record, sender=send_mail, weak=False)
    yield recorded
    task_retry.disconnect(record, sender=send_mail)


def test_failing_smtp_is_retried_with_backoff_shown_failed_and_sent_once_later(
        cast, smtp_server, countdowns, django_capture_on_commit_callbacks):
    body = make_body("ssu", "SSU Helgeland")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2027, 3, 10))
    client = cast.client("secretariat")
    notice_send = reverse("meetings:notice_send", args=[meeting.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(notice_send).status_code == 302

    rows = OutgoingMail.objects.filter(topic=meeting.mail_topic)
    assert countdowns == {pk: [60, 120, 240, 480] for pk in rows.values_list("pk", flat=True)}
    assert sorted(rows.values_list("recipient", "state", "attempts")) == [
        ("a@example.org", "failed", MAIL_MAX_RETRIES + 1),
        ("sek@example.org", "failed", MAIL_MAX_RETRIES + 1)]
    error = "SMTPConnectError: (421, b'4.3.2 Service not available, try again later')"
    assert set(rows.values_list("last_error", flat=True)) == {error}
    assert all(row.subject.startswith("Innkalling: SSU Helgeland") and "10. mars 2027"
               in row.body_text for row in rows)
    page = client.get(reverse("meetings:notice", args=[meeting.pk])).content.decode()
    assert page.count("4.3.2 Service not available, try again later") == 2
    assert page.count("<td>Feilet</td>") == 2
    assert smtp_server.received == []

    smtp_server.healthy = True
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(notice_send).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(notice_send).status_code == 302
    assert sorted(rcpt for _sender, (rcpt,), _data in smtp_server.received) == [
        "a@example.org", "sek@example.org"]
    assert all("Innkalling: SSU Helgeland" in data for _s, _r, data in smtp_server.received)
    assert set(rows.values_list("state", "last_error")) == {("sent", "")}
    assert [len(tries) for tries in countdowns.values()] == [4, 4]
