"""The body approves its previous minutes as a case of its next meeting (R-SSU-10), objections
by passage, and conflicts of interest per case in the minutes."""

import dataclasses

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings import services
from meetings.models import Absence, Case, Decision, Minutes
from members.models import User
from tests.meetings.factories import at, make_meeting
from tests.meetings.holding_factories import attend_all_members, decided
from tests.meetings.test_minutes import pdf_text, sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(staff):
    return decided(staff)


def next_meeting(held, staff):
    """The body's next meeting, its opening items first, its notice sent and the members
    present, on 20.08.2026."""
    meeting = make_meeting(held.body, at(2026, 8, 20))
    services.add_opening_items(meeting, acting_user=staff)
    services.send_notice(meeting, acting_user=staff, reason="Lederen er på reise",
                         now=at(2026, 8, 6))
    meeting.refresh_from_db()
    attend_all_members(dataclasses.replace(held, meeting=meeting), staff)
    return meeting, meeting.cases.get(kind=Case.Kind.APPROVE_MINUTES)


def approve(case, staff, corrections=""):
    return holding.record_decision(case, text="Protokollen godkjennes.",
                                   mode=Decision.Mode.CONSENSUS, corrections=corrections,
                                   acting_user=staff)


def test_r_ssu_10_the_approval_case_names_the_previous_meeting(held, staff):
    _, case = next_meeting(held, staff)
    assert case.approves_minutes_of == held.meeting
    assert (case.label, case.title) == ("Sak 5/2026", "Godkjenning av protokoll fra forrige møte")


def test_r_ssu_10_the_next_meeting_approves_the_minutes_sent_for_comments(held, staff):
    minutes = sent(held, staff)
    _, case = next_meeting(held, staff)
    approve(case, staff)
    minutes.refresh_from_db()
    assert (minutes.state, minutes.approved_in, minutes.deemed_approved) == (
        Minutes.State.APPROVED, case, False)
    assert minutes.history.filter(history_change_reason="R-SSU-10").exists()
    # Approved once: the end of the objection period approves nothing more.
    with time_machine.travel(at(2026, 8, 30), tick=False):
        assert minutes_service.deem_approved() == []


def test_r_ssu_10_the_approval_shows_on_the_page_and_in_the_pdf(held, staff, settings,
                                                                 tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    minutes = sent(held, staff)
    _, case = next_meeting(held, staff)
    approve(case, staff)
    client.force_login(staff)
    page = client.get(reverse("meetings:minutes", args=[held.meeting.pk])).content.decode()
    assert "godkjent i møte 20.08.2026, sak 5/2026" in page
    assert "godkjent i møte 20.08.2026, sak 5/2026" in pdf_text(minutes.pk)
    minutes_service.publish(minutes_service.current_minutes(held.meeting), acting_user=staff)
    client.logout()
    public = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk]))
    assert "godkjent i møte 20.08.2026, sak 5/2026" in public.content.decode()


def test_r_ssu_10_corrections_named_by_the_meeting_make_an_approved_new_version(held, staff):
    first = sent(held, staff)
    _, case = next_meeting(held, staff)
    approve(case, staff, corrections="I sak 2 skal det stå «prosjektet», ikke «programmet».")
    second = minutes_service.current_minutes(held.meeting)
    assert (second.version, second.state, second.approved_in) == (2, "approved", case)
    assert second.correction_reason.startswith("I sak 2 skal")
    assert second.content["cases"] == first.content["cases"]
    first.refresh_from_db()
    assert first.state == Minutes.State.OUT_FOR_COMMENTS
    # The version the meeting replaced is neither deemed approved nor open to objections.
    with time_machine.travel(at(2026, 8, 30), tick=False):
        assert minutes_service.deem_approved() == []
    with time_machine.travel(at(2026, 6, 12), tick=False):
        assert not minutes_service.may_object(first, held.muni1.holder)


def test_r_ssu_10_an_objection_is_left_to_the_approval_case_which_records_it(held, staff,
                                                                             client):
    minutes = sent(held, staff)
    with time_machine.travel(at(2026, 6, 12), tick=False):
        minutes_service.object_to(minutes, person=held.muni1.holder, acting_user=None,
                                  passage=f"case:{held.case2.pk}",
                                  comment="Stemmetallet i saken er feil.")
    client.force_login(staff)
    page = client.get(reverse("meetings:minutes", args=[held.meeting.pk])).content.decode()
    # Next to the passage it concerns: inside the case's section, after its heading.
    section = page[page.index(held.case2.title):]
    assert "Stemmetallet i saken er feil." in section[:section.index("</section>")]
    _, case = next_meeting(held, staff)
    approve(case, staff, corrections="Stemmetallet rettes.")
    approved = minutes_service.current_minutes(held.meeting)
    assert approved.content["objections"] == [{
        "name": "Cecilie Kommune", "passage": f"case:{held.case2.pk}",
        "comment": "Stemmetallet i saken er feil."}]
    page = client.get(reverse("meetings:minutes", args=[held.meeting.pk])).content.decode()
    assert "Merknader behandlet av møtet som godkjente protokollen" in page


def test_an_objection_names_a_passage_of_these_minutes(held, staff):
    minutes = sent(held, staff)
    with time_machine.travel(at(2026, 6, 12), tick=False), pytest.raises(ValidationError) as e:
        minutes_service.object_to(minutes, person=held.muni1.holder, acting_user=None,
                                  passage="case:999999", comment="Feil")
    assert "passage" in e.value.message_dict
    assert not minutes.objections.exists()


def test_r_ssu_10_minutes_deemed_approved_stay_as_they_are(held, staff):
    minutes = sent(held, staff)
    with time_machine.travel(at(2026, 6, 16), tick=False):
        minutes_service.deem_approved()
    _, case = next_meeting(held, staff)
    approve(case, staff)
    minutes.refresh_from_db()
    assert (minutes.deemed_approved, minutes.approved_in) == (True, None)
    with pytest.raises(ValidationError) as refused:
        approve(case, staff, corrections="Rett sak 1.")
    assert "corrections" in refused.value.message_dict
    assert minutes_service.current_minutes(held.meeting).version == 1


def test_r_ssu_10_no_approval_without_minutes_and_nothing_half_saved(held, staff):
    _, case = next_meeting(held, staff)
    with pytest.raises(ValidationError):
        approve(case, staff)
    assert not Decision.objects.filter(case=case).exists()


def test_r_ssu_10_the_decision_form_approves_with_corrections(held, staff, client):
    sent(held, staff)
    _, case = next_meeting(held, staff)
    client.force_login(User.objects.get(pk=staff.pk))
    url = reverse("meetings:decision", args=[case.pk])
    form = client.get(url).content.decode()
    assert "Rettelser i protokollen fra 10.06.2026" in form
    response = client.post(url, {"mode": "consensus", "text": "Godkjent med rettelse.",
                                 "minutes_text": "", "corrections": "Sak 1: rett dato."})
    assert response.status_code == 302
    current = minutes_service.current_minutes(held.meeting)
    assert (current.version, current.approved_in_id, current.correction_reason) == (
        2, case.pk, "Sak 1: rett dato.")


def test_a_conflict_of_interest_is_told_in_the_case_it_concerns(staff, client):
    from tests.meetings.holding_factories import ssu_meeting

    held = ssu_meeting(staff)
    holding.report_absence(held.meeting, held.muni2, kind=Absence.Kind.CONFLICT,
                           cases=[held.case1], acting_user=staff)
    attend_all_members(held, staff)
    holding.record_decision(held.case1, text="Vedtatt.", mode=Decision.Mode.CONSENSUS,
                            acting_user=staff)
    holding.mark_held(held.meeting, acting_user=staff)
    minutes = sent(held, staff)
    case1 = next(case for case in minutes.content["cases"] if case["id"] == held.case1.pk)
    assert case1["conflicted"] == ["Dag Kommune"]
    client.force_login(staff)
    page = client.get(reverse("meetings:minutes", args=[held.meeting.pk])).content.decode()
    assert "Dag Kommune fratrådte som inhabil i sak 1/2026." in page
