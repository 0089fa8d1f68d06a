import datetime
import smtplib

from celery import shared_task
from django.db.models import F
from django.utils import timezone


@shared_task(acks_late=True)
def render_pdf(kind, pk):
    from .documents import render_now

    return render_now(kind, pk)


MAIL_MAX_RETRIES = 4
MAIL_RETRY_BASE_SECONDS = 60


@shared_task(bind=True, acks_late=True, max_retries=MAIL_MAX_RETRIES)
def send_mail(self, pk):
    """Send one queued e-mail. Safe to run twice: a row is claimed before it is sent."""
    from .mail import build_message
    from .models import OutgoingMail

    claimed = OutgoingMail.objects.filter(pk=pk, state=OutgoingMail.State.QUEUED).update(
        state=OutgoingMail.State.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return False  # Sent, failed for good, or claimed by another worker already.
    row = OutgoingMail.objects.get(pk=pk)
    try:
        build_message(row).send()
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        last_try = self.request.retries >= self.max_retries
        OutgoingMail.objects.filter(pk=pk).update(
            state=OutgoingMail.State.FAILED if last_try else OutgoingMail.State.QUEUED,
            last_error=error)
        if last_try:
            return False
        # Transient SMTP trouble: wait 1, 2, 4, 8 minutes before the next try.
        raise self.retry(countdown=MAIL_RETRY_BASE_SECONDS * 2 ** self.request.retries) from exc
    except Exception as exc:  # noqa: BLE001 - not transient: retrying would not help
        OutgoingMail.objects.filter(pk=pk).update(state=OutgoingMail.State.FAILED,
                                                  last_error=f"{type(exc).__name__}: {exc}")
        return False
    OutgoingMail.objects.filter(pk=pk).update(state=OutgoingMail.State.SENT,
                                              sent_at=timezone.now(), last_error="")
    return True


REDISPATCH_AFTER = datetime.timedelta(minutes=1)


@shared_task
def redispatch_queued():
    """Publish again the work whose first publishing may have been lost (broker down).

    Runs every minute from beat. Only e-mails never tried and PDFs still pending, older than a
    minute, are sent again: send_mail and render_pdf claim their work, so a duplicate is harmless.
    """
    from .dispatch import enqueue
    from .models import OutgoingMail, StoredPdf

    before = timezone.now() - REDISPATCH_AFTER
    mails = list(OutgoingMail.objects.filter(state=OutgoingMail.State.QUEUED, attempts=0,
                                        created__lt=before).values_list("pk", flat=True))
    pdfs = list(StoredPdf.objects.filter(state=StoredPdf.State.PENDING,
                                    requested_at__lt=before).values_list("kind", "object_id"))
    for pk in mails:
        enqueue(send_mail, pk)
    for kind, pk in pdfs:
        enqueue(render_pdf, kind, pk)
    return len(mails) + len(pdfs)
