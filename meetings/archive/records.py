"""What goes into an extraction package: per body, the year's meetings whose notice went out,
each with the notice, its cases with their papers and attachments, their decisions and the
approved minutes, and the stored PDF/A of each document. An uploaded attachment goes in as it
was uploaded, labelled as its production format; a picture also as PDF/A, converted here. A
Word, spreadsheet or OpenDocument file, or a PDF of unknown make, gets no archival variant: the
product cannot make PDF/A of it and does not claim to. Screening is carried with it."""

import hashlib
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch

from common.documents import document, render_now
from common.models import StoredPdf
from common.pdf import STATIC_BASE, html_to_pdf, render_html

from .. import snapshot
from ..documents import case_filename
from ..minutes import current_minutes
from ..models import Attachment, Body, Case, Decision, Meeting, Minutes

# Stable identifiers: the same record has the same systemID in every package.
NAMESPACE = uuid.UUID("4f1d3c5e-8a59-4b5e-9f57-0d6c2b1f6a11")
# Noark 5 variantformat: what the product renders is archival PDF/A (common.pdf); an upload is
# kept as it came.
ARCHIVAL = "Arkivformat"
PRODUCTION = "Produksjonsformat"
PDF_A = "PDF/A-2a"


def system_id(kind, pk):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


@dataclass
class DocumentFile:
    """One file of the package under DOKUMENT/, with its checksum."""

    name: str
    data: bytes = field(repr=False)
    format: str
    mime_type: str
    variant: str = ARCHIVAL
    # The production format this archival file was converted from, if it was.
    converted_from: str = ""

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
    """The stored PDF/A of a document, made now if it never was or its content changed since
    (render_now renders only then): the archive gets what the records say."""
    render_now(kind, pk)
    stored = StoredPdf.objects.filter(kind=kind, object_id=pk).exclude(file="").first()
    if stored is None:
        return None
    with stored.file.open("rb") as handle:
        return DocumentFile(f"{system_id(kind, pk)}.pdf", handle.read(), PDF_A,
                            "application/pdf")


def attachment_files(attachment):
    """The uploaded file in its production format (even an uploaded PDF is not known to be
    PDF/A), and for a picture its archival variant."""
    with attachment.file.open("rb") as handle:
        data = handle.read()
    extension = attachment.original_name.rsplit(".", 1)[-1].lower()
    uploaded = DocumentFile(f"{system_id('attachment', attachment.pk)}.{extension}", data,
                            extension.upper(), attachment.content_type, PRODUCTION)
    if not attachment.content_type.startswith("image/"):
        return [uploaded]
    # The picture alone on a page, fitted: nothing added to what was uploaded.
    html = render_html("meetings/pdf/picture.html", {
        "title": attachment.title, "src": f"{STATIC_BASE}media/{attachment.file.name}"})
    return [uploaded, DocumentFile(f"{system_id('attachment:pdfa', attachment.pk)}.pdf",
                                   html_to_pdf(html), PDF_A, "application/pdf",
                                   converted_from=uploaded.format)]


def notice_file(meeting):
    return _stored_pdf("meetings.notice", meeting.pk)


def case_file(case):
    return _stored_pdf("meetings.case", case.pk)


def minutes_file(minutes):
    return _stored_pdf("meetings.minutes", minutes.pk)


def decision_file(decision):
    return _stored_pdf("meetings.decision", decision.pk)


@document("meetings.decision")
def decision_extract(pk):
    """A case's decision as the approved minutes record it (møtebokutskrift), so that the
    archived decision reads as approved; while no version is approved, as recorded today."""
    decision = Decision.objects.select_related("case__meeting__body").get(pk=pk)
    case = decision.case
    minutes = archived_minutes(case.meeting)
    entry = _entry(minutes.content, case) if minutes is not None else None
    if entry is None:
        minutes, entry = None, _entry(snapshot.capture(case.meeting), case)
    return "meetings/pdf/decision.html", {
        "minutes": minutes, "content": entry[0], "case": entry[1],
    }, f"vedtak-{case_filename(case)}"


def _entry(content, case):
    """(the minutes' reading, the case's entry in it), or None if the case is not in them."""
    reading = snapshot.readable(content)
    found = next((entry for entry in reading.cases if entry.id == case.pk), None)
    return (reading, found) if found is not None else None


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
