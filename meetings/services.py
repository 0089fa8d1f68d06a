"""State changes of bodies, plans, meetings and cases: one function each, in one transaction,
with its author recorded. E-mail and PDFs are scheduled to run after the commit."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.documents import request_pdf
from common.history import save_by
from common.links import site_url
from common.mail import Attachment as MailAttachment
from common.mail import Recipient, queue_mail
from members.models import User

from . import identity_numbers, planning, rules
from .agenda import (
    agenda_changed_before_notice,
    chairs_on,
    check_agreement,
    number_cases,
    take_number,
)
from .approval import previous_meeting
from .calendar import calendar_bytes
from .documents import programme_by
from .kinds import citing
from .locks import ensure_not_held, ensure_record_open, refusals_audited
from .mandates import check_decided_by
from .models import (
    Attachment,
    Case,
    ChairTerm,
    Meeting,
    MeetingPlan,
    Seat,
)
from .richtext import sanitise
from .screening import attachment_screening, papers_changed
from .uploads import KINDS, detect_kind, safe_filename


@transaction.atomic
def save_body(body, *, acting_user):
    """Create or change a body and its rules; the change is kept in its history."""
    return save_by(body, acting_user)


@transaction.atomic
def save_seat(seat, *, acting_user):
    return save_by(seat, acting_user)


@transaction.atomic
def appoint_chair(body, *, person, side, starts_on, ends_on=None,
                  role=ChairTerm.Role.CHAIR, decided_at=None, decided_in=None, acting_user):
    """Record a chair or vice-chair, with the meeting and case that elected them (R-PM-8).
    Returns (term, warning); the warning says when a new chair breaks the alternation between
    the municipalities and the trust (R-SSU-14)."""
    check_decided_by(body, decided_at, decided_in)
    warning = None
    if role == ChairTerm.Role.CHAIR and body.chair_alternates:
        earlier = list(body.chair_terms.filter(role=ChairTerm.Role.CHAIR,
                                               starts_on__lt=starts_on)
                       .order_by("starts_on").values_list("side", flat=True))
        if rules.breaks_chair_alternation(earlier, side):
            warning = citing(body, "R-SSU-14", _("The chair should now come from %(side)s.") % {
                "side": rules.side_phrase(rules.next_chair_side(earlier))})
    term = ChairTerm(body=body, person=person, side=side, role=role, starts_on=starts_on,
                     ends_on=ends_on, decided_at=decided_at, decided_in=decided_in)
    return save_by(term, acting_user), warning


def proposed_chair_side(body, on_day, terms=None):
    """The side whose turn it is to chair from `on_day` (R-SSU-14), or None. `terms`: the
    body's chair terms, when the caller has them loaded already."""
    if terms is None:
        terms = body.chair_terms.filter(role=ChairTerm.Role.CHAIR, starts_on__lt=on_day)
    earlier = sorted((term for term in terms
                      if term.role == ChairTerm.Role.CHAIR and term.starts_on < on_day),
                     key=lambda term: term.starts_on)
    return rules.next_chair_side([term.side for term in earlier])


@transaction.atomic
def plan_meeting(body, *, starts_at, ends_at=None, place="", video_link="",
                 kind=Meeting.Kind.ORDINARY, is_public=True, acting_user, today=None):
    """Put a meeting in the body's plan, on a date the planning rules allow
    (meetings.planning: R-SSU-12, R-DM-1)."""
    held_with = planning.check_date(
        body, meeting_date=timezone.localtime(starts_at).date(), kind=kind,
        today=today or timezone.localdate())
    meeting = Meeting(body=body, starts_at=starts_at, ends_at=ends_at, place=place,
                      video_link=video_link, kind=kind, is_public=is_public,
                      held_with=held_with)
    return save_by(meeting, acting_user)


@transaction.atomic
def adopt_plan(body, year, *, adopted_on, adopted_at_meeting=None, adopted_in="",
               acting_user):
    """Record that the body's plan for `year` was adopted (R-SSU-2)."""
    plan = MeetingPlan.objects.filter(body=body, year=year).first() or MeetingPlan(
        body=body, year=year)
    plan.adopted_on = adopted_on
    plan.adopted_at_meeting = adopted_at_meeting
    plan.adopted_in = adopted_in
    return save_by(plan, acting_user)


@transaction.atomic
def propose_case(body, *, title, background="", wanted_decision="", attachment=None,
                 acting_user, now=None):
    """A seat holder or the secretariat proposes a case, with an attachment if they like; it
    waits in the body's queue. The proposer's attachment is public until screened."""
    case = Case(body=body, title=title, background=background,
                wanted_decision=wanted_decision, proposed_by=acting_user,
                submitted_at=now or timezone.now())
    save_by(case, acting_user)
    if attachment is not None:
        add_attachment(case, upload=attachment, title="", screened=False, legal_basis="",
                       acting_user=acting_user)
    return case


def _next_position(meeting):
    return (meeting.cases.aggregate(last=Max("position"))["last"] or 0) + 1


@refusals_audited
@transaction.atomic
def place_case(case, meeting, *, acting_user, chair=None, urgency_reason="", now=None):
    """Put a case on a meeting's agenda and give it its number (`Sak N/YYYY`).

    A case submitted after the body's case deadline needs the approval of the body's recorded
    chair or vice-chair and a reason why it cannot wait, both recorded (R-SSU-4); one submitted
    in time is on time however late it is placed. A case added after the notice went out is
    numbered at once, is not on the notice sent in advance (R-SSU-6) and the participants get
    an update; before the notice, numbers wait for the agenda's order (agenda.number_cases).
    """
    now = now or timezone.now()
    meeting = _locked(meeting)  # one agenda change at a time: positions stay distinct
    if case.body_id != meeting.body_id:
        raise ValidationError(_("The case belongs to another body."))
    if case.status not in {Case.Status.PROPOSED, Case.Status.DEFERRED}:
        raise ValidationError(_("Only a proposed or deferred case can be placed on an agenda."))
    ensure_not_held(meeting, _("The meeting has been held: no case can be added to it."))
    if meeting.status not in {Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT}:
        raise ValidationError(_("The meeting is no longer open for new cases."))
    late = rules.case_is_late(timezone.localtime(case.submitted_at).date(), meeting.date,
                              meeting.body.case_deadline_days)
    if late:
        errors = {}
        chairs = chairs_on(meeting.body, timezone.localtime(now).date())
        if chair is None:
            refusal = _("The case deadline (%(date)s) has passed: the chair must approve a "
                        "late case.") % {"date": meeting.case_deadline.strftime("%d.%m.%Y")}
        elif not chairs:
            refusal = _("%(body)s has no chair or vice-chair recorded: record them first, only "
                        "they can approve a late case.") % {"body": meeting.body}
        elif chair not in chairs:
            refusal = _("%(person)s does not chair %(body)s; the chair or vice-chair must "
                        "approve a late case.") % {"person": chair, "body": meeting.body}
        else:
            refusal = None
        if refusal:
            errors["chair"] = citing(meeting.body, "R-SSU-4", refusal)
        if not urgency_reason.strip():
            errors["urgency_reason"] = _("Say why the case is too important to wait for the "
                                         "next meeting.")
        if errors:
            raise ValidationError(errors)
        case.late_approved_by = chair
        case.late_approved_at = now
        case.urgency_reason = urgency_reason.strip()
    if case.number is None and meeting.notice_sent:
        # Before the notice the numbers wait for the agenda's final order (number_cases).
        case.year = meeting.date.year
        case.number = take_number(case.body, case.year)
    case.meeting = meeting
    case.position = _next_position(meeting)
    case.status = Case.Status.PLACED
    case.on_notice = False
    save_by(case, acting_user)
    request_pdf("meetings.case", case.pk)
    _agenda_changed(meeting, acting_user=acting_user)
    return case


def _locked(meeting):
    """The meeting as stored now, locked until the transaction ends."""
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _agenda_changed(meeting, *, acting_user):
    request_pdf("meetings.notice", meeting.pk)
    meeting = _locked(meeting)
    if meeting.notice_sent:
        send_update(meeting, acting_user=acting_user)
    else:
        agenda_changed_before_notice(meeting, acting_user=acting_user)


CASES_CLOSED = gettext_lazy("The meeting has been held: its cases can no longer be removed, "
                            "moved or renumbered.")


def _take_off_agenda(case, status, note, acting_user):
    meeting = case.meeting
    if meeting is not None:
        ensure_not_held(meeting, CASES_CLOSED)
    case.status = status
    case.triage_note = note
    if status != Case.Status.WITHDRAWN:
        case.meeting = None
        case.position = None
    save_by(case, acting_user)
    return meeting


@refusals_audited
@transaction.atomic
def defer_case(case, *, reason="", acting_user):
    """Back to the queue for a later meeting; a numbered case keeps its number."""
    if case.status not in {Case.Status.PROPOSED, Case.Status.PLACED}:
        raise ValidationError(_("Only a proposed case or one on an agenda can be deferred."))
    meeting = _take_off_agenda(case, Case.Status.DEFERRED, reason, acting_user)
    if meeting:
        _agenda_changed(meeting, acting_user=acting_user)
    return case


@transaction.atomic
def decline_case(case, *, reason, acting_user):
    """Refuse a proposed case; the proposer sees the reason."""
    if case.status not in {Case.Status.PROPOSED, Case.Status.DEFERRED}:
        raise ValidationError(_("Only a case in the queue can be declined."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason the proposer will see.")})
    _take_off_agenda(case, Case.Status.DECLINED, reason.strip(), acting_user)
    return case


@transaction.atomic
def merge_case(case, *, into, acting_user):
    """Fold a proposal into another open case of the same body."""
    if case.status not in {Case.Status.PROPOSED, Case.Status.DEFERRED}:
        raise ValidationError(_("Only a case in the queue can be merged."))
    if (into.pk == case.pk or into.body_id != case.body_id
            or into.status in {Case.Status.DECLINED, Case.Status.MERGED}):
        raise ValidationError({"into": _("Choose another case of the same body.")})
    case.merged_into = into
    _take_off_agenda(case, Case.Status.MERGED, "", acting_user)
    return case


@refusals_audited
@transaction.atomic
def withdraw_case(case, *, acting_user):
    """Withdraw a case from an agenda: it stays listed and keeps its number."""
    if case.status != Case.Status.PLACED:
        raise ValidationError(_("Only a case on an agenda can be withdrawn."))
    meeting = _take_off_agenda(case, Case.Status.WITHDRAWN, "", acting_user)
    _agenda_changed(meeting, acting_user=acting_user)
    return case


@refusals_audited
@transaction.atomic
def move_case(case, *, up, acting_user):
    """Swap a case with its neighbour on the agenda."""
    meeting = _locked(case.meeting)
    ensure_not_held(meeting, CASES_CLOSED)
    siblings = list(meeting.cases.order_by("position", "pk"))
    index = next(i for i, other in enumerate(siblings) if other.pk == case.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
        for position, item in enumerate(siblings, start=1):
            if item.position != position:
                item.position = position
                save_by(item, acting_user)
        request_pdf("meetings.notice", case.meeting_id)
    return case


OPENING_TITLES = {
    Case.Kind.APPROVE_NOTICE: "Godkjenning av innkalling og saksliste",
    Case.Kind.APPROVE_MINUTES: "Godkjenning av protokoll fra forrige møte",
}


@refusals_audited
@transaction.atomic
def add_opening_items(meeting, *, acting_user):
    """Put the standard opening items first on the agenda, unless the body switched them off
    or they are there already. Returns the cases added."""
    meeting = _locked(meeting)
    ensure_not_held(meeting, CASES_CLOSED)
    if not meeting.body.opening_items:
        raise ValidationError(_("This body does not use standard opening items."))
    present = set(meeting.cases.values_list("kind", flat=True))
    added = []
    for kind, title in OPENING_TITLES.items():
        if kind in present:
            continue
        case = Case(body=meeting.body, kind=kind, title=title, meeting=meeting,
                    status=Case.Status.PLACED, proposed_decision="Godkjent.",
                    proposed_by=acting_user)
        if kind == Case.Kind.APPROVE_MINUTES:
            case.approves_minutes_of = previous_meeting(meeting)
        if meeting.notice_sent:
            case.year = meeting.date.year
            case.number = take_number(meeting.body, case.year)
        added.append(save_by(case, acting_user))
    if added:
        others = list(meeting.cases.exclude(pk__in=[c.pk for c in added])
                      .order_by("position", "pk"))
        for position, item in enumerate(added + others, start=1):
            if item.position != position:
                item.position = position
                save_by(item, acting_user)
        request_pdf("meetings.notice", meeting.pk)
    return added


def _ensure_minutes_open(case):
    if case.meeting_id and Meeting.objects.filter(pk=case.meeting_id,
                                                  status=Meeting.Status.HELD).exists():
        ensure_record_open(case.meeting)


@refusals_audited
@transaction.atomic
def save_case_papers(case, *, title, presentation, proposed_decision, acting_user):
    """The case presentation is sanitised before it is stored. Once the meeting is held, what
    its minutes quote changes only until they are sent, then in a correction (R-REC-2)."""
    _ensure_minutes_open(case)
    case.title = title
    case.presentation = sanitise(presentation)
    case.proposed_decision = proposed_decision
    save_by(case, acting_user)
    identity_numbers.refuse_in_case(case)
    papers_changed(case)
    return case


@refusals_audited
@transaction.atomic
def add_attachment(case, *, upload, title, screened, legal_basis, public_title="",
                   acting_user):
    """Store an uploaded file under a generated name; its type is read from its content. The
    minutes list a held meeting's attachments, so the same limit as for the case papers
    applies (R-REC-2). A screened attachment has its legal basis from the list (R-PUB-1)."""
    _ensure_minutes_open(case)
    data = upload.read()
    kind = detect_kind(data)
    if kind is None:
        raise ValidationError({"file": _("This kind of file is not accepted.")})
    screening = attachment_screening(screened=screened, legal_basis=legal_basis,
                                     public_title=public_title)
    content_type, extension = KINDS[kind]
    if not screening["screened"]:
        identity_numbers.refuse_in_upload(case, data, content_type, title or upload.name)
    attachment = Attachment(
        case=case, title=title or upload.name, content_type=content_type, size=len(data),
        original_name=safe_filename(upload.name, extension), **screening,
    )
    upload.seek(0)
    attachment.file.save(f"upload{extension}", upload, save=False)
    save_by(attachment, acting_user)
    papers_changed(case)
    return attachment


def _current_seats(meeting):
    return (Seat.objects.current(meeting.date).filter(body=meeting.body)
            .select_related("holder").order_by("holder__name"))


def seats_without_email(meeting):
    """Seat holders the notice cannot reach: shown as a warning on the notice page, so the
    secretariat sends it another way or adds the address (R-PM-4, R-SSU-5)."""
    return [seat for seat in _current_seats(meeting) if not seat.holder.email]


def notice_recipients(meeting):
    """Everyone with a seat on the meeting day (members, deputies, observers, listeners,
    secretariat) and the secretariat's users: papers go by e-mail only (R-PM-4, R-SSU-5,
    R-SSU-13: deputies receive all papers)."""
    people = [Recipient(seat.holder.email, seat.holder.name)
              for seat in _current_seats(meeting) if seat.holder.email]
    staff = [Recipient(user.email, user.name) for user in
             User.objects.filter(role=User.Role.SECRETARIAT, is_active=True).order_by("name")]
    return people + staff


@dataclass
class NoticeResult:
    queued: int
    late: bool
    early: bool = False


def _mail_context(meeting):
    cases = list(meeting.cases.order_by("position", "pk"))
    return {
        "meeting": meeting,
        "cases": [{"case": case, "url": site_url("meetings:case", case.pk)} for case in cases],
        "meeting_url": site_url("meetings:meeting", meeting.pk),
        "pdf_url": site_url("meetings:notice_pdf", meeting.pk),
        "programme_by": programme_by(meeting),
    }


def _ics(meeting):
    return MailAttachment("mote.ics", calendar_bytes([meeting], str(meeting.body)).decode(),
                          "text/calendar")


@transaction.atomic
def send_notice(meeting, *, acting_user, reason="", now=None):
    """E-mail the notice, agenda and links to the papers to every participant, with the meeting
    as an .ics file (R-PM-4, R-SSU-5). Safe to repeat: nobody gets the notice twice.

    The first sending needs the chair's agreement to the agenda, or a recorded reason for going
    without it (R-SSU-3); it numbers the cases in agenda order and marks them as on the notice
    sent in advance (R-SSU-6). The result tells whether the notice went out later or earlier
    than the body's window (R-PM-3)."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status in {Meeting.Status.CANCELLED, Meeting.Status.HELD}:
        raise ValidationError(_("The meeting is cancelled.")
                              if meeting.status == Meeting.Status.CANCELLED
                              else _("The meeting has been held."))
    if not meeting.notice_sent:
        meeting.sent_without_agreement = check_agreement(
            meeting, reason=reason, today=timezone.localtime(now).date())
        number_cases(meeting, acting_user=acting_user)
        identity_numbers.refuse_on_agenda(meeting)
        meeting.notice_sent_at = now
        meeting.status = Meeting.Status.NOTICE_SENT
        save_by(meeting, acting_user)
        for case in meeting.cases.filter(status=Case.Status.PLACED, on_notice=False):
            case.on_notice = True
            save_by(case, acting_user)
    rows = queue_mail(
        topic=meeting.mail_topic, purpose=f"{meeting.mail_topic}:notice",
        recipients=notice_recipients(meeting), template="meetings/mail/notice",
        context=_mail_context(meeting), attachments=[_ics(meeting)],
    )
    request_pdf("meetings.notice", meeting.pk)
    return NoticeResult(queued=len(rows), late=meeting.notice_was_late,
                        early=meeting.notice_was_early)


def send_update(meeting, *, acting_user):
    """After the notice: raise the calendar SEQUENCE and send everyone the changed meeting.
    Call with a meeting from _locked()."""
    meeting.sequence += 1
    save_by(meeting, acting_user)
    return queue_mail(
        topic=meeting.mail_topic, purpose=f"{meeting.mail_topic}:update:{meeting.sequence}",
        recipients=notice_recipients(meeting), template="meetings/mail/update",
        context=_mail_context(meeting), attachments=[_ics(meeting)],
    )
