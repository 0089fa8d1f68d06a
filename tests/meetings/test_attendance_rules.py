"""Attendance that contradicts itself is refused (R-SSU-13)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import attendance as holding
from meetings.models import Absence, Attendance
from tests.meetings.holding_factories import ssu_meeting

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
        "En personlig vara møter bare for sitt eget medlem, Cecilie Kommune (R-SSU-13)."]}
    holding.record_attendance(held.meeting, held.personal_deputy, stands_in_for=held.muni1,
                              acting_user=staff)
    with pytest.raises(ValidationError):
        holding.record_attendance(held.meeting, held.list1, stands_in_for=held.muni2,
                                  acting_user=staff)
    holding.record_attendance(held.meeting, held.list1, stands_in_for=held.trust2,
                              acting_user=staff)


def _secretariat(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
