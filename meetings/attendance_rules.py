"""Attendance that contradicts itself is refused: a member who reported absence from the whole
meeting is not also present, unless the report is withdrawn (which is recorded), and a
personal deputy stands in only for their own member (R-SSU-13). Attendance recorded by
mistake is corrected until the minutes are sent (R-REC-2)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common import audit
from common.history import delete_by, save_by

from .locks import ensure_record_open, refusals_audited
from .models import Absence, Attendance, Seat, Vote

# What a seat holder recorded as present by mistake really was.
ABSENT = "absent"
CONFLICT = Absence.Kind.CONFLICT
CORRECTIONS = [(ABSENT, gettext_lazy("Absent: take the attendance back")),
               (CONFLICT, gettext_lazy("Present, but stood down as conflicted in named cases"))]


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
            "A personal deputy stands in only for their own member, %(member)s.")
            % {"member": seat.deputy_for.holder}})
    if seat.role == Seat.Role.LIST_DEPUTY and stands_in_for.side != seat.side:
        raise ValidationError({"stands_in_for": _(
            "A deputy on the trust's list stands in for a member from the trust.")})


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


@refusals_audited
@transaction.atomic
def correct_attendance(attendance, *, to, cases=(), acting_user, now=None):
    """Correct a seat holder recorded as present by mistake, also after the meeting is held,
    until the minutes are sent (R-REC-2): `to` ABSENT takes the attendance back; CONFLICT keeps
    it and records that they stood down as conflicted in `cases`, so they count neither as
    present nor as voting there. Their votes on those cases are removed. The old record stays
    in history; the audit log names the correction. Returns the cases whose decision lost a
    vote, for the secretariat to record again."""
    attendance = (Attendance.objects.select_for_update().select_related("meeting", "seat__holder")
                  .get(pk=attendance.pk))
    meeting, seat = attendance.meeting, attendance.seat
    ensure_record_open(meeting)
    if to == ABSENT:
        delete_by(attendance, acting_user)
        change = {}
        cases = list(meeting.cases.all())
    elif to == CONFLICT:
        agenda = set(meeting.cases.values_list("pk", flat=True))
        if not cases or any(case.pk not in agenda for case in cases):
            raise ValidationError({"cases": _("Name the cases on this meeting's agenda they "
                                              "stood down in.")})
        absence = Absence.objects.filter(meeting=meeting, seat=seat).order_by("pk").first()
        if (absence is not None and absence.withdrawn_at is None
                and absence.kind != Absence.Kind.CONFLICT):
            raise ValidationError({"to": _(
                "%(name)s has reported absence from part of the meeting. Withdraw the report "
                "first; the withdrawal is recorded.") % {"name": seat.holder}})
        if (absence is not None and absence.withdrawn_at is None
                and absence.kind == Absence.Kind.CONFLICT):
            # A conflict reported beforehand stands; the correction adds the cases it names.
            cases = list({case.pk: case for case in [*absence.cases.all(), *cases]}.values())
        elif absence is not None:
            absence.note = ""  # a withdrawn report's reason ("Syk") is not the conflict's
        absence = absence or Absence(meeting=meeting, seat=seat)
        absence.kind, absence.from_case, absence.to_case = Absence.Kind.CONFLICT, None, None
        absence.reported_at, absence.withdrawn_at = now or timezone.now(), None
        save_by(absence, acting_user)
        absence.cases.set(cases)
        change = {"cases": sorted(case.label for case in cases)}
    else:
        raise ValidationError({"to": _("Choose what the attendance is corrected to.")})
    # Someone not there (or stood down) did not vote: their votes go, each deletion in the
    # vote's history, and the secretariat is told which decisions to look at again.
    revoted = []
    for vote in (Vote.objects.filter(seat=seat, decision__case__in=cases)
                 .select_related("decision__case")):
        revoted.append(vote.decision.case)
        delete_by(vote, acting_user)
    audit.record(audit.Action.ATTENDANCE_CORRECTED, actor=acting_user, obj=meeting,
                 seat=seat.pk, holder=str(seat.holder), to=to, **change,
                 votes_removed=sorted(case.label for case in revoted))
    return revoted
