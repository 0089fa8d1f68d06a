"""No national identity number on the internet (R-PUB-2, offentlegforskrifta § 7).

Before anything becomes public, its public text (as `screening.public_case` gives it) and its
public files are searched for a valid fødselsnummer or D-number: eleven digits whose two
control digits are right (python-stdnum), so that ordinary numbers do not trip it. Publishing
is refused, naming where each was found, until it is removed or that part is screened.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from stdnum.no import fodselsnummer

from . import screening
from .models import Attachment, Case, Meeting

# Six digits of birth date and five more, written together or with a space after the date.
CANDIDATE = re.compile(r"(?<!\d)(\d{6})[ \u00a0]?(\d{5})(?!\d)")
OFFICE_TEXT = re.compile(r"(word/document|xl/sharedStrings|content)\.xml$")


def identity_numbers(text):
    """The valid national identity numbers in `text`, as written."""
    return [match.group(0) for match in CANDIDATE.finditer(text or "")
            if fodselsnummer.is_valid(match.group(1) + match.group(2))]


def file_text(data, content_type):
    """The text of a PDF or an office document; images have none that can be read."""
    if content_type == "application/pdf":
        try:
            pages = PdfReader(io.BytesIO(data)).pages
            return "\n".join(page.extract_text() or "" for page in pages)
        except (PdfReadError, ValueError):
            return ""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                # Word, Excel and ODF keep text in XML where runs split words: tags become "".
                return " ".join(strip_tags(archive.read(name).decode("utf-8", "replace"))
                                for name in archive.namelist() if OFFICE_TEXT.search(name))
        except zipfile.BadZipFile:
            return ""
    return ""


@dataclass(frozen=True)
class Finding:
    where: str

    def __str__(self):
        return self.where


def _case_findings(public, *, with_decision):
    label = f"{public.label} {public.title}".strip()
    texts = [(_("title"), public.title), (_("case presentation"), strip_tags(public.presentation)),
             (_("proposed decision"), public.proposed_decision)]
    if with_decision and public.decision is not None:
        texts += [(_("decision"), public.decision.text),
                  (_("text in the minutes"), public.decision.minutes_text)]
    found = [Finding(f"{label}: {part}") for part, text in texts if identity_numbers(text)]
    for attachment in public.public_attachments:
        stored = attachment.attachment
        with stored.file.open("rb") as handle:
            text = file_text(handle.read(), stored.content_type)
        if identity_numbers(text):
            found.append(Finding(_("%(case)s: attachment «%(title)s»") % {
                "case": label, "title": attachment.title}))
    return found


def findings(cases, *, with_decision=False, extra=()):
    """Where a national identity number would become public: in the public view of each case
    of `cases` and in `extra`, (label, text) pairs such as the minutes' introduction."""
    found = [Finding(label) for label, text in extra if identity_numbers(text)]
    cases = screening.with_screening(cases.select_related("body", "meeting", "decision"))
    for case in cases:
        decision = getattr(case, "decision", None) if with_decision else None
        found += _case_findings(screening.public_case(case, decision), with_decision=with_decision)
    return found


def _refuse(found):
    if found:
        raise ValidationError(_(
            "Not published: a national identity number was found in %(places)s. Remove it or "
            "screen that part first.") % {"places": "; ".join(str(f) for f in found)})


def is_published(meeting_id):
    """Whether what is on the meeting's agenda is on the internet now (read afresh: the
    caller's copy may be older than the notice)."""
    return meeting_id is not None and Meeting.objects.public().filter(pk=meeting_id).exists()


def refuse_on_agenda(meeting):
    """Before the notice of a public meeting makes its agenda public (R-PUB-2)."""
    if meeting.is_public and meeting.body.is_public:
        _refuse(findings(_cases(meeting)))


def refuse_in_reading(reading):
    """Before minutes are published: their public reading (stored content with today's
    screening applied) and the public attachments it lists (R-PUB-2)."""
    found = [Finding(_("the minutes' introduction"))] if identity_numbers(
        reading.introduction) else []
    for entry in reading.cases:
        label = f"{entry.number} {entry.title}".strip()
        decision = entry.decision or {}
        for part, text in [(_("title"), entry.title),
                           (_("case presentation"), strip_tags(entry.text)),
                           (_("decision"), decision.get("text", "")),
                           (_("text in the minutes"), decision.get("minutes_text", ""))]:
            if identity_numbers(text):
                found.append(Finding(f"{label}: {part}"))
        ids = [a["id"] for a in entry.attachments]
        for attachment in Attachment.objects.filter(pk__in=ids, screened=False):
            with attachment.file.open("rb") as handle:
                text = file_text(handle.read(), attachment.content_type)
            if identity_numbers(text):
                found.append(Finding(_("%(case)s: attachment «%(title)s»") % {
                    "case": label, "title": attachment.title}))
    _refuse(found)


def refuse_in_case(case):
    """After a change to a case whose papers are public already (R-PUB-2); call inside the
    transaction of the change, so a refusal undoes it."""
    if is_published(case.meeting_id):
        _refuse(findings(Case.objects.filter(pk=case.pk)))


def refuse_in_upload(case, data, content_type, title):
    """Before a public attachment is stored on a case whose papers are public (R-PUB-2)."""
    if is_published(case.meeting_id) and identity_numbers(file_text(data, content_type)):
        _refuse([Finding(_("%(case)s: attachment «%(title)s»") % {
            "case": f"{case.label} {case.title}".strip(), "title": title})])


def _cases(meeting):
    return Case.objects.filter(meeting=meeting, status=Case.Status.PLACED).order_by(
        "position", "pk")
