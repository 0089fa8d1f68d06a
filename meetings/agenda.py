"""The agenda as the notice fixes it: the chair's agreement to it (R-SSU-3) and case numbers in
agenda order, opening items first. Used by meetings.services.send_notice and by the pages for
the chair; imports no other state-change module, so both can use it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.history import save_by

from .models import Case, CaseNumberCounter, ChairTerm, Meeting

OPENING_KINDS = (Case.Kind.APPROVE_NOTICE, Case.Kind.APPROVE_MINUTES)


def take_number(body, year):
    """The next case number of a body and year, never reused: the counter row is locked."""
    counter, _created = CaseNumberCounter.objects.select_for_update().get_or_create(
        body=body, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def agenda_order(case):
    """Opening items first, in their standard order, then the cases as the secretariat
    placed them."""
    opening = OPENING_KINDS.index(case.kind) if case.kind in OPENING_KINDS else len(
        OPENING_KINDS)
    return (opening, case.position or 0, case.pk)


def number_cases(meeting, *, acting_user):
    """Put the opening items first and give the cases without a number theirs in agenda
    order, so that agenda, notice and minutes read 1, 2, 3 … . A case that already has a
    number (one deferred from an earlier meeting) keeps it. Call inside the transaction that
    sends the notice."""
    cases = sorted(meeting.cases.exclude(status=Case.Status.WITHDRAWN), key=agenda_order)
    withdrawn = list(meeting.cases.filter(status=Case.Status.WITHDRAWN).order_by("position"))
    for position, case in enumerate(cases + withdrawn, start=1):
        changed = case.position != position
        case.position = position
        if case.number is None and case.status == Case.Status.PLACED:
            case.year = meeting.date.year
            case.number = take_number(meeting.body, case.year)
            changed = True
        if changed:
            save_by(case, acting_user)


def chairs_on(body, day):
    """The people chairing the body on `day`: the chair first, then the vice-chair."""
    terms = (body.chair_terms.select_related("person").filter(starts_on__lte=day)
             .exclude(ends_on__lte=day).order_by("role", "-starts_on"))
    return [term.person for term in terms]


def needs_agreement(meeting, day):
    """The agenda needs the chair's or vice-chair's agreement before the notice (R-SSU-3)
    wherever the body has one recorded."""
    return ChairTerm.objects.filter(body=meeting.body_id, starts_on__lte=day).exclude(
        ends_on__lte=day).exists()


def check_agreement(meeting, *, reason, today):
    """Refuse to send a notice without the chair's agreement to the agenda, unless the
    secretariat gives a reason, which is recorded (R-SSU-3). Returns the reason to record."""
    if meeting.agenda_agreed_at is not None or not needs_agreement(meeting, today):
        return ""
    if not reason.strip():
        raise ValidationError({"reason": _(
            "The chair or vice-chair has not agreed to the agenda. Ask them, or give the reason "
            "the notice goes without their agreement; it is recorded.")})
    return reason.strip()


@transaction.atomic
def agree_to_agenda(meeting, *, person, acting_user=None, now=None):
    """The chair or vice-chair agrees to the agenda as it stands (R-SSU-3); who and when are
    recorded. `acting_user` is None when the signed link in the e-mail was used."""
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("The notice has already been sent, or the meeting is no "
                                "longer ahead."))
    if person not in chairs_on(meeting.body, timezone.localtime(now).date()):
        raise ValidationError(_("Only the chair or vice-chair of %(body)s agrees to its "
                                "agenda.") % {"body": meeting.body})
    meeting.agenda_agreed_by, meeting.agenda_agreed_at = person, now
    return save_by(meeting, acting_user)


def agenda_changed_before_notice(meeting, *, acting_user):
    """An agreement covers the agenda the chair saw: a change before the notice asks for it
    again (R-SSU-3). Call with a locked meeting."""
    if not meeting.notice_sent and meeting.agenda_agreed_at is not None:
        meeting.agenda_agreed_by, meeting.agenda_agreed_at = None, None
        save_by(meeting, acting_user)
