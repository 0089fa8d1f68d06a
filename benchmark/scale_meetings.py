"""A large partnership for the benchmark (see scale_members): 20 bodies with seats for the 500
people, ten years of meetings (4 per body per year, forty years at history=4) with 20 cases
each, and attachments; the held meetings with decisions, published minutes and follow-ups (open
for the last year). Written with history and change-log lines, by the secretariat."""

import datetime
import zoneinfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from common.history import bulk_create_by
from meetings import snapshot
from meetings.models import (
    Attachment,
    Body,
    Case,
    CaseNumberCounter,
    Decision,
    FollowUp,
    LegalBasis,
    Meeting,
    Minutes,
    Seat,
)
from meetings.screening import attachment_screening

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
BODIES = 20
LAST_YEAR = 2026
YEARS_OF_MEETINGS = 10
MEETING_MONTHS = (3, 6, 9, 12)
CASES_PER_MEETING = 20
# Every fourth case has an attachment; the files are small but really stored.
ATTACHMENT_EVERY = 4
SEATS_FROM = datetime.date(2015, 1, 1)
# Follow-ups: this many per held meeting, open when due within the last OPEN_DAYS.
FOLLOW_UPS_PER_MEETING = 2
OPEN_DAYS = 365
# The benchmark's representative sits in these bodies besides their own seat.
REPRESENTATIVE_BODIES = (0, 1, 2)
PRESENTATION = ("Saken gjelder samhandling mellom kommunene og helseforetaket om "
                "pasientforløp, kompetanse og beredskap. ") * 6


def sizes(scale=1.0, history=1):
    """How many bodies, years and cases per meeting at a given fraction of the full size, with
    `history` times the years of meetings."""
    year_count = max(1, round(YEARS_OF_MEETINGS * scale)) * history
    return (max(1, round(BODIES * scale)), range(LAST_YEAR + 1 - year_count, LAST_YEAR + 1),
            max(1, round(CASES_PER_MEETING * scale)))


def small_pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Vedlegg</h1><p>Saksdokument til møtet.</p>").write_pdf()


def build(rng, world, scale=1.0, history=1):
    by = world["users"]["secretariat"]
    body_count, years, cases_per_meeting = sizes(scale, history)
    kinds = [Body.Kind.LSU, Body.Kind.FSU, Body.Kind.SSU, Body.Kind.OTHER]
    bodies = bulk_create_by(Body, [
        Body.with_defaults(kinds[i % len(kinds)], name=f"Skalautvalg {i:02d}",
                           short_name=f"SU{i:02d}", meetings_per_year=len(MEETING_MONTHS))
        for i in range(body_count)
    ], by)
    bulk_create_by(Seat, _seats(bodies, world), by)

    now = datetime.datetime.now(OSLO)
    meetings = bulk_create_by(Meeting, [
        _meeting(body, year, month, rng, now)
        for body in bodies for year in years for month in MEETING_MONTHS
    ], by)
    cases = bulk_create_by(Case, list(_cases(meetings, cases_per_meeting)), by)
    bulk_create_by(CaseNumberCounter, [
        CaseNumberCounter(body=body, year=year,
                          last_number=len(MEETING_MONTHS) * cases_per_meeting)
        for body in bodies for year in years
    ], by)
    data = small_pdf()
    bulk_create_by(Attachment, [
        Attachment(case=case, title=f"Vedlegg til sak {case.number}/{case.year}",
                   file=default_storage.save(f"attachments/scale/{case.pk}.pdf",
                                             ContentFile(data)),
                   original_name=f"vedlegg-{case.number}-{case.year}.pdf",
                   content_type="application/pdf", size=len(data),
                   **attachment_screening(screened=index % 40 == 0,
                                          legal_basis=LegalBasis.HEALTH))
        for index, case in enumerate(cases) if index % ATTACHMENT_EVERY == 0
    ], by)
    held = [meeting for meeting in meetings if meeting.status == Meeting.Status.HELD]
    _held_meetings(held, [case for case in cases if case.meeting.status == Meeting.Status.HELD],
                   by)
    return {"bodies": bodies, "meetings": meetings, "meeting_years": years}


def _held_meetings(meetings, cases, by):
    decisions = bulk_create_by(Decision, [
        Decision(case=case, mode=Decision.Mode.CONSENSUS, text=case.proposed_decision)
        for case in cases
    ], by)
    bulk_create_by(Minutes, [
        Minutes(meeting=meeting, state=Minutes.State.APPROVED, deemed_approved=True,
                sent_at=meeting.ends_at, approved_at=meeting.ends_at + datetime.timedelta(days=4),
                published_at=meeting.ends_at + datetime.timedelta(days=7),
                content=snapshot.capture(meeting))
        for meeting in meetings
    ], by)
    today = datetime.datetime.now(OSLO).date()
    follow_ups = []
    for decision in decisions:
        case = decision.case
        if case.position > FOLLOW_UPS_PER_MEETING:
            continue
        due = case.meeting.starts_at.date() + datetime.timedelta(days=90)
        follow_ups.append(FollowUp(
            decision=decision, what=f"Følge opp {case.title.lower()}", due_on=due,
            responsible_body_id=case.body_id,
            status=(FollowUp.Status.IN_PROGRESS if (today - due).days < OPEN_DAYS
                    else FollowUp.Status.DONE)))
    bulk_create_by(FollowUp, follow_ups, by)


def _seats(bodies, world):
    """Each person holds one seat; the representative holds a few more."""
    people = world["people"]
    seats = []
    for index, person in enumerate(people):
        body = bodies[index % len(bodies)]
        place = index // len(bodies)
        if place < 12:
            role, position = Seat.Role.MEMBER, None
        elif place < 20:
            role, position = Seat.Role.LIST_DEPUTY, place - 11
        else:
            role, position = Seat.Role.OBSERVER, None
        seats.append(Seat(body=body, holder=person, role=role, list_position=position,
                          side=Seat.Side.MUNICIPALITIES if place % 2 else Seat.Side.TRUST,
                          starts_on=SEATS_FROM))
    representative = world["users"]["representative"].person
    own = {seat.body_id for seat in seats if seat.holder_id == representative.pk}
    for index in REPRESENTATIVE_BODIES:
        if index < len(bodies) and bodies[index].pk not in own:
            seats.append(Seat(body=bodies[index], holder=representative, role=Seat.Role.MEMBER,
                              side=Seat.Side.MUNICIPALITIES, starts_on=SEATS_FROM))
    return seats


def _meeting(body, year, month, rng, now):
    starts = datetime.datetime(year, month, rng.randint(1, 25), 10, 0, tzinfo=OSLO)
    notice_sent = starts - datetime.timedelta(days=14)
    held = starts < now
    return Meeting(
        body=body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
        place="Rådhuset, møterom 1", is_public=True,
        status=Meeting.Status.HELD if held else (
            Meeting.Status.NOTICE_SENT if notice_sent < now else Meeting.Status.PLANNED),
        notice_sent_at=notice_sent if notice_sent < now else None,
    )


def _cases(meetings, per_meeting):
    numbers = {}
    for meeting in meetings:
        year = meeting.starts_at.year
        for position in range(1, per_meeting + 1):
            number = numbers[meeting.body_id, year] = numbers.get((meeting.body_id, year), 0) + 1
            yield Case(
                body=meeting.body, meeting=meeting, status=Case.Status.PLACED,
                title=f"Samhandling om tjeneste {position} i {year}", position=position,
                number=number, year=year, on_notice=True,
                submitted_at=meeting.starts_at - datetime.timedelta(days=30),
                background="Bakgrunn for saken.", presentation=PRESENTATION,
                proposed_decision="Utvalget tar saken til orientering.",
            )
