"""Preparing a meeting: moving it (with every check planning makes) and the chair's agreement
to the agenda (R-SSU-3), asked by e-mail with a signed link or given on the start page."""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.history import save_by
from common.links import site_url
from common.mail import Recipient, queue_mail
from members.models import Person

from . import planning
from .agenda import chairs_on
from .locks import ensure_not_held, refusals_audited
from .models import ChairTerm, Meeting
from .services import _agenda_changed, _locked

AGREEMENT_SALT = "meetings.agenda-agreement"
LINK_MAX_AGE = 60 * 60 * 24 * 60  # the agenda is agreed weeks, not months, ahead


@refusals_audited
@transaction.atomic
def reschedule_meeting(meeting, *, starts_at, ends_at, place, video_link, acting_user,
                       today=None):
    """Change time or place; after the notice the participants get an update.

    A held or cancelled meeting is not moved (R-REC-2). A new date meets every rule planning
    checks (meetings.planning: R-SSU-12, R-DM-1); meetings held the same day as this one move
    with it, keeping their time of day (R-DM-1). Where the date leaves the notice outside the
    body's window, planning.notice_warnings says so (R-PM-3)."""
    meeting = _locked(meeting)
    ensure_not_held(meeting, _("The meeting has been held: its time and place are part of the "
                               "record and can no longer change."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be moved."))
    moved_by = timezone.localtime(starts_at).date() - meeting.date
    if moved_by:
        meeting.held_with = planning.check_date(
            meeting.body, meeting_date=timezone.localtime(starts_at).date(),
            kind=meeting.kind, today=today or timezone.localdate())
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.video_link = place, video_link
    save_by(meeting, acting_user)
    _agenda_changed(meeting, acting_user=acting_user)
    if moved_by:
        for joint in meeting.joint_meetings.active().exclude(status=Meeting.Status.HELD):
            joint = _locked(joint)
            length = joint.ends_at - joint.starts_at if joint.ends_at else None
            local = timezone.localtime(joint.starts_at)
            # The same time of day on the new day, across a change to or from summer time.
            joint.starts_at = datetime.datetime.combine(local.date() + moved_by, local.time(),
                                                        tzinfo=local.tzinfo)
            joint.ends_at = joint.starts_at + length if length else None
            save_by(joint, acting_user)
            _agenda_changed(joint, acting_user=acting_user)
    return meeting


def agreement_token(meeting, person):
    return signing.dumps([meeting.pk, person.pk], salt=AGREEMENT_SALT)


def read_agreement_token(token):
    """(meeting, person) for a valid link, else None."""
    try:
        meeting_pk, person_pk = signing.loads(token, salt=AGREEMENT_SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    meeting = Meeting.objects.select_related("body").filter(pk=meeting_pk).first()
    person = Person.objects.filter(pk=person_pk).first()
    if meeting is None or person is None:
        return None
    return meeting, person


@transaction.atomic
def ask_for_agreement(meeting, *, acting_user, today=None):
    """E-mail the chair and vice-chair the draft agenda with a link to agree to it (R-SSU-3).
    Returns the e-mails queued now."""
    today = today or timezone.localdate()
    meeting = _locked(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("The notice has already been sent, or the meeting is no "
                                "longer ahead."))
    chairs = [person for person in chairs_on(meeting.body, today) if person.email]
    if not chairs:
        raise ValidationError(_("%(body)s has no chair or vice-chair with an e-mail address "
                                "recorded.") % {"body": meeting.body})
    rows = []
    for person in chairs:
        rows += queue_mail(
            topic=meeting.mail_topic,
            # Asking again (after a change) is a new e-mail, not a repeat.
            purpose=f"{meeting.mail_topic}:agreement:{person.pk}:{timezone.now().isoformat()}",
            recipients=[Recipient(person.email, person.name)],
            template="meetings/mail/agenda_agreement",
            context={"meeting": meeting, "cases": list(meeting.cases.on_agenda()),
                     "agree_url": site_url("meetings:agenda_agree_link",
                                           agreement_token(meeting, person)),
                     "meeting_url": site_url("meetings:meeting", meeting.pk)})
    return rows


def awaiting_agreement(person, today=None):
    """Meetings whose agenda waits for this chair's or vice-chair's agreement (R-SSU-3)."""
    today = today or timezone.localdate()
    chaired = (ChairTerm.objects.filter(person=person, starts_on__lte=today)
               .exclude(ends_on__lte=today).values("body"))
    return (Meeting.objects.filter(body__in=chaired, status=Meeting.Status.PLANNED,
                                   agenda_agreed_at=None, starts_at__gte=timezone.now())
            .select_related("body").order_by("starts_at"))
