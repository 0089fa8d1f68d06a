import datetime

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from common.documents import render_now
from common.models import StoredPdf
from meetings import attendance as holding
from meetings import report
from meetings.models import Meeting, MeetingPlan
from tests.meetings.factories import at
from tests.meetings.holding_factories import decided, published

pytestmark = pytest.mark.django_db


def test_minutes_late_when_published_after_the_limit_or_not_yet_past_it():
    day = datetime.date(2026, 3, 10)
    assert report.minutes_were_late(day, datetime.date(2026, 3, 17), 7, day) is False
    assert report.minutes_were_late(day, datetime.date(2026, 3, 18), 7, day) is True
    assert report.minutes_were_late(day, None, 7, datetime.date(2026, 3, 17)) is False
    assert report.minutes_were_late(day, None, 7, datetime.date(2026, 3, 18)) is True


def test_the_annual_report_counts_meetings_decisions_follow_ups_and_warnings(staff):
    held = published(staff, at(2026, 3, 10), "SSU Helgeland")
    late = decided(staff, at(2026, 5, 10))
    Meeting.objects.filter(pk=late.meeting.pk).update(body=held.body)
    holding.add_follow_up(held.case1.decision, what="Rutine", body=held.body,
                          acting_user=staff)
    with time_machine.travel(at(2026, 6, 1), tick=False):
        result = report.build(held.body, 2026)
    assert (result.held, result.below_plan, len(result.decisions)) == (2, True, 4)
    assert [line.meeting.pk for line in result.late_minutes] == [late.meeting.pk]
    assert result.late_notices == []
    assert [f.what for f in result.follow_ups] == ["Rutine"]


def test_the_annual_report_page_and_pdf(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    held = published(staff, at(2026, 3, 10), "SSU Helgeland")
    plan = MeetingPlan.objects.create(body=held.body, year=2026,
                                      adopted_on=datetime.date(2025, 11, 1))
    url = reverse("meetings:annual_report", args=[held.body.pk])
    assert "Budsjett for samhandlingsprosjekt" in client.get(url, {"year": 2026}).content.decode()
    bad = client.get(url, {"year": "1700"})
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()
    assert render_now("meetings.annual_report", plan.pk) is True
    stored = StoredPdf.objects.get(kind="meetings.annual_report", object_id=plan.pk)
    with stored.file.open("rb") as pdf:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Budsjett for samhandlingsprosjekt" in text


def test_r_pm_3_r_pm_6_a_notice_never_sent_is_not_in_time_and_late_minutes_count_for_all(
        staff):
    from meetings import mandates
    from tests.meetings.factories import make_body, make_meeting

    body = make_body("ssu", "SSU")
    never = make_meeting(body, at(2026, 3, 10))  # no notice, no minutes
    held = decided(staff, at(2026, 4, 10))
    Meeting.objects.filter(pk=held.meeting.pk).update(body=body)
    holding.add_follow_up(held.case1.decision, what="Rutine", body=body, acting_user=staff)
    mandates.adopt_mandate(body, text="Følge opp samarbeidsavtalen.",
                           adopted_on=datetime.date(2025, 10, 1), acting_user=staff)
    result = report.build(body, 2026, today=datetime.date(2026, 6, 1))
    lines = {line.meeting.pk: line for line in result.meetings}
    assert (lines[never.pk].notice_missing, lines[never.pk].notice_in_time) == (True, False)
    assert [line.meeting.pk for line in result.late_notices] == [never.pk]
    assert [line.meeting.pk for line in result.late_minutes] == [never.pk, held.meeting.pk]
    # Sent to the participants (R-PM-6) is counted apart from made public (R-SSU-11).
    assert [line.meeting.pk for line in result.late_sent_minutes] == [never.pk,
                                                                      held.meeting.pk]
    assert [[f.what for f in d.follow_ups.all()] for d in result.decisions][0] == ["Rutine"]
    assert result.reports_measures_and_goals is True
    assert result.mandate.text == "Følge opp samarbeidsavtalen."
