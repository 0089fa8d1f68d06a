"""Open data: the public records as read-only JSON following the OParl 1.1 object model.

The partnership is the one OParl Body; its committees (our bodies) are Organizations, seats
are Memberships, cases on an agenda are AgendaItems and Papers, public attachments are
Files. Only what the public pages show is here: public bodies, meetings whose notice went
out, never screened attachments, and decisions only once the minutes are published.
"""

import math

from django.core.paginator import Paginator
from django.db.models import JSONField, OuterRef, Prefetch, Subquery
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone

from members.models import Partnership, Person

from .models import Attachment, Body, Case, Decision, Meeting, Minutes, Seat
from .public import public_meetings

SCHEMA = "https://schema.oparl.org/1.1/"
PER_PAGE = 50


def _url(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


def _obj(request, kind, pk):
    return _url(request, "meetings:oparl_object", kind, pk)


def _list(request, kind):
    return _url(request, "meetings:oparl_list", kind)


def _stamp(instance):
    return {"created": instance.created.isoformat(), "modified": instance.updated.isoformat()}


def _date(value):
    return value.isoformat() if value else None


def system(request):
    partnership = Partnership.current()
    return JsonResponse({
        "id": _url(request, "meetings:oparl_system"), "type": SCHEMA + "System",
        "oparlVersion": SCHEMA, "body": _list(request, "body"),
        "name": str(partnership) if partnership else "Helsefellesskap",
        "website": request.build_absolute_uri(reverse("meetings:public_bodies")),
    })


# One OParl Body: the partnership. Its id is 1.

def _body(request):
    partnership = Partnership.current()
    return {
        "id": _obj(request, "body", 1), "type": SCHEMA + "Body",
        "system": _url(request, "meetings:oparl_system"),
        "name": str(partnership) if partnership else "Helsefellesskap",
        "organization": _list(request, "organization"), "person": _list(request, "person"),
        "meeting": _list(request, "meeting"), "paper": _list(request, "paper"),
        "legislativeTerm": [],
        "web": request.build_absolute_uri(reverse("meetings:public_bodies")),
    }


def _public_seats():
    return Seat.objects.filter(body__is_public=True).select_related("holder", "body")


def _membership(request, seat):
    return {
        "id": _obj(request, "membership", seat.pk), "type": SCHEMA + "Membership",
        "person": _obj(request, "person", seat.holder_id),
        "organization": _obj(request, "organization", seat.body_id),
        "role": seat.get_role_display(), "votingRight": seat.role == Seat.Role.MEMBER,
        "startDate": _date(seat.starts_on), "endDate": _date(seat.ends_on), **_stamp(seat),
    }


def _organization(request, body):
    return {
        "id": _obj(request, "organization", body.pk), "type": SCHEMA + "Organization",
        "body": _obj(request, "body", 1), "name": body.name, "shortName": body.short_name,
        "organizationType": "Gremium", "classification": body.get_kind_display(),
        "membership": [_obj(request, "membership", seat.pk) for seat in body.public_seats],
        "meeting": _list(request, "meeting") + f"?organization={body.pk}", **_stamp(body),
    }


def _person(request, person):
    return {
        "id": _obj(request, "person", person.pk), "type": SCHEMA + "Person",
        "body": _obj(request, "body", 1), "name": person.name,
        "membership": [_membership(request, seat) for seat in person.public_seats],
        **_stamp(person),
    }


def _file(request, attachment):
    url = request.build_absolute_uri(reverse("meetings:attachment", args=[attachment.pk]))
    return {
        "id": _obj(request, "file", attachment.pk), "type": SCHEMA + "File",
        "name": attachment.title, "fileName": attachment.original_name,
        "mimeType": attachment.content_type, "size": attachment.size,
        "accessUrl": url, "downloadUrl": url, "date": _date(attachment.created.date()),
        **_stamp(attachment),
    }


def _agenda_item(request, case, published):
    """`published` is the stored content of the meeting's current published minutes, or
    None: the decision, and the case as the minutes record it, come from there only, never
    from the live rows (R-REC-1)."""
    recorded = next((entry for entry in (published or {}).get("cases", [])
                     if entry["id"] == case.pk), None)
    item = {
        "id": _obj(request, "agendaitem", case.pk), "type": SCHEMA + "AgendaItem",
        "meeting": _obj(request, "meeting", case.meeting_id),
        "number": recorded["number"] if recorded else case.label,
        "order": case.position or 0, "name": recorded["title"] if recorded else case.title,
        "public": True, **_stamp(case),
    }
    decision = recorded["decision"] if recorded else None
    if decision is not None:
        item["result"] = str(Decision.Mode(decision["mode"]).label)
        item["resolutionText"] = decision["text"]
    return item


def _meeting(request, meeting):
    return {
        "id": _obj(request, "meeting", meeting.pk), "type": SCHEMA + "Meeting",
        "name": str(meeting), "meetingState": meeting.get_status_display(),
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
        "start": meeting.starts_at.isoformat(),
        "end": meeting.ends_at.isoformat() if meeting.ends_at else None,
        "organization": [_obj(request, "organization", meeting.body_id)],
        "agendaItem": [_agenda_item(request, case, meeting.published)
                       for case in meeting.agenda_items],
        "web": request.build_absolute_uri(reverse("meetings:public_meeting",
                                                  args=[meeting.pk])),
        **_stamp(meeting),
    }


def _paper(request, case):
    return {
        "id": _obj(request, "paper", case.pk), "type": SCHEMA + "Paper",
        "body": _obj(request, "body", 1), "name": case.title, "reference": case.label,
        "date": _date(timezone.localtime(case.submitted_at).date()),
        "paperType": case.get_kind_display(),
        "auxiliaryFile": [_file(request, a) for a in case.public_attachments],
        **_stamp(case),
    }


def _public_attachments():
    return Prefetch("attachments", to_attr="public_attachments",
                    queryset=Attachment.objects.filter(screened=False).order_by("created", "pk"))


def _published_content(meeting):
    """The stored content of a meeting's current published minutes (a subquery)."""
    return Subquery(Minutes.objects.published().filter(meeting=meeting)
                    .order_by("-version").values("content")[:1], output_field=JSONField())


def _meetings():
    cases = Case.objects.filter(status=Case.Status.PLACED).order_by("position", "pk")
    return (public_meetings().annotate(published=_published_content(OuterRef("pk")))
            .prefetch_related(Prefetch("cases", queryset=cases, to_attr="agenda_items"))
            .order_by("starts_at", "pk"))


def _cases():
    return (Case.objects.filter(status=Case.Status.PLACED, meeting__in=public_meetings())
            .prefetch_related(_public_attachments()).order_by("pk"))


def _bodies():
    return Body.objects.filter(is_public=True).prefetch_related(
        Prefetch("seats", queryset=Seat.objects.order_by("pk"), to_attr="public_seats")
    ).order_by("pk")


def _persons():
    return Person.objects.filter(seats__body__is_public=True).distinct().prefetch_related(
        Prefetch("seats", queryset=_public_seats().order_by("pk"), to_attr="public_seats")
    ).order_by("pk")


def _files():
    return Attachment.objects.filter(screened=False, case__status=Case.Status.PLACED,
                                     case__meeting__in=public_meetings()).order_by("pk")


def _agenda_items():
    return (Case.objects.filter(status=Case.Status.PLACED, meeting__in=public_meetings())
            .annotate(published=_published_content(OuterRef("meeting")))
            .order_by("pk"))


KINDS = {
    "body": (None, _body),
    "organization": (_bodies, _organization),
    "person": (_persons, _person),
    "membership": (lambda: _public_seats().order_by("pk"), _membership),
    "meeting": (_meetings, _meeting),
    "agendaitem": (_agenda_items, lambda request, case: _agenda_item(request, case,
                                                                     case.published)),
    "paper": (_cases, _paper),
    "file": (_files, _file),
}


def _kind(kind):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def object_list(request, kind):
    """An OParl list: `data`, `pagination` and `links`, PER_PAGE objects a page."""
    queryset, serialise = _kind(kind)
    if queryset is None:
        items, total = [serialise(request)], 1
        page_number, pages = 1, 1
    else:
        objects = queryset()
        if kind == "meeting" and request.GET.get("organization", "").isdigit():
            objects = objects.filter(body=int(request.GET["organization"]))
        paginator = Paginator(objects, PER_PAGE)
        try:
            page_number = int(request.GET.get("page", "1"))
        except ValueError:
            page_number = 1
        page_number = min(max(page_number, 1), paginator.num_pages)
        page = paginator.page(page_number)
        items = [serialise(request, obj) for obj in page.object_list]
        total, pages = paginator.count, max(paginator.num_pages, 1)
    base = _list(request, kind)
    extra = (f"&organization={request.GET['organization']}"
             if kind == "meeting" and request.GET.get("organization", "").isdigit() else "")

    def link(number):
        return f"{base}?page={number}{extra}"

    links = {"first": link(1), "last": link(pages)}
    if page_number > 1:
        links["prev"] = link(page_number - 1)
    if page_number < pages:
        links["next"] = link(page_number + 1)
    return JsonResponse({
        "data": items,
        "pagination": {"totalElements": total, "elementsPerPage": PER_PAGE,
                       "currentPage": page_number,
                       "totalPages": max(pages, math.ceil(total / PER_PAGE))},
        "links": links,
    })


def object_detail(request, kind, pk):
    queryset, serialise = _kind(kind)
    if queryset is None:
        if pk != 1:
            raise Http404
        return JsonResponse(serialise(request))
    found = queryset().filter(pk=pk).first()
    if found is None:
        raise Http404
    return JsonResponse(serialise(request, found))
