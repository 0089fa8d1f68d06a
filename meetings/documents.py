"""The notice with agenda and each case's papers as stored PDFs (common.documents)."""

from django.db.models import Prefetch
from django.utils import timezone

from common.documents import document

from .agenda import chairs_on
from .models import Attachment, Body, Case, Meeting, Seat


def agenda(meeting):
    """The meeting's cases in agenda order with their attachments, for page, PDF and e-mail."""
    return list(meeting.cases.order_by("position", "pk").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("created", "pk"))))


def participants(meeting):
    seats = (Seat.objects.current(meeting.date).filter(body=meeting.body)
             .select_related("holder", "holder__organisation", "deputy_for__holder"))
    return sorted(seats, key=Seat.sort_key)


def programme_by(meeting):
    """For a dialogue meeting, the SSU responsible for its programme and notice, with its
    chair on the day (R-DM-3): a dict for the notice, or None."""
    if meeting.body.kind != Body.Kind.DIALOGUE:
        return None
    ssu = Body.objects.filter(kind=Body.Kind.SSU).order_by("pk").first()
    if ssu is None:
        return None
    chairs = chairs_on(ssu, meeting.date)
    return {"body": ssu, "chair": chairs[0] if chairs else None}


def notice_filename(meeting):
    local = timezone.localtime(meeting.starts_at)
    return f"innkalling-{meeting.body.short_name or meeting.body.pk}-{local:%Y-%m-%d}.pdf"


def case_filename(case):
    return f"sak-{case.number}-{case.year}.pdf" if case.number else f"sak-{case.pk}.pdf"


@document("meetings.notice")
def notice(pk):
    meeting = Meeting.objects.select_related("body").get(pk=pk)
    return "meetings/pdf/notice.html", {
        "meeting": meeting, "cases": agenda(meeting), "seats": participants(meeting),
        "programme_by": programme_by(meeting),
    }, notice_filename(meeting)


@document("meetings.case")
def case_papers(pk):
    case = Case.objects.select_related("body", "meeting").get(pk=pk)
    return "meetings/pdf/case.html", {
        "case": case, "attachments": list(case.attachments.order_by("created", "pk")),
    }, case_filename(case)
