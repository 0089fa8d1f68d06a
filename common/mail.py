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
from django.utils import translation

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

    Returns the rows created now; rows that already existed for this purpose are left alone.
    """
    already = set(OutgoingMail.objects.filter(
        purpose=purpose, recipient__in=[r.email.lower() for r in recipients]
    ).values_list("recipient", flat=True))
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
    pks = [row.pk for row in OutgoingMail.objects.filter(
        purpose=purpose, recipient__in=[row.recipient for row in rows])]
    transaction.on_commit(lambda: _dispatch(pks))
    return rows


def _dispatch(pks):
    from .tasks import send_mail

    for pk in pks:
        send_mail.delay(pk)


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
