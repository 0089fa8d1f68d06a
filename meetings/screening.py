"""What the public may see of a case (R-PUB-1): the one place that decides.

A case's title, papers and decision text, and each attachment, may be screened with a legal
basis from `LegalBasis`. Public pages, search, feeds, the OParl API, public PDFs and the
archive's public fields all read a case through `public_case()` and an attachment through
`public_attachment()`, so what is screened is left out of every one of them, and what is not
screened stays public: a screened attachment does not hide its case.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.documents import request_pdf
from common.history import delete_by, save_by

from . import identity_numbers
from .models import ACCESS_CODES, Attachment, LegalBasis, Screening

SCREENED_ATTACHMENT = gettext_lazy("Screened document")


def _basis(legal_basis):
    if legal_basis not in LegalBasis.values:
        raise ValidationError({"legal_basis": _("Choose the legal basis from the list.")})
    return LegalBasis(legal_basis)


def papers_changed(case):
    """The case's papers, public or not, changed: its PDFs are made again."""
    request_pdf("meetings.case", case.pk)
    request_pdf("meetings.public_case", case.pk)
    if case.meeting_id:
        request_pdf("meetings.notice", case.meeting_id)


@transaction.atomic
def screen_case(case, *, part, legal_basis, public_title="", acting_user):
    """Screen one part of a case (title, papers or decision text) with its legal basis; a
    screened title needs the public title that replaces it (R-PUB-1)."""
    basis = _basis(legal_basis)
    public_title = public_title.strip()
    if part == Screening.Part.TITLE:
        if not public_title:
            raise ValidationError({"public_title": _(
                "Give the title as the public may see it, with the screened words replaced.")})
        if public_title == case.title:
            raise ValidationError({"public_title": _(
                "The public title is the same as the title: replace the screened words.")})
    else:
        public_title = ""
    screening = Screening.objects.filter(case=case, part=part).first() or Screening(
        case=case, part=part)
    screening.legal_basis, screening.access_code = basis.value, ACCESS_CODES[basis]
    screening.public_title = public_title
    save_by(screening, acting_user)
    papers_changed(case)
    return screening


@transaction.atomic
def lift_case_screening(case, *, part, acting_user):
    """Make a screened part public again; its history keeps that it was screened."""
    for screening in Screening.objects.filter(case=case, part=part):
        delete_by(screening, acting_user)
    identity_numbers.refuse_in_case(case)
    papers_changed(case)


def attachment_screening(*, screened, legal_basis, public_title=""):
    """The stored screening fields of an attachment, checked (R-PUB-1)."""
    if not screened:
        return {"screened": False, "legal_basis": "", "access_code": "", "public_title": ""}
    if not legal_basis:
        raise ValidationError({"legal_basis": _("A screened attachment needs its legal basis.")})
    basis = _basis(legal_basis)
    return {"screened": True, "legal_basis": basis.value, "access_code": ACCESS_CODES[basis],
            "public_title": public_title.strip()}


@transaction.atomic
def screen_attachment(attachment, *, screened, legal_basis="", public_title="", acting_user):
    """Screen an attachment with its legal basis, or make it public again."""
    fields = attachment_screening(screened=screened, legal_basis=legal_basis,
                                  public_title=public_title)
    for name, value in fields.items():
        setattr(attachment, name, value)
    save_by(attachment, acting_user)
    identity_numbers.refuse_in_case(attachment.case)
    papers_changed(attachment.case)
    return attachment


@dataclass(frozen=True)
class PublicAttachment:
    pk: int
    title: str
    screened: bool
    legal_basis: str
    access_code: str
    attachment: Attachment = field(repr=False)

    @property
    def id(self):
        return self.pk

    @property
    def downloadable(self):
        return not self.screened


def public_attachment(attachment):
    """A screened attachment shows only its public title and legal basis, never its file."""
    if attachment.screened:
        return PublicAttachment(attachment.pk, attachment.public_title or str(SCREENED_ATTACHMENT),
                                True, attachment.legal_basis, attachment.access_code, attachment)
    return PublicAttachment(attachment.pk, attachment.title, False, "", "", attachment)


@dataclass(frozen=True)
class PublicDecision:
    mode: str
    mode_display: str
    text: str
    minutes_text: str
    screened_by: str
    source: object = field(repr=False)

    def get_mode_display(self):
        return self.mode_display

    @property
    def is_split(self):
        # Counted from the votes only where a page shows them (a prefetch serves it).
        return self.source.is_split


@dataclass(frozen=True)
class PublicCase:
    """What the public sees of a case. Screened parts are empty, with their legal basis in
    `screened` (part → legal basis) so pages can say why."""

    pk: int
    body: object
    meeting: object
    label: str
    case_number: int | None
    year: int | None
    position: int | None
    title: str
    presentation: str
    proposed_decision: str
    decision: PublicDecision | None
    attachments: list
    screened: dict
    case: object = field(repr=False)

    @property
    def id(self):
        return self.pk

    @property
    def number(self):
        return self.label

    @property
    def public_attachments(self):
        return [a for a in self.attachments if a.downloadable]


def _screenings(case):
    return {s.part: s for s in case.screenings.all()}


def public_case(case, decision=None):
    """The public view of a case. Reads `case.screenings.all()` and `case.attachments.all()`,
    so a queryset with `with_screening()` serves it without further queries. `decision` is
    the case's decision when the public may see it (once the minutes are published)."""
    screenings = _screenings(case)
    title_screening = screenings.get(Screening.Part.TITLE)
    papers_screened = Screening.Part.PAPERS in screenings
    decision_screening = screenings.get(Screening.Part.DECISION)
    public_decision = None
    if decision is not None:
        public_decision = PublicDecision(
            mode=decision.mode, mode_display=decision.get_mode_display(),
            text="" if decision_screening else decision.text,
            minutes_text="" if decision_screening else decision.minutes_text,
            screened_by=decision_screening.legal_basis if decision_screening else "",
            source=decision)
    return PublicCase(
        pk=case.pk, body=case.body, meeting=case.meeting, label=case.label,
        case_number=case.number, year=case.year, position=case.position,
        title=title_screening.public_title if title_screening else case.title,
        presentation="" if papers_screened else case.presentation,
        proposed_decision="" if papers_screened else case.proposed_decision,
        decision=public_decision,
        attachments=[public_attachment(a) for a in case.attachments.all()],
        screened={part: s.legal_basis for part, s in screenings.items()},
        case=case)


def with_screening(cases):
    """Prefetch what `public_case()` reads."""
    return cases.prefetch_related(
        "screenings",
        Prefetch("attachments", queryset=Attachment.objects.order_by("created", "pk")))


def _screened(part):
    return Exists(Screening.objects.filter(case=OuterRef("pk"), part=part))


def public_text_matches(word):
    """A filter on cases for a search word in their public text only: a screened title is
    searched by its public title, screened papers and decision texts not at all."""
    title = ((Q(title__icontains=word) & ~_screened(Screening.Part.TITLE))
             | Exists(Screening.objects.filter(case=OuterRef("pk"), part=Screening.Part.TITLE,
                                               public_title__icontains=word)))
    papers = ((Q(proposed_decision__icontains=word) | Q(presentation__icontains=word))
              & ~_screened(Screening.Part.PAPERS))
    decision = ((Q(decision__text__icontains=word) | Q(decision__minutes_text__icontains=word))
                & ~_screened(Screening.Part.DECISION))
    return title | papers | decision


def public_stored_cases(entries):
    """Cases as stored in minutes content (`snapshot.capture`), as the public may see them by
    today's screening: a screening made after the minutes were approved counts too."""
    ids = [entry["id"] for entry in entries]
    screened = {}
    # Only what is read below, and unordered: the default ordering joins the case.
    for found in Screening.objects.filter(case__in=ids).order_by().only("case_id", "part",
                                                                         "public_title"):
        screened.setdefault(found.case_id, {})[found.part] = found
    closed = set(Attachment.objects.filter(case__in=ids, screened=True).order_by()
                 .values_list("pk", flat=True))
    public = []
    for entry in entries:
        parts = screened.get(entry["id"], {})
        decision = entry["decision"]
        if decision is not None and Screening.Part.DECISION in parts:
            decision = {**decision, "text": "", "minutes_text": ""}
        public.append({
            **entry,
            "title": (parts[Screening.Part.TITLE].public_title
                      if Screening.Part.TITLE in parts else entry["title"]),
            "text": "" if Screening.Part.PAPERS in parts else entry["text"],
            "decision": decision,
            "attachments": [a for a in entry["attachments"]
                            if not a["screened"] and a["id"] not in closed]})
    return public
