"""An SSU meeting ready to be held: members from both sides, a personal deputy, the trust's
deputy list, an observer; two cases on the notice and one added after it."""

import datetime
from dataclasses import dataclass

from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings import services
from meetings.models import Case, Decision, Meeting, Seat
from tests.meetings.factories import at, make_body, make_meeting, make_person, make_seat, place


@dataclass
class Held:
    body: object
    meeting: object
    trust1: Seat
    trust2: Seat
    muni1: Seat
    muni2: Seat
    personal_deputy: Seat
    list1: Seat
    list2: Seat
    observer: Seat
    case1: Case
    case2: Case
    late_case: Case


def ssu_meeting(user, when=None, name=None):
    body = make_body("ssu", name)
    people = {key: make_person(name) for key, name in [
        ("t1", "Anne Trust"), ("t2", "Bjørn Trust"), ("m1", "Cecilie Kommune"),
        ("m2", "Dag Kommune"), ("d1", "Eva Vara"), ("l1", "Finn Liste"), ("l2", "Gro Liste"),
        ("o", "Hans Observatør")]}
    trust1 = make_seat(body, people["t1"])
    trust2 = make_seat(body, people["t2"])
    muni1 = make_seat(body, people["m1"], side=Seat.Side.MUNICIPALITIES)
    muni2 = make_seat(body, people["m2"], side=Seat.Side.MUNICIPALITIES)
    personal = make_seat(body, people["d1"], role=Seat.Role.PERSONAL_DEPUTY,
                         side=Seat.Side.MUNICIPALITIES, deputy_for=muni1)
    list1 = make_seat(body, people["l1"], role=Seat.Role.LIST_DEPUTY, list_position=1)
    list2 = make_seat(body, people["l2"], role=Seat.Role.LIST_DEPUTY, list_position=2)
    observer = make_seat(body, people["o"], role=Seat.Role.OBSERVER, side=Seat.Side.OTHER)
    meeting = make_meeting(body, when or at(2026, 6, 10))
    when_placed = meeting.starts_at.replace(year=meeting.starts_at.year - 1)
    case1 = place("Felles rutine for utskrivning", meeting, user, now=when_placed)
    case2 = place("Budsjett for samhandlingsprosjekt", meeting, user, now=when_placed)
    services.send_notice(meeting, acting_user=user, now=when_placed)
    late = services.propose_case(body, title="Orientering om ny lov", acting_user=user)
    chair = make_person("Leder")
    services.appoint_chair(body, person=chair, side=Seat.Side.TRUST,
                           starts_on=when_placed.date(), acting_user=user)
    services.place_case(late, meeting, acting_user=user, now=meeting.starts_at, chair=chair,
                        urgency_reason="Loven trer i kraft nå")
    for model in (case1, case2, late):
        model.refresh_from_db()
    return Held(body, Meeting.objects.get(pk=meeting.pk), trust1, trust2, muni1, muni2,
                personal, list1, list2, observer, case1, case2, late)


def attend_all_members(held, user):
    for seat in (held.trust1, held.trust2, held.muni1, held.muni2, held.observer):
        holding.record_attendance(held.meeting, seat, acting_user=user)


def decided(staff, when=None, name=None):
    """A held meeting: everyone attended, case 1 unanimous, case 2 a split vote."""
    held = ssu_meeting(staff, when, name)
    attend_all_members(held, staff)
    holding.record_decision(held.case1, text="Rutinen vedtas.", acting_user=staff,
                            mode=Decision.Mode.UNANIMOUS)
    holding.record_decision(
        held.case2, text="Budsjettet vedtas.", mode=Decision.Mode.VOTE, acting_user=staff,
        votes={held.trust1.pk: "for", held.trust2.pk: "for", held.muni1.pk: "against",
               held.muni2.pk: "abstain"})
    holding.mark_held(held.meeting, acting_user=staff)
    return held


def published(staff, when=None, name=None):
    """A decided meeting whose minutes went out, were deemed approved and are published."""
    return publish_minutes(decided(staff, when, name), staff)


def publish_minutes(held, staff):
    """Send a held meeting's minutes, let them be deemed approved, and publish them."""
    record = minutes_service.start_minutes(held.meeting, acting_user=staff)
    minutes_service.send_for_comments(record, acting_user=staff,
                                      now=held.meeting.starts_at + datetime.timedelta(days=1))
    minutes_service.deem_approved(now=held.meeting.starts_at + datetime.timedelta(days=6))
    record.refresh_from_db()
    minutes_service.publish(record, acting_user=staff,
                            now=held.meeting.starts_at + datetime.timedelta(days=6))
    held.minutes = record
    return held
