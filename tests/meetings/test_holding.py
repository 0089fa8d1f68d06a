import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from common.models import OutgoingMail
from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings.locks import Refused
from meetings.models import Absence, Decision, DeputyRequest, FollowUp, Meeting, Vote
from tests.meetings.factories import at, make_seat
from tests.meetings.holding_factories import attend_all_members, decided, ssu_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(staff):
    return ssu_meeting(staff)


def test_absence_tells_the_secretariat(held, staff):
    absence = holding.report_absence(held.meeting, held.muni1, kind=Absence.Kind.WHOLE,
                                     note="Syk")
    mail = OutgoingMail.objects.get(purpose__endswith=f":absence:{absence.pk}")
    assert (mail.recipient, "Cecilie Kommune" in mail.subject) == (staff.email, True)


def test_a_conflict_of_interest_needs_named_cases(held):
    with pytest.raises(ValidationError) as refused:
        holding.report_absence(held.meeting, held.trust1, kind=Absence.Kind.CONFLICT)
    assert list(refused.value.message_dict) == ["cases"]
    assert Absence.objects.count() == 0


def test_the_absence_link_works_only_for_its_person_and_meeting(held):
    token = holding.absence_token(held.meeting, held.muni1)
    assert holding.read_absence_token(token) == (held.meeting, held.muni1)
    assert holding.read_absence_token(token + "x") is None
    assert holding.read_absence_token("") is None


def test_the_absence_link_expires(held):
    with time_machine.travel(at(2026, 1, 1), tick=False):
        token = holding.absence_token(held.meeting, held.muni1)
    with time_machine.travel(at(2026, 5, 1), tick=False):
        assert holding.read_absence_token(token) is None


def test_r_ssu_13_a_municipal_member_gets_the_personal_deputy(held, staff):
    absence = holding.report_absence(held.meeting, held.muni1, kind=Absence.Kind.WHOLE)
    request = holding.summon_deputy(absence, acting_user=staff)
    assert request.deputy == held.personal_deputy
    mail = OutgoingMail.objects.get(purpose__endswith=f":deputy:{request.pk}")
    token = holding.deputy_token(request)
    assert f"https://hf.example/moter/vara/{token}/" in mail.body_text
    assert held.case1.title in mail.body_text  # the deputy gets the papers (R-SSU-13)


def test_r_ssu_13_a_no_from_a_list_deputy_moves_to_the_next(held, staff):
    absence = holding.report_absence(held.meeting, held.trust1, kind=Absence.Kind.WHOLE)
    first = holding.summon_deputy(absence, acting_user=staff)
    assert first.deputy == held.list1
    with time_machine.travel(at(2026, 6, 5, 12), tick=False):
        holding.answer_deputy_request(first, accept=False)
    requests = list(DeputyRequest.objects.order_by("pk").values_list("deputy", "state"))
    assert requests == [(held.list1.pk, "declined"), (held.list2.pk, "asked")]
    assert DeputyRequest.objects.get(pk=first.pk).answered_at == at(2026, 6, 5, 12)
    second = DeputyRequest.objects.get(deputy=held.list2)
    holding.answer_deputy_request(second, accept=True)
    attendance = held.meeting.attendances.get(seat=held.list2)
    assert attendance.stands_in_for == held.trust1


def test_r_ssu_13_the_next_absence_skips_a_deputy_already_asked(held, staff):
    first = holding.report_absence(held.meeting, held.trust1, kind=Absence.Kind.WHOLE)
    second = holding.report_absence(held.meeting, held.trust2, kind=Absence.Kind.WHOLE)
    assert holding.summon_deputy(first, acting_user=staff).deputy == held.list1
    assert holding.summon_deputy(second, acting_user=staff).deputy == held.list2
    third = holding.report_absence(held.meeting, make_seat(held.body), kind=Absence.Kind.PART,
                                   from_case=held.case2)
    assert holding.summon_deputy(third, acting_user=staff) is None


def test_a_deputy_request_is_answered_once(held, staff):
    absence = holding.report_absence(held.meeting, held.muni1, kind=Absence.Kind.WHOLE)
    request = holding.summon_deputy(absence, acting_user=staff)
    holding.answer_deputy_request(request, accept=True)
    with pytest.raises(ValidationError):
        holding.answer_deputy_request(request, accept=False)


def test_r_ssu_6_no_decision_on_a_case_not_on_the_notice(held, staff):
    attend_all_members(held, staff)
    assert held.late_case.on_notice is False
    with pytest.raises(ValidationError) as refused:
        holding.record_decision(held.late_case, text="Vedtatt.", mode=Decision.Mode.CONSENSUS,
                                acting_user=staff)
    assert held.body.cite("R-SSU-6") in refused.value.message_dict["mode"][0]
    assert Decision.objects.count() == 0
    decision = holding.record_decision(held.late_case, text="", acting_user=staff,
                                       mode=Decision.Mode.INFORMATION)
    assert decision.mode == "information"


def test_r_pm_5_a_consensus_body_does_not_vote(staff):
    held = ssu_meeting(staff)
    held.body.decision_mode = "consensus"
    held.body.save()
    attend_all_members(held, staff)
    with pytest.raises(ValidationError) as refused:
        holding.record_decision(held.case1, text="Vedtatt.", mode=Decision.Mode.VOTE,
                                votes={held.trust1.pk: "for"}, acting_user=staff)
    assert held.body.cite("R-PM-5") in refused.value.message_dict["mode"][0]
    decision = holding.record_decision(held.case1, text="Vedtatt.", acting_user=staff,
                                       mode=Decision.Mode.CONSENSUS)
    assert (decision.mode, decision.votes.count()) == ("consensus", 0)


def _all_for(seats):
    return {seat.pk: "for" for seat in seats}


def test_r_ssu_7_observers_and_listeners_never_vote(held, staff):
    attend_all_members(held, staff)
    members = [held.trust1, held.trust2, held.muni1, held.muni2]
    with pytest.raises(ValidationError) as refused:
        holding.record_decision(held.case1, text="Vedtatt.", mode=Decision.Mode.VOTE,
                                votes=_all_for(members + [held.observer]), acting_user=staff)
    assert held.body.cite("R-SSU-7") in refused.value.message_dict["votes"][0]
    assert Vote.objects.count() == 0


def test_r_ssu_7_a_deputy_votes_only_while_standing_in(held, staff):
    attend_all_members(held, staff)
    # Present but standing in for nobody: no vote.
    holding.record_attendance(held.meeting, held.list1, acting_user=staff)
    roll = holding.CaseRoll(held.meeting)
    assert held.list1 not in roll.voters(held.case1)
    # Standing in for a member who is there too: still no vote.
    holding.record_attendance(held.meeting, held.list1, stands_in_for=held.trust1,
                              acting_user=staff)
    assert held.list1 not in holding.CaseRoll(held.meeting).voters(held.case1)
    with pytest.raises(ValidationError):
        holding.record_decision(held.case1, text="Vedtatt.", mode=Decision.Mode.VOTE,
                                votes=_all_for([held.trust1, held.trust2, held.muni1,
                                                held.muni2, held.list1]), acting_user=staff)
    # The member leaves after case 1: the deputy votes on case 2, not on case 1.
    holding.record_attendance(held.meeting, held.trust1, left_after=held.case1,
                              acting_user=staff)
    roll = holding.CaseRoll(held.meeting)
    assert held.list1 not in roll.voters(held.case1)
    assert held.list1 in roll.voters(held.case2)
    assert held.trust1 not in roll.voters(held.case2)
    decision = holding.record_decision(
        held.case2, text="Vedtatt.", mode=Decision.Mode.VOTE, acting_user=staff,
        votes=_all_for([held.trust2, held.muni1, held.muni2, held.list1]))
    assert decision.tally() == {"for": 4, "against": 0, "abstain": 0}


def test_r_ssu_7_a_conflict_of_interest_removes_the_member_from_the_case(held, staff):
    holding.report_absence(held.meeting, held.muni2, kind=Absence.Kind.CONFLICT,
                           cases=[held.case2])
    attend_all_members(held, staff)
    roll = holding.CaseRoll(held.meeting)
    assert held.muni2 in roll.voters(held.case1)
    assert held.muni2 not in roll.voters(held.case2)


def test_r_ssu_8_quorate_with_whoever_attends(held, staff):
    holding.record_attendance(held.meeting, held.muni2, acting_user=staff)
    decision = holding.record_decision(held.case1, text="Vedtatt.", mode=Decision.Mode.VOTE,
                                       votes={held.muni2.pk: "for"}, acting_user=staff)
    assert decision.tally()["for"] == 1


def test_r_ssu_9_a_split_vote_records_every_voter(held, staff):
    attend_all_members(held, staff)
    with pytest.raises(ValidationError) as refused:
        holding.record_decision(held.case2, text="Vedtatt.", mode=Decision.Mode.VOTE,
                                votes={held.trust1.pk: "for", held.muni1.pk: "against"},
                                acting_user=staff)
    assert held.body.cite("R-SSU-9") in refused.value.message_dict["votes"][0]
    decision = holding.record_decision(
        held.case2, text="Vedtatt.", mode=Decision.Mode.VOTE, acting_user=staff,
        votes={held.trust1.pk: "for", held.trust2.pk: "for", held.muni1.pk: "against",
               held.muni2.pk: "abstain"})
    assert decision.is_split
    assert decision.tally() == {"for": 2, "against": 1, "abstain": 1}
    assert sorted((v.seat.holder.name, v.choice) for v in decision.votes.all()) == [
        ("Anne Trust", "for"), ("Bjørn Trust", "for"), ("Cecilie Kommune", "against"),
        ("Dag Kommune", "abstain")]
    # Recorded again as consensus: the votes are deleted, each deletion kept with its author.
    holding.record_decision(held.case2, text="Vedtatt.", mode=Decision.Mode.CONSENSUS,
                            acting_user=staff)
    deleted = Vote.history.filter(decision_id=decision.pk, history_type="-")
    assert (deleted.count(), {entry.history_user for entry in deleted}) == (4, {staff})


def test_a_follow_up_has_one_responsible_party_and_dated_notes(held, staff):
    attend_all_members(held, staff)
    decision = holding.record_decision(held.case1, text="Vedtatt.", acting_user=staff,
                                       mode=Decision.Mode.CONSENSUS)
    with pytest.raises(ValidationError):
        holding.add_follow_up(decision, what="Rutine", acting_user=staff)
    follow_up = holding.add_follow_up(decision, what="Rutine", body=held.body,
                                      due_on=datetime.date(2026, 9, 1), acting_user=staff)
    holding.note_follow_up(follow_up, text="Påbegynt", status=FollowUp.Status.IN_PROGRESS,
                           written_on=datetime.date(2026, 7, 1), acting_user=staff)
    follow_up.refresh_from_db()
    assert follow_up.status == "in_progress"
    assert follow_up.is_overdue(datetime.date(2026, 9, 2)) is True
    assert follow_up.is_overdue(datetime.date(2026, 9, 1)) is False


def test_mark_held_needs_the_notice(staff):
    held = ssu_meeting(staff)
    holding.mark_held(held.meeting, acting_user=staff)
    assert Meeting.objects.get(pk=held.meeting.pk).status == "held"
    with pytest.raises(ValidationError):
        holding.mark_held(held.meeting, acting_user=staff)


def test_r_dm_2_listeners_never_vote(staff):
    from meetings.models import Seat
    from tests.meetings.factories import make_seat

    held = ssu_meeting(staff)
    listener = make_seat(held.body, role=Seat.Role.LISTENER, side=Seat.Side.OTHER)
    holding.record_attendance(held.meeting, listener, acting_user=staff)
    holding.record_attendance(held.meeting, held.trust1, acting_user=staff)
    assert holding.CaseRoll(held.meeting).voters(held.case1) == [held.trust1]
    with pytest.raises(ValidationError):
        holding.record_decision(held.case1, text="Vedtatt.", mode=Decision.Mode.VOTE,
                                votes={held.trust1.pk: "for", listener.pk: "for"},
                                acting_user=staff)


def test_r_rec_2_a_decision_is_edited_until_the_minutes_are_sent(staff):
    held = decided(staff)
    record = minutes_service.start_minutes(held.meeting, acting_user=staff)
    holding.record_decision(held.case1, text="Rutinen vedtas med endringer.",
                            mode=Decision.Mode.UNANIMOUS, acting_user=staff)
    decision = Decision.objects.get(case=held.case1)
    assert decision.text == "Rutinen vedtas med endringer."
    assert [(h.text, h.history_user) for h in decision.history.all()[:2]] == [
        ("Rutinen vedtas med endringer.", staff), ("Rutinen vedtas.", staff)]
    minutes_service.send_for_comments(record, acting_user=staff,
                                      now=held.meeting.starts_at + datetime.timedelta(days=1))
    with pytest.raises(Refused) as refused:
        holding.record_decision(held.case1, text="Noe annet.", mode=Decision.Mode.UNANIMOUS,
                                acting_user=staff)
    assert refused.value.messages == [
        "Protokollen er sendt på høring og står som sendt: en endring må vente til en "
        "merknad sender den tilbake."]
    assert Decision.objects.get(case=held.case1).text == "Rutinen vedtas med endringer."
