"""Minutes: built from the meeting's data, sent for comments, deemed approved when nobody
objects within the body's objection period (R-SSU-10), locked once approved, and published
without screened parts within the body's limit (R-SSU-11, R-PM-6)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common import audit
from common.compiled import CompiledQuery
from common.documents import document, request_pdf
from common.history import save_by
from common.links import site_url, url_filler
from common.mail import queue_mail

from . import identity_numbers, snapshot
from .attendance import _secretariat_recipients
from .locks import Refused, refusals_audited
from .models import Meeting, Minutes, Objection, Seat
from .services import notice_recipients


def current_minutes(meeting):
    return meeting.minutes.order_by("-version").first()


@transaction.atomic
def start_minutes(meeting, *, acting_user):
    """The first draft of a held meeting's minutes; the content comes from its data."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Mark the meeting as held before writing its minutes."))
    existing = current_minutes(meeting)
    if existing is not None:
        return existing
    return save_by(Minutes(meeting=meeting), acting_user)


@refusals_audited
@transaction.atomic
def save_texts(minutes, *, introduction, acting_user):
    minutes = _locked(minutes)
    if minutes.state != Minutes.State.DRAFT:
        raise Refused(_("Only draft minutes can be changed; once sent they say what they "
                        "said, and approved minutes are corrected by a new version."),
                      obj=minutes, rule="R-REC-1")
    minutes.introduction = introduction
    return save_by(minutes, acting_user)


def _locked(minutes):
    return Minutes.objects.select_for_update().select_related("meeting__body").get(pk=minutes.pk)


@transaction.atomic
def send_for_comments(minutes, *, acting_user, now=None):
    """E-mail the draft to the participants; objections are open for the body's objection
    period (96 hours for SSU, R-SSU-10). Each sending is a new round."""
    now = now or timezone.now()
    minutes = _locked(minutes)
    if minutes.state != Minutes.State.DRAFT:
        raise ValidationError(_("Only draft minutes can be sent for comments."))
    meeting = minutes.meeting
    minutes.round += 1
    minutes.state = Minutes.State.OUT_FOR_COMMENTS
    minutes.sent_at = now
    minutes.objection_deadline = now + datetime.timedelta(hours=meeting.body.objection_hours)
    # What is sent is stored: from now on the minutes read this, not the meeting's rows
    # (R-REC-1).
    minutes.content = snapshot.capture(meeting, introduction=minutes.introduction)
    save_by(minutes, acting_user)
    queue_mail(topic=meeting.mail_topic,
               purpose=f"{meeting.mail_topic}:minutes:{minutes.version}:{minutes.round}",
               recipients=notice_recipients(meeting), template="meetings/mail/minutes",
               context={"minutes": minutes, "meeting": meeting,
                        "url": site_url("meetings:minutes", meeting.pk)})
    request_pdf("meetings.minutes", minutes.pk)
    return minutes


def may_object(minutes, person, now=None):
    """Participants (seat holders on the meeting day) may object while the period runs."""
    now = now or timezone.now()
    return (person is not None and minutes.state == Minutes.State.OUT_FOR_COMMENTS
            and now < minutes.objection_deadline
            and not minutes.meeting.minutes.filter(version__gt=minutes.version).exists()
            and Seat.objects.current(minutes.meeting.date).filter(
                body=minutes.meeting.body_id, holder=person).exists())


@transaction.atomic
def object_to(minutes, *, person, comment, passage="", acting_user, now=None):
    """An objection within the period sends the minutes back to the secretariat for a new
    round; they cannot then be deemed approved (R-SSU-10)."""
    minutes = _locked(minutes)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should be changed.")})
    if not may_object(minutes, person, now):
        raise ValidationError(_("The minutes are not open for comments from you now."))
    if passage not in dict(passages(minutes)):
        raise ValidationError({"passage": _("Choose a part of these minutes.")})
    objection = save_by(Objection(minutes=minutes, round=minutes.round, person=person,
                                  passage=passage, comment=comment.strip()), acting_user)
    minutes.state = Minutes.State.DRAFT
    save_by(minutes, acting_user)
    meeting = minutes.meeting
    queue_mail(topic=meeting.mail_topic, purpose=f"{meeting.mail_topic}:objection:{objection.pk}",
               recipients=_secretariat_recipients(), template="meetings/mail/objection",
               context={"objection": objection, "meeting": meeting,
                        "url": site_url("meetings:minutes", meeting.pk)})
    return objection


def passages(minutes):
    """The parts of a version an objection can concern, as (code, label): the whole, the roll,
    each case as the version records it."""
    content = snapshot.content_of(minutes)
    return [("", _("The minutes as a whole")), ("attendance", _("Attendance")),
            *((f"case:{case['id']}", f"{case['number']} {case['title']}".strip())
              for case in content["cases"])]


def deem_approved(now=None):
    """Approve every version out for comments whose objection period has ended without an
    objection (R-SSU-10). What is approved is what was sent: its stored content becomes the
    approved content, unchanged (R-REC-1). Each is claimed with a conditional UPDATE, so
    running this twice, or in two workers at once, approves each version once. Returns the
    versions approved."""
    now = now or timezone.now()
    objected = Objection.objects.filter(minutes=OuterRef("pk"), round=OuterRef("round"))
    # A version the meeting approved with corrections is followed by a newer one.
    superseded = Minutes.objects.filter(meeting=OuterRef("meeting"),
                                        version__gt=OuterRef("version"))
    due = (Minutes.objects.filter(state=Minutes.State.OUT_FOR_COMMENTS,
                                  objection_deadline__lte=now)
           .exclude(Exists(objected)).exclude(Exists(superseded))
           .values_list("pk", "round", "objection_deadline"))
    approved = []
    for pk, round_, deadline in due:
        with transaction.atomic():
            claimed = Minutes.objects.filter(
                pk=pk, state=Minutes.State.OUT_FOR_COMMENTS, round=round_,
            ).update(state=Minutes.State.APPROVED, approved_at=deadline,
                     deemed_approved=True, updated=now)
            if claimed:
                minutes = Minutes.objects.get(pk=pk)
                minutes._change_reason = "R-SSU-10"
                minutes.save()  # a history entry for the approval
                approved.append(minutes)
                transaction.on_commit(lambda pk=pk: request_pdf("meetings.minutes", pk))
    return approved


@transaction.atomic
def publish(minutes, *, acting_user, now=None):
    """Make approved minutes and the agenda public, without screened parts (R-SSU-11,
    R-PUB-1), and never with a national identity number in what the public reads (R-PUB-2)."""
    minutes = _locked(minutes)
    meeting = minutes.meeting
    if minutes.state != Minutes.State.APPROVED:
        raise ValidationError(_("Only approved minutes can be published."))
    if not (meeting.is_public and meeting.body.is_public):
        raise ValidationError(_("This meeting is not open to the public."))
    if minutes.published_at is None:
        identity_numbers.refuse_in_reading(snapshot.readable(minutes.content, public=True))
        minutes.published_at = now or timezone.now()
        save_by(minutes, acting_user)
        audit.record(audit.Action.MINUTES_PUBLISHED, actor=acting_user, obj=minutes,
                     version=minutes.version)
        request_pdf("meetings.public_minutes", minutes.pk)
    return minutes


@transaction.atomic
def start_correction(minutes, *, reason, acting_user):
    """Approved minutes stay as they were; a correction is a new version with its reason. The
    meeting's attendance, decisions and case texts are open again for it until it is sent
    (R-REC-1, R-REC-2); the earlier version keeps its stored content."""
    minutes = _locked(minutes)
    if not minutes.is_locked:
        raise ValidationError(_("Only approved minutes are corrected by a new version."))
    if current_minutes(minutes.meeting).pk != minutes.pk:
        raise ValidationError(_("A newer version exists already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the minutes are corrected.")})
    return save_by(Minutes(meeting=minutes.meeting, version=minutes.version + 1,
                         introduction=minutes.introduction,
                         correction_reason=reason.strip()), acting_user)


@dataclass
class MinutesDue:
    meeting: Meeting
    limit: datetime.date
    days_left: int
    url: str  # the minutes page
    citation: str  # the rule as the body's agreement states it

    @property
    def days_over(self):
        return -self.days_left


# What the lists show of a meeting and its body (its name, its limit, where its rules are
# written): a start page reads no other column.
_DUE_COLUMNS = ("starts_at", "body__name", "body__publication_days", "body__kind",
                "body__rules_source")


def _due(meetings, rule, today):
    """Each meeting with the last day of its body's limit and the days left until it
    (negative when past), most urgent first. The link is filled in without a reverse() and
    the rule cited once for each body."""
    minutes_url = url_filler("meetings:minutes", 1)
    citations = {}
    result = []
    for meeting in meetings:
        body = meeting.body
        if body.pk not in citations:
            citations[body.pk] = body.cite(rule)
        limit = meeting.date + datetime.timedelta(days=body.publication_days)
        result.append(MinutesDue(meeting, limit, (limit - today).days, minutes_url(meeting.pk),
                                 citations[body.pk]))
    return sorted(result, key=lambda row: (row.days_left, row.meeting.starts_at))


# The meetings held between `since` and `until` whose minutes are not sent or not public yet,
# with the latest sending and publication of any version, which tell the two apart (a join
# and GROUP BY cost less than two EXISTS); compiled once (common.compiled).
_minutes_outstanding = CompiledQuery(
    lambda since, until: Meeting.objects.active().filter(starts_at__lt=until,
                                                         starts_at__gte=since)
    .annotate(sent=Max("minutes__sent_at"), published=Max("minutes__published_at"))
    .filter(Q(sent=None) | Q(published=None, is_public=True, body__is_public=True))
    .select_related("body").only(*_DUE_COLUMNS, "is_public", "body__is_public").order_by())


def minutes_due(today=None):
    """(unsent_minutes(), late_minutes()) from one query: both read the meetings held in the
    last year, and the start page shows both."""
    now = timezone.now()
    meetings = _minutes_outstanding(since=now - datetime.timedelta(days=365), until=now)
    today = today or timezone.localdate()
    return (_due([m for m in meetings if m.sent is None], "R-PM-6", today),
            _due([m for m in meetings if m.published is None and m.is_public
                  and m.body.is_public], "R-SSU-11", today))


def late_minutes(today=None):
    """Public meetings held in the last year whose minutes are not public yet, with the days
    left until the body's limit (negative when past it) (R-SSU-11)."""
    return minutes_due(today)[1]


def unsent_minutes(today=None):
    """Meetings held in the last year whose minutes have not been sent to the participants,
    public or not, with the days left of the week they have (R-PM-6)."""
    return minutes_due(today)[0]


def version_of(meeting, number, *, published=False):
    """Version `number` of a meeting's minutes (the current one when `number` is None)."""
    versions = meeting.minutes.all()
    if published:
        versions = versions.filter(published_at__isnull=False)
    if number is None:
        return versions.order_by("-version").first()
    return versions.filter(version=number).first()


@document("meetings.minutes")
def minutes_pdf(pk):
    """Each version has its own PDF, made from its stored content only (R-REC-1)."""
    minutes = Minutes.objects.select_related("meeting__body", "approved_in__meeting").get(pk=pk)
    meeting = minutes.meeting
    reading = snapshot.readable(snapshot.content_of(minutes))
    local = timezone.localtime(reading.starts_at)
    return "meetings/pdf/minutes.html", {
        "minutes": minutes, "content": reading,
    }, (f"protokoll-{meeting.body.short_name or meeting.body.pk}-{local:%Y-%m-%d}"
        f"-v{minutes.version}.pdf")
