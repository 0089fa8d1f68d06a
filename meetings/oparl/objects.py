"""The OParl 1.1 objects, built from what the public may see (R-PUB-1): each case through
`screening.public_case`, screened attachments left out. A field without a value is left out
(OParl forbids `null` where a value is optional).

The partnership is the one OParl Body. Its bodies (committees) and its organisations (member
municipalities, the hospital trust, the regional councils) are Organizations; seats are
Memberships; cases on an agenda are AgendaItems and Papers with one Consultation each; the
public case papers, minutes and attachments are Files.
"""

from django.urls import reverse
from django.utils import timezone

from members.models import Partnership

from ..models import Body, Decision, Seat

SCHEMA = "https://schema.oparl.org/1.1/"


def clean(obj):
    """Leave out what has no value: None and empty text."""
    return {key: value for key, value in obj.items() if value is not None and value != ""}


def _date(value):
    return value.isoformat() if value else None


def _stamp(instance):
    return {"created": instance.created.isoformat(), "modified": instance.updated.isoformat()}


class Urls:
    """Absolute addresses of the API's objects and lists, and of public pages and files."""

    def __init__(self, request):
        self.request = request

    def page(self, name, *args):
        return self.request.build_absolute_uri(reverse(name, args=args))

    def obj(self, kind, pk):
        return self.page("meetings:oparl_object", kind, pk)

    def list(self, kind):
        return self.page("meetings:oparl_list", kind)

    @property
    def system(self):
        return self.page("meetings:oparl_system")

    @property
    def body(self):
        return self.obj("body", 1)


def _partnership_name():
    partnership = Partnership.current()
    return str(partnership) if partnership else "Helsefellesskap"


def system(urls):
    return clean({
        "id": urls.system, "type": SCHEMA + "System", "oparlVersion": SCHEMA,
        "body": urls.list("body"), "name": _partnership_name(),
        "website": urls.page("meetings:public_bodies"),
    })


def body(urls):
    return clean({
        "id": urls.body, "type": SCHEMA + "Body", "system": urls.system,
        "name": _partnership_name(), "shortName": "Helsefellesskap",
        "website": urls.page("meetings:public_bodies"),
        "organization": urls.list("organization"), "person": urls.list("person"),
        "meeting": urls.list("meeting"), "paper": urls.list("paper"),
        "agendaItem": urls.list("agendaitem"), "consultation": urls.list("consultation"),
        "file": urls.list("file"), "membership": urls.list("membership"),
        "legislativeTerm": [], "classification": "Helsefellesskap",
        "web": urls.page("meetings:public_bodies"),
    })


def committee(urls, committee_body):
    """One of the partnership's bodies (SSU, the partnership meeting, an FSU …)."""
    seats = committee_body.public_seats
    return clean({
        "id": urls.obj("organization", committee_body.pk), "type": SCHEMA + "Organization",
        "body": urls.body, "name": committee_body.name, "shortName": committee_body.short_name,
        "organizationType": "Gremium", "classification": committee_body.get_kind_display(),
        "membership": [urls.obj("membership", seat.pk) for seat in seats],
        "meeting": urls.list("meeting") + f"?organization={committee_body.pk}",
        "subOrganizationOf": (urls.obj("organization", committee_body.parent_id)
                              if committee_body.parent_id else None),
        "memberCount": len(seats),
        "votingMemberCount": sum(1 for seat in seats if seat.has_vote),
        "web": urls.page("meetings:public_body", committee_body.pk),
        **_stamp(committee_body),
    })


def institution(urls, organisation):
    """A member municipality, the hospital trust or a regional council."""
    return clean({
        "id": urls.obj("institution", organisation.pk), "type": SCHEMA + "Organization",
        "body": urls.body, "name": organisation.name, "organizationType": "Institution",
        "classification": organisation.get_kind_display(),
        "subOrganizationOf": (urls.obj("institution", organisation.regional_council_id)
                              if organisation.regional_council_id else None),
        "startDate": _date(organisation.joined_on), "endDate": _date(organisation.left_on),
        **_stamp(organisation),
    })


def membership(urls, seat):
    on_behalf_of = seat.appointed_by_id or seat.holder.organisation_id
    return clean({
        "id": urls.obj("membership", seat.pk), "type": SCHEMA + "Membership",
        "person": urls.obj("person", seat.holder_id),
        "organization": urls.obj("organization", seat.body_id),
        "role": seat.get_role_display(), "votingRight": seat.role == Seat.Role.MEMBER,
        "startDate": _date(seat.starts_on), "endDate": _date(seat.ends_on),
        "onBehalfOf": urls.obj("institution", on_behalf_of) if on_behalf_of else None,
        **_stamp(seat),
    })


def person(urls, holder):
    return clean({
        "id": urls.obj("person", holder.pk), "type": SCHEMA + "Person", "body": urls.body,
        "name": holder.name,
        "membership": [membership(urls, seat) for seat in holder.public_seats],
        **_stamp(holder),
    })


def attachment_file(urls, public, case):
    """A public attachment (never a screened one: the caller passes public ones only)."""
    attachment = public.attachment
    url = urls.page("meetings:attachment", attachment.pk)
    return clean({
        "id": urls.obj("file", attachment.pk), "type": SCHEMA + "File",
        "name": public.title, "fileName": attachment.original_name,
        "mimeType": attachment.content_type, "size": attachment.size,
        "accessUrl": url, "downloadUrl": url,
        "date": _date(timezone.localtime(attachment.created).date()),
        "paper": [urls.obj("paper", case.pk)], **_stamp(attachment),
    })


def papers_file(urls, public):
    public = getattr(public, "public", public)
    """The case papers as the public may see them, as a PDF."""
    case = public.case
    url = urls.page("meetings:public_case_pdf", case.pk)
    return clean({
        "id": urls.obj("papersfile", case.pk), "type": SCHEMA + "File",
        "name": f"{public.label} {public.title}".strip(), "fileName": f"sak-{case.pk}.pdf",
        "mimeType": "application/pdf", "accessUrl": url, "downloadUrl": url,
        "paper": [urls.obj("paper", case.pk)], **_stamp(case),
    })


def minutes_file(urls, minutes):
    """Published minutes as the public may see them, as a PDF: this version's, which stays
    the same once a correction is published (R-REC-1)."""
    meeting = minutes.meeting
    url = f"{urls.page('meetings:public_minutes_pdf', meeting.pk)}?versjon={minutes.version}"
    return clean({
        "id": urls.obj("minutesfile", minutes.pk), "type": SCHEMA + "File",
        "name": f"Protokoll {meeting}", "fileName": f"protokoll-{meeting.pk}.pdf",
        "mimeType": "application/pdf", "accessUrl": url, "downloadUrl": url,
        "date": _date(timezone.localtime(minutes.published_at).date()),
        "meeting": [urls.obj("meeting", meeting.pk)], **_stamp(minutes),
    })


def agenda_item(urls, item):
    """The decision, and the case as the minutes record it, come from the stored content of
    the published minutes only, with today's screening applied (R-REC-1, R-PUB-1)."""
    public, recorded = item.public, item.recorded
    decision = recorded["decision"] if recorded else None
    return clean({
        "id": urls.obj("agendaitem", public.pk), "type": SCHEMA + "AgendaItem",
        "meeting": urls.obj("meeting", public.meeting.pk),
        "number": recorded["number"] if recorded else public.label,
        "order": public.position or 0,
        "name": recorded["title"] if recorded else public.title, "public": True,
        "consultation": urls.obj("consultation", public.pk),
        "result": str(Decision.Mode(decision["mode"]).label) if decision else None,
        "resolutionText": decision["text"] if decision else None,
        "auxiliaryFile": [attachment_file(urls, a, public.case)
                          for a in public.public_attachments],
        "web": urls.page("meetings:public_meeting", public.meeting.pk),
        **_stamp(public.case),
    })


def consultation(urls, item):
    public = item.public
    advisory = public.body.decision_mode == Body.DecisionMode.ADVISORY
    return clean({
        "id": urls.obj("consultation", public.pk), "type": SCHEMA + "Consultation",
        "paper": urls.obj("paper", public.pk), "agendaItem": urls.obj("agendaitem", public.pk),
        "meeting": urls.obj("meeting", public.meeting.pk),
        "organization": [urls.obj("organization", public.body.pk)],
        "authoritative": not advisory, "role": public.body.get_decision_mode_display(),
        **_stamp(public.case),
    })


def paper(urls, item):
    public = item.public
    case = public.case
    return clean({
        "id": urls.obj("paper", public.pk), "type": SCHEMA + "Paper", "body": urls.body,
        "name": public.title, "reference": public.label,
        "date": _date(timezone.localtime(case.submitted_at).date()),
        "paperType": case.get_kind_display(),
        "mainFile": papers_file(urls, public),
        "auxiliaryFile": [attachment_file(urls, a, case) for a in public.public_attachments],
        "consultation": [consultation(urls, item)],
        "web": urls.page("meetings:public_meeting", public.meeting.pk),
        **_stamp(case),
    })


def meeting(urls, held):
    """`held.public_agenda` holds its cases as the public may see them."""
    minutes = held.published_minutes[0] if held.published_minutes else None
    return clean({
        "id": urls.obj("meeting", held.pk), "type": SCHEMA + "Meeting", "name": str(held),
        "meetingState": held.get_status_display(),
        "cancelled": held.status == held.Status.CANCELLED,
        "start": held.starts_at.isoformat(),
        "end": held.ends_at.isoformat() if held.ends_at else None,
        "organization": [urls.obj("organization", held.body_id)],
        "participant": sorted({urls.obj("person", a.seat.holder_id)
                               for a in held.attendances.all()}),
        "resultsProtocol": minutes_file(urls, minutes) if minutes else None,
        "agendaItem": [agenda_item(urls, item) for item in held.public_agenda],
        "web": urls.page("meetings:public_meeting", held.pk),
        **_stamp(held),
    })
