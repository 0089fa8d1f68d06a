"""Holding a meeting: absence, deputies (R-SSU-13), attendance, decisions (R-PM-5, R-SSU-6),
votes (R-SSU-7, R-SSU-8, R-SSU-9) and follow-up. One function per state change, each in one
transaction with its author recorded; e-mail goes through the mail queue after the commit."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.history import delete_by, save_by
from common.links import site_url
from common.mail import Recipient, queue_mail
from members.models import User

from . import attendance_rules
from .kinds import citing
from .locks import Refused, ensure_not_held, ensure_record_open, refusals_audited
from .models import (
    Absence,
    Attendance,
    Body,
    Case,
    Decision,
    DeputyRequest,
    FollowUp,
    FollowUpNote,
    Meeting,
    Seat,
    Vote,
)

ABSENCE_SALT = "meetings.absence"
DEPUTY_SALT = "meetings.deputy"
LINK_MAX_AGE = 60 * 60 * 24 * 60  # a notice goes out at most a few weeks before the meeting
DEPUTY_CLOSED = gettext_lazy("The meeting has been held, so this request can no longer be "
                             "answered: the secretariat has recorded who attended.")


# Signed links in e-mails: they work without a login, only for the person and meeting they
# were made for, and only for a while.

def absence_token(meeting, seat):
    return signing.dumps([meeting.pk, seat.pk], salt=ABSENCE_SALT)


def read_absence_token(token):
    """(meeting, seat) for a valid link, else None."""
    try:
        meeting_pk, seat_pk = signing.loads(token, salt=ABSENCE_SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    seat = Seat.objects.select_related("holder", "body").filter(pk=seat_pk).first()
    meeting = Meeting.objects.select_related("body").filter(pk=meeting_pk).first()
    if seat is None or meeting is None or seat.body_id != meeting.body_id:
        return None
    return meeting, seat


def deputy_token(request):
    return signing.dumps(request.pk, salt=DEPUTY_SALT)


def read_deputy_token(token):
    try:
        pk = signing.loads(token, salt=DEPUTY_SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (DeputyRequest.objects.select_related(
        "deputy__holder", "absence__seat__holder", "absence__meeting__body")
        .filter(pk=pk).first())


def _secretariat_recipients():
    return [Recipient(user.email, user.name) for user in
            User.objects.filter(role=User.Role.SECRETARIAT, is_active=True).order_by("name")]


@refusals_audited
@transaction.atomic
def report_absence(meeting, seat, *, kind, from_case=None, to_case=None, cases=(), note="",
                   acting_user=None, now=None):
    """A seat holder reports absence or a conflict of interest; the secretariat is told so it
    can summon the deputy (R-SSU-13). `acting_user` is None when the signed link was used.

    One report per seat and meeting: reporting again changes that report (and tells the
    secretariat only when something changed). Only a seat held on the meeting's date can
    report, and only until the meeting is held (R-REC-2)."""
    seat = Seat.objects.select_for_update().select_related("holder").get(pk=seat.pk)
    if seat.body_id != meeting.body_id:
        raise ValidationError(_("The seat belongs to another body."))
    meeting = Meeting.objects.get(pk=meeting.pk)
    refusal = absence_refusal(meeting, seat)
    if refusal is not None:
        raise refusal
    agenda = {case.pk for case in meeting.cases.all()}
    chosen = [case for case in [from_case, to_case, *cases] if case is not None]
    if any(case.pk not in agenda for case in chosen):
        raise ValidationError(_("Choose cases on this meeting's agenda."))
    if kind == Absence.Kind.CONFLICT and not cases:
        raise ValidationError({"cases": _("Name the cases you have a conflict of interest in.")})
    if kind == Absence.Kind.PART and from_case is None and to_case is None:
        raise ValidationError({"from_case": _("Say from or to which case you are away.")})
    attendance_rules.check_absence(meeting, seat, kind)
    if kind != Absence.Kind.PART:
        from_case = to_case = None
    if kind != Absence.Kind.CONFLICT:
        cases = []
    absence = Absence.objects.filter(meeting=meeting, seat=seat).order_by("pk").first()
    created = absence is None
    report = (kind, _pk(from_case), _pk(to_case), note.strip(), sorted(c.pk for c in cases))
    if not created and report == _report(absence) and absence.withdrawn_at is None:
        return absence  # the same report again: nothing to change, nobody to tell
    absence = absence or Absence(meeting=meeting, seat=seat)
    absence.kind, absence.note = kind, note.strip()
    absence.from_case, absence.to_case = from_case, to_case
    absence.reported_at = now or timezone.now()
    absence.withdrawn_at = None  # reported again: the report holds once more
    save_by(absence, acting_user)
    absence.cases.set(cases)
    purpose = f"{meeting.mail_topic}:absence:{absence.pk}"
    if not created:
        purpose += f":changed:{absence.history.count()}"
    queue_mail(topic=meeting.mail_topic, purpose=purpose,
               recipients=_secretariat_recipients(), template="meetings/mail/absence",
               context={"absence": absence, "meeting": meeting, "changed": not created,
                        "url": site_url("meetings:attendance", meeting.pk)})
    return absence


def _pk(case):
    return case.pk if case is not None else None


def absence_refusal(meeting, seat):
    """Why `seat` cannot report absence from `meeting` now, or None: the meeting is held
    (R-REC-2) or cancelled, or the seat is not held on the meeting's date (R-REC-4)."""
    if meeting.status == Meeting.Status.HELD:
        return Refused(_("The meeting has been held: absence can no longer be reported."),
                       obj=meeting, rule="R-REC-2")
    if meeting.status == Meeting.Status.CANCELLED:
        return Refused(_("The meeting is cancelled."), obj=meeting, rule="R-REC-4")
    if not Seat.objects.current(meeting.date).filter(pk=seat.pk).exists():
        return Refused(_("%(name)s does not hold this seat on the meeting's date (%(date)s), "
                         "so the link cannot report absence from it.")
                       % {"name": seat.holder, "date": meeting.date.strftime("%d.%m.%Y")},
                       obj=seat, rule="R-REC-4")
    return None


def deputy_refusal(request):
    """Why a deputy request cannot be answered now, or None (R-REC-2)."""
    meeting = request.absence.meeting
    if meeting.status in {Meeting.Status.HELD, Meeting.Status.CANCELLED}:
        return Refused(DEPUTY_CLOSED if meeting.status == Meeting.Status.HELD
                       else _("The meeting is cancelled."), obj=request, rule="R-REC-2")
    return None


def _report(absence):
    """What an absence report says, to tell whether reporting again changed it."""
    return (absence.kind, absence.from_case_id, absence.to_case_id, absence.note,
            sorted(absence.cases.values_list("pk", flat=True)))


def next_deputy(absence):
    """Whom to ask next (R-SSU-13): a municipal member's personal deputy, else the first on
    the trust's list who has not declined and is not already standing in or asked."""
    seat, meeting = absence.seat, absence.meeting
    current = Seat.objects.current(meeting.date).filter(body=meeting.body).select_related(
        "holder")
    declined = set(DeputyRequest.objects.filter(absence=absence).values_list("deputy",
                                                                              flat=True))
    busy = set(DeputyRequest.objects.filter(
        absence__meeting=meeting, state__in=[DeputyRequest.State.ASKED,
                                             DeputyRequest.State.ACCEPTED])
        .values_list("deputy", flat=True))
    if seat.side == Seat.Side.MUNICIPALITIES:
        candidates = current.filter(role=Seat.Role.PERSONAL_DEPUTY, deputy_for=seat)
    else:
        candidates = current.filter(role=Seat.Role.LIST_DEPUTY, side=seat.side).order_by(
            "list_position", "pk")
    return candidates.exclude(pk__in=declined | busy).first()


@refusals_audited
@transaction.atomic
def summon_deputy(absence, *, acting_user=None, now=None):
    """Ask the next deputy and send them the notice and papers with yes/no links. Returns the
    request, or None when no deputy is left to ask. Not once the meeting is held (R-REC-2)."""
    absence = Absence.objects.select_for_update().select_related(
        "seat__holder", "meeting__body").get(pk=absence.pk)
    ensure_not_held(absence.meeting, _("The meeting has been held: no deputy can be summoned "
                                       "for it any more."))
    if absence.deputy_requests.filter(state__in=[DeputyRequest.State.ASKED,
                                                 DeputyRequest.State.ACCEPTED]).exists():
        raise ValidationError(_("A deputy has already been asked."))
    deputy = next_deputy(absence)
    if deputy is None:
        return None
    request = save_by(DeputyRequest(absence=absence, deputy=deputy, asked_at=now or timezone.now()),
                    acting_user)
    meeting = absence.meeting
    token = deputy_token(request)
    queue_mail(topic=meeting.mail_topic, purpose=f"{meeting.mail_topic}:deputy:{request.pk}",
               recipients=[Recipient(deputy.holder.email, deputy.holder.name)],
               template="meetings/mail/deputy_request",
               context={"request": request, "meeting": meeting, "absence": absence,
                        "cases": list(meeting.cases.on_agenda()),
                        "answer_url": site_url("meetings:deputy_answer", token),
                        "pdf_url": site_url("meetings:notice_pdf", meeting.pk)})
    return request


@refusals_audited
@transaction.atomic
def answer_deputy_request(request, *, accept, acting_user=None, now=None):
    """The deputy says yes (and will stand in) or no (the next deputy is asked). Not once the
    meeting is held: its attendance is then the secretariat's record (R-REC-2)."""
    request = DeputyRequest.objects.select_for_update().select_related(
        "absence__seat", "absence__meeting").get(pk=request.pk)
    refusal = deputy_refusal(request)
    if refusal is not None:
        raise refusal
    if request.state != DeputyRequest.State.ASKED:
        raise ValidationError(_("This request has already been answered."))
    request.state = DeputyRequest.State.ACCEPTED if accept else DeputyRequest.State.DECLINED
    request.answered_at = now or timezone.now()
    save_by(request, acting_user)
    absence = request.absence
    if accept:
        for attendance in Attendance.objects.filter(meeting=absence.meeting, seat=request.deputy):
            delete_by(attendance, acting_user)
        save_by(Attendance(meeting=absence.meeting, seat=request.deputy,
                         stands_in_for=absence.seat,
                         arrived_before=absence.from_case, left_after=absence.to_case),
              acting_user)
        return request
    summon_deputy(absence, acting_user=acting_user, now=now)
    return request


@refusals_audited
@transaction.atomic
def record_attendance(meeting, seat, *, stands_in_for=None, arrived_before=None,
                      left_after=None, acting_user):
    """Record (or change) that a seat holder attended, and from which case to which."""
    if seat.body_id != meeting.body_id:
        raise ValidationError(_("The seat belongs to another body."))
    if stands_in_for is not None and not seat.is_deputy:
        raise ValidationError({"stands_in_for": _("Only a deputy stands in for a member.")})
    if stands_in_for is not None and stands_in_for.role != Seat.Role.MEMBER:
        raise ValidationError({"stands_in_for": _("A deputy stands in for a permanent member.")})
    for case in (arrived_before, left_after):
        if case is not None and case.meeting_id != meeting.pk:
            raise ValidationError(_("Choose cases on this meeting's agenda."))
    if (arrived_before and left_after and arrived_before.position > left_after.position):
        raise ValidationError({"left_after": _("Leaving comes after arriving.")})
    attendance_rules.check_attendance(meeting, seat, stands_in_for)
    attendance = Attendance.objects.filter(meeting=meeting, seat=seat).first() or Attendance(
        meeting=meeting, seat=seat)
    attendance.stands_in_for = stands_in_for
    attendance.arrived_before, attendance.left_after = arrived_before, left_after
    ensure_record_open(meeting)
    return save_by(attendance, acting_user)


class CaseRoll:
    """Who attended a meeting, per case: computed once for the meeting from its attendance
    and conflicts of interest, so pages and minutes need a fixed number of queries."""

    def __init__(self, meeting):
        self.meeting = meeting
        self.attendances = list(meeting.attendances.select_related(
            "seat__holder", "stands_in_for__holder", "arrived_before", "left_after"))
        self.conflicts = {}
        for absence in (meeting.absences.filter(kind=Absence.Kind.CONFLICT, withdrawn_at=None)
                        .prefetch_related("cases")):
            for case in absence.cases.all():
                self.conflicts.setdefault(case.pk, set()).add(absence.seat_id)

    def present(self, case):
        return [a for a in self.attendances if a.present_on(case)
                and a.seat_id not in self.conflicts.get(case.pk, set())]

    def voters(self, case):
        """Seats with a vote on `case` (R-SSU-7): permanent members present, and deputies
        present while standing in for a member who is not. Observers and listeners never."""
        present = self.present(case)
        members = {a.seat_id for a in present if a.seat.role == Seat.Role.MEMBER}
        voters = [a.seat for a in present if a.seat.role == Seat.Role.MEMBER]
        voters += [a.seat for a in present
                   if a.seat.is_deputy and a.stands_in_for_id is not None
                   and a.stands_in_for_id not in members]
        return sorted(voters, key=lambda seat: seat.holder.name)


@refusals_audited
@transaction.atomic
def record_decision(case, *, text, mode, minutes_text="", votes=None, corrections="",
                    acting_user):
    """Record how the meeting handled a case.

    No decision on a case not on the notice sent in advance, unless recorded as information
    (R-SSU-6). A body deciding by consensus does not vote (R-PM-5). A vote counts only those
    with a vote on the case (R-SSU-7), whoever attends (R-SSU-8), and every voter's vote is
    recorded so the minutes show a split vote by name (R-SSU-9). `votes` maps seat pk → choice.
    The decision of the approval of the previous minutes approves them, with the
    `corrections` it names (R-SSU-10).
    """
    meeting = case.meeting
    if meeting is None or case.status != Case.Status.PLACED:
        raise ValidationError(_("Only a case on a meeting's agenda can be decided."))
    ensure_record_open(meeting)
    if mode != Decision.Mode.INFORMATION and not case.on_notice:
        raise ValidationError({"mode": citing(meeting.body, "R-SSU-6", _(
            "This case was not on the notice sent in advance: it can only be recorded as "
            "information, not decided."))})
    if mode == Decision.Mode.VOTE and meeting.body.decision_mode != Body.DecisionMode.VOTE:
        raise ValidationError({"mode": citing(meeting.body, "R-PM-5", _(
            "%(body)s decides by consensus of those present, not by vote.")
            % {"body": meeting.body})})
    if mode != Decision.Mode.INFORMATION and not text.strip():
        raise ValidationError({"text": _("Write the decision.")})
    votes = votes or {}
    voters = CaseRoll(meeting).voters(case)
    if mode == Decision.Mode.VOTE:
        allowed = {seat.pk for seat in voters}
        strangers = set(votes) - allowed
        if strangers:
            raise ValidationError({"votes": citing(meeting.body, "R-SSU-7", _(
                "Only permanent members present, and deputies standing in for an absent "
                "member, vote."))})
        if not voters:
            raise ValidationError({"votes": _("Nobody with a vote attended this case.")})
        if set(votes) != allowed:
            raise ValidationError({"votes": citing(meeting.body, "R-SSU-9", _(
                "Record the vote of every member with a vote on this case."))})
        if any(choice not in Vote.Choice.values for choice in votes.values()):
            raise ValidationError({"votes": _("Choose for, against or abstained.")})
    decision = Decision.objects.filter(case=case).first() or Decision(case=case)
    decision.text, decision.mode, decision.minutes_text = text.strip(), mode, minutes_text
    save_by(decision, acting_user)
    for vote in decision.votes.all():
        delete_by(vote, acting_user)
    if mode == Decision.Mode.VOTE:
        by_pk = {seat.pk: seat for seat in voters}
        for seat_pk, choice in votes.items():
            save_by(Vote(decision=decision, seat=by_pk[seat_pk], choice=choice), acting_user)
    if case.kind == Case.Kind.APPROVE_MINUTES and mode != Decision.Mode.INFORMATION:
        # Imported here: approval reads minutes through snapshot, which imports this module.
        from .approval import approve_in_meeting

        approve_in_meeting(case, corrections=corrections, acting_user=acting_user)
    return decision


@transaction.atomic
def mark_held(meeting, *, acting_user):
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.NOTICE_SENT:
        raise ValidationError(_("Only a meeting whose notice went out can be held."))
    meeting.status = Meeting.Status.HELD
    return save_by(meeting, acting_user)


@transaction.atomic
def add_follow_up(decision, *, what, due_on=None, person=None, organisation=None, body=None,
                  acting_user):
    """A decision's follow-up has exactly one responsible party."""
    if sum(1 for party in (person, organisation, body) if party is not None) != 1:
        raise ValidationError(_("Choose one responsible party: a person, a municipality or "
                                "the trust, or a body."))
    return save_by(FollowUp(decision=decision, what=what, due_on=due_on,
                          responsible_person=person, responsible_organisation=organisation,
                          responsible_body=body), acting_user)


@transaction.atomic
def note_follow_up(follow_up, *, text, status, written_on=None, acting_user):
    """A dated note that also sets the follow-up's status."""
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    note = FollowUpNote(follow_up=follow_up, text=text.strip(), status=status,
                        written_on=written_on or timezone.localdate())
    save_by(note, acting_user)
    follow_up.status = status
    save_by(follow_up, acting_user)
    return note
