"""Public pages, no login: bodies, meeting calendar, each meeting's agenda and published
minutes with its public attachments, and a search over published cases and decisions.
What is screened and unpublished minutes never appear (R-SSU-11, R-PM-6, R-PM-7, R-PUB-1)."""

from pathlib import Path

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from common.documents import request_pdf, stored_pdf_response
from common.models import StoredPdf
from common.pagecache import cached_page

from . import minutes as minutes_service
from . import screening
from .holding_forms import SearchForm
from .models import Body, Case, Meeting, Minutes

SEARCH_LIMIT = 50


def public_meetings():
    """Meetings open to the public whose notice has gone out (or that were held)."""
    return (Meeting.objects.active().filter(is_public=True, body__is_public=True,
                                            notice_sent_at__isnull=False)
            .select_related("body"))


def published_cases():
    """Cases of public meetings whose minutes are published."""
    published = Minutes.objects.published().filter(meeting=OuterRef("meeting"))
    return (Case.objects.filter(status=Case.Status.PLACED, meeting__in=public_meetings())
            .filter(Exists(published)))


@cached_page
def body_list(request):
    bodies = Body.objects.filter(is_public=True).order_by("kind", "name")
    return render(request, "meetings/public/bodies.html", {"bodies": bodies})


@cached_page
def calendar(request):
    today = timezone.localdate()
    meetings = list(public_meetings().order_by("-starts_at").annotate(
        has_minutes=Exists(Minutes.objects.published().filter(meeting=OuterRef("pk")))))
    return render(request, "meetings/public/calendar.html", {
        "upcoming": [m for m in reversed(meetings) if m.date >= today],
        "past": [m for m in meetings if m.date < today]})


def agenda(meeting, published):
    """The meeting's public agenda: each case as the public may see it (R-PUB-1), with its
    decision once the minutes are published."""
    cases = screening.with_screening(
        meeting.cases.on_agenda().exclude(status=Case.Status.WITHDRAWN)
        .select_related("body", "meeting", "decision"))
    return [screening.public_case(case, getattr(case, "decision", None) if published else None)
            for case in cases]


@cached_page
def meeting_detail(request, pk):
    meeting = get_object_or_404(public_meetings(), pk=pk)
    published = (Minutes.objects.published().filter(meeting=meeting)
                 .order_by("-version").first())
    return render(request, "meetings/public/meeting.html", {
        "meeting": meeting, "cases": agenda(meeting, published is not None),
        "minutes": published,
        "content": minutes_service.build(meeting, public=True) if published else None})


def search(request):
    """GET ?q=&body=&year=; bad values give a message next to the field. Searches the public
    text of the cases of published minutes (R-PUB-1)."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        cases = published_cases().select_related("body", "meeting", "decision")
        for word in data["q"].split():
            cases = cases.filter(screening.public_text_matches(word))
        if data["body"]:
            cases = cases.filter(body=data["body"])
        if data["year"]:
            cases = cases.filter(year=data["year"])
        found = screening.with_screening(cases.order_by("-year", "-number"))[:SEARCH_LIMIT]
        results = [screening.public_case(case, getattr(case, "decision", None))
                   for case in found]
    return render(request, "meetings/public/search.html", {
        "form": form, "results": results, "limit": SEARCH_LIMIT})


def _public_pdf(kind, pk):
    stored = StoredPdf.objects.filter(kind=kind, object_id=pk).exclude(file="").first()
    if stored is None:
        # Not made yet (papers from before public PDFs existed): made now for the next visitor.
        request_pdf(kind, pk)
        raise Http404
    return stored_pdf_response(kind, pk, Path(stored.file.name).name)


def case_pdf(request, pk):
    """A case's papers as the public may see them (R-PUB-1)."""
    case = get_object_or_404(Case.objects.filter(status=Case.Status.PLACED,
                                                 meeting__in=public_meetings()), pk=pk)
    return _public_pdf("meetings.public_case", case.pk)


def minutes_pdf(request, pk):
    """The published minutes as the public may see them (R-PUB-1)."""
    meeting = get_object_or_404(public_meetings(), pk=pk)
    minutes = get_object_or_404(Minutes.objects.published().filter(meeting=meeting)
                                .order_by("-version")[:1])
    return _public_pdf("meetings.public_minutes", minutes.pk)
