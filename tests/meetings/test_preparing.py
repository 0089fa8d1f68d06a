"""Preparing a meeting: the chair's agreement to the agenda (R-SSU-3), the case deadline counted
from submission (R-SSU-4), the notice window both ways (R-PM-3), moving a meeting with every
planning check (R-DM-1, R-SSU-12, R-PM-3, R-REC-2), plans adopted in time (R-SSU-2), seat
holders without an address and cancelling a meeting."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.models import OutgoingMail
from meetings import agenda, cancelling, planning, preparing, services
from meetings.models import Case, ChairTerm, Meeting, MeetingPlan, Seat
from meetings.warnings import warnings_for
from tests.meetings.factories import at, make_body, make_meeting, make_person, make_seat, place

pytestmark = pytest.mark.django_db


def _chaired(staff, chair=None, vice=None):
    body = make_body("ssu", "SSU")
    services.appoint_chair(body, person=chair or make_person("Leder"), side="trust",
                           starts_on=datetime.date(2026, 1, 1), acting_user=staff)
    if vice is not None:
        services.appoint_chair(body, person=vice, side="municipalities",
                               role=ChairTerm.Role.VICE_CHAIR,
                               starts_on=datetime.date(2026, 1, 1), acting_user=staff)
    return body


@time_machine.travel(at(2026, 5, 20), tick=False)
def test_r_ssu_3_r_sek_4_the_notice_waits_for_the_chairs_agreement_or_a_reason(staff):
    chair = make_person("Leder")
    body = _chaired(staff, chair)
    meeting = make_meeting(body, at(2026, 6, 10))
    place("Avvik", meeting, staff, now=at(2026, 5, 1))
    with pytest.raises(ValidationError) as refused:
        services.send_notice(meeting, acting_user=staff)
    assert refused.value.message_dict == {"reason": [
        "Leder eller nestleder har ikke godkjent sakslisten. Be dem om det, eller oppgi "
        "hvorfor innkallingen sendes uten godkjenning; begrunnelsen registreres."]}
    meeting.refresh_from_db()
    assert (meeting.status, meeting.notice_sent_at) == (Meeting.Status.PLANNED, None)
    services.send_notice(meeting, reason="Leder er syk", acting_user=staff)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sent_without_agreement) == (Meeting.Status.NOTICE_SENT,
                                                                "Leder er syk")
    assert meeting.history.first().history_user == staff


@time_machine.travel(at(2026, 5, 20, 9), tick=False)
def test_r_ssu_3_the_chair_agrees_through_the_emailed_link(staff, client,
                                                           django_capture_on_commit_callbacks):
    chair, vice = make_person("Leder", "leder@hf.example"), make_person("Nestleder", "")
    body = _chaired(staff, chair, vice)
    meeting = make_meeting(body, at(2026, 6, 10))
    place("Avvik", meeting, staff, now=at(2026, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        rows = preparing.ask_for_agreement(meeting, acting_user=staff)
    assert [row.recipient for row in rows] == ["leder@hf.example"]  # the vice has no address
    token = preparing.agreement_token(meeting, chair)
    link = f"https://hf.example{reverse('meetings:agenda_agree_link', args=[token])}"
    assert link in mail.outbox[0].body and "Avvik" in mail.outbox[0].body
    page = client.get(link)
    assert "Jeg godkjenner sakslisten" in page.content.decode()
    client.post(link)
    meeting.refresh_from_db()
    assert (meeting.agenda_agreed_by, meeting.agenda_agreed_at) == (chair, at(2026, 5, 20, 9))
    result = services.send_notice(meeting, acting_user=staff)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sent_without_agreement) == ("notice_sent", "")
    assert result.queued >= 1


def test_r_ssu_3_only_the_chair_or_vice_chair_agrees(staff):
    body = _chaired(staff)
    meeting = make_meeting(body, at(2030, 6, 10))
    with pytest.raises(ValidationError) as refused:
        agenda.agree_to_agenda(meeting, person=make_person("Annen"))
    assert refused.value.messages == [
        "Bare leder eller nestleder i SSU godkjenner sakslisten."]
    token = preparing.agreement_token(meeting, make_person("Annen"))
    assert preparing.read_agreement_token(token + "x") is None


@time_machine.travel(at(2026, 5, 20, 9), tick=False)
def test_r_ssu_3_the_chair_agrees_on_their_start_page(cast):
    staff = cast.users["secretariat"]
    body = _chaired(staff, cast.person_a)
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2026, 6, 10))
    client = cast.client("rep_a")
    start = client.get(reverse("start")).content.decode()
    assert "Sakslister som venter på din godkjenning" in start
    client.post(reverse("meetings:agenda_agree", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.agenda_agreed_by == cast.person_a
    assert "Sakslister som venter" not in client.get(reverse("start")).content.decode()
    # Someone else's button does nothing.
    other = make_meeting(body, at(2026, 6, 20))
    cast.client("secretariat").post(reverse("meetings:agenda_agree", args=[other.pk]))
    other.refresh_from_db()
    assert other.agenda_agreed_at is None


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_r_ssu_3_a_change_to_the_agenda_asks_for_the_agreement_again(staff):
    chair = make_person("Leder")
    body = _chaired(staff, chair)
    meeting = make_meeting(body, at(2026, 6, 10))
    agenda.agree_to_agenda(meeting, person=chair)
    place("Ny sak", meeting, staff)
    meeting.refresh_from_db()
    assert (meeting.agenda_agreed_by, meeting.agenda_agreed_at) == (None, None)


def test_r_ssu_4_a_case_submitted_before_the_deadline_is_on_time_when_placed_later(staff):
    body = make_body("ssu")
    meeting = make_meeting(body, at(2026, 6, 10))
    case = services.propose_case(body, title="I tide", acting_user=staff,
                                 now=at(2026, 5, 13, 20))
    placed = services.place_case(case, meeting, acting_user=staff, now=at(2026, 6, 1))
    assert (placed.status, placed.is_late) == (Case.Status.PLACED, False)
    late = services.propose_case(body, title="For sent", acting_user=staff,
                                 now=at(2026, 5, 14, 8))
    with pytest.raises(ValidationError) as refused:
        services.place_case(late, meeting, acting_user=staff, now=at(2026, 5, 14, 9))
    assert body.cite("R-SSU-4") in refused.value.message_dict["chair"][0]


def test_r_pm_3_a_notice_sent_too_early_or_too_late_is_flagged(staff):
    body = make_body("partnership")
    early = make_meeting(body, at(2026, 10, 20))
    result = services.send_notice(early, acting_user=staff, now=at(2026, 9, 28))
    assert (result.early, result.late) == (True, False)
    early.refresh_from_db()
    assert [w.message for w in planning.notice_warnings(early)] == [
        "Innkallingen ble sendt 28.09.2026, tidligere enn 21 dager før møtet."]
    late = make_meeting(body, at(2026, 11, 20))
    assert (services.send_notice(late, acting_user=staff, now=at(2026, 11, 10)).late) is True
    on_time = make_meeting(body, at(2026, 12, 20))
    result = services.send_notice(on_time, acting_user=staff, now=at(2026, 11, 29))
    assert (result.early, result.late) == (False, False)


def test_r_pm_3_before_the_notice_the_window_is_shown_both_ways(staff):
    meeting = make_meeting(make_body("partnership"), at(2026, 10, 20))
    assert [w.message for w in planning.notice_warnings(meeting, datetime.date(2026, 9, 1))] == [
        "Innkallingen kan sendes fra 29.09.2026, høyst 21 dager før møtet."]
    assert planning.notice_warnings(meeting, datetime.date(2026, 10, 1)) == []
    assert [w.rule for w in planning.notice_warnings(meeting, datetime.date(2026, 10, 7))] == [
        "R-PM-3"]


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_rescheduling_checks_what_planning_checks(staff):
    partnership = make_body("partnership", "Partnerskapsmøtet")
    dialogue = make_body("dialogue", "Dialogmøtet", programme_of=partnership)
    pm = services.plan_meeting(partnership, starts_at=at(2026, 10, 20, 9), acting_user=staff)
    dm = services.plan_meeting(dialogue, starts_at=at(2026, 10, 20, 13), acting_user=staff)
    # R-DM-1: the dialogue meeting cannot move to a day without a partnership meeting …
    with pytest.raises(ValidationError) as refused:
        preparing.reschedule_meeting(dm, starts_at=at(2026, 10, 21, 13), ends_at=None,
                                     place="", video_link="", acting_user=staff)
    assert "Planlegg det møtet først" in refused.value.message_dict["starts_at"][0]
    # … and moves along when the partnership meeting moves.
    preparing.reschedule_meeting(pm, starts_at=at(2026, 10, 27, 9), ends_at=None, place="",
                                 video_link="", acting_user=staff)
    dm.refresh_from_db()
    assert (dm.starts_at, dm.held_with) == (at(2026, 10, 27, 13), pm)
    # R-SSU-12: an extraordinary meeting is not moved closer than a week away.
    ssu = make_body("ssu")
    extra = services.plan_meeting(ssu, starts_at=at(2026, 5, 20), acting_user=staff,
                                  kind=Meeting.Kind.EXTRAORDINARY)
    with pytest.raises(ValidationError) as refused:
        preparing.reschedule_meeting(extra, starts_at=at(2026, 5, 5), ends_at=None, place="",
                                     video_link="", acting_user=staff)
    assert ssu.cite("R-SSU-12") in refused.value.message_dict["starts_at"][0]
    # R-PM-3: a date that leaves a sent notice too early is warned about.
    services.send_notice(extra, acting_user=staff)
    moved = preparing.reschedule_meeting(extra, starts_at=at(2026, 6, 10), ends_at=None,
                                         place="", video_link="", acting_user=staff)
    assert [w.message for w in planning.notice_warnings(moved)] == [
        "Innkallingen ble sendt 01.05.2026, tidligere enn 28 dager før møtet."]


def test_r_rec_2_a_held_meeting_is_not_moved(staff):
    meeting = make_meeting(make_body("ssu"), at(2026, 3, 1), status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as refused:
        preparing.reschedule_meeting(meeting, starts_at=at(2026, 3, 2), ends_at=None,
                                     place="", video_link="", acting_user=staff)
    assert refused.value.messages[0].startswith("Møtet er avholdt")


def test_r_ssu_2_a_plan_adopted_on_1_january_is_not_adopted_before_the_year(staff):
    body = make_body("ssu")
    late = services.adopt_plan(body, 2026, adopted_on=datetime.date(2026, 1, 1),
                               acting_user=staff)
    in_time = services.adopt_plan(body, 2027, adopted_on=datetime.date(2026, 12, 31),
                                  acting_user=staff)
    assert (late.adopted_in_time, in_time.adopted_in_time) == (False, True)
    rules = [w.rule for _b, found in warnings_for([body], datetime.date(2026, 3, 1))
             for w in found]
    assert "R-SSU-2" in rules
    assert MeetingPlan.objects.get(year=2026).is_adopted


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_a_seat_holder_without_an_address_is_warned_about_on_the_notice_page(cast):
    body = make_body("ssu", "SSU")
    make_seat(body, make_person("Uten Adresse", ""))
    meeting = make_meeting(body, at(2026, 5, 20))
    page = cast.client("secretariat").get(reverse("meetings:notice", args=[meeting.pk]))
    text = page.content.decode()
    assert "Disse har ingen e-postadresse" in text and "Uten Adresse" in text


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_cancelling_tells_everyone_who_had_the_notice_and_shows_everywhere(
        cast, client, django_capture_on_commit_callbacks):
    staff = cast.users["secretariat"]
    body = make_body("ssu", "SSU")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2026, 5, 20))
    case = place("Avvik", meeting, staff, now=at(2026, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.send_notice(meeting, acting_user=staff)
    make_seat(body, make_person("Ny", "ny@example.org"))  # joined after the notice
    mail.outbox.clear()
    secretariat = cast.client("secretariat")
    url = reverse("meetings:meeting_cancel", args=[meeting.pk])
    assert secretariat.post(url, {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(url, {"reason": "For få kan møte"})
    assert response["Location"] == meeting.get_absolute_url()
    assert sorted(m.to[0] for m in mail.outbox) == ["Representant A <a@example.org>",
                                                   "sek <sek@example.org>"]
    assert mail.outbox[0].subject.startswith("Avlyst: SSU")
    assert "For få kan møte" in mail.outbox[0].body
    ics = mail.outbox[0].attachments[0][1]
    assert "STATUS:CANCELLED" in ics and "SEQUENCE:1" in ics
    meeting.refresh_from_db()
    case.refresh_from_db()
    assert (meeting.status, meeting.cancel_reason) == ("cancelled", "For få kan møte")
    assert (case.status, case.meeting, case.label) == ("deferred", None, "Sak 1/2026")
    assert "Avlyst" in secretariat.get(meeting.get_absolute_url()).content.decode()
    assert "Avlyst" in cast.client("rep_a").get(
        reverse("meetings:my_meetings")).content.decode()
    assert "Avlyst" in client.get(reverse("meetings:public_calendar")).content.decode()
    api = client.get(reverse("meetings:oparl_object", args=["meeting", meeting.pk])).json()
    assert api["cancelled"] is True
    with pytest.raises(ValidationError):
        cancelling.cancel_meeting(meeting, reason="Igjen", acting_user=staff)
    assert OutgoingMail.objects.filter(purpose__endswith=":cancelled").count() == 2


def test_a_held_meeting_cannot_be_cancelled(staff):
    meeting = make_meeting(make_body("ssu"), at(2026, 3, 1), status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as refused:
        cancelling.cancel_meeting(meeting, reason="Feil", acting_user=staff)
    assert refused.value.messages == ["Et avholdt møte kan ikke avlyses."]
