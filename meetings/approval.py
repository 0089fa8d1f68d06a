"""The body approves its previous minutes as a case of its next meeting (R-SSU-10): the case
"Godkjenning av protokoll fra forrige møte" names the meeting whose minutes it approves, and its
decision approves them — as they read, or with the corrections it names, which makes a new
version. Objections left to the meeting are recorded with the approved version.

Deemed approval after the objection period (minutes.deem_approved) is the other way; whichever
comes first approves, and an approved version is locked (R-REC-1)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.documents import request_pdf
from common.history import save_by

from . import snapshot
from .models import Case, Meeting, Minutes


def previous_meeting(meeting):
    """The body's last held meeting before `meeting`: the one whose minutes it approves."""
    return (Meeting.objects.filter(body=meeting.body_id, status=Meeting.Status.HELD,
                                   starts_at__lt=meeting.starts_at)
            .order_by("-starts_at").first())


def meeting_to_approve(case):
    """The meeting whose minutes an approval case approves: the one it names, else the body's
    previous held meeting."""
    if case.approves_minutes_of_id is not None:
        return case.approves_minutes_of
    return previous_meeting(case.meeting) if case.meeting_id else None


def _open_objections(minutes):
    """The objections of the last round, which no new round has answered: the meeting decides
    on them."""
    return [{"name": objection.person.name, "passage": objection.passage,
             "comment": objection.comment}
            for objection in minutes.objections.filter(round=minutes.round)
            .select_related("person").order_by("created", "pk")]


def approve_in_meeting(case, *, corrections="", acting_user, now=None):
    """The approval case's decision approves the minutes it names (R-SSU-10). Without
    corrections the current version is approved as it reads; with them, a new version is,
    carrying them. Minutes approved already (deemed, or by this case) stay as they are; a
    correction of approved minutes is a new version started from their page (R-REC-1).

    Called by holding.record_decision inside its transaction, so the decision and the approval
    are saved together or not at all."""
    now = now or timezone.now()
    corrections = corrections.strip()
    earlier = meeting_to_approve(case)
    if earlier is None:
        raise ValidationError({"text": _("There are no earlier minutes of this body to approve; "
                                         "record the case as information.")})
    minutes = (Minutes.objects.select_for_update().filter(meeting=earlier)
               .order_by("-version").first())
    if minutes is None:
        raise ValidationError({"text": _(
            "The minutes of the meeting on %(date)s have not been started.")
            % {"date": date_format(earlier.date)}})
    if case.approves_minutes_of_id != earlier.pk:
        case.approves_minutes_of = earlier
        save_by(case, acting_user)
    if minutes.is_locked:
        if corrections and minutes.approved_in_id != case.pk:
            raise ValidationError({"corrections": _(
                "The minutes of %(date)s were approved already; a correction is a new version "
                "started from the minutes' page.") % {"date": date_format(earlier.date)}})
        return minutes
    content = {**snapshot.content_of(minutes), "objections": _open_objections(minutes)}
    if corrections:
        minutes = Minutes(meeting=earlier, version=minutes.version + 1, round=minutes.round,
                          introduction=minutes.introduction, sent_at=minutes.sent_at,
                          correction_reason=corrections)
    minutes.content = content
    minutes.state = Minutes.State.APPROVED
    minutes.approved_at = now
    minutes.approved_in = case
    minutes.deemed_approved = False
    minutes._change_reason = "R-SSU-10"
    save_by(minutes, acting_user)
    request_pdf("meetings.minutes", minutes.pk)
    return minutes


def is_approval(case):
    return case.kind == Case.Kind.APPROVE_MINUTES
