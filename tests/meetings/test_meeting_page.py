"""The meeting page builds its rows itself (meetings.views._page_cases): what it shows."""

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from meetings import services
from meetings.models import Case, LegalBasis, Seat
from tests.meetings.factories import at, make_body, make_seat, pdf_upload, place

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


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_the_agenda_rows_escape_titles_and_show_badges_papers_and_order(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = cast.users["secretariat"]
    body = make_body("ssu", "SSU")
    meeting = services.plan_meeting(body, starts_at=at(2026, 10, 20, 9), acting_user=staff)
    kept = place("Avvik <b>& tiltak</b>", meeting, staff)
    services.add_attachment(kept, upload=pdf_upload(), title="Notat «1»", screened=True,
                            legal_basis=LegalBasis.HEALTH, acting_user=staff)
    withdrawn = place("Trekkes", meeting, staff)
    services.withdraw_case(withdrawn, acting_user=staff)
    services.send_notice(meeting, acting_user=staff)
    added = place("Kom etter innkallingen", meeting, staff)
    html = cast.client("secretariat").get(
        reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")
    assert ">Avvik &lt;b&gt;&amp; tiltak&lt;/b&gt;</a>" in rows[0]
    assert "Notat «1»</a> (skjermet)</td>" in rows[0] and "badge" not in rows[0]
    assert "> Avvik &lt;b&gt;&amp; tiltak&lt;/b&gt;</span></a>" in rows[0]  # Remove
    assert "Trukket</span>" in rows[1] and "<td>–</td>" in rows[1]
    assert reverse("meetings:case_triage", args=[withdrawn.pk]) not in rows[1]
    assert "Ikke med i innkallingen sendt på forhånd</span>" in rows[2]
    assert reverse("meetings:case_move", args=[added.pk]) in rows[2]
    assert 'name="csrfmiddlewaretoken" value="' in rows[2]
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    member = cast.client("rep_a").get(reverse("meetings:meeting", args=[meeting.pk]))
    agenda = member.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert "Trukket" in agenda and "csrfmiddlewaretoken" not in agenda


def test_a_bodys_queue_is_read_through_its_index():
    """The queue is a handful of cases among every case of the body's years (the meeting
    page grew with the history when it read them all): with the statistics of such a body,
    both databases read it through the index on the status."""
    body = make_body("ssu")
    Case.objects.bulk_create([Case(body=body, title=f"Sak {n}", status=Case.Status.DECLINED)
                              for n in range(500)]
                             + [Case(body=body, title="I køen", status=Case.Status.PROPOSED)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    plan = body.cases.queued().order_by("submitted_at").explain()
    assert "meetings_case_by_status" in plan
