"""Attendance that contradicts itself is refused (R-SSU-13); attendance recorded by mistake is
corrected until the minutes are sent (R-REC-2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.models import AuditEvent
from meetings import attendance as holding
from meetings import attendance_rules
from meetings import minutes as minutes_service
from meetings.locks import Refused
from meetings.models import Absence, Attendance, Vote
from tests.meetings.holding_factories import decided, ssu_meeting

OUT_FOR_COMMENTS = ("Protokollen er sendt på høring og står som sendt: en endring må vente til "
                    "en merknad sender den tilbake.")

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(staff):
    return ssu_meeting(staff)


def test_r_ssu_13_absent_from_the_whole_meeting_is_not_also_present(held, staff):
    absence = holding.report_absence(held.meeting, held.muni1, kind=Absence.Kind.WHOLE)
    with pytest.raises(ValidationError) as refused:
        holding.record_attendance(held.meeting, held.muni1, acting_user=staff)
    assert refused.value.message_dict == {"seat": [
        "Cecilie Kommune meldte forfall til hele møtet. Trekk meldingen først; det "
        "registreres at den ble trukket."]}
    assert not Attendance.objects.filter(seat=held.muni1).exists()
    client = _secretariat(staff)
    client.post(reverse("meetings:absence_withdraw", args=[absence.pk]))
    absence.refresh_from_db()
    assert absence.withdrawn_at is not None
    assert absence.history.first().history_user == staff
    holding.record_attendance(held.meeting, held.muni1, acting_user=staff)
    assert Attendance.objects.filter(seat=held.muni1).exists()


def test_r_ssu_13_someone_present_cannot_report_absence_from_the_whole_meeting(held, staff):
    holding.record_attendance(held.meeting, held.trust1, acting_user=staff)
    with pytest.raises(ValidationError) as refused:
        holding.report_absence(held.meeting, held.trust1, kind=Absence.Kind.WHOLE)
    assert list(refused.value.message_dict) == ["kind"]
    holding.report_absence(held.meeting, held.trust1, kind=Absence.Kind.PART,
                           from_case=held.case2)


def test_r_ssu_13_a_personal_deputy_stands_in_only_for_their_own_member(held, staff):
    with pytest.raises(ValidationError) as refused:
        holding.record_attendance(held.meeting, held.personal_deputy,
                                  stands_in_for=held.muni2, acting_user=staff)
    assert refused.value.message_dict == {"stands_in_for": [
        "En personlig vara møter bare for sitt eget medlem, Cecilie Kommune."]}
    holding.record_attendance(held.meeting, held.personal_deputy, stands_in_for=held.muni1,
                              acting_user=staff)
    with pytest.raises(ValidationError):
        holding.record_attendance(held.meeting, held.list1, stands_in_for=held.muni2,
                                  acting_user=staff)
    holding.record_attendance(held.meeting, held.list1, stands_in_for=held.trust2,
                              acting_user=staff)


def _send_minutes(held, staff):
    record = minutes_service.start_minutes(held.meeting, acting_user=staff)
    minutes_service.send_for_comments(record, acting_user=staff,
                                      now=held.meeting.starts_at + datetime.timedelta(days=1))


def test_r_rec_2_present_by_mistake_is_corrected_to_absent_until_the_minutes_are_sent(staff):
    held = decided(staff)  # held, everyone recorded present
    minutes_service.start_minutes(held.meeting, acting_user=staff)  # a draft leaves it open
    attendance = Attendance.objects.get(meeting=held.meeting, seat=held.trust1)
    vote = Vote.objects.get(seat=held.trust1, decision__case=held.case2)
    revoted = attendance_rules.correct_attendance(attendance, to=attendance_rules.ABSENT,
                                                  acting_user=staff)
    assert not Attendance.objects.filter(pk=attendance.pk).exists()
    removal = Attendance.history.filter(id=attendance.pk).first()
    assert (removal.history_type, removal.history_user) == ("-", staff)
    # Someone absent did not vote in the split vote of case 2 (R-SSU-7).
    assert revoted == [held.case2]
    assert not Vote.objects.filter(seat=held.trust1).exists()
    assert Vote.history.filter(id=vote.pk).first().history_type == "-"
    entry = AuditEvent.objects.get(action="attendance_corrected")
    assert (entry.actor, entry.details) == (staff, {
        "seat": held.trust1.pk, "holder": "Anne Trust", "to": "absent",
        "votes_removed": [held.case2.label]})
    assert held.trust1.pk not in {a.seat_id for a in holding.CaseRoll(held.meeting).present(
        held.case1)}
    _send_minutes(held, staff)
    other = Attendance.objects.get(meeting=held.meeting, seat=held.trust2)
    with pytest.raises(Refused) as refused:
        attendance_rules.correct_attendance(other, to=attendance_rules.ABSENT,
                                            acting_user=staff)
    assert refused.value.messages == [OUT_FOR_COMMENTS]
    assert Attendance.objects.filter(pk=other.pk).exists()
    assert AuditEvent.objects.filter(action="access_refused",
                                     details__change="correct_attendance").count() == 1


def test_r_rec_2_present_by_mistake_is_corrected_to_conflicted_in_named_cases(staff):
    held = decided(staff)
    attendance = Attendance.objects.get(meeting=held.meeting, seat=held.muni1)
    with pytest.raises(ValidationError) as refused:
        attendance_rules.correct_attendance(attendance, to=attendance_rules.CONFLICT,
                                            acting_user=staff)
    assert list(refused.value.message_dict) == ["cases"]
    assert attendance_rules.correct_attendance(
        attendance, to=attendance_rules.CONFLICT, cases=[held.case2], acting_user=staff) == [
        held.case2]
    assert not Vote.objects.filter(seat=held.muni1, decision__case=held.case2).exists()
    roll = holding.CaseRoll(held.meeting)
    assert held.muni1 not in roll.voters(held.case2)
    assert held.muni1 in roll.voters(held.case1)
    absence = Absence.objects.get(meeting=held.meeting, seat=held.muni1)
    assert absence.kind == Absence.Kind.CONFLICT
    assert absence.history.first().history_user == staff


def test_r_rec_2_the_attendance_page_corrects_attendance_until_the_minutes_are_sent(staff):
    held = decided(staff)
    client = _secretariat(staff)
    page = reverse("meetings:attendance", args=[held.meeting.pk])
    attendance = Attendance.objects.get(meeting=held.meeting, seat=held.trust1)
    correct = reverse("meetings:attendance_correct", args=[attendance.pk])
    assert correct in client.get(page).content.decode()
    response = client.post(correct, {"to": "absent"}, follow=True)
    assert response.redirect_chain == [(page, 302)]
    assert ("Stemmen til vedkommende ble fjernet fra Sak 2/2026: registrer avstemningen der "
            "på nytt."
            in response.content.decode())
    assert not Attendance.objects.filter(pk=attendance.pk).exists()
    _send_minutes(held, staff)
    other = Attendance.objects.get(meeting=held.meeting, seat=held.trust2)
    correct_other = reverse("meetings:attendance_correct", args=[other.pk])
    assert correct_other not in client.get(page).content.decode()
    response = client.post(correct_other, {"to": "absent"})
    assert response.status_code == 200
    assert OUT_FOR_COMMENTS in response.content.decode()
    assert Attendance.objects.filter(pk=other.pk).exists()


def _secretariat(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_r_rec_2_a_correction_to_conflicted_keeps_the_conflicts_reported_before(staff):
    """A conflict reported beforehand in one case stands when the correction names another."""
    held = decided(staff)
    reported = Absence.objects.create(meeting=held.meeting, seat=held.muni1,
                                      kind=Absence.Kind.CONFLICT, note="Styremedlem")
    reported.cases.set([held.case1])
    attendance = Attendance.objects.get(meeting=held.meeting, seat=held.muni1)
    attendance_rules.correct_attendance(attendance, to=attendance_rules.CONFLICT,
                                        cases=[held.case2], acting_user=staff)
    absence = Absence.objects.get(meeting=held.meeting, seat=held.muni1)
    assert set(absence.cases.all()) == {held.case1, held.case2}
    assert absence.note == "Styremedlem"


def test_r_rec_2_a_withdrawn_reports_reason_is_not_carried_into_the_conflict(staff):
    held = decided(staff)
    Absence.objects.create(meeting=held.meeting, seat=held.muni1, kind=Absence.Kind.WHOLE,
                           note="Syk", withdrawn_at=held.meeting.starts_at)
    attendance = Attendance.objects.get(meeting=held.meeting, seat=held.muni1)
    attendance_rules.correct_attendance(attendance, to=attendance_rules.CONFLICT,
                                        cases=[held.case2], acting_user=staff)
    absence = Absence.objects.get(meeting=held.meeting, seat=held.muni1)
    assert (absence.kind, absence.note, list(absence.cases.all())) == (
        Absence.Kind.CONFLICT, "", [held.case2])
