"""Public pages, no login: bodies, meeting calendar, each meeting's agenda and published
minutes with its public attachments, and a search over published cases and decisions.
What is screened and unpublished minutes never appear (R-SSU-11, R-PM-6, R-PM-7, R-PUB-1)."""

from pathlib import Path

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from common.documents import render_now, stored_file_response
from common.links import url_filler
from common.models import StoredPdf

from . import screening, snapshot
from .access import get_public_case, get_public_meeting, public_meetings
from .holding_forms import SearchForm
from .models import Body, Case, Minutes
from .public_site import public_page

SEARCH_LIMIT = 50


@public_page
def body_list(request):
    bodies = Body.objects.filter(is_public=True).order_by("kind", "name")
    return render(request, "meetings/public/bodies.html", {"bodies": bodies})


@public_page
def calendar(request):
    today = timezone.localdate()
    meetings = list(public_meetings().order_by("-starts_at").annotate(
        has_minutes=Exists(Minutes.objects.published().filter(meeting=OuterRef("pk")))))
    return render(request, "meetings/public/calendar.html", {
        "upcoming": [m for m in reversed(meetings) if m.date >= today],
        "past": [m for m in meetings if m.date < today]})


@public_page
def meeting_detail(request, pk):
    """The agenda, and the published minutes: the current version, or the one ?versjon=
    names. Published minutes are read from their stored content, agenda included, so what
    was published reads the same ever after (R-REC-1, R-SSU-11)."""
    meeting = get_public_meeting(pk)
    versions = list(Minutes.objects.published().filter(meeting=meeting)
                    .select_related("approved_in__meeting").only(*PAGE_MINUTES_FIELDS)
                    .order_by("version"))
    shown = _shown_version(request, versions)
    context = {"meeting": meeting, "minutes": shown, "versions": versions,
               "current": versions[-1] if versions else None}
    if shown is not None:
        context["content"] = context["about"] = snapshot.readable(shown.content, public=True)
        cases = context["content"].cases
    else:
        context["about"] = meeting
        cases = agenda(meeting)
    # Each case with the link to its papers, filled in without a reverse() per row.
    pdf_url = url_filler("meetings:public_case_pdf", 1)
    context["agenda"] = [(case, pdf_url(case.id)) for case in cases]
    return render(request, "meetings/public/meeting.html", context)


# The columns of the published versions the meeting page shows (and the shown one's content).
PAGE_MINUTES_FIELDS = ("version", "approved_at", "deemed_approved", "published_at",
                       "correction_reason", "content", "approved_in__number",
                       "approved_in__year", "approved_in__meeting__starts_at")


def _shown_version(request, versions):
    """The published version ?versjon= names, else the current one (None if none is
    published); a version that is not published is not found, draft or not."""
    number = request.GET.get("versjon", "")
    if not number:
        return versions[-1] if versions else None
    shown = next((v for v in versions if str(v.version) == number), None)
    if shown is None:
        raise Http404
    return shown


def current_published_minutes():
    """The current published version of each public meeting's minutes."""
    newer = Minutes.objects.published().filter(meeting=OuterRef("meeting"),
                                               version__gt=OuterRef("version"))
    return (Minutes.objects.published().filter(meeting__in=public_meetings())
            .exclude(Exists(newer)))


def agenda(meeting):
    """The agenda of a meeting whose minutes are not published: each case as the public may
    see it (R-PUB-1)."""
    cases = screening.with_screening(
        meeting.cases.on_agenda().exclude(status=Case.Status.WITHDRAWN)
        .select_related("body", "meeting"))
    return [screening.public_case(case) for case in cases]


@public_page
def search(request):
    """GET ?q=&body=&year=; bad values give a message next to the field. What is searched and
    shown is the published minutes' stored content, never the live rows (R-REC-1): a
    correction being written stays out of sight until it is published."""
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        minutes = current_published_minutes().select_related("meeting__body")
        if data["body"]:
            minutes = minutes.filter(meeting__body=data["body"])
        words = data["q"].split() if data["q"] else []
        # Every stored case first, so that today's screening is read once for all of them.
        stored = [(record, case) for record in minutes for case in record.content["cases"]]
        public = screening.public_stored_cases([case for _record, case in stored])
        found = []
        for (record, _stored), case in zip(stored, public, strict=True):
            if (data["year"] and case.get("year") != data["year"]) or not snapshot.matches(
                    case, words):
                continue
            found.append({**case, "meeting_id": record.meeting_id, "body": record.meeting.body})
        found.sort(key=lambda case: (case.get("year") or 0, case.get("serial") or 0),
                   reverse=True)
        results = found[:SEARCH_LIMIT]
    return render(request, "meetings/public/search.html", {
        "form": form, "results": results, "limit": SEARCH_LIMIT})


def _public_pdf(request, kind, pk):
    stored = StoredPdf.objects.filter(kind=kind, object_id=pk).exclude(file="").first()
    if stored is None:
        # Nothing asks for public papers before their first visitor (and the demo's minutes
        # are published without the service): made now, once, rather than a 404.
        render_now(kind, pk)
        stored = StoredPdf.objects.filter(kind=kind, object_id=pk).exclude(file="").first()
        if stored is None:  # the render failed; it is recorded on the row
            raise Http404
    return stored_file_response(request, stored, Path(stored.file.name).name)


def case_pdf(request, pk):
    """A case's papers as the public may see them (R-PUB-1)."""
    case = get_public_case(pk)
    return _public_pdf(request, "meetings.public_case", case.pk)


def minutes_pdf(request, pk):
    """The published minutes as the public may see them (R-PUB-1): the current version, or
    the earlier one ?versjon= names, as it was published (R-REC-1)."""
    meeting = get_public_meeting(pk)
    shown = _shown_version(request, list(Minutes.objects.published().filter(meeting=meeting)
                                         .order_by("version")))
    if shown is None:
        raise Http404
    return _public_pdf(request, "meetings.public_minutes", shown.pk)
