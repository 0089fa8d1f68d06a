"""Who may see which body, meeting, case and attachment.

The secretariat sees everything. A representative sees the bodies they hold a seat in and
their meetings; anything else answers 404, since they may not know it exists. Drafts stay with
the secretariat: a representative sees a meeting's agenda, notice and papers once the notice is
sent (a case once it is placed on a meeting whose notice is sent), its minutes once they are sent
for comments, and cases still in the queue or declined only if they proposed them.
A public attachment of a public meeting (Meeting.objects.public) is open to anyone.
Refusals of existing objects go to the audit log (common.access.refuse).
"""

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404

from common.access import refuse, role_required
from common.compiled import CompiledQuery

from .models import Attachment, Body, CalendarFeed, Case, Meeting, Minutes, Seat
from .screening import public_attachment

members_required = role_required("secretariat", "representative")


def bodies_for(user):
    if user.is_secretariat:
        return Body.objects.all()
    if user.is_authenticated and user.is_representative:
        return Body.objects.filter(pk__in=Seat.objects.held_by(user.person).values("body"))
    return Body.objects.none()


def visible_body_ids(user, ids):
    """Which of the bodies `ids` the user may open; for the secretariat, all of them, without
    a query."""
    ids = set(ids)
    if user.is_secretariat:
        return ids
    return set(bodies_for(user).filter(pk__in=ids).values_list("pk", flat=True))


def _may_see_body(user, body_id):
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    return (user.is_representative
            and Seat.objects.held_by(user.person).filter(body_id=body_id).exists())


# The body with the names of the body it reports to and of the one whose programme it shares
# (parent_name, programme_of_name): its pages show no more of them, and two more whole bodies
# joined cost three times the body itself. Compiled once (common.compiled).
_body_with_names = CompiledQuery(lambda pk: Body.objects.annotate(
    parent_name=F("parent__name"), programme_of_name=F("programme_of__name")).filter(pk=pk))


def get_body_for(user, pk):
    """The body (with parent_name and programme_of_name), if the user may see it."""
    found = _body_with_names(pk=int(pk))
    if not found:
        raise Http404
    body = found[0]
    if not _may_see_body(user, body.pk):
        raise refuse(body)
    return body


def get_meeting_for(user, pk):
    # Not what it is held with: only the meeting page shows that, and reads it when there is
    # one (two more joined rows cost every page that loads a meeting).
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not _may_see_body(user, meeting.body_id):
        raise refuse(meeting)
    return meeting


def may_see_papers(user, meeting):
    """Whether `user` (who may see the meeting) may see its agenda, notice and papers."""
    return user.is_secretariat or meeting.notice_sent


def get_notice_meeting_for(user, pk):
    """The meeting, for its notice: a draft notice is the secretariat's alone."""
    meeting = get_meeting_for(user, pk)
    if not may_see_papers(user, meeting):
        raise refuse(meeting)
    return meeting


# A case stays on the agenda that was sent with its meeting's notice, withdrawn or not.
SENT_CASE_STATES = {Case.Status.PLACED, Case.Status.WITHDRAWN}


def _may_see_case(user, case):
    if not user.is_authenticated:
        return False
    if user.is_secretariat or case.proposed_by_id == user.pk:
        return True
    sent = (case.meeting is not None and case.meeting.notice_sent
            and case.status in SENT_CASE_STATES)
    return sent and _may_see_body(user, case.body_id)


def get_case_for(user, pk):
    case = get_object_or_404(
        Case.objects.select_related("body", "meeting", "proposed_by", "late_approved_by",
                                    "merged_into"), pk=pk)
    if not _may_see_case(user, case):
        raise refuse(case)
    return case


def readable_minutes(user, meeting):
    """The versions of a meeting's minutes `user` may read: for representatives, those sent for
    comments or approved (a draft, a correction's too, is the secretariat's)."""
    versions = meeting.minutes.select_related("approved_in__meeting")
    if not user.is_secretariat:
        versions = versions.exclude(state=Minutes.State.DRAFT)
    return versions


def visible_minutes(user, meeting, number=None):
    """Version `number` of the minutes if `user` may read it, else None; without a number the
    newest they may read."""
    versions = readable_minutes(user, meeting)
    if number is None:
        return versions.order_by("-version").first()
    return versions.filter(version=number).first()


def is_public_attachment(attachment):
    return (public_attachment(attachment).downloadable
            and attachment.case.meeting_id is not None
            and attachment.case.meeting.is_open_to_public())


def get_attachment_for(user, pk):
    attachment = get_object_or_404(
        Attachment.objects.select_related("case__meeting__body"), pk=pk)
    if is_public_attachment(attachment) or _may_see_case(user, attachment.case):
        return attachment
    raise refuse(attachment)


def public_meetings():
    """The public meetings (Meeting.objects.public), with their bodies."""
    return Meeting.objects.public().select_related("body")


def get_public_meeting(pk):
    """A meeting of the public pages: anyone may see it, once its notice has gone out."""
    return get_object_or_404(public_meetings(), pk=pk)


def get_public_case(pk):
    """A case on the agenda of a public meeting (R-PUB-1)."""
    return get_object_or_404(
        Case.objects.filter(status=Case.Status.PLACED, meeting__in=public_meetings()), pk=pk)


def get_public_body(pk):
    return get_object_or_404(Body, pk=pk, is_public=True)


def get_calendar_feed(token):
    """A personal calendar feed: its secret address is the login."""
    return get_object_or_404(CalendarFeed.objects.select_related("user__person"), token=token)
