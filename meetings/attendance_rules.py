"""Attendance that contradicts itself is refused: a member who reported absence from the whole
meeting is not also present, unless the report is withdrawn (which is recorded), and a
personal deputy stands in only for their own member (R-SSU-13)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.history import save_by

from .models import Absence, Attendance, Seat


def _whole_absence(meeting, seat):
    return Absence.objects.filter(meeting=meeting, seat=seat, kind=Absence.Kind.WHOLE,
                                  withdrawn_at=None).first()


def check_attendance(meeting, seat, stands_in_for):
    """Refuse an attendance that contradicts the absence reports or the deputy rules."""
    if _whole_absence(meeting, seat) is not None:
        raise ValidationError({"seat": _(
            "%(name)s reported absence from the whole meeting. Withdraw the report first; the "
            "withdrawal is recorded.") % {"name": seat.holder}})
    if stands_in_for is None:
        return
    if seat.role == Seat.Role.PERSONAL_DEPUTY and stands_in_for.pk != seat.deputy_for_id:
        raise ValidationError({"stands_in_for": _(
            "A personal deputy stands in only for their own member, %(member)s (R-SSU-13).")
            % {"member": seat.deputy_for.holder}})
    if seat.role == Seat.Role.LIST_DEPUTY and stands_in_for.side != seat.side:
        raise ValidationError({"stands_in_for": _(
            "A deputy on the trust's list stands in for a member from the trust (R-SSU-13).")})


def check_absence(meeting, seat, kind):
    """Refuse an absence from the whole meeting for someone recorded as present."""
    if kind == Absence.Kind.WHOLE and Attendance.objects.filter(meeting=meeting,
                                                                seat=seat).exists():
        raise ValidationError({"kind": _(
            "%(name)s is recorded as present. Remove the attendance, or report absence from "
            "part of the meeting.") % {"name": seat.holder}})


@transaction.atomic
def withdraw_absence(absence, *, acting_user, now=None):
    """The absence report no longer holds (the member came after all); the withdrawal and who
    made it stay in the report's history."""
    absence = Absence.objects.select_for_update().get(pk=absence.pk)
    if absence.withdrawn_at is not None:
        raise ValidationError(_("The report was already withdrawn."))
    absence.withdrawn_at = now or timezone.now()
    return save_by(absence, acting_user)
