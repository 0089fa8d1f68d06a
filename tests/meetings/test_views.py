import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from meetings import services
from meetings.models import Case, ChairTerm, Meeting, Seat
from tests.meetings.factories import (
    at,
    make_body,
    make_meeting,
    make_person,
    make_seat,
    pdf_upload,
    place,
)

pytestmark = pytest.mark.django_db
NOW = at(2026, 3, 1)


def _fill(cast, size):
    """A body where person A sits, with `size` seats, meetings, cases and attachments."""
    staff = cast.users["secretariat"]
    body = make_body("ssu", "SSU")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    services.appoint_chair(body, person=cast.person_a, side="municipalities",
                           starts_on=datetime.date(2025, 1, 1), acting_user=staff)
    services.adopt_plan(body, 2026, adopted_on=datetime.date(2025, 12, 1), acting_user=staff)
    meetings = []
    for index in range(size):
        member = make_seat(body, side=Seat.Side.MUNICIPALITIES)
        make_seat(body, role=Seat.Role.PERSONAL_DEPUTY, side=Seat.Side.MUNICIPALITIES,
                  deputy_for=member)
        meeting = make_meeting(body, at(2026, 4 + index, 20))
        meetings.append(meeting)
        for number in range(size):
            case = place(f"Sak {index}-{number}", meeting, staff, now=NOW)
            services.add_attachment(case, upload=pdf_upload(), title="Vedlegg", screened=False,
                                    legal_basis="", acting_user=staff)
        services.propose_case(body, title=f"I køen {index}", acting_user=staff)
    # Representatives see agendas once the notice is out; sending it for real would render
    # and mail what these tests do not look at.
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(
        status=Meeting.Status.NOTICE_SENT, notice_sent_at=NOW)
    return body, meetings[0]


@pytest.mark.parametrize("size", [1, 4])
@time_machine.travel(NOW, tick=False)
def test_body_page_queries_do_not_grow(cast, size, django_assert_num_queries):
    body, _meeting = _fill(cast, size)
    # (first visit, seen again) for each. The first visit after a change works the rule
    # warnings out and keeps them; seen again: the mandate, the seats, the meetings and plans,
    # the queue and the chair terms, and the warnings as kept. A representative's pages read
    # which bodies they sit on.
    for who, (first, again) in [("secretariat", (18, 11)), ("rep_a", (12, 12))]:
        client = cast.client(who)
        with django_assert_num_queries(first):
            response = client.get(reverse("meetings:body", args=[body.pk]))
        assert response.status_code == 200
        with django_assert_num_queries(again):
            assert client.get(reverse("meetings:body", args=[body.pk])).status_code == 200
    page = cast.client("secretariat").get(reverse("meetings:body", args=[body.pk]))
    assert page.content.decode().count("I køen") == size


@pytest.mark.parametrize("size", [1, 4])
@time_machine.travel(NOW, tick=False)
def test_meeting_page_queries_do_not_grow(cast, size, django_assert_num_queries):
    _body, meeting = _fill(cast, size)
    for who, count in [("secretariat", 7), ("rep_a", 9)]:
        client = cast.client(who)
        with django_assert_num_queries(count):
            response = client.get(reverse("meetings:meeting", args=[meeting.pk]))
        assert response.status_code == 200
    assert response.content.decode().count("Vedlegg</a>") == size


@pytest.mark.parametrize("size", [1, 4])
@time_machine.travel(NOW, tick=False)
def test_my_meetings_queries_do_not_grow(cast, size, django_assert_num_queries):
    _fill(cast, size)
    client = cast.client("rep_a")
    with django_assert_num_queries(5):
        response = client.get(reverse("meetings:my_meetings"))
    assert response.content.decode().count("Sak 0-0") == 1
    assert len(response.context["meetings"]) == size


@pytest.mark.parametrize("size", [1, 4])
@time_machine.travel(NOW, tick=False)
def test_body_list_and_start_page_queries_do_not_grow(cast, size,
                                                      django_assert_num_queries):
    _fill(cast, size)
    for _ in range(size):
        make_body("lsu", parent=None)
    client = cast.client("secretariat")
    # The first page after a change works the warnings out (six queries) and keeps them (one).
    with django_assert_num_queries(12):
        assert client.get(reverse("meetings:bodies")).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(reverse("start")).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_list_of_bodies_shows_rule_warnings_to_the_secretariat(cast):
    """The start page counts them per body (test_stored_warnings); here they are in full."""
    body = make_body("ssu", "SSU Helgeland")
    make_meeting(body, at(2026, 3, 12))
    page = cast.client("secretariat").get(reverse("meetings:bodies")).content.decode()
    # People read where each rule is written in their agreement, not its internal ID.
    assert "Samarbeidsavtalen § 4-3: møtes minst 4 ganger i året" in page  # R-SSU-1
    assert ("Samarbeidsavtalen § 4-3: møteplanen for hvert kalenderår vedtas før året "
            "starter") in page  # R-SSU-2
    assert ("Samarbeidsavtalen § 4-3: innkalling, dagsorden og sakspapirer sendes 2 uker til "
            "4 uker før møtet") in page  # R-PM-3
    assert "R-SSU-1" not in page


@time_machine.travel(NOW, tick=False)
def test_start_page_shows_a_representative_their_next_meetings(cast):
    body = make_body("ssu", "SSU Helgeland")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2026, 3, 12))
    make_meeting(make_body("ssu", "Annet utvalg"), at(2026, 3, 13))
    panel = cast.client("rep_a").get(reverse("start")).content.decode()
    assert meeting.get_absolute_url() in panel
    assert "Annet utvalg" not in panel


def test_a_representative_proposes_a_case_to_their_body(cast):
    body = make_body("ssu")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    response = cast.client("rep_a").post(reverse("meetings:case_propose", args=[body.pk]), {
        "title": "Felles rutine for utskrivningsklare pasienter",
        "background": "Mange liggedøgn.", "wanted_decision": "SSU ber om en felles rutine.",
        "attachment": pdf_upload("Liggedøgn 2026.pdf")})
    case = Case.objects.get()
    assert [(a.original_name, a.screened) for a in case.attachments.all()] == [
        ("Liggedøgn 2026.pdf", False)]
    assert response["Location"] == case.get_absolute_url()
    assert (case.status, case.proposed_by, case.body) == (Case.Status.PROPOSED,
                                                          cast.users["rep_a"], body)
    assert cast.client("rep_a").get(case.get_absolute_url()).status_code == 200
    other = make_body("ssu")
    response = cast.client("rep_a").post(reverse("meetings:case_propose", args=[body.pk]),
                                         {"title": "Med program",
                                          "attachment": pdf_upload("x.pdf", b"MZ\x90")})
    assert response.status_code == 200
    assert response.context["form"].errors["attachment"] == [
        "Filens innhold er ikke en av disse typene: PDF, Word (DOCX), Excel (XLSX), "
        "OpenDocument-tekst (ODT), PNG eller JPEG."]
    response = cast.client("rep_a").post(reverse("meetings:case_propose", args=[other.pk]),
                                         {"title": "Nei"})
    assert response.status_code == 404
    assert Case.objects.count() == 1


@time_machine.travel(at(2026, 6, 1), tick=False)
def test_triage_page_refuses_a_late_case_without_approval(cast):
    staff = cast.users["secretariat"]
    body = make_body("ssu")
    meeting = make_meeting(body, at(2026, 6, 10))
    case = services.propose_case(body, title="Sen sak", acting_user=staff)
    url = reverse("meetings:case_triage", args=[case.pk])
    response = cast.client("secretariat").post(url, {"action": "place",
                                                     "place-meeting": meeting.pk})
    assert response.status_code == 400
    assert escape(body.cite("R-SSU-4")) in response.content.decode()
    case.refresh_from_db()
    assert case.number is None
    chair = make_person("Leder")
    services.appoint_chair(body, person=chair, side="trust", starts_on=datetime.date(2026, 1, 1),
                           acting_user=staff)
    response = cast.client("secretariat").post(url, {
        "action": "place", "place-meeting": meeting.pk, "place-chair": chair.pk,
        "place-urgency_reason": "Høringsfrist"})
    assert response["Location"] == meeting.get_absolute_url()
    case.refresh_from_db()
    assert (case.status, case.late_approved_by) == ("placed", chair)


def test_triage_decline_shows_the_reason_to_the_proposer(cast):
    body = make_body("ssu")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    case = services.propose_case(body, title="Forslag", acting_user=cast.users["rep_a"])
    url = reverse("meetings:case_triage", args=[case.pk])
    response = cast.client("secretariat").post(url, {"action": "decline",
                                                     "decline-reason": ""})
    assert response.status_code == 400
    cast.client("secretariat").post(url, {"action": "decline",
                                          "decline-reason": "Hører hjemme i LSU"})
    page = cast.client("rep_a").get(reverse("meetings:body", args=[body.pk])).content.decode()
    assert "Hører hjemme i LSU" in page


def test_new_body_takes_the_defaults_of_its_kind(cast):
    response = cast.client("secretariat").post(reverse("meetings:body_create"), {
        "kind": "ssu", "name": "SSU Helgeland", "is_public": "on", "opening_items": "on"})
    assert response.status_code == 302
    from meetings.models import Body

    body = Body.objects.get()
    assert (body.meetings_per_year, body.case_deadline_days, body.trust_members) == (4, 28, 7)


@time_machine.travel(NOW, tick=False)
def test_chair_page_proposes_the_side_and_warns_when_it_is_broken(cast):
    body = make_body("ssu")
    ChairTerm.objects.create(body=body, person=make_person(), side="trust",
                             starts_on=datetime.date(2024, 1, 1))
    client = cast.client("secretariat")
    url = reverse("meetings:chair_create", args=[body.pk])
    assert client.get(url).context["form"].initial["side"] == "municipalities"
    response = client.post(url, {"role": "chair", "person": make_person().pk, "side": "trust",
                                 "starts_on": "2026-01-01"}, follow=True)
    assert escape(body.cite("R-SSU-14")) in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_meeting_form_refuses_a_short_extraordinary_notice(cast):
    body = make_body("ssu")
    response = cast.client("secretariat").post(
        reverse("meetings:meeting_create", args=[body.pk]),
        {"kind": "extraordinary", "starts_at": "2026-03-05T10:00", "is_public": "on"})
    assert response.status_code == 200
    assert escape(body.cite("R-SSU-12")) in response.content.decode()
    assert Meeting.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_notice_page_sends_and_logs_each_email(cast, django_capture_on_commit_callbacks):
    body = make_body("ssu")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2026, 4, 20))
    client = cast.client("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:notice_send", args=[meeting.pk]))
    assert response["Location"] == reverse("meetings:notice", args=[meeting.pk])
    response = client.get(response["Location"])
    page = response.content.decode()
    assert "a@example.org" in page
    assert response.context["mails"].count() == 2
    assert {m.state for m in response.context["mails"]} == {"sent"}


@time_machine.travel(NOW, tick=False)
def test_the_body_page_shows_the_plans_from_last_year_on_as_its_meetings(cast):
    from meetings.models import MeetingPlan

    body = make_body("ssu", "SSU Planer")
    for year in (2019, 2025, 2026):
        MeetingPlan.objects.create(body=body, year=year, adopted_on=datetime.date(year - 1, 12, 1))
    page = cast.client("secretariat").get(reverse("meetings:body", args=[body.pk]))
    headings = page.content.decode()
    assert '<h3 class="h5">2025</h3>' in headings and '<h3 class="h5">2026</h3>' in headings
    assert '<h3 class="h5">2019</h3>' not in headings


@time_machine.travel(NOW, tick=False)
def test_the_body_page_names_the_body_it_reports_to_and_shares_the_programme_of(cast):
    partnership = make_body("partnership", "Partnerskapsmøtet")
    dialogue = make_body("dialogue", "Dialogmøtet", programme_of=partnership)
    ssu = make_body("ssu", "SSU Helgeland", parent=partnership)
    make_meeting(partnership, starts_at=at(2026, 5, 4, 10))
    client = cast.client("secretariat")
    dialogue_page = client.get(reverse("meetings:body", args=[dialogue.pk])).content.decode()
    assert "møtes samme dag som Partnerskapsmøtet" in dialogue_page
    # The programme is the partnership meeting's: its meeting is in the dialogue's plan.
    assert "mandag 4. mai 2026 10:00</a> – Partnerskapsmøtet" in dialogue_page
    assert "rapporterer til Partnerskapsmøtet" in client.get(
        reverse("meetings:body", args=[ssu.pk])).content.decode()
