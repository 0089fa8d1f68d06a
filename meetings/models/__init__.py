"""The meetings app's models, one module per concept."""

from .bodies import Body, ChairTerm, Mandate, MeetingPlan, Seat, SeatQuerySet
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
from .minutes import Minutes, MinutesLocked, MinutesQuerySet, Objection
from .screening import ACCESS_CODES, LegalBasis, Screening
from .secretariat import SecretariatTerm
from .warnings import StoredWarnings

__all__ = [
    "ACCESS_CODES", "Absence", "Attachment", "Attendance", "Body", "CalendarFeed", "Case",
    "CaseNumberCounter", "CaseQuerySet", "ChairTerm", "Decision", "DeputyRequest", "FollowUp",
    "FollowUpNote", "FollowUpQuerySet", "LegalBasis", "Mandate", "Meeting", "MeetingPlan",
    "MeetingQuerySet", "Minutes", "MinutesLocked", "MinutesQuerySet", "Objection", "Screening",
    "Seat", "SeatQuerySet", "SecretariatTerm", "StoredWarnings", "Vote", "attachment_path",
    "new_token",
]
