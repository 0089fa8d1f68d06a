"""Cancelling a meeting: everyone who had its notice is told, with the calendar event
cancelled; its cases go back to the queue."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.history import save_by
from common.links import site_url
from common.mail import Recipient, queue_mail
from common.models import OutgoingMail

from .models import Case, Meeting
from .services import _ics, _locked

# The e-mails that carried the meeting to someone: the notice, its updates and a deputy's
# summons (meetings.services, meetings.attendance).
CARRIED_THE_NOTICE = ("notice", "update:", "deputy:")


def notified(meeting):
    """Everyone who was sent the notice, an update or a deputy's summons, once each."""
    prefix = f"{meeting.mail_topic}:"
    rows = (OutgoingMail.objects.filter(topic=meeting.mail_topic)
            .values_list("purpose", "recipient", "recipient_name")
            .order_by("recipient_name", "recipient"))
    seen, recipients = set(), []
    for purpose, email, name in rows:
        kind = purpose.removeprefix(prefix)
        if (kind == "notice" or kind.startswith(CARRIED_THE_NOTICE[1:])) and email not in seen:
            seen.add(email)
            recipients.append(Recipient(email, name))
    return recipients


@transaction.atomic
def cancel_meeting(meeting, *, reason, acting_user, now=None):
    """Cancel a meeting that has not been held; the reason is recorded and sent.

    Everyone who had the notice gets a cancellation with the calendar event marked cancelled
    (a higher SEQUENCE), and the meeting shows as cancelled in pages, calendars and the API.
    Cases on its agenda go back to the queue and keep any number they have."""
    meeting = _locked(meeting)
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(_("A held meeting cannot be cancelled."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is already cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the meeting is cancelled; the "
                                           "participants are told.")})
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = now or timezone.now()
    meeting.cancel_reason = reason.strip()
    meeting.sequence += 1
    save_by(meeting, acting_user)
    for case in meeting.cases.filter(status=Case.Status.PLACED):
        case.status, case.meeting, case.position = Case.Status.DEFERRED, None, None
        case.triage_note = _("The meeting it was on was cancelled.")
        save_by(case, acting_user)
    return queue_mail(
        topic=meeting.mail_topic, purpose=f"{meeting.mail_topic}:cancelled",
        recipients=notified(meeting), template="meetings/mail/cancellation",
        context={"meeting": meeting,
                 "meeting_url": site_url("meetings:meeting", meeting.pk)},
        attachments=[_ics(meeting)])
