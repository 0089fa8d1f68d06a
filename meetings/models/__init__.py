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
from .secretariat import SecretariatTerm

__all__ = [
    "Absence", "Attachment", "Attendance", "Body", "CalendarFeed", "Case", "CaseNumberCounter",
    "CaseQuerySet", "ChairTerm", "Decision", "DeputyRequest", "FollowUp", "FollowUpNote",
    "FollowUpQuerySet", "Mandate", "Meeting", "MeetingPlan", "MeetingQuerySet", "Minutes",
    "MinutesLocked", "MinutesQuerySet", "Objection", "Seat", "SeatQuerySet", "SecretariatTerm",
    "Vote", "attachment_path", "new_token",
]
