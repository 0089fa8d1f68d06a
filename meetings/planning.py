"""The rules a meeting's date must meet, checked alike when it is planned and when it is moved
(R-DM-1, R-SSU-12, R-PM-3)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .kinds import citing
from .models import Meeting
from .rules import Warning


def check_date(body, *, meeting_date, kind, today):
    """Refuse a date that breaks the body's planning rules; return the meeting it is held
    with (R-DM-1) or None.

    An extraordinary meeting needs at least the body's extraordinary notice (R-SSU-12). A body
    that shares another's programme meets the same day as that body (R-DM-1).
    """
    if kind == Meeting.Kind.EXTRAORDINARY and rules.extraordinary_notice_too_short(
            today, meeting_date, body.extraordinary_notice_days):
        raise ValidationError({"starts_at": citing(body, "R-SSU-12", _(
            "An extraordinary meeting needs at least %(days)s days' notice.")
            % {"days": body.extraordinary_notice_days})})
    if not body.programme_of_id:
        return None
    held_with = (Meeting.objects.active().filter(body=body.programme_of_id)
                 .filter(starts_at__date=meeting_date).first())
    if held_with is None:
        raise ValidationError({"starts_at": _(
            "%(body)s meets the same day as %(other)s, which has no meeting on that day. "
            "Plan that meeting first.")
            % {"body": body, "other": body.programme_of}})
    return held_with


def notice_warnings(meeting, today=None):
    """Where the meeting's date leaves its notice against the body's window (R-PM-3,
    R-SSU-12): a notice sent too late or too early for the date, or, before it is sent, a
    notice that can no longer go out in time or may not go out yet."""
    today = today or timezone.localdate()
    body = meeting.body
    earliest = meeting.date - datetime.timedelta(days=body.notice_max_days)
    if meeting.notice_sent:
        sent_on = timezone.localtime(meeting.notice_sent_at).date()
        if meeting.notice_was_late:
            return [Warning("R-PM-3", _(
                "The notice was sent %(sent)s, later than %(days)s days before the meeting.")
                % {"sent": _date(sent_on), "days": meeting.notice_days})]
        if meeting.notice_was_early:
            return [Warning("R-PM-3", _(
                "The notice was sent %(sent)s, earlier than %(days)s days before the meeting.")
                % {"sent": _date(sent_on), "days": body.notice_max_days})]
        return []
    if meeting.status == Meeting.Status.CANCELLED:
        return []
    if today > meeting.notice_due:
        return [Warning("R-PM-3", _(
            "The notice should have been sent by %(due)s.")
            % {"due": _date(meeting.notice_due)})]
    if today < earliest:
        return [Warning("R-PM-3", _(
            "The notice may go out from %(earliest)s, at most %(days)s days before the "
            "meeting.") % {"earliest": _date(earliest), "days": body.notice_max_days})]
    return []


def _date(day):
    return day.strftime("%d.%m.%Y")
