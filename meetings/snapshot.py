"""What minutes say, stored as content (R-REC-1).

When minutes are sent for comments, and again when they are approved, `capture` writes down
everything they say — time and place, attendance, deputies, conflicts of interest, and for
every case its number, title, case text, decision, votes and attachments — as plain JSON on
the version. Pages, the PDF and the open-data API read that stored content through
`readable`, never the live rows, so a later change to a case, a decision or the meeting
cannot reach a version already sent or published. A draft has nothing stored yet: it is
shown from a fresh capture, through the same `readable`, so a draft looks as it will read.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.dateparse import parse_datetime

from . import screening
from .attendance import CaseRoll
from .models import Absence, Attachment, Case, Decision, Seat, Vote

# Raised when the stored shape changes, so that readers can tell old content from new.
SCHEMA = 1


def _label(case):
    return case.label if case is not None else ""


def _decision(decision):
    if decision is None:
        return None
    votes = sorted(decision.votes.all(), key=lambda vote: vote.seat.holder.name)
    return {
        "mode": decision.mode, "text": decision.text, "minutes_text": decision.minutes_text,
        "tally": decision.tally(), "split": decision.is_split,
        "votes": [{"name": vote.seat.holder.name, "choice": vote.choice} for vote in votes],
    }


def capture(meeting, *, introduction=""):
    """Everything the minutes of `meeting` say now, as JSON-ready values, in a fixed number of
    queries. Screened attachments are kept with their flag: the public reading leaves them
    out (R-SSU-11)."""
    roll = CaseRoll(meeting)
    cases = list(meeting.cases.filter(status=Case.Status.PLACED).order_by("position", "pk")
                 .select_related("decision").prefetch_related(
                     Prefetch("attachments",
                              queryset=Attachment.objects.order_by("created", "pk")),
                     Prefetch("decision__votes",
                              queryset=Vote.objects.select_related("seat__holder"))))
    attended = {attendance.seat_id for attendance in roll.attendances}
    absent_ids = set(meeting.absences.exclude(kind=Absence.Kind.CONFLICT)
                     .values_list("seat", flat=True))
    members = (Seat.objects.current(meeting.date).filter(body=meeting.body,
                                                         role=Seat.Role.MEMBER)
               .select_related("holder"))
    absent = sorted(seat.holder.name for seat in members
                    if seat.pk in absent_ids or seat.pk not in attended)
    attendances = sorted(roll.attendances, key=lambda a: a.seat.sort_key())
    labels = {case.pk: case.label for case in cases}
    conflicts, conflicted = [], {}
    for absence in (meeting.absences.filter(kind=Absence.Kind.CONFLICT, withdrawn_at=None)
                    .select_related("seat__holder").prefetch_related("cases")
                    .order_by("seat__holder__name", "pk")):
        conflicts.append({"name": absence.seat.holder.name,
                          "cases": [labels.get(case.pk, case.label)
                                    for case in absence.cases.all()]})
        for case in absence.cases.all():
            conflicted.setdefault(case.pk, []).append(absence.seat.holder.name)
    return {
        "schema": SCHEMA,
        "meeting": {
            "body": str(meeting.body), "starts_at": meeting.starts_at.isoformat(),
            "ends_at": meeting.ends_at.isoformat() if meeting.ends_at else None,
            "place": meeting.place, "video_link": meeting.video_link,
        },
        "introduction": introduction,
        "present": [{"name": a.seat.holder.name, "role": a.seat.role,
                     "from": _label(a.arrived_before), "until": _label(a.left_after)}
                    for a in attendances if a.stands_in_for_id is None],
        "deputies": [{"name": a.seat.holder.name, "for": a.stands_in_for.holder.name,
                      "from": _label(a.arrived_before), "until": _label(a.left_after)}
                     for a in attendances if a.stands_in_for_id is not None],
        "absent": absent,
        "conflicts": conflicts,
        "cases": [{
            "id": case.pk, "number": case.label, "year": case.year, "serial": case.number,
            "title": case.title,
            "text": case.presentation,
            "decision": _decision(getattr(case, "decision", None)),
            "conflicted": conflicted.get(case.pk, []),
            "attachments": [{"id": a.pk, "title": a.title, "screened": a.screened}
                            for a in case.attachments.all()],
        } for case in cases],
    }


# Reading stored content back: plain values with the labels of today's language, for the
# templates. Only the codes (role, mode, vote) are translated; every word written by people
# reads exactly as stored.

@dataclass
class Person:
    name: str
    role: str = ""
    stands_in_for: str = ""
    arrived_before: str = ""
    left_after: str = ""


@dataclass
class CaseEntry:
    id: int
    number: str
    title: str
    text: str
    decision: dict | None
    attachments: list = field(default_factory=list)
    # Who stepped down as disqualified in this case.
    conflicted: list = field(default_factory=list)
    # Objections to this case's passage, for the secretariat's page (not stored content).
    objections: list = field(default_factory=list)


@dataclass
class Reading:
    body: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    place: str
    video_link: str
    introduction: str
    present: list
    deputies: list
    absent: list
    conflicts: list
    cases: list
    # Objections the approving meeting decided on (R-SSU-10), as stored when it approved.
    decided_objections: list = field(default_factory=list)


def _read_decision(stored):
    if stored is None:
        return None
    return {**stored,
            "mode_label": Decision.Mode(stored["mode"]).label,
            "votes": [{**vote, "choice_label": Vote.Choice(vote["choice"]).label}
                      for vote in stored["votes"]]}


def readable(content, *, public=False):
    """Stored content as the templates read it; the public reading is what the public may
    see by today's screening (R-SSU-11, R-PUB-1)."""
    meeting = content["meeting"]
    cases = screening.public_stored_cases(content["cases"]) if public else content["cases"]
    return Reading(
        body=meeting["body"], starts_at=parse_datetime(meeting["starts_at"]),
        ends_at=parse_datetime(meeting["ends_at"]) if meeting["ends_at"] else None,
        place=meeting["place"], video_link=meeting["video_link"],
        introduction=content["introduction"],
        present=[Person(p["name"], role=Seat.Role(p["role"]).label,
                        arrived_before=p["from"], left_after=p["until"])
                 for p in content["present"]],
        deputies=[Person(d["name"], stands_in_for=d["for"], arrived_before=d["from"],
                         left_after=d["until"]) for d in content["deputies"]],
        absent=content["absent"], conflicts=content["conflicts"],
        cases=[CaseEntry(id=case["id"], number=case["number"], title=case["title"],
                         text=case["text"], decision=_read_decision(case["decision"]),
                         attachments=case["attachments"],
                         conflicted=case.get("conflicted", []))
               for case in cases],
        # Participants' own words to the secretariat: for those who read the minutes inside.
        decided_objections=[] if public else content.get("objections", []),
    )


def matches(case, words):
    """Whether every word is in a stored case's title, decision or discussion."""
    decision = case["decision"] or {}
    text = " ".join([case["title"], decision.get("text", ""),
                     decision.get("minutes_text", "")]).casefold()
    return all(word.casefold() in text for word in words)


def content_of(minutes):
    """What a version says: the content stored when it was sent (and so approved); a draft,
    never sent or sent back by an objection, says what the meeting's rows say now."""
    if minutes.state == minutes.State.DRAFT:
        return capture(minutes.meeting, introduction=minutes.introduction)
    return minutes.content
