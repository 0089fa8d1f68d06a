"""Who may see which body, meeting, case and attachment.

The secretariat sees everything. A representative sees the bodies they hold a seat in, with
their meetings and cases; anything else answers 404, since they may not know it exists.
A public attachment of a public meeting whose notice has gone out is open to anyone.
Refusals of existing objects go to the audit log (common.access.refuse).
"""

from django.shortcuts import get_object_or_404

from common.access import refuse, role_required

from .models import Attachment, Body, CalendarFeed, Case, Meeting, Seat
from .screening import public_attachment

members_required = role_required("secretariat", "representative")


def bodies_for(user):
    if user.is_secretariat:
        return Body.objects.all()
    if user.is_authenticated and user.is_representative:
        return Body.objects.filter(pk__in=Seat.objects.held_by(user.person).values("body"))
    return Body.objects.none()


def _may_see_body(user, body_id):
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    return (user.is_representative
            and Seat.objects.held_by(user.person).filter(body_id=body_id).exists())


def get_body_for(user, pk):
    body = get_object_or_404(Body.objects.select_related("parent", "programme_of"), pk=pk)
    if not _may_see_body(user, body.pk):
        raise refuse(body)
    return body


def get_meeting_for(user, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "held_with__body"),
                                pk=pk)
    if not _may_see_body(user, meeting.body_id):
        raise refuse(meeting)
    return meeting


def get_case_for(user, pk):
    case = get_object_or_404(
        Case.objects.select_related("body", "meeting", "proposed_by", "late_approved_by",
                                    "merged_into"), pk=pk)
    own_proposal = user.is_authenticated and case.proposed_by_id == user.pk
    if not (own_proposal or _may_see_body(user, case.body_id)):
        raise refuse(case)
    return case


def is_public_attachment(attachment):
    meeting = attachment.case.meeting
    return (public_attachment(attachment).downloadable and meeting is not None
            and meeting.is_public and meeting.body.is_public and meeting.notice_sent)


def get_attachment_for(user, pk):
    attachment = get_object_or_404(
        Attachment.objects.select_related("case__meeting__body"), pk=pk)
    if is_public_attachment(attachment) or _may_see_body(user, attachment.case.body_id):
        return attachment
    raise refuse(attachment)


def public_meetings():
    """Meetings open to the public whose notice has gone out (or that were held); one
    cancelled after its notice stays listed, marked as cancelled."""
    return (Meeting.objects.filter(is_public=True, body__is_public=True,
                                            notice_sent_at__isnull=False)
            .select_related("body"))


def get_public_meeting(pk):
    """A meeting of the public pages: anyone may see it, once its notice has gone out."""
    return get_object_or_404(public_meetings(), pk=pk)


def get_public_body(pk):
    return get_object_or_404(Body, pk=pk, is_public=True)


def get_calendar_feed(token):
    """A personal calendar feed: its secret address is the login."""
    return get_object_or_404(CalendarFeed.objects.select_related("user__person"), token=token)
