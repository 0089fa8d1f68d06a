"""Public pages, no login: bodies, meeting calendar, each meeting's agenda and published
minutes with its public attachments, and a search over published cases and decisions.
Screened attachments and unpublished minutes never appear (R-SSU-11, R-PM-6, R-PM-7)."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from common.pagecache import cached_page

from . import minutes as minutes_service
from .holding_forms import SearchForm
from .models import Attachment, Body, Case, Meeting, Minutes

SEARCH_LIMIT = 50


def public_meetings():
    """Meetings open to the public (Meeting.objects.public), with their bodies."""
    return Meeting.objects.public().select_related("body")


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


@cached_page
def meeting_detail(request, pk):
    meeting = get_object_or_404(public_meetings(), pk=pk)
    published = (Minutes.objects.published().filter(meeting=meeting)
                 .order_by("-version").first())
    cases = list(meeting.cases.on_agenda().exclude(status=Case.Status.WITHDRAWN)
                 .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.filter(
                     screened=False).order_by("created", "pk"))))
    return render(request, "meetings/public/meeting.html", {
        "meeting": meeting, "cases": cases, "minutes": published,
        "content": minutes_service.build(meeting, public=True) if published else None})


def search(request):
    """GET ?q=&body=&year=; bad values give a message next to the field."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        cases = published_cases().select_related("body", "meeting", "decision")
        if data["q"]:
            words = data["q"].split()
            for word in words:
                cases = cases.filter(Q(title__icontains=word)
                                     | Q(proposed_decision__icontains=word)
                                     | Q(decision__text__icontains=word)
                                     | Q(decision__minutes_text__icontains=word))
        if data["body"]:
            cases = cases.filter(body=data["body"])
        if data["year"]:
            cases = cases.filter(year=data["year"])
        results = list(cases.order_by("-year", "-number")[:SEARCH_LIMIT])
    return render(request, "meetings/public/search.html", {
        "form": form, "results": results, "limit": SEARCH_LIMIT})
