"""Demo data for holding meetings: SSU's last meeting held with a deputy standing in, a split
vote, follow-ups in several states and published minutes; the FSU's meeting ten days ago whose
draft minutes went out for comments five days ago, their objection period over, so that the
schedule `make run` runs deems them approved on its first run (R-SSU-10), and not yet public
(the one set of minutes overdue on purpose). Safe to load twice.
No e-mail is sent to the made-up addresses: states are recorded directly where a service would
e-mail."""

import datetime

from django.db import transaction
from django.utils import timezone

from common import audit
from members.models import Organisation, Person, User

from . import attendance as holding
from . import demo_calendar as calendar
from . import services, snapshot
from .agenda import number_cases
from .demo import TRUST
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
# Days since the FSU's minutes went out for comments: past their objection period at load.
FSU_MINUTES_SENT_AGO = 5


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


def _last_ssu(ssu, staff):
    meeting = Meeting.objects.get(body=ssu, starts_at=calendar.ssu_dates(calendar.today())[-1])
    if meeting.status == Meeting.Status.HELD:
        return meeting
    _place_and_notify(ssu, meeting, staff, SEPTEMBER_CASES,
                      meeting.starts_at - calendar.days(35))
    meeting.refresh_from_db()
    seats = Seat.objects.current(meeting.date).filter(body=ssu).select_related("holder")
    absent = seats.get(holder__email=ABSENT_MEMBER, role=Seat.Role.MEMBER)
    absence, _created = Absence.objects.get_or_create(
        meeting=meeting, seat=absent, kind=Absence.Kind.WHOLE,
        defaults={"reported_at": meeting.starts_at - calendar.days(7),
                  "note": "Kommunestyremøte samme dag"})
    deputy = seats.get(role=Seat.Role.PERSONAL_DEPUTY, deputy_for=absent)
    DeputyRequest.objects.get_or_create(absence=absence, deputy=deputy, defaults={
        "state": DeputyRequest.State.ACCEPTED,
        "asked_at": meeting.starts_at - calendar.days(7) + datetime.timedelta(hours=1),
        "answered_at": meeting.starts_at - calendar.days(7) + datetime.timedelta(hours=6)})
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
    held, day = meeting.date, calendar.today()
    done = holding.add_follow_up(plan, what="Sende handlingsplanen til partnerskapsmøtet",
                                 body=ssu, due_on=held + calendar.days(7), acting_user=staff)
    holding.note_follow_up(done, text="Sendt med sakspapirene til partnerskapsmøtet.",
                           status=FollowUp.Status.DONE, written_on=held + calendar.days(6),
                           acting_user=staff)
    going = holding.add_follow_up(funds, what="Utbetale samhandlingsmidlene", organisation=trust,
                                  due_on=day + calendar.days(60), acting_user=staff)
    holding.note_follow_up(going, text="Fordelingsnøkkel beregnet.",
                           status=FollowUp.Status.IN_PROGRESS,
                           written_on=held + calendar.days(21), acting_user=staff)
    holding.add_follow_up(funds, what="Rapportere bruk av midlene i Rana", organisation=rana,
                          due_on=day + calendar.days(30), acting_user=staff)
    dropped = holding.add_follow_up(
        plan, what="Egen arbeidsgruppe for handlingsplanen",
        person=Person.objects.get(email="jon.eirik.larsen@helgelandssykehuset.example"),
        due_on=held + calendar.days(60), acting_user=staff)
    holding.note_follow_up(dropped, text="Ivaretas av sekretariatet i stedet.",
                           status=FollowUp.Status.DROPPED, written_on=held + calendar.days(8),
                           acting_user=staff)


def published_minutes(meeting, staff, introduction=""):
    """Minutes sent the day after the meeting, deemed approved after the objection period
    (R-SSU-10) and published within the week (R-SSU-11)."""
    sent = meeting.starts_at + calendar.days(1)
    approved = sent + datetime.timedelta(hours=meeting.body.objection_hours)
    minutes, created = Minutes.objects.get_or_create(meeting=meeting, version=1, defaults={
        "state": Minutes.State.APPROVED, "round": 1, "sent_at": sent,
        "objection_deadline": approved, "approved_at": approved, "deemed_approved": True,
        "published_at": approved + datetime.timedelta(hours=20), "introduction": introduction,
        "content": snapshot.capture(meeting, introduction=introduction)})
    if created:
        audit.record(audit.Action.MINUTES_PUBLISHED, actor=staff, obj=minutes, version=1)
    return minutes


def _fsu_minutes_late(fsu, staff):
    day = calendar.today()
    meeting = Meeting.objects.get(body=fsu, starts_at=calendar.fsu_dates(day)[0])
    if meeting.status != Meeting.Status.HELD:
        _place_and_notify(fsu, meeting, staff, [
            ("Status for utskrivningsklare pasienter siste kvartal",
             "FSU tar statusrapporten til orientering og anbefaler SSU å be kommunene "
             "melde ledig kapasitet daglig.", "consensus")], meeting.starts_at - calendar.days(40))
        for seat in Seat.objects.current(meeting.date).filter(body=fsu):
            holding.record_attendance(meeting, seat, acting_user=staff)
        case = meeting.cases.on_agenda().first()
        holding.record_decision(case, text=case.proposed_decision, mode=Decision.Mode.CONSENSUS,
                                acting_user=staff)
        holding.mark_held(meeting, acting_user=staff)
    # Sent five days after the meeting, five days ago: more than the 96 hours of R-SSU-10, so
    # the first run of the embedded schedule deems them approved; unpublished, they are three
    # days past the week of R-SSU-11.
    sent = timezone.now() - calendar.days(FSU_MINUTES_SENT_AGO)
    Minutes.objects.get_or_create(meeting=meeting, version=1, defaults={
        "state": Minutes.State.OUT_FOR_COMMENTS, "round": 1, "sent_at": sent,
        "objection_deadline": sent + datetime.timedelta(hours=fsu.objection_hours),
        "content": snapshot.capture(meeting)})
    return meeting


def hold_simply(meeting, staff):
    """A past meeting of the demo held with one case of information and its members present,
    its minutes published."""
    if meeting.status != Meeting.Status.HELD:
        _place_and_notify(meeting.body, meeting, staff, [
            ("Orientering fra sekretariatet", "", "information")],
            meeting.starts_at - calendar.days(35))
        for seat in Seat.objects.current(meeting.date).filter(
                body=meeting.body, role=Seat.Role.MEMBER):
            holding.record_attendance(meeting, seat, acting_user=staff)
        for case in meeting.cases.on_agenda().filter(decision__isnull=True):
            holding.record_decision(case, text="", mode=Decision.Mode.INFORMATION,
                                    minutes_text="Sekretariatet orienterte.", acting_user=staff)
        holding.mark_held(meeting, acting_user=staff)
    return published_minutes(meeting, staff)


def load():
    staff = User.objects.get(email="sekretariat@helgeland.example")
    ssu = Body.objects.get(short_name="SSU")
    fsu = Body.objects.get(short_name="FSU-UP")
    held = _last_ssu(ssu, staff)
    _follow_ups(ssu, held, staff)
    published_minutes(held, staff, "Møtet ble ledet av Marte Lien.")
    _fsu_minutes_late(fsu, staff)
    return {"held_meeting": held}
