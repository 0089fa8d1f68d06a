import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from common.models import OutgoingMail
from meetings import preparing, services
from meetings.models import Body, Case, ChairTerm, Meeting, Seat
from tests.meetings.factories import at, make_body, make_meeting, make_person, make_seat, place

pytestmark = pytest.mark.django_db


def test_a_new_body_gets_the_rules_of_its_kind():
    body = make_body("ssu")
    assert (body.meetings_per_year, body.case_deadline_days, body.extraordinary_notice_days,
            body.objection_hours, body.publication_days, body.decision_mode) == (
        4, 28, 7, 96, 7, "vote")


def test_a_rule_change_is_kept_in_history(staff):
    body = make_body("ssu")
    body.case_deadline_days = 21
    services.save_body(body, acting_user=staff)
    latest = body.history.first()
    assert (latest.case_deadline_days, latest.history_user) == (21, staff)
    assert body.history.last().case_deadline_days == 28


@time_machine.travel(at(2026, 6, 1), tick=False)
def test_r_ssu_12_extraordinary_meeting_needs_a_weeks_notice(staff):
    body = make_body("ssu")
    with pytest.raises(ValidationError) as refused:
        services.plan_meeting(body, starts_at=at(2026, 6, 7), acting_user=staff,
                              kind=Meeting.Kind.EXTRAORDINARY)
    assert refused.value.message_dict == {"starts_at": [
        f"Et ekstraordinært møte krever minst 7 dagers varsel ({body.cite('R-SSU-12')})."]}
    assert Meeting.objects.count() == 0
    meeting = services.plan_meeting(body, starts_at=at(2026, 6, 8), acting_user=staff,
                                    kind=Meeting.Kind.EXTRAORDINARY)
    assert meeting.kind == Meeting.Kind.EXTRAORDINARY


def test_r_dm_1_dialogue_meeting_is_held_the_same_day_as_the_partnership_meeting(staff):
    partnership = make_body("partnership", "Partnerskapsmøtet")
    dialogue = make_body("dialogue", "Dialogmøtet", programme_of=partnership)
    with pytest.raises(ValidationError) as refused:
        services.plan_meeting(dialogue, starts_at=at(2026, 10, 20, 13), acting_user=staff)
    assert "Planlegg det møtet først" in refused.value.message_dict["starts_at"][0]
    pm = services.plan_meeting(partnership, starts_at=at(2026, 10, 20, 9), acting_user=staff)
    dm = services.plan_meeting(dialogue, starts_at=at(2026, 10, 20, 13), acting_user=staff)
    assert dm.held_with == pm
    # One annual programme covers both.
    for body in (dialogue, partnership):
        assert list(Meeting.objects.in_programme(body.programme_owner_id)
                    .order_by("starts_at")) == [pm, dm]


def test_r_ssu_14_appointing_a_chair_from_the_same_side_warns(staff):
    body = make_body("ssu")
    services.appoint_chair(body, person=make_person(), side="municipalities",
                           starts_on=datetime.date(2024, 1, 1), acting_user=staff)
    assert services.proposed_chair_side(body, datetime.date(2026, 1, 1)) == "trust"
    _term, warning = services.appoint_chair(body, person=make_person(), side="municipalities",
                                            starts_on=datetime.date(2026, 1, 1),
                                            acting_user=staff)
    assert warning == f"Lederen skal nå komme fra helseforetaket ({body.cite('R-SSU-14')})."
    _term, warning = services.appoint_chair(body, person=make_person(), side="municipalities",
                                            starts_on=datetime.date(2026, 1, 1),
                                            role=ChairTerm.Role.VICE_CHAIR, acting_user=staff)
    assert warning is None


def test_r_ssu_14_a_chair_from_the_other_side_gives_no_warning(staff):
    body = make_body("ssu")
    services.appoint_chair(body, person=make_person(), side="trust",
                           starts_on=datetime.date(2024, 1, 1), acting_user=staff)
    _term, warning = services.appoint_chair(body, person=make_person(), side="municipalities",
                                            starts_on=datetime.date(2026, 1, 1),
                                            acting_user=staff)
    assert warning is None


def test_r_ssu_4_late_case_needs_chair_approval_and_reason(staff):
    body = make_body("ssu")
    meeting = make_meeting(body, at(2026, 6, 10))
    case = services.propose_case(body, title="Utskrivningsklare pasienter", acting_user=staff)
    late = at(2026, 5, 20)
    with pytest.raises(ValidationError) as refused:
        services.place_case(case, meeting, acting_user=staff, now=late)
    assert refused.value.message_dict == {
        "chair": ["Saksfristen (13.05.2026) er passert: leder må godkjenne en sen sak "
                  f"({body.cite('R-SSU-4')})."],
        "urgency_reason": ["Forklar hvorfor saken er for viktig til å vente til neste møte."],
    }
    case.refresh_from_db()
    assert (case.status, case.number, case.meeting) == (Case.Status.PROPOSED, None, None)
    chair = make_person("Leder")
    with pytest.raises(ValidationError) as refused:
        services.place_case(case, meeting, acting_user=staff, now=late, chair=chair,
                            urgency_reason="Frist fra departementet 1. juli.")
    assert refused.value.message_dict == {"chair": [
        f"{body} har ingen leder eller nestleder registrert: registrer dem først, bare de kan "
        f"godkjenne en sen sak ({body.cite('R-SSU-4')})."]}
    services.appoint_chair(body, person=chair, side="trust",
                           starts_on=datetime.date(2026, 1, 1), acting_user=staff)
    with pytest.raises(ValidationError):
        services.place_case(case, meeting, acting_user=staff, now=late, chair=chair)
    services.place_case(case, meeting, acting_user=staff, now=late, chair=chair,
                        urgency_reason="Frist fra departementet 1. juli.")
    case.refresh_from_db()
    assert (case.late_approved_by, case.late_approved_at, case.urgency_reason) == (
        chair, late, "Frist fra departementet 1. juli.")


def test_r_ssu_4_only_the_chair_or_vice_chair_approves_a_late_case(staff):
    body = make_body("ssu")
    chair, vice, other = make_person("Leder"), make_person("Nestleder"), make_person("Annen")
    services.appoint_chair(body, person=chair, side="trust",
                           starts_on=datetime.date(2026, 1, 1), acting_user=staff)
    services.appoint_chair(body, person=vice, side="municipalities",
                           role=ChairTerm.Role.VICE_CHAIR, starts_on=datetime.date(2026, 1, 1),
                           acting_user=staff)
    assert services.chairs_on(body, datetime.date(2026, 5, 20)) == [chair, vice]
    meeting = make_meeting(body, at(2026, 6, 10))
    late = at(2026, 5, 20)
    with pytest.raises(ValidationError) as refused:
        place("Sen sak", meeting, staff, now=late, chair=other, urgency_reason="Frist")
    assert refused.value.message_dict["chair"] == [
        f"Annen leder ikke {body}; leder eller nestleder må godkjenne en sen sak "
        f"({body.cite('R-SSU-4')})."]
    assert place("Sen sak", meeting, staff, now=late, chair=vice,
                 urgency_reason="Frist").late_approved_by == vice


def test_r_ssu_4_case_before_the_deadline_needs_no_approval(staff):
    meeting = make_meeting(make_body("ssu"), at(2026, 6, 10))
    case = place("Ny sak", meeting, staff, now=at(2026, 5, 13, 23))
    assert (case.status, case.late_approved_by, case.is_late) == (Case.Status.PLACED, None,
                                                                  False)


def test_case_numbers_follow_the_agenda_when_the_notice_is_sent_and_are_never_reused(staff):
    body, other = make_body("ssu"), make_body("ssu")
    meeting = make_meeting(body, at(2026, 3, 1))
    now = at(2026, 1, 5)
    first = place("Første", meeting, staff, now=now)
    second = place("Andre", meeting, staff, now=now)
    services.add_opening_items(meeting, acting_user=staff)
    services.move_case(second, up=True, acting_user=staff)
    assert [c.label for c in meeting.cases.on_agenda()] == ["", "", "", ""]
    services.send_notice(meeting, acting_user=staff, now=now)
    assert [(c.label, c.title) for c in meeting.cases.on_agenda()] == [
        ("Sak 1/2026", "Godkjenning av innkalling og saksliste"),
        ("Sak 2/2026", "Godkjenning av protokoll fra forrige møte"),
        ("Sak 3/2026", "Andre"), ("Sak 4/2026", "Første")]
    second.refresh_from_db()
    first.refresh_from_db()
    services.withdraw_case(second, acting_user=staff)
    services.defer_case(first, reason="Venter på tall", acting_user=staff)
    second.refresh_from_db()
    assert (second.status, second.label, second.meeting) == (Case.Status.WITHDRAWN,
                                                             "Sak 3/2026", meeting)
    # After the notice a case is numbered when it is placed.
    assert place("Tredje", meeting, staff, now=now).label == "Sak 5/2026"
    later = make_meeting(body, at(2026, 6, 1))
    again = services.place_case(first, later, acting_user=staff, now=now)
    fresh = place("Ny", later, staff, now=now)
    services.send_notice(later, acting_user=staff, now=now)
    again.refresh_from_db()
    fresh.refresh_from_db()
    assert (again.label, fresh.label) == ("Sak 4/2026", "Sak 6/2026")
    for body_, day, label in [(other, at(2026, 3, 1), "Sak 1/2026"),
                              (body, at(2027, 2, 1), "Sak 1/2027")]:
        meeting = make_meeting(body_, day)
        case = place("Neste", meeting, staff, now=now)
        services.send_notice(meeting, acting_user=staff, now=now)
        case.refresh_from_db()
        assert case.label == label


def test_case_number_is_unique_per_body_and_year_in_the_database(staff):
    from django.db import IntegrityError, transaction

    meeting = make_meeting(make_body("ssu"), at(2026, 3, 1))
    case = place("Første", meeting, staff, now=at(2026, 1, 5))
    services.send_notice(meeting, acting_user=staff, now=at(2026, 2, 10))
    case.refresh_from_db()
    duplicate = Case(body=case.body, title="Kopi", number=case.number, year=case.year)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_opening_items_come_first_and_can_be_switched_off(staff):
    body = make_body("ssu")
    meeting = make_meeting(body, at(2026, 3, 1))
    place("Avvik", meeting, staff, now=at(2026, 1, 5))
    services.add_opening_items(meeting, acting_user=staff)
    services.add_opening_items(meeting, acting_user=staff)  # not twice
    assert [c.title for c in meeting.cases.on_agenda()] == [
        "Godkjenning av innkalling og saksliste", "Godkjenning av protokoll fra forrige møte",
        "Avvik"]
    body.opening_items = False
    body.save()
    with pytest.raises(ValidationError):
        services.add_opening_items(make_meeting(body, at(2026, 5, 1)), acting_user=staff)


def test_agenda_order_can_be_changed(staff):
    meeting = make_meeting(make_body("ssu"), at(2026, 3, 1))
    first, second, third = (place(t, meeting, staff, now=at(2026, 1, 5))
                            for t in ["A", "B", "C"])
    services.move_case(third, up=True, acting_user=staff)
    services.move_case(first, up=True, acting_user=staff)  # already first: stays
    assert [c.title for c in meeting.cases.on_agenda()] == ["A", "C", "B"]


def test_declining_needs_a_reason_the_proposer_sees(staff):
    case = services.propose_case(make_body("ssu"), title="Forslag", acting_user=staff)
    with pytest.raises(ValidationError):
        services.decline_case(case, reason=" ", acting_user=staff)
    services.decline_case(case, reason="Hører hjemme i FSU", acting_user=staff)
    case.refresh_from_db()
    assert (case.status, case.triage_note) == (Case.Status.DECLINED, "Hører hjemme i FSU")


def test_merging_links_the_case_to_the_other(staff):
    body = make_body("ssu")
    case = services.propose_case(body, title="Forslag", acting_user=staff)
    into = services.propose_case(body, title="Hovedsak", acting_user=staff)
    services.merge_case(case, into=into, acting_user=staff)
    assert (case.status, case.merged_into) == (Case.Status.MERGED, into)
    with pytest.raises(ValidationError):
        services.merge_case(into, into=into, acting_user=staff)


def test_case_presentation_is_sanitised(staff):
    case = services.propose_case(make_body("ssu"), title="Sak", acting_user=staff)
    services.save_case_papers(
        case, title="Sak", proposed_decision="Tas til orientering.", acting_user=staff,
        presentation='<p onclick="x()">Tekst <script>alert(1)</script><strong>viktig</strong>'
                     '<a href="javascript:alert(1)">lenke</a></p>')
    case.refresh_from_db()
    assert case.presentation == ('<p>Tekst <strong>viktig</strong><a rel="noopener noreferrer">'
                                 'lenke</a></p>')


def _ssu_with_everyone(cast):
    body = make_body("ssu")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    member = make_seat(body, make_person("Trust Medlem", "medlem@hf.example"))
    make_seat(body, make_person("Personlig Vara", "vara@k.example"),
              role=Seat.Role.PERSONAL_DEPUTY, side=Seat.Side.MUNICIPALITIES,
              deputy_for=Seat.objects.get(holder=cast.person_a))
    make_seat(body, make_person("Listevara", "liste@hf.example"), role=Seat.Role.LIST_DEPUTY,
              list_position=1)
    make_seat(body, make_person("Brukerrepresentant", "bruker@example.org"),
              role=Seat.Role.OBSERVER, side=Seat.Side.OTHER)
    make_seat(body, make_person("Uten e-post", ""), role=Seat.Role.LISTENER,
              side=Seat.Side.OTHER)
    make_seat(body, make_person("Gammel", "gammel@example.org"),
              ends_on=datetime.date(2021, 1, 1))
    return body, member


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_r_ssu_5_r_pm_4_notice_is_emailed_to_every_participant_with_ics(
        cast, django_capture_on_commit_callbacks):
    """R-SSU-13: deputies, personal and on the trust's list, receive all the papers too."""
    body, _member = _ssu_with_everyone(cast)
    meeting = make_meeting(body, at(2026, 6, 10), place="Mosjøen")
    place("Avvik", meeting, cast.users["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        result = services.send_notice(meeting, acting_user=cast.users["secretariat"])
    assert sorted(m.to[0].split("<")[1].rstrip(">") for m in mail.outbox) == [
        "a@example.org", "bruker@example.org", "liste@hf.example", "medlem@hf.example",
        "sek@example.org", "vara@k.example"]
    message = mail.outbox[0]
    assert message.subject == f"Innkalling: {body} 10. juni 2026"
    assert "Sak 1/2026 Avvik" in message.body
    assert f"https://hf.example/moter/sak/{meeting.cases.get().pk}/" in message.body
    ics = message.attachments[0]
    assert (ics[0], ics[2]) == ("mote.ics", "text/calendar")
    assert f"UID:meeting-{meeting.pk}@helsefellesskap" in ics[1]
    assert f"URL:https://hf.example/moter/mote/{meeting.pk}/" in ics[1]
    assert (result.queued, result.late) == (6, False)
    meeting.refresh_from_db()
    assert meeting.notice_sent_at == at(2026, 5, 1)
    assert meeting.status == Meeting.Status.NOTICE_SENT


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_notice_sent_twice_emails_each_recipient_once(cast, django_capture_on_commit_callbacks):
    body, _member = _ssu_with_everyone(cast)
    meeting = make_meeting(body, at(2026, 6, 10))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.send_notice(meeting, acting_user=cast.users["secretariat"])
    assert len(mail.outbox) == 6
    assert OutgoingMail.objects.filter(state=OutgoingMail.State.SENT).count() == 6


@time_machine.travel(at(2026, 6, 1), tick=False)
def test_r_pm_3_late_notice_is_flagged_and_its_time_recorded(staff):
    meeting = make_meeting(make_body("partnership"), at(2026, 6, 10))
    result = services.send_notice(meeting, acting_user=staff)
    assert result.late is True
    meeting.refresh_from_db()
    assert meeting.notice_sent_at == at(2026, 6, 1)


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_r_ssu_6_case_added_after_the_notice_is_marked_and_an_update_sent(
        cast, django_capture_on_commit_callbacks):
    body, member = _ssu_with_everyone(cast)
    staff = cast.users["secretariat"]
    meeting = make_meeting(body, at(2026, 6, 10))
    early = place("På innkallingen", meeting, staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_notice(meeting, acting_user=staff)
    services.appoint_chair(body, person=member.holder, side="trust",
                           starts_on=datetime.date(2026, 1, 1), acting_user=staff)
    mail.outbox.clear()
    with time_machine.travel(at(2026, 6, 1), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        late = place("Hastesak", meeting, staff, chair=member.holder,
                     urgency_reason="Kan ikke vente")
    early.refresh_from_db()
    assert (early.on_notice, late.on_notice) == (True, False)
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert len(mail.outbox) == 6
    assert mail.outbox[0].subject.startswith("Endret: ")
    assert "SEQUENCE:1" in mail.outbox[0].attachments[0][1]


@time_machine.travel(at(2026, 5, 1), tick=False)
def test_a_new_time_after_the_notice_bumps_the_sequence_and_sends_an_update(
        cast, django_capture_on_commit_callbacks):
    body, _member = _ssu_with_everyone(cast)
    staff = cast.users["secretariat"]
    meeting = make_meeting(body, at(2026, 6, 10))
    moved = preparing.reschedule_meeting(meeting, starts_at=at(2026, 6, 9), ends_at=None,
                                        place="Mo", video_link="", acting_user=staff)
    assert (moved.sequence, moved.place) == (0, "Mo")  # no notice yet: nobody to tell
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.send_notice(meeting, acting_user=staff)
    with django_capture_on_commit_callbacks(execute=True):
        preparing.reschedule_meeting(meeting, starts_at=at(2026, 6, 11), ends_at=None,
                                    place="Mo", video_link="", acting_user=staff)
        preparing.reschedule_meeting(meeting, starts_at=at(2026, 6, 12), ends_at=None,
                                    place="Mo", video_link="", acting_user=staff)
    assert Meeting.objects.get(pk=meeting.pk).sequence == 2
    assert len(mail.outbox) == 18
    assert "DTSTART;TZID=Europe/Oslo:20260612T100000" in mail.outbox[-1].attachments[0][1]


def test_body_kind_lsu_and_fsu_must_report_to_ssu():
    from meetings.body_forms import BodyForm

    ssu = make_body("ssu", "SSU")
    data = {"kind": "fsu", "name": "FSU Barn og unge", "is_public": "on",
            "opening_items": "on"}
    form = BodyForm(data)
    assert form.errors == {"parent": ["Denne typen organ rapporterer til en av: Strategisk "
                                      "samarbeidsutvalg (SSU), Overordnet samarbeidsutvalg "
                                      "(OSU, OSS)."]}
    form = BodyForm({**data, "parent": ssu.pk})
    assert form.is_valid(), form.errors
    body = form.save()
    assert (body.decision_mode, body.parent) == (Body.DecisionMode.ADVISORY, ssu)
