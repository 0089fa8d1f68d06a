import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from common.models import OutgoingMail
from meetings import attendance as holding
from meetings import services
from meetings.models import Absence
from tests.meetings.factories import at, make_meeting
from tests.meetings.holding_factories import ssu_meeting

pytestmark = pytest.mark.django_db


def test_the_notice_carries_each_seat_holders_own_absence_link(staff, client):
    held = ssu_meeting(staff)
    meeting = make_meeting(held.body, at(2030, 6, 10))
    # The token is signed with the time: the mail and the expected link are made in the
    # same second.
    with time_machine.travel(timezone.now(), tick=False):
        services.send_notice(meeting, reason="Leder er på reise", acting_user=staff)
        token = holding.absence_token(meeting, held.muni2)
    mail = OutgoingMail.objects.get(purpose=f"{meeting.mail_topic}:notice",
                                    recipient=held.muni2.holder.email)
    link = f"https://hf.example{reverse('meetings:absence_link', args=[token])}"
    assert link in mail.body_text and link in mail.body_html
    staff_mail = OutgoingMail.objects.get(purpose=f"{meeting.mail_topic}:notice",
                                          recipient=staff.email)
    assert "/moter/forfall/" not in staff_mail.body_text
    client.post(link.removeprefix("https://hf.example"), {"kind": "whole"})
    assert Absence.objects.get().seat == held.muni2


def test_a_representative_sees_requests_to_stand_in_on_the_start_page(staff, cast):
    held = ssu_meeting(staff)
    held.list1.holder = cast.person_a
    held.list1.save()
    absence = holding.report_absence(held.meeting, held.trust1, kind=Absence.Kind.WHOLE)
    request = holding.summon_deputy(absence, acting_user=staff)
    page = cast.client("rep_a").get(reverse("start")).content.decode()
    assert reverse("meetings:deputy_answer", args=[holding.deputy_token(request)]) in page
