"""Public pages, no login: bodies, meeting calendar, each meeting's agenda and published
minutes with its public attachments, and a search over published cases and decisions.
Screened attachments and unpublished minutes never appear (R-SSU-11, R-PM-6, R-PM-7)."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import snapshot
from .access import get_public_meeting, public_meetings
from .holding_forms import SearchForm
from .models import Attachment, Body, Case, Minutes

SEARCH_LIMIT = 50


def published_cases():
    """Cases of public meetings whose minutes are published."""
    published = Minutes.objects.published().filter(meeting=OuterRef("meeting"))
    return (Case.objects.filter(status=Case.Status.PLACED, meeting__in=public_meetings())
            .filter(Exists(published)))


def body_list(request):
    bodies = Body.objects.filter(is_public=True).order_by("kind", "name")
    return render(request, "meetings/public/bodies.html", {"bodies": bodies})


def calendar(request):
    today = timezone.localdate()
    meetings = list(public_meetings().order_by("-starts_at").annotate(
        has_minutes=Exists(Minutes.objects.published().filter(meeting=OuterRef("pk")))))
    return render(request, "meetings/public/calendar.html", {
        "upcoming": [m for m in reversed(meetings) if m.date >= today],
        "past": [m for m in meetings if m.date < today]})


def meeting_detail(request, pk):
    """The agenda, and the published minutes: the current version, or the one ?versjon=
    names. Published minutes are read from their stored content, agenda included, so what
    was published reads the same ever after (R-REC-1, R-SSU-11)."""
    meeting = get_public_meeting(pk)
    versions = list(Minutes.objects.published().filter(meeting=meeting).order_by("version"))
    number = request.GET.get("versjon", "")
    shown = versions[-1] if versions else None
    if number:
        shown = next((v for v in versions if str(v.version) == number), None)
        if shown is None:
            raise Http404
    context = {"meeting": meeting, "minutes": shown, "versions": versions,
               "current": versions[-1] if versions else None}
    if shown is not None:
        context["content"] = context["about"] = snapshot.readable(shown.content, public=True)
        context["agenda"] = context["content"].cases
    else:
        context["about"] = meeting
        context["agenda"] = [
            {"number": case.label, "title": case.title,
             "attachments": [{"id": a.pk, "title": a.title} for a in case.attachments.all()]}
            for case in meeting.cases.on_agenda().exclude(status=Case.Status.WITHDRAWN)
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.filter(
                screened=False).order_by("created", "pk")))]
    return render(request, "meetings/public/meeting.html", context)


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
