import icalendar
import pytest
from django.urls import reverse

from meetings.models import CalendarFeed, Meeting, Seat
from tests.meetings.factories import at, make_body, make_meeting, make_seat

pytestmark = pytest.mark.django_db


def _events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_body_feed_lists_its_public_meetings_in_oslo_time(client):
    body = make_body("ssu", "SSU")
    open_meeting = make_meeting(body, at(2026, 6, 10, 9), place="Mosjøen", sequence=3,
                                status=Meeting.Status.NOTICE_SENT, notice_sent_at=at(2026, 5, 20))
    make_meeting(body, at(2026, 7, 10), is_public=False, status=Meeting.Status.NOTICE_SENT,
                 notice_sent_at=at(2026, 6, 20))
    response = client.get(reverse("meetings:body_ics", args=[body.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response)
    assert list(events) == [f"meeting-{open_meeting.pk}@helsefellesskap"]
    event = events[f"meeting-{open_meeting.pk}@helsefellesskap"]
    assert event["sequence"] == 3
    assert str(event["location"]) == "Mosjøen"
    assert event["dtstart"].dt == at(2026, 6, 10, 9)
    assert "DTSTART;TZID=Europe/Oslo:20260610T090000" in response.content.decode()


def test_calendar_links_start_at_site_url_whatever_host_was_asked(client, settings):
    """Calendars are read outside the request that fetched them: their links are SITE_URL's."""
    settings.ALLOWED_HOSTS = ["intern.example", "testserver"]
    body = make_body("ssu", "SSU")
    meeting = make_meeting(body, at(2026, 6, 10, 9), status=Meeting.Status.NOTICE_SENT,
                           notice_sent_at=at(2026, 5, 20))
    response = client.get(reverse("meetings:body_ics", args=[body.pk]), HTTP_HOST="intern.example")
    event = _events(response)[f"meeting-{meeting.pk}@helsefellesskap"]
    assert str(event["url"]) == f"https://hf.example/moter/mote/{meeting.pk}/"
    assert b"intern.example" not in response.content


def test_body_feed_hides_what_the_public_calendar_hides(client):
    """Security review 2, finding 7: no planned meeting with its place and video link before
    the notice; the same meetings as the public calendar (Meeting.objects.public), one
    cancelled after its notice marked as cancelled."""
    body = make_body("ssu", "SSU")
    sent = make_meeting(body, at(2026, 6, 10, 9), status=Meeting.Status.NOTICE_SENT,
                        notice_sent_at=at(2026, 5, 20))
    make_meeting(body, at(2026, 9, 10), place="Hemmelig sted", video_link="https://v.example/x")
    cancelled = make_meeting(body, at(2026, 8, 10), status=Meeting.Status.CANCELLED,
                             notice_sent_at=at(2026, 7, 20))
    feed = client.get(reverse("meetings:body_ics", args=[body.pk]))
    events = _events(feed)
    assert sorted(events) == sorted(f"meeting-{m.pk}@helsefellesskap" for m in (sent, cancelled))
    assert events[f"meeting-{cancelled.pk}@helsefellesskap"]["status"] == "CANCELLED"
    assert b"Hemmelig" not in feed.content and b"v.example" not in feed.content
    calendar = client.get(reverse("meetings:public_calendar")).content.decode()
    for meeting in (sent, cancelled):
        assert reverse("meetings:public_meeting", args=[meeting.pk]) in calendar
    assert set(Meeting.objects.public()) == {sent, cancelled}


def test_a_closed_body_has_no_public_feed(client):
    body = make_body("ssu", "Lukket", is_public=False)
    assert client.get(reverse("meetings:body_ics", args=[body.pk])).status_code == 404


def test_personal_feed_has_the_meetings_of_ones_own_bodies(cast, client):
    mine, other = make_body("ssu", "A"), make_body("ssu", "B")
    make_seat(mine, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    my_meeting = make_meeting(mine, at(2030, 1, 10), is_public=False)
    make_meeting(other, at(2030, 1, 11))
    feed = CalendarFeed.objects.create(user=cast.users["rep_a"])
    response = client.get(reverse("meetings:personal_ics", args=[feed.token]))
    assert list(_events(response)) == [f"meeting-{my_meeting.pk}@helsefellesskap"]
    assert client.get(reverse("meetings:personal_ics", args=["wrong"])).status_code == 404


def test_making_a_new_calendar_address_retires_the_old_one(cast):
    client = cast.client("rep_a")
    client.post(reverse("meetings:calendar"))
    first = CalendarFeed.objects.get().token
    client.post(reverse("meetings:calendar"))
    assert CalendarFeed.objects.get().token != first
    page = client.get(reverse("meetings:calendar")).content.decode()
    assert CalendarFeed.objects.get().token in page
