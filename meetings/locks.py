"""Refusals to change the record (R-REC-1, R-REC-2, R-REC-4): a held meeting, minutes sent for
comments or approved, a link used for what it was not made for. Each is a Refused with a
message for the user, and the state-change function it stops writes it to the audit log."""

import contextvars
from functools import wraps

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common import audit

from .models import Meeting, Minutes

# How many refusal-auditing calls are running in this context: only the outermost writes the
# entry, after its transaction has been rolled back, so the entry is not rolled back with it.
_depth = contextvars.ContextVar("meetings_locks_depth", default=0)


class Refused(ValidationError):
    """A change that the record does not allow; `obj` is what it would have changed and
    `rule` the rule that forbids it."""

    def __init__(self, message, *, obj, rule):
        super().__init__(message, code="locked")
        self.obj = obj
        self.rule = rule


def record_refusal(refusal, *, acting_user, change, request=None):
    audit.record(audit.Action.ACCESS_REFUSED, actor=acting_user, request=request,
                 obj=refusal.obj, change=change, rule=refusal.rule,
                 reason=" ".join(refusal.messages))


def refusals_audited(function):
    """Write a refusal raised by `function` to the audit log, with the acting user.
    Put it outside @transaction.atomic."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        token = _depth.set(_depth.get() + 1)
        try:
            return function(*args, **kwargs)
        except Refused as refusal:
            if _depth.get() == 1:
                record_refusal(refusal, acting_user=kwargs.get("acting_user"),
                               change=function.__name__)
            raise
        finally:
            _depth.reset(token)

    return wrapper


def ensure_not_held(meeting, message):
    """A held meeting is closed (R-REC-2): `message` says what can no longer be done."""
    # Read from the database: the caller's copy may predate the meeting being held.
    if Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.HELD).exists():
        raise Refused(message, obj=meeting, rule="R-REC-2")


def closed_record(meeting):
    """Why attendance, decisions and the case texts the minutes quote can no longer change,
    or None: they change only until the minutes are sent, and after that only while a
    correction version is being written (R-REC-1, R-REC-2)."""
    latest = meeting.minutes.order_by("-version").first()
    if latest is None or latest.state == Minutes.State.DRAFT:
        return None
    if latest.state == Minutes.State.OUT_FOR_COMMENTS:
        return Refused(_("The minutes are out for comments and say what they say: a "
                         "change waits until an objection sends them back."),
                       obj=latest, rule="R-REC-2")
    return Refused(_("The minutes are approved and locked; start a correction to change "
                     "them."), obj=latest, rule="R-REC-1")


def ensure_record_open(meeting):
    """Refuse a change to what the minutes record once it is closed (see closed_record)."""
    refusal = closed_record(meeting)
    if refusal is not None:
        raise refusal
