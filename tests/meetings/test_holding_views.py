import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings.models import Absence, Decision, DeputyRequest, FollowUp, Minutes, Seat
from members.models import Organisation
from tests.meetings.factories import at, make_person, make_seat
from tests.meetings.holding_factories import decided, published, ssu_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_secretariat_records_a_split_vote_through_the_form(staff_client, staff):
    held = ssu_meeting(staff)
    for seat in (held.trust1, held.trust2, held.muni1, held.observer):
        response = staff_client.post(reverse("meetings:attendance", args=[held.meeting.pk]),
                                     {"seat": seat.pk})
        assert response.status_code == 302
    form = staff_client.get(reverse("meetings:decision", args=[held.case2.pk]))
    assert f'name="vote_{held.observer.pk}"' not in form.content.decode()
    response = staff_client.post(reverse("meetings:decision", args=[held.case2.pk]), {
        "mode": "vote", "text": "Vedtatt.", f"vote_{held.trust1.pk}": "for",
        f"vote_{held.trust2.pk}": "against", f"vote_{held.muni1.pk}": "for"})
    assert response.status_code == 302
    assert Decision.objects.get(case=held.case2).tally() == {"for": 2, "against": 1,
                                                             "abstain": 0}


def test_a_missing_vote_is_a_message_not_a_write(staff_client, staff):
    held = ssu_meeting(staff)
    staff_client.post(reverse("meetings:attendance", args=[held.meeting.pk]),
                      {"seat": held.trust1.pk})
    staff_client.post(reverse("meetings:attendance", args=[held.meeting.pk]),
                      {"seat": held.trust2.pk})
    response = staff_client.post(reverse("meetings:decision", args=[held.case2.pk]), {
        "mode": "vote", "text": "Vedtatt.", f"vote_{held.trust1.pk}": "for"})
    assert response.status_code == 200
    assert escape(held.body.cite("R-SSU-9")) in response.content.decode()
    assert Decision.objects.count() == 0


def test_a_representative_reports_absence_and_objects_to_the_minutes(client, staff, cast):
    held = decided(staff, at(2026, 6, 10))
    seat = make_seat(held.body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    rep = cast.client("rep_a")
    other = ssu_meeting(staff, at(2026, 9, 10))
    make_seat(other.body, cast.person_a)
    response = rep.post(reverse("meetings:absence_report", args=[other.meeting.pk]),
                        {"kind": "conflict", "cases": [other.case1.pk]})
    assert response.status_code == 302
    assert Absence.objects.get().kind == "conflict"
    record = minutes_service.start_minutes(held.meeting, acting_user=staff)
    with time_machine.travel(at(2026, 6, 11), tick=False):
        minutes_service.send_for_comments(record, acting_user=staff)
        response = rep.post(reverse("meetings:minutes", args=[held.meeting.pk]),
                            {"comment": "Sak 2 mangler en merknad"})
    assert response.status_code == 302
    assert Minutes.objects.get().state == "draft"
    assert seat.holder.objections.count() == 1


def test_the_signed_links_work_without_login(client, staff):
    held = ssu_meeting(staff)
    token = holding.absence_token(held.meeting, held.trust1)
    response = client.post(reverse("meetings:absence_link", args=[token]), {"kind": "whole"})
    assert response.status_code == 200
    absence = Absence.objects.get(seat=held.trust1)
    request = holding.summon_deputy(absence, acting_user=staff)
    url = reverse("meetings:deputy_answer", args=[holding.deputy_token(request)])
    assert client.post(url, {"answer": "yes"}).status_code == 302
    assert DeputyRequest.objects.get().state == "accepted"
    assert client.get(reverse("meetings:absence_link", args=["forfalsket"])).status_code == 404


def test_summon_deputy_is_offered_until_a_deputy_is_asked(staff_client, staff):
    held = ssu_meeting(staff)
    absence = holding.report_absence(held.meeting, held.muni1, kind="whole", acting_user=staff)
    page = reverse("meetings:attendance", args=[held.meeting.pk])
    summon = reverse("meetings:deputy_summon", args=[absence.pk])
    assert summon in staff_client.get(page).content.decode()
    request = holding.summon_deputy(absence, acting_user=staff)
    assert summon not in staff_client.get(page).content.decode()
    holding.answer_deputy_request(request, accept=False)  # no deputy left to ask
    assert summon in staff_client.get(page).content.decode()


@pytest.mark.parametrize("size", [1, 4])
def test_meeting_pages_query_count_does_not_grow(client, staff, size,
                                                 django_assert_num_queries):
    client.force_login(staff)
    meetings = [published(staff, at(2026, 3, 10 + i), f"Organ {size}-{i}") for i in range(size)]
    held = meetings[-1]
    for extra in range(size):
        holding.add_follow_up(held.case1.decision, what=f"Oppgave {extra}", body=held.body,
                              due_on=datetime.date(2026, 4, 1 + extra), acting_user=staff)
    for name, args, count in [("meetings:attendance", [held.meeting.pk], 25),
                              ("meetings:minutes", [held.meeting.pk], 9),
                              ("meetings:follow_ups", [], 5),
                              ("meetings:follow_up", [FollowUp.objects.first().pk], 5)]:
        with django_assert_num_queries(count):
            assert client.get(reverse(name, args=args)).status_code == 200


def test_follow_ups_list_overdue_first(client, staff):
    client.force_login(staff)
    held = published(staff, at(2026, 3, 10))
    decision = held.case1.decision
    later = holding.add_follow_up(decision, what="Senere", body=held.body,
                                  due_on=datetime.date(2026, 12, 1), acting_user=staff)
    overdue = holding.add_follow_up(decision, what="Forsinket", body=held.body,
                                    due_on=datetime.date(2026, 5, 1), acting_user=staff)
    done = holding.add_follow_up(decision, what="Ferdig", body=held.body,
                                 due_on=datetime.date(2026, 4, 1), acting_user=staff)
    holding.note_follow_up(done, text="Levert", status="done", acting_user=staff)
    with time_machine.travel(at(2026, 6, 1), tick=False):
        page = client.get(reverse("meetings:follow_ups"))
    assert [f.pk for f in page.context["follow_ups"]] == [overdue.pk, later.pk]


def test_follow_ups_list_shows_each_kind_of_responsible_party(client, staff):
    client.force_login(staff)
    held = published(staff, at(2026, 3, 10))
    decision = held.case1.decision
    herøy = Organisation.objects.create(kind="municipality", number="1818", name="Herøy",
                                        name_qualifier="Nordland")
    holding.add_follow_up(decision, what="Kommunen <svarer>", organisation=herøy,
                          due_on=datetime.date(2026, 5, 1), acting_user=staff)
    holding.add_follow_up(decision, what="Personen", person=make_person("Kari Nordmann"),
                          acting_user=staff)
    holding.add_follow_up(decision, what="Organet", body=held.body,
                          due_on=datetime.date(2026, 7, 1), acting_user=staff)
    with time_machine.travel(at(2026, 6, 1), tick=False):
        html = client.get(reverse("meetings:follow_ups")).content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:3]
    assert "Kommunen &lt;svarer&gt;</a>" in rows[0] and "<td>Herøy (Nordland)</td>" in rows[0]
    assert "Forfalt" in rows[0] and "Forfalt" not in rows[1] + rows[2]
    assert f"<td>{escape(held.body.name)}</td>" in rows[1] and "Personen" in rows[2]
    assert "<td>Kari Nordmann</td><td>–</td>" in rows[2]


def test_follow_ups_come_fifty_to_a_page_overdue_first(client, staff):
    client.force_login(staff)
    held = published(staff, at(2026, 3, 10))
    for day in range(1, 52):
        holding.add_follow_up(held.case1.decision, what=f"Oppgave {day}", body=held.body,
                              due_on=datetime.date(2026, 5, 1) + datetime.timedelta(days=day),
                              acting_user=staff)
    with time_machine.travel(at(2026, 6, 1), tick=False):
        first = client.get(reverse("meetings:follow_ups"))
        second = client.get(reverse("meetings:follow_ups"), {"side": "2"})
    assert [f.what for f in first.context["follow_ups"]][:2] == ["Oppgave 1", "Oppgave 2"]
    assert len(first.context["follow_ups"]) == 50
    assert [f.what for f in second.context["follow_ups"]] == ["Oppgave 51"]
    html = first.content.decode()
    assert 'href="?side=2">Neste</a>' in html and "Side 1 av 2" in html


def test_the_dashboard_warns_about_minutes_not_yet_public(client, staff):
    client.force_login(staff)
    held = decided(staff, at(2026, 3, 10), "SSU Helgeland")
    with time_machine.travel(at(2026, 3, 20), tick=False):
        text = client.get(reverse("start")).content.decode()
    assert str(held.meeting) in text  # R-SSU-11, cited from the body's agreement:
    assert "Samarbeidsavtalen § 4-3: protokollen er offentlig senest 1 uke etter møtet" in text


def test_representatives_outside_the_body_do_not_see_the_minutes(cast, staff):
    held = published(staff, at(2026, 3, 10))
    assert cast.client("rep_b").get(reverse("meetings:minutes",
                                            args=[held.meeting.pk])).status_code == 404
