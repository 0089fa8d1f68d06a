"""Outgoing e-mail as rows that a Celery task sends (CONVENTIONS.md, Background work).

queue_mail() renders the subject, text and HTML body from templates and stores one row per
recipient. A recipient who already has a row for the same purpose is skipped, so a notice
sent twice reaches everyone once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .dispatch import enqueue
from .models import OutgoingMail


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


def queue_mail(*, topic, purpose, recipients, template, context, attachments=()):
    """Queue `template` (<template>_subject.txt, .txt, .html) to each recipient once.

    Returns the rows created now. Rows that already exist for this purpose are not sent again,
    except those that failed for good, which are queued for another round of tries.
    """
    addresses = [r.email.lower() for r in recipients]
    existing = OutgoingMail.objects.filter(purpose=purpose, recipient__in=addresses)
    already = set(existing.values_list("recipient", flat=True))
    # A recipient whose e-mail failed for good never got it: queuing again retries them.
    retry = list(existing.filter(state=OutgoingMail.State.FAILED).values_list("pk", flat=True))
    OutgoingMail.objects.filter(pk__in=retry).update(
        state=OutgoingMail.State.QUEUED, attempts=0, next_attempt_at=timezone.now())
    created, seen = [], set(already)
    with translation.override(settings.LANGUAGE_CODE):
        for recipient in recipients:
            email = recipient.email.lower()
            if not email or email in seen:
                continue
            seen.add(email)
            values = {**context, "recipient": recipient}
            created.append(OutgoingMail(
                topic=topic, purpose=purpose, recipient=email, recipient_name=recipient.name,
                subject=" ".join(render_to_string(f"{template}_subject.txt", values).split()),
                body_text=render_to_string(f"{template}.txt", values),
                body_html=render_to_string(f"{template}.html", values),
                attachments=[{"filename": a.filename, "content": a.content,
                              "mimetype": a.mimetype} for a in attachments],
            ))
    rows = OutgoingMail.objects.bulk_create(created)
    pks = retry + list(OutgoingMail.objects.filter(
        purpose=purpose, recipient__in=[row.recipient for row in rows]).values_list("pk",
                                                                                   flat=True))
    transaction.on_commit(lambda: _dispatch(pks))
    return rows


def _dispatch(pks):
    from .tasks import send_mail

    for pk in pks:
        enqueue(send_mail, pk)


def build_message(row):
    message = EmailMultiAlternatives(
        subject=row.subject, body=row.body_text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[f"{row.recipient_name} <{row.recipient}>" if row.recipient_name else row.recipient],
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    for item in row.attachments:
        message.attach(item["filename"], item["content"], item["mimetype"])
    return message
