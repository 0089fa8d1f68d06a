import pytest
from django.core import mail

from common.mail import Attachment, Recipient, queue_mail
from common.models import OutgoingMail
from common.tasks import MAIL_MAX_RETRIES, send_mail

RECIPIENTS = [Recipient("kari@example.org", "Kari"), Recipient("Ola@Example.org", "Ola")]


def _queue(purpose="test:1", recipients=RECIPIENTS):
    return queue_mail(topic="test", purpose=purpose, recipients=recipients,
                      template="tests/mail", context={"text": "møte"},
                      attachments=[Attachment("mote.ics", "BEGIN:VCALENDAR", "text/calendar")])


@pytest.mark.django_db
def test_queued_mail_is_sent_with_text_html_and_attachment(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _queue()
    assert sorted(m.to[0] for m in mail.outbox) == ["Kari <kari@example.org>",
                                                    "Ola <ola@example.org>"]
    message = next(m for m in mail.outbox if "kari" in m.to[0])
    assert message.subject == "Hei Kari"
    assert message.body == "Tekst til Kari: møte\n"
    assert message.alternatives[0][0] == "<p>HTML til Kari: møte</p>\n"
    assert message.attachments[0][0] == "mote.ics"
    assert set(OutgoingMail.objects.values_list("state", "attempts")) == {("sent", 1)}


@pytest.mark.django_db
def test_queuing_the_same_purpose_twice_mails_each_recipient_once(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue()
    with django_capture_on_commit_callbacks(execute=True):
        second = _queue(recipients=[*RECIPIENTS, Recipient("ny@example.org", "Ny")])
    assert (len(first), len(second)) == (2, 1)
    assert len(mail.outbox) == 3
    assert OutgoingMail.objects.count() == 3


@pytest.mark.django_db
def test_sending_a_row_twice_sends_it_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = _queue(recipients=[RECIPIENTS[0]])[0]
    assert send_mail.delay(row.pk).get() is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failing_smtp_is_retried_then_shown_as_failed(settings, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingBackend"
    # In-process tasks run a retry at once, as a worker would after the countdown, but only
    # when the Retry is not propagated to the caller as an error.
    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)
    with django_capture_on_commit_callbacks(execute=True):
        _queue(recipients=[RECIPIENTS[0]])
    row = OutgoingMail.objects.get()
    assert row.state == OutgoingMail.State.FAILED
    assert row.attempts == MAIL_MAX_RETRIES + 1
    assert row.last_error == "SMTPException: 421 Service not available"
    assert row.sent_at is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_queuing_again_retries_a_failed_mail_but_not_a_sent_one(
        settings, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)
    with django_capture_on_commit_callbacks(execute=True):
        _queue(recipients=[RECIPIENTS[0]])
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _queue(recipients=RECIPIENTS)
    assert dict(OutgoingMail.objects.values_list("recipient", "state")) == {
        "kari@example.org": "sent", "ola@example.org": "failed"}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert _queue(recipients=RECIPIENTS) == []
    assert [m.to[0] for m in mail.outbox] == ["Kari <kari@example.org>", "Ola <ola@example.org>"]
    assert OutgoingMail.objects.get(recipient="ola@example.org").state == "sent"


@pytest.mark.django_db
def test_a_permanent_error_fails_at_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail_backends.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _queue(recipients=[RECIPIENTS[0]])
    row = OutgoingMail.objects.get()
    assert (row.state, row.attempts, row.last_error) == ("failed", 1,
                                                         "ValueError: Invalid address")
