"""The OParl 1.1 endpoints: the System, and a paged list and a detail address per kind.
Only what the public pages show is here: public bodies, meetings whose notice went out (a
cancelled one with `cancelled`), cases as `screening.public_case` gives them, never a screened
attachment, and decisions only once the minutes are published."""

import math
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, JsonResponse

from members.models import Organisation, Person

from .. import screening
from ..access import public_meetings
from ..models import Attachment, Attendance, Body, Case, Minutes, Seat
from . import objects
from .objects import Urls

PER_PAGE = 50


def _meetings():
    """Public meetings whose notice went out, cancelled ones too (with `cancelled`)."""
    return public_meetings()


def _cases():
    """Cases on the agendas of public meetings, with what `public_case` reads."""
    return screening.with_screening(
        Case.objects.filter(status=Case.Status.PLACED, meeting__in=_meetings())
        .select_related("body", "meeting").order_by("pk"))


@dataclass(frozen=True)
class Item:
    """A case as the public may see it, and as the published minutes record it (or None)."""

    public: object
    recorded: dict | None


def _recorded(meeting_ids):
    """Each case as the current published minutes of its meeting record it, by today's
    screening: one query for the minutes and one reading for all of them."""
    current = {}
    for minutes in (Minutes.objects.published().filter(meeting__in=meeting_ids)
                    .order_by("meeting", "version").only("meeting", "content")):
        current[minutes.meeting_id] = minutes.content
    entries = [entry for content in current.values() for entry in content["cases"]]
    return {entry["id"]: entry for entry in screening.public_stored_cases(entries)}


def _items(cases):
    cases = list(cases)
    recorded = _recorded({case.meeting_id for case in cases}) if cases else {}
    return [Item(screening.public_case(case), recorded.get(case.pk)) for case in cases]


def _with_public_agenda(meetings):
    meetings = list(meetings)
    items = {}
    for item in _items(_cases().filter(meeting__in=[m.pk for m in meetings])
                       .order_by("position", "pk")):
        items.setdefault(item.public.meeting.pk, []).append(item)
    for held in meetings:
        held.public_agenda = items.get(held.pk, [])
    return meetings


def _meeting_rows():
    return (_meetings().select_related("body").prefetch_related(
        Prefetch("minutes", to_attr="published_minutes", queryset=Minutes.objects.published()
                 .select_related("meeting__body").order_by("-version")[:1]),
        Prefetch("attendances", queryset=Attendance.objects.select_related("seat")))
        .order_by("starts_at", "pk"))


def _public_seats():
    return (Seat.objects.filter(body__is_public=True).select_related("holder", "body")
            .order_by("pk"))


def _bodies():
    return Body.objects.filter(is_public=True).prefetch_related(
        Prefetch("seats", queryset=Seat.objects.order_by("pk"), to_attr="public_seats")
    ).order_by("pk")


def _institutions():
    """The member municipalities, the hospital trust and the regional councils."""
    return Organisation.objects.filter(kind__in=[
        Organisation.Kind.MUNICIPALITY, Organisation.Kind.HOSPITAL_TRUST,
        Organisation.Kind.REGIONAL_COUNCIL]).order_by("pk")


def _persons():
    return Person.objects.filter(Exists(Seat.objects.filter(
        holder=OuterRef("pk"), body__is_public=True))).prefetch_related(
        Prefetch("seats", queryset=_public_seats(), to_attr="public_seats")).order_by("pk")


def _attachments():
    """Public attachments of cases on public agendas (R-PUB-1: never a screened one)."""
    return Attachment.objects.filter(screened=False, case__in=_cases().values("pk")).order_by("pk")


def _one_case(pk):
    found = _items(_cases().filter(pk=pk))
    return found[0] if found else None


class Kind:
    """One kind of object: its rows for the list, one row by pk, and its serialiser."""

    def __init__(self, rows, serialise, *, one=None, prepare=None):
        self.rows, self.serialise, self._one, self.prepare = rows, serialise, one, prepare

    def page(self, objects_on_page):
        return self.prepare(objects_on_page) if self.prepare else objects_on_page

    def one(self, pk):
        if self._one is not None:
            return self._one(pk)
        found = self.page(list(self.rows().filter(pk=pk)[:1]))
        return found[0] if found else None


def _attachment_file(urls, attachment):
    return objects.attachment_file(urls, screening.public_attachment(attachment),
                                   attachment.case)


def _organizations():
    """Committees first, then the institutions, as one list."""
    return [*_bodies(), *_institutions()]


def _organization(urls, obj):
    return (objects.committee(urls, obj) if isinstance(obj, Body)
            else objects.institution(urls, obj))


def _minutes_file(pk):
    return (Minutes.objects.published().filter(pk=pk, meeting__in=_meetings())
            .select_related("meeting__body").first())


KINDS = {
    "organization": Kind(_organizations, _organization,
                         one=lambda pk: _bodies().filter(pk=pk).first()),
    "institution": Kind(_institutions, objects.institution),
    "person": Kind(_persons, objects.person),
    "membership": Kind(_public_seats, objects.membership),
    "meeting": Kind(_meeting_rows, objects.meeting, prepare=_with_public_agenda),
    "agendaitem": Kind(_cases, objects.agenda_item, prepare=_items,
                       one=_one_case),
    "paper": Kind(_cases, objects.paper, prepare=_items, one=_one_case),
    "consultation": Kind(_cases, objects.consultation, prepare=_items,
                         one=_one_case),
    "file": Kind(lambda: _attachments().select_related("case"), _attachment_file),
    "papersfile": Kind(_cases, objects.papers_file, prepare=_items, one=_one_case),
    "minutesfile": Kind(lambda: Minutes.objects.none(), objects.minutes_file, one=_minutes_file),
}


def system(request):
    return JsonResponse(objects.system(Urls(request)))


def _page_number(request, pages):
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), pages)


def _organization_filter(request):
    value = request.GET.get("organization", "")
    return int(value) if value.isdigit() else None


def object_list(request, kind):
    """An OParl list: `data`, `pagination` and `links`, PER_PAGE objects a page."""
    urls = Urls(request)
    extra = ""
    if kind == "body":
        items, total, pages, number = [objects.body(urls)], 1, 1, 1
    elif kind in KINDS:
        found = KINDS[kind]
        rows = found.rows()
        organization = _organization_filter(request) if kind == "meeting" else None
        if organization is not None:
            rows = rows.filter(Q(body=organization))
            extra = f"&organization={organization}"
        paginator = Paginator(rows, PER_PAGE)
        pages = max(paginator.num_pages, 1)
        number = _page_number(request, pages)
        on_page = found.page(list(paginator.page(number).object_list))
        items = [found.serialise(urls, obj) for obj in on_page]
        total = paginator.count
    else:
        raise Http404
    base = urls.list(kind)

    def link(page):
        return f"{base}?page={page}{extra}"

    links = {"first": link(1), "last": link(pages)}
    if number > 1:
        links["prev"] = link(number - 1)
    if number < pages:
        links["next"] = link(number + 1)
    return JsonResponse({
        "data": items,
        "pagination": {"totalElements": total, "elementsPerPage": PER_PAGE,
                       "currentPage": number,
                       "totalPages": max(pages, math.ceil(total / PER_PAGE))},
        "links": links,
    })


def object_detail(request, kind, pk):
    urls = Urls(request)
    if kind == "body":
        if pk != 1:
            raise Http404
        return JsonResponse(objects.body(urls))
    if kind not in KINDS:
        raise Http404
    found = KINDS[kind].one(pk)
    if found is None:
        raise Http404
    return JsonResponse(KINDS[kind].serialise(urls, found))
