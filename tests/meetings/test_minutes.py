import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from common.documents import render_now
from common.models import AuditEvent, OutgoingMail, StoredPdf
from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings.models import Decision, Minutes
from meetings.tasks import deem_minutes_approved
from tests.meetings.factories import at
from tests.meetings.holding_factories import decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(staff):
    return decided(staff)


def sent(held, staff, when=None):
    minutes = minutes_service.start_minutes(held.meeting, acting_user=staff)
    return minutes_service.send_for_comments(minutes, acting_user=staff,
                                             now=when or at(2026, 6, 11, 9))


def test_sending_mails_every_participant(held, staff):
    minutes = sent(held, staff)
    recipients = set(OutgoingMail.objects.filter(purpose__contains=":minutes:1:1")
                     .values_list("recipient", flat=True))
    assert held.observer.holder.email in recipients
    assert staff.email in recipients
    assert minutes.objection_deadline == at(2026, 6, 15, 9)


def test_r_ssu_10_deemed_approved_after_96_hours_once_when_run_twice(held, staff):
    minutes = sent(held, staff)
    with time_machine.travel(at(2026, 6, 15, 8, 59), tick=False):
        assert deem_minutes_approved.delay().get() == []
    with time_machine.travel(at(2026, 6, 15, 9, 0), tick=False):
        assert deem_minutes_approved.delay().get() == [minutes.pk]
        assert deem_minutes_approved.delay().get() == []
    minutes.refresh_from_db()
    assert (minutes.state, minutes.deemed_approved, minutes.approved_at) == (
        "approved", True, at(2026, 6, 15, 9))
    assert minutes.history.filter(history_change_reason="R-SSU-10").count() == 1


def test_r_ssu_10_an_objection_sends_the_minutes_back_for_a_new_round(held, staff):
    minutes = sent(held, staff)
    with time_machine.travel(at(2026, 6, 12, 9), tick=False):
        assert minutes_service.may_object(minutes, held.muni1.holder)
        minutes_service.object_to(minutes, person=held.muni1.holder,
                                  comment="Feil i sak 2", acting_user=None)
    with time_machine.travel(at(2026, 6, 20), tick=False):
        assert deem_minutes_approved.delay().get() == []
    minutes.refresh_from_db()
    assert (minutes.state, minutes.round) == ("draft", 1)
    assert OutgoingMail.objects.filter(purpose__contains=":objection:",
                                       recipient=staff.email).count() == 1
    minutes_service.send_for_comments(minutes, acting_user=staff, now=at(2026, 6, 20))
    with time_machine.travel(at(2026, 6, 24), tick=False):
        assert deem_minutes_approved.delay().get() == [minutes.pk]


def test_r_ssu_10_no_objection_after_the_period_or_from_outsiders(held, staff):
    minutes = sent(held, staff)
    with time_machine.travel(at(2026, 6, 15, 9, 1), tick=False), pytest.raises(ValidationError):
        minutes_service.object_to(minutes, person=held.muni1.holder, comment="Sent",
                                  acting_user=None)
    with time_machine.travel(at(2026, 6, 12), tick=False):
        assert minutes_service.may_object(minutes, staff.person if hasattr(
            staff, "person") else None) is False


def approved(held, staff, minutes=None):
    minutes = minutes or sent(held, staff)
    with time_machine.travel(at(2026, 6, 15, 10), tick=False):
        deem_minutes_approved()
    minutes.refresh_from_db()
    return minutes


def test_approved_minutes_are_locked_and_corrected_by_a_new_version(held, staff):
    minutes = approved(held, staff)
    with pytest.raises(ValidationError):
        holding.record_decision(held.case1, text="Endret.", mode=Decision.Mode.UNANIMOUS,
                                acting_user=staff)
    with pytest.raises(ValidationError):
        minutes_service.save_texts(minutes, introduction="Ny", acting_user=staff)
    correction = minutes_service.start_correction(minutes, reason="Skrivefeil i sak 1",
                                                  acting_user=staff)
    assert (correction.version, correction.state) == (2, "draft")
    holding.record_decision(held.case1, text="Rutinen vedtas enstemmig.",
                            mode=Decision.Mode.UNANIMOUS, acting_user=staff)
    assert Minutes.objects.get(pk=minutes.pk).state == "approved"


def test_r_ssu_11_publishing_needs_approval_and_is_audited(held, staff):
    minutes = sent(held, staff)
    with pytest.raises(ValidationError):
        minutes_service.publish(minutes, acting_user=staff)
    minutes = approved(held, staff, minutes)
    minutes_service.publish(minutes, acting_user=staff, now=at(2026, 6, 16))
    event = AuditEvent.objects.get(action="minutes_published")
    assert (event.actor, event.details) == (staff, {"version": 1})


def test_r_ssu_11_the_dashboard_counts_down_to_the_publication_limit(held, staff):
    with time_machine.travel(at(2026, 6, 14), tick=False):
        due = minutes_service.late_minutes()
        assert [(d.meeting, d.limit, d.days_left) for d in due] == [
            (held.meeting, datetime.date(2026, 6, 17), 3)]
    with time_machine.travel(at(2026, 6, 19), tick=False):
        assert minutes_service.late_minutes()[0].days_over == 2
    minutes_service.publish(approved(held, staff), acting_user=staff)
    with time_machine.travel(at(2026, 6, 19), tick=False):
        assert minutes_service.late_minutes() == []


def test_r_pm_6_the_partnership_meeting_gets_a_week_too(staff):
    from tests.meetings.factories import make_body, make_meeting

    body = make_body("partnership")
    meeting = make_meeting(body, at(2026, 3, 2))
    with time_machine.travel(at(2026, 3, 12), tick=False):
        [due] = minutes_service.unsent_minutes()
    assert (due.meeting, due.limit, due.days_over) == (meeting, datetime.date(2026, 3, 9), 3)


def test_r_pm_6_sending_to_the_participants_is_warned_apart_from_publication(
        held, staff, client):
    """Minutes sent but not public leave only the publication warning (R-SSU-11); minutes of
    a closed meeting are never public but must still be sent (R-PM-6)."""
    from tests.meetings.holding_factories import decided

    closed = decided(staff, at(2026, 6, 9), "Lukket utvalg")
    closed.meeting.is_public = False
    closed.meeting.save()
    with time_machine.travel(at(2026, 6, 19), tick=False):
        assert {d.meeting for d in minutes_service.unsent_minutes()} == {
            held.meeting, closed.meeting}
        assert [d.meeting for d in minutes_service.late_minutes()] == [held.meeting]
    sent(held, staff, at(2026, 6, 12))
    with time_machine.travel(at(2026, 6, 19), tick=False):
        assert [(d.meeting, d.days_over) for d in minutes_service.unsent_minutes()] == [
            (closed.meeting, 3)]
        assert [d.meeting for d in minutes_service.late_minutes()] == [held.meeting]
        client.force_login(staff)
        page = client.get(reverse("start")).content.decode()
    unsent = page[page.index('id="panel-unsent-minutes"'):page.index('id="panel-late-minutes"')]
    assert str(closed.meeting) in unsent and str(held.meeting) not in unsent
    assert "protokollen sendes deltakerne senest 1 uke etter møtet" in unsent
    late = page[page.index('id="panel-late-minutes"'):]
    assert str(held.meeting) in late[:late.index("</section>")]


def pdf_text(pk):
    assert render_now("meetings.minutes", pk) is True
    stored = StoredPdf.objects.get(kind="meetings.minutes", object_id=pk)
    with stored.file.open("rb") as pdf:
        return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_r_ssu_9_the_minutes_pdf_names_each_vote_of_a_split_vote(held, staff, settings,
                                                                 tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text = pdf_text(sent(held, staff).pk)
    for name, vote in [("Anne Trust", "For"), ("Bjørn Trust", "For"),
                       ("Cecilie Kommune", "Mot"), ("Dag Kommune", "Avsto")]:
        assert f"{name} {vote}" in text
    assert "Rutinen vedtas." in text


def test_the_minutes_due_read_the_last_years_meetings_through_their_index():
    """The start page's minutes due are about the meetings of the last year among every
    year's (the page grew with the years of history when it read them all): with the
    statistics of a programme of forty years, both databases read them through the index on
    the start."""
    from django.db import connection

    from meetings.models import Meeting
    from tests.meetings.factories import make_body

    body = make_body("ssu")
    Meeting.objects.bulk_create([Meeting(body=body, starts_at=at(1990 + n // 10, 1 + n % 10, 5, 9))
                                 for n in range(400)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    now = at(2026, 6, 1, 9)
    plan = minutes_service._minutes_outstanding.build(
        since=now - datetime.timedelta(days=365), until=now).explain()
    assert "meetings_meeting_by_start" in plan
