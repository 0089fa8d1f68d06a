"""The meetings app's models, one module per concept."""

from .bodies import Body, ChairTerm, MeetingPlan, Seat, SeatQuerySet
from .holding import (
    Absence,
    Attendance,
    Decision,
    DeputyRequest,
    FollowUp,
    FollowUpNote,
    FollowUpQuerySet,
    Vote,
)
from .meetings import (
    Attachment,
    CalendarFeed,
    Case,
    CaseNumberCounter,
    CaseQuerySet,
    Meeting,
    MeetingQuerySet,
    attachment_path,
    new_token,
)
from .minutes import Minutes, MinutesQuerySet, Objection
from .screening import ACCESS_CODES, LegalBasis, Screening

__all__ = [
    "ACCESS_CODES", "Absence", "Attachment", "Attendance", "Body", "CalendarFeed", "Case",
    "CaseNumberCounter", "CaseQuerySet", "ChairTerm", "Decision", "DeputyRequest", "FollowUp",
    "FollowUpNote", "FollowUpQuerySet", "LegalBasis", "Meeting", "MeetingPlan",
    "MeetingQuerySet", "Minutes", "MinutesQuerySet", "Objection", "Screening", "Seat",
    "SeatQuerySet", "Vote", "attachment_path", "new_token",
]
