"""What goes into an extraction package: per body, the year's meetings whose notice went out,
each with the notice, its cases with their papers and attachments, their decisions and the
approved minutes, and the stored PDF of each document. Screening is carried with it."""

import hashlib
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch

from common.documents import render_now
from common.models import StoredPdf

from ..minutes import current_minutes
from ..models import Attachment, Body, Case, Meeting, Minutes

# Stable identifiers: the same record has the same systemID in every package.
NAMESPACE = uuid.UUID("4f1d3c5e-8a59-4b5e-9f57-0d6c2b1f6a11")


def system_id(kind, pk):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


@dataclass
class DocumentFile:
    """One file of the package under DOKUMENT/, with its checksum."""

    name: str
    data: bytes = field(repr=False)
    format: str
    mime_type: str

    @property
    def path(self):
        return f"DOKUMENT/{self.name}"

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self):
        return len(self.data)


def _stored_pdf(kind, pk):
    """The stored PDF/A of a document, made now if it never was."""
    stored = StoredPdf.objects.filter(kind=kind, object_id=pk).exclude(file="").first()
    if stored is None:
        render_now(kind, pk)
        stored = StoredPdf.objects.filter(kind=kind, object_id=pk).exclude(file="").first()
    if stored is None:
        return None
    with stored.file.open("rb") as handle:
        return DocumentFile(f"{system_id(kind, pk)}.pdf", handle.read(), "PDF/A-2a",
                            "application/pdf")


def attachment_file(attachment):
    with attachment.file.open("rb") as handle:
        data = handle.read()
    extension = attachment.original_name.rsplit(".", 1)[-1].lower()
    return DocumentFile(f"{system_id('attachment', attachment.pk)}.{extension}", data,
                        extension.upper(), attachment.content_type)


def notice_file(meeting):
    return _stored_pdf("meetings.notice", meeting.pk)


def case_file(case):
    return _stored_pdf("meetings.case", case.pk)


def minutes_file(minutes):
    return _stored_pdf("meetings.minutes", minutes.pk)


def archived_minutes(meeting):
    """The approved version of the minutes, or None while there is none."""
    minutes = current_minutes(meeting)
    while minutes is not None and minutes.state != Minutes.State.APPROVED:
        minutes = meeting.minutes.filter(version__lt=minutes.version).order_by(
            "-version").first()
    return minutes


def meetings_of(body, year):
    """The body's meetings of the year whose notice went out, in date order, numbered."""
    cases = (Case.objects.filter(status=Case.Status.PLACED).select_related("decision")
             .prefetch_related("screenings", Prefetch(
                 "attachments", queryset=Attachment.objects.order_by("created", "pk")))
             .order_by("position", "pk"))
    return list(Meeting.objects.filter(body=body, starts_at__year=year,
                                       notice_sent_at__isnull=False)
                .exclude(status=Meeting.Status.CANCELLED).select_related("body")
                .prefetch_related(Prefetch("cases", queryset=cases, to_attr="archived_cases"),
                                  "attendances__seat__holder")
                .order_by("starts_at", "pk"))


def bodies_for(body=None):
    return [body] if body is not None else list(Body.objects.order_by("kind", "name"))
