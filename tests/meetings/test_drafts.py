"""Drafts stay with the secretariat until they are sent (security review 2, findings 6 and 7):
what a representative's pages show of a meeting before its notice, of minutes before they go out for
comments, and links only to what the user may open. Who gets which answer from each URL is in
tests/access/meetings.py (VARIANTS)."""

import pytest
from django.urls import reverse

from meetings import minutes as minutes_service
from meetings import services
from meetings.models import Body, Seat
from tests.meetings.factories import at, make_body, make_meeting, make_seat, place
from tests.meetings.holding_factories import decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast):
    body = make_body("ssu", "Utvalg A")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2030, 3, 1))
    place("Hemmelig utkast", meeting, cast.users["secretariat"], now=at(2030, 1, 1))
    return meeting


def test_a_representative_sees_the_agenda_only_once_the_notice_is_sent(cast, draft):
    client = cast.client("rep_a")
    pages = [draft.get_absolute_url(), reverse("meetings:my_meetings")]
    for url in pages:
        page = client.get(url).content.decode()
        assert "Hemmelig utkast" not in page, url
        assert reverse("meetings:notice_pdf", args=[draft.pk]) not in page, url
    assert "Hemmelig utkast" in cast.client("secretariat").get(
        draft.get_absolute_url()).content.decode()
    services.send_notice(draft, acting_user=cast.users["secretariat"], now=at(2030, 2, 1))
    for url in pages:
        assert "Hemmelig utkast" in client.get(url).content.decode(), url


def test_a_representative_reads_minutes_once_sent_for_comments(cast):
    secretariat = cast.users["secretariat"]
    held = decided(secretariat, at(2030, 6, 20), "Utvalg med protokoll")
    make_seat(held.body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    record = minutes_service.start_minutes(held.meeting, acting_user=secretariat)
    url = reverse("meetings:minutes", args=[held.meeting.pk])
    client = cast.client("rep_a")
    assert "Rutinen vedtas." not in client.get(url).content.decode()
    assert "Rutinen vedtas." in cast.client("secretariat").get(url).content.decode()
    minutes_service.send_for_comments(record, acting_user=secretariat, now=at(2030, 6, 21))
    assert "Rutinen vedtas." in client.get(url).content.decode()


def test_a_body_page_links_only_the_meetings_the_user_may_open(cast):
    """The partnership meeting's programme holds the dialogue meeting's (R-DM-1): a member of
    the first who is not in the second sees it, without a link that would answer 404."""
    partnership = make_body("partnership", "Partnerskapsmøtet")
    dialogue = Body.with_defaults("dialogue", name="Dialogmøtet", programme_of=partnership)
    dialogue.save()
    make_seat(partnership, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    own = make_meeting(partnership, at(2030, 6, 1))
    joint = make_meeting(dialogue, at(2030, 6, 1, 14))
    page = cast.client("rep_a").get(reverse("meetings:body", args=[partnership.pk]))
    html = page.content.decode()
    assert own.get_absolute_url() in html
    assert joint.get_absolute_url() not in html
    assert "Dialogmøtet" in html
    assert joint.get_absolute_url() in cast.client("secretariat").get(
        reverse("meetings:body", args=[partnership.pk])).content.decode()
