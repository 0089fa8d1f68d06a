"""Demo data for holding meetings: the September SSU meeting held with a deputy standing in,
a split vote, follow-ups in several states and published minutes; and the FSU's October
meeting whose draft minutes are out for comments. Safe to load twice. No e-mail is sent to
the made-up addresses: states are recorded directly where a service would e-mail."""

import datetime

from django.db import transaction
from django.utils import timezone

from common import audit
from members.models import Organisation, Person, User

from . import attendance as holding
from . import services, snapshot
from .agenda import number_cases
from .demo import TRUST, _at
from .models import (
    Absence,
    Body,
    Case,
    Decision,
    DeputyRequest,
    FollowUp,
    Meeting,
    Minutes,
    Seat,
)

SEPTEMBER_CASES = [
    ("Handlingsplan for helsefellesskapet 2027",
     "SSU vedtar handlingsplanen for 2027 slik den er lagt fram.", "unanimous"),
    ("Fordeling av samhandlingsmidler 2027",
     "Samhandlingsmidlene for 2027 fordeles etter innbyggertall, med en grunnsum på "
     "kr 50 000 per kommune.", "vote"),
    ("Orientering om ny nasjonal helse- og samhandlingsplan", "", "information"),
]
# On the split vote the Vefsn, Brønnøy and Vega members vote against, Alstahaug abstains.
AGAINST = {"marte.lien@vefsn.example", "bodil.skog@k1820.example",
           "kristin.dahl@k1812.example"}
ABSTAIN = {"geir.haugen@k1813.example"}
ABSENT_MEMBER = "eva.lund@k1832.example"


def _place_and_notify(body, meeting, staff, cases, submitted):
    if meeting.cases.exists():
        return
    for title, decision, _mode in cases:
        case = services.propose_case(body, title=title, acting_user=staff, now=submitted)
        services.place_case(case, meeting, acting_user=staff, now=submitted)
        case.proposed_decision = decision
        case.save(update_fields=["proposed_decision"])
    with transaction.atomic():
        number_cases(meeting, acting_user=staff)
    Meeting.objects.filter(pk=meeting.pk).update(
        notice_sent_at=submitted + datetime.timedelta(days=10),
        status=Meeting.Status.NOTICE_SENT)
    meeting.cases.filter(status=Case.Status.PLACED).update(on_notice=True)


def _september(ssu, staff):
    meeting = Meeting.objects.get(body=ssu, starts_at=_at(2026, 9, 24))
    if meeting.status == Meeting.Status.HELD:
        return meeting
    _place_and_notify(ssu, meeting, staff, SEPTEMBER_CASES, _at(2026, 8, 20))
    meeting.refresh_from_db()
    seats = Seat.objects.current(meeting.date).filter(body=ssu).select_related("holder")
    absent = seats.get(holder__email=ABSENT_MEMBER, role=Seat.Role.MEMBER)
    absence, _created = Absence.objects.get_or_create(
        meeting=meeting, seat=absent, kind=Absence.Kind.WHOLE,
        defaults={"reported_at": _at(2026, 9, 17, 8), "note": "Kommunestyremøte samme dag"})
    deputy = seats.get(role=Seat.Role.PERSONAL_DEPUTY, deputy_for=absent)
    DeputyRequest.objects.get_or_create(absence=absence, deputy=deputy, defaults={
        "state": DeputyRequest.State.ACCEPTED, "asked_at": _at(2026, 9, 17, 9),
        "answered_at": _at(2026, 9, 17, 14)})
    for seat in seats.filter(role__in=[Seat.Role.MEMBER, Seat.Role.OBSERVER]).exclude(
            pk=absent.pk):
        holding.record_attendance(meeting, seat, acting_user=staff)
    holding.record_attendance(meeting, deputy, stands_in_for=absent, acting_user=staff)
    roll = holding.CaseRoll(meeting)
    for case, (_title, text, mode) in zip(meeting.cases.on_agenda(), SEPTEMBER_CASES,
                                          strict=True):
        votes = None
        if mode == "vote":
            votes = {seat.pk: ("against" if seat.holder.email in AGAINST else
                               "abstain" if seat.holder.email in ABSTAIN else "for")
                     for seat in roll.voters(case)}
        holding.record_decision(case, text=text, mode=mode, votes=votes, acting_user=staff,
                                minutes_text="Saken ble drøftet." if mode != "information"
                                else "Samhandlingssjefen orienterte om planen.")
    holding.mark_held(meeting, acting_user=staff)
    return meeting


def _follow_ups(ssu, meeting, staff):
    cases = list(meeting.cases.on_agenda().select_related("decision"))
    plan, funds = cases[0].decision, cases[1].decision
    if FollowUp.objects.filter(decision__case__meeting=meeting).exists():
        return
    trust = Organisation.objects.get(name=TRUST)
    rana = Organisation.objects.get(number="1833")
    done = holding.add_follow_up(plan, what="Sende handlingsplanen til partnerskapsmøtet",
                                 body=ssu, due_on=datetime.date(2026, 10, 1),
                                 acting_user=staff)
    holding.note_follow_up(done, text="Sendt med sakspapirene til partnerskapsmøtet.",
                           status=FollowUp.Status.DONE, written_on=datetime.date(2026, 9, 30),
                           acting_user=staff)
    going = holding.add_follow_up(funds, what="Utbetale samhandlingsmidlene", organisation=trust,
                                  due_on=datetime.date(2027, 1, 31), acting_user=staff)
    holding.note_follow_up(going, text="Fordelingsnøkkel beregnet.",
                           status=FollowUp.Status.IN_PROGRESS,
                           written_on=datetime.date(2026, 10, 15), acting_user=staff)
    holding.add_follow_up(funds, what="Rapportere bruk av midlene i Rana", organisation=rana,
                          due_on=datetime.date(2026, 11, 1), acting_user=staff)
    dropped = holding.add_follow_up(
        plan, what="Egen arbeidsgruppe for handlingsplanen",
        person=Person.objects.get(email="jon.eirik.larsen@helgelandssykehuset.example"),
        due_on=datetime.date(2026, 12, 1), acting_user=staff)
    holding.note_follow_up(dropped, text="Ivaretas av sekretariatet i stedet.",
                           status=FollowUp.Status.DROPPED,
                           written_on=datetime.date(2026, 10, 2), acting_user=staff)


def _published_minutes(meeting, staff):
    sent = _at(2026, 9, 25, 12)
    minutes, created = Minutes.objects.get_or_create(meeting=meeting, version=1, defaults={
        "state": Minutes.State.APPROVED, "round": 1, "sent_at": sent,
        "objection_deadline": sent + datetime.timedelta(hours=meeting.body.objection_hours),
        "approved_at": sent + datetime.timedelta(hours=meeting.body.objection_hours),
        "deemed_approved": True, "published_at": _at(2026, 9, 30, 9),
        "introduction": "Møtet ble ledet av Erik Johansen.",
        "content": snapshot.capture(meeting, introduction="Møtet ble ledet av Erik Johansen.")})
    if created:
        audit.record(audit.Action.MINUTES_PUBLISHED, actor=staff, obj=minutes, version=1)
    return minutes


def _fsu_out_for_comments(fsu, staff):
    meeting = Meeting.objects.get(body=fsu, starts_at=_at(2026, 10, 29, 12))
    if meeting.status != Meeting.Status.HELD:
        _place_and_notify(fsu, meeting, staff, [
            ("Status for utskrivningsklare pasienter tredje kvartal",
             "FSU tar statusrapporten til orientering og anbefaler SSU å be kommunene "
             "melde ledig kapasitet daglig.", "consensus")], _at(2026, 9, 20))
        for seat in Seat.objects.current(meeting.date).filter(body=fsu):
            holding.record_attendance(meeting, seat, acting_user=staff)
        case = meeting.cases.on_agenda().first()
        holding.record_decision(case, text=case.proposed_decision, mode=Decision.Mode.CONSENSUS,
                                acting_user=staff)
        holding.mark_held(meeting, acting_user=staff)
    now = timezone.now()
    Minutes.objects.get_or_create(meeting=meeting, version=1, defaults={
        "state": Minutes.State.OUT_FOR_COMMENTS, "round": 1, "sent_at": now,
        "objection_deadline": now + datetime.timedelta(hours=fsu.objection_hours),
        "content": snapshot.capture(meeting)})
    return meeting


def load():
    staff = User.objects.get(email="sekretariat@helgeland.example")
    ssu = Body.objects.get(short_name="SSU")
    fsu = Body.objects.get(short_name="FSU-UP")
    september = _september(ssu, staff)
    _follow_ups(ssu, september, staff)
    _published_minutes(september, staff)
    _fsu_out_for_comments(fsu, staff)
    return {"held_meeting": september}
