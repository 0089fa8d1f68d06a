"""The secretariat's pages change things through the services, with history and messages."""

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from meetings import services
from meetings.models import Body, Case, Meeting, MeetingPlan, Seat
from members.models import Organisation
from tests.meetings.factories import at, make_body, make_meeting, make_person, make_seat, place

pytestmark = pytest.mark.django_db
NOW = at(2026, 3, 1)


def test_editing_a_bodys_rules_is_recorded_with_its_author(cast):
    body = make_body("ssu", "SSU")
    client = cast.client("secretariat")
    form = client.get(reverse("meetings:body_edit", args=[body.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"case_deadline_days": 21, "parent": "", "programme_of": "",
                 "action_plan_revised_on": ""})
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(reverse("meetings:body_edit", args=[body.pk]), data)
    assert response["Location"] == body.get_absolute_url()
    record = Body.history.filter(id=body.pk).first()
    assert (record.case_deadline_days, record.history_user) == (21, cast.users["secretariat"])


def test_adding_seats_and_a_plan(cast):
    body = make_body("ssu", "SSU")
    council = Organisation.objects.create(kind=Organisation.Kind.REGIONAL_COUNCIL,
                                          name="Helgelandsrådet")
    client = cast.client("secretariat")
    response = client.post(reverse("meetings:seat_create", args=[body.pk]), {
        "holder": cast.person_a.pk, "role": "member", "side": "municipalities",
        "appointed_by": council.pk, "starts_on": "2026-01-01"})
    assert response["Location"] == body.get_absolute_url()
    member = Seat.objects.get(holder=cast.person_a)
    response = client.post(reverse("meetings:seat_create", args=[body.pk]), {
        "holder": make_person().pk, "role": "personal_deputy", "side": "municipalities",
        "deputy_for": member.pk, "appointed_by": council.pk, "starts_on": "2026-01-01"})
    assert response.status_code == 302
    assert member.personal_deputies.count() == 1
    client.post(reverse("meetings:plan_adopt", args=[body.pk]), {
        "year": 2027, "adopted_on": "2026-11-20", "adopted_in": "Sak 30/2026"})
    plan = MeetingPlan.objects.get(body=body, year=2027)
    assert (plan.is_adopted, plan.adopted_in) == (True, "Sak 30/2026")


@time_machine.travel(NOW, tick=False)
def test_building_an_agenda_on_the_meeting_page(cast):
    staff = cast.users["secretariat"]
    body = make_body("ssu", "SSU")
    client = cast.client("secretariat")
    response = client.post(reverse("meetings:meeting_create", args=[body.pk]), {
        "kind": "ordinary", "starts_at": "2026-05-20T10:00", "place": "Mo i Rana",
        "is_public": "on"})
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    first = place("Avvik", meeting, staff)
    second = place("Jordmortjenester", meeting, staff)
    client.post(reverse("meetings:opening_items", args=[meeting.pk]))
    client.post(reverse("meetings:case_move", args=[second.pk]), {"direction": "up"})
    client.post(reverse("meetings:case_withdraw", args=[first.pk]))
    agenda = [(c.label, c.title, c.status) for c in meeting.cases.on_agenda()]
    assert agenda == [
        ("", "Godkjenning av innkalling og saksliste", "placed"),
        ("", "Godkjenning av protokoll fra forrige møte", "placed"),
        ("", "Jordmortjenester", "placed"),
        ("", "Avvik", "withdrawn"),
    ]
    # The numbers follow the agenda, opening items first, when the notice is sent.
    client.post(reverse("meetings:case_move", args=[second.pk]), {"direction": "up"})
    client.post(reverse("meetings:notice_send", args=[meeting.pk]))
    agenda = [(c.label, c.title, c.status) for c in meeting.cases.on_agenda()]
    assert agenda == [
        ("Sak 1/2026", "Godkjenning av innkalling og saksliste", "placed"),
        ("Sak 2/2026", "Godkjenning av protokoll fra forrige møte", "placed"),
        ("Sak 3/2026", "Jordmortjenester", "placed"),
        ("", "Avvik", "withdrawn"),
    ]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Legg til de faste innledende sakene" not in page
    assert "Trukket" in page


@time_machine.travel(NOW, tick=False)
def test_a_new_time_after_the_notice_tells_everyone(cast, django_capture_on_commit_callbacks):
    body = make_body("ssu", "SSU")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2026, 4, 20))
    client = cast.client("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:notice_send", args=[meeting.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), {
            "starts_at": "2026-04-21T12:00", "place": "Sandnessjøen"})
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.place) == (1, "Sandnessjøen")
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Innkalling", "Innkalling",
                                                              "Endret", "Endret"]


def test_case_papers_are_sanitised_when_saved_through_the_page(cast):
    body = make_body("ssu", "SSU")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    case = Case.objects.create(body=body, title="Sak")
    cast.client("secretariat").post(reverse("meetings:case_edit", args=[case.pk]), {
        "title": "Sak", "presentation": "<p>Bra</p><img src=x onerror=alert(1)>",
        "proposed_decision": "Vedtas."})
    # Unsent draft papers are the secretariat's alone, so the secretariat reads them back.
    case.refresh_from_db()
    assert "<p>Bra</p>" in case.presentation
    assert "onerror" not in case.presentation
    page = cast.client("secretariat").get(case.get_absolute_url()).content.decode()
    assert "<p>Bra</p>" in page
    assert "onerror" not in page


@time_machine.travel(NOW, tick=False)
def test_removing_a_case_from_the_agenda_sends_it_back_to_the_queue_with_its_number(cast):
    meeting = make_meeting(make_body("ssu", "SSU"), at(2026, 5, 20))
    case = place("Avvik", meeting, cast.users["secretariat"])
    services.send_notice(meeting, acting_user=cast.users["secretariat"])
    client = cast.client("secretariat")
    url = reverse("meetings:case_triage", args=[case.pk])
    assert list(client.get(url).context["forms"]) == ["defer"]
    client.post(url, {"action": "defer", "defer-reason": "Tas i juni"})
    case.refresh_from_db()
    assert (case.status, case.meeting, case.label) == ("deferred", None, "Sak 1/2026")
    assert list(client.get(url).context["forms"]) == ["place", "defer", "decline", "merge"]
    client.post(url, {"action": "decline", "decline-reason": "Løst på annen måte"})
    page = client.get(url).content.decode()
    assert "Saken er avvist: det er ikke mer å avgjøre her." in page
