"""The meeting page builds its rows itself (meetings.views._page_cases): what it shows."""

import pytest
import time_machine
from django.urls import reverse

from meetings import services
from tests.meetings.factories import at, make_body, place

pytestmark = pytest.mark.django_db


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_the_meeting_page_shows_agenda_queue_and_the_meeting_it_is_held_with(cast):
    staff = cast.users["secretariat"]
    partnership = make_body("partnership", "Partnerskapsmøtet")
    dialogue = make_body("dialogue", "Dialogmøtet", programme_of=partnership)
    services.plan_meeting(partnership, starts_at=at(2026, 10, 20, 9), acting_user=staff)
    meeting = services.plan_meeting(dialogue, starts_at=at(2026, 10, 20, 13), acting_user=staff)
    first, second = (place(title, meeting, staff) for title in ["Første sak", "Andre sak"])
    services.propose_case(dialogue, title="Venter i køen", acting_user=staff)
    page = cast.client("secretariat").get(reverse("meetings:meeting", args=[meeting.pk]))
    html = page.content.decode()
    assert "Holdes sammen med</dt><dd class=\"col-sm-9\">Partnerskapsmøtet" in html
    assert html.index("Første sak") < html.index("Andre sak") < html.index("Venter i køen")
    assert reverse("meetings:case_move", args=[second.pk]) in html
    assert reverse("meetings:case", args=[first.pk]) in html
