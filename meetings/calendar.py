"""Meetings as iCalendar: a stable UID per meeting and a SEQUENCE raised on every change."""

import datetime
import zoneinfo

import icalendar
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.links import absolute_url, url_filler

from .models import CalendarFeed

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
DEFAULT_LENGTH = datetime.timedelta(hours=3)


def meeting_event(meeting, url):
    event = icalendar.Event()
    event.add("uid", meeting.calendar_uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    starts = meeting.starts_at.astimezone(OSLO)
    event.add("dtstart", starts)
    event.add("dtend", (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).astimezone(OSLO))
    summary = str(meeting.body)
    if meeting.kind == meeting.Kind.EXTRAORDINARY:
        summary = _("%(body)s (extraordinary meeting)") % {"body": summary}
    event.add("summary", summary)
    location = meeting.place or meeting.video_link
    if location:
        event.add("location", location)
    if meeting.status == meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    event.add("url", url)
    return event


def calendar_bytes(meetings, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Helsefellesskap//moter//NO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    meeting_url = url_filler("meetings:meeting", 1)  # one reverse() for the whole feed
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, absolute_url(meeting_url(meeting.pk))))
    calendar.add_missing_timezones()
    return calendar.to_ical()


@transaction.atomic
def renew_calendar_feed(*, acting_user):
    """A new secret calendar address for the user; any earlier one stops working."""
    CalendarFeed.objects.filter(user=acting_user).delete()
    return CalendarFeed.objects.create(user=acting_user)
