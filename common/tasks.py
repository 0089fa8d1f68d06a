import datetime
import smtplib

from celery import shared_task
from django.db.models import F, Q
from django.utils import timezone


@shared_task(acks_late=True)
def render_pdf(kind, pk):
    from .documents import render_now

    return render_now(kind, pk)


MAIL_MAX_RETRIES = 4
MAIL_RETRY_BASE_SECONDS = 60
# A claim older than this belongs to a worker that died while sending: the e-mail is taken
# again. Far longer than a send may take (EMAIL_TIMEOUT per SMTP step), so a slow worker that
# is still alive is never overtaken.
MAIL_CLAIM_LEASE = datetime.timedelta(minutes=10)


def _claimable(now):
    from .models import OutgoingMail

    return (Q(state=OutgoingMail.State.QUEUED)
            | Q(state=OutgoingMail.State.SENDING, claimed_at__lt=now - MAIL_CLAIM_LEASE))


@shared_task(bind=True, acks_late=True, max_retries=None)
def send_mail(self, pk):
    """Send one queued e-mail. Safe to run twice: a row is claimed before it is sent.

    The row, not the Celery message, keeps count of the tries and when the next is due, so
    the beat task (redispatch_queued) can resume what a lost hand-over or a dead worker left.
    """
    from .mail import build_message
    from .models import OutgoingMail

    now = timezone.now()
    claimed = OutgoingMail.objects.filter(_claimable(now), pk=pk).update(
        state=OutgoingMail.State.SENDING, attempts=F("attempts") + 1, claimed_at=now)
    if not claimed:
        return False  # Sent, failed for good, or claimed by another worker already.
    row = OutgoingMail.objects.get(pk=pk)
    try:
        build_message(row).send()
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        last_try = row.attempts > MAIL_MAX_RETRIES
        # Transient SMTP trouble: wait 1, 2, 4, 8 minutes before the next try.
        countdown = MAIL_RETRY_BASE_SECONDS * 2 ** (row.attempts - 1)
        OutgoingMail.objects.filter(pk=pk).update(
            state=OutgoingMail.State.FAILED if last_try else OutgoingMail.State.QUEUED,
            last_error=error, claimed_at=None,
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=countdown))
        if last_try:
            return False
        # Should this hand-over fail, the row is due at next_attempt_at all the same.
        raise self.retry(countdown=countdown) from exc
    except Exception as exc:  # noqa: BLE001 - not transient: retrying would not help
        OutgoingMail.objects.filter(pk=pk).update(state=OutgoingMail.State.FAILED,
                                                  claimed_at=None,
                                                  last_error=f"{type(exc).__name__}: {exc}")
        return False
    OutgoingMail.objects.filter(pk=pk).update(state=OutgoingMail.State.SENT, claimed_at=None,
                                              sent_at=timezone.now(), last_error="")
    return True


REDISPATCH_AFTER = datetime.timedelta(minutes=1)


@shared_task
def redispatch_queued():
    """Publish again the work whose publishing or worker may have been lost.

    Runs every minute from beat: e-mails due for a try for over a minute, whatever their
    number of tries so far (a first hand-over or a retry's that the broker refused), e-mails
    whose worker died while sending (claim older than its lease), and PDFs still pending after
    a minute. send_mail and render_pdf claim their work, so a duplicate is harmless.
    """
    from .dispatch import enqueue
    from .models import OutgoingMail, StoredPdf

    now = timezone.now()
    before = now - REDISPATCH_AFTER
    mails = list(OutgoingMail.objects.filter(
        Q(state=OutgoingMail.State.QUEUED, next_attempt_at__lt=before)
        | Q(state=OutgoingMail.State.SENDING, claimed_at__lt=now - MAIL_CLAIM_LEASE),
    ).values_list("pk", flat=True))
    pdfs = list(StoredPdf.objects.filter(state=StoredPdf.State.PENDING,
                                    requested_at__lt=before).values_list("kind", "object_id"))
    for pk in mails:
        enqueue(send_mail, pk)
    for kind, pk in pdfs:
        enqueue(render_pdf, kind, pk)
    return len(mails) + len(pdfs)
