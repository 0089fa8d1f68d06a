import datetime
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, Person, TimeStamped

from .rules import RULE_DEFAULTS, notice_is_late


class Body(TimeStamped):
    """A committee or meeting forum. Its meeting rules are data with defaults per kind."""

    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue meeting")
        PARTNERSHIP = "partnership", _("Partnership meeting")
        SSU = "ssu", _("Strategic cooperation committee (SSU)")
        LSU = "lsu", _("Local committee (LSU)")
        FSU = "fsu", _("Professional committee (FSU)")
        OTHER = "other", _("Other body")

    class DecisionMode(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus of those present")
        VOTE = "vote", _("Vote")
        ADVISORY = "advisory", _("Advisory (gives advice, does not decide)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("reports to"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    programme_of = models.ForeignKey(
        "self", verbose_name=_("shares the annual programme of"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="programme_partners",
        help_text=_("The dialogue meeting meets the same day as the partnership meeting and "
                    "follows its annual programme."),
    )
    meetings_per_year = models.PositiveSmallIntegerField(_("meetings per year (at least)"))
    max_meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year (at most)"), null=True, blank=True)
    case_deadline_days = models.PositiveSmallIntegerField(
        _("case deadline (days before the meeting)"))
    notice_min_days = models.PositiveSmallIntegerField(
        _("notice at the latest (days before)"))
    notice_max_days = models.PositiveSmallIntegerField(
        _("notice at the earliest (days before)"))
    extraordinary_notice_days = models.PositiveSmallIntegerField(
        _("notice of an extraordinary meeting (days)"))
    objection_hours = models.PositiveSmallIntegerField(_("minutes objection period (hours)"))
    publication_days = models.PositiveSmallIntegerField(
        _("minutes public within (days after the meeting)"))
    decision_mode = models.CharField(_("decisions by"), max_length=10,
                                     choices=DecisionMode.choices)
    trust_members = models.PositiveSmallIntegerField(
        _("permanent members from the hospital trust"), default=0)
    municipal_members = models.PositiveSmallIntegerField(
        _("permanent members from the municipalities"), default=0)
    chair_alternates = models.BooleanField(
        _("chair alternates between the sides"), default=False,
        help_text=_("The chair goes from the municipalities to the trust and back."))
    chair_term_years = models.PositiveSmallIntegerField(_("chair's term (years)"), default=2)
    member_term_years = models.PositiveSmallIntegerField(_("members' term (years)"), default=4)
    opening_items = models.BooleanField(
        _("offer standard opening items"), default=True,
        help_text=_("Approval of the notice and agenda, and of the previous minutes."))
    action_plan_revised_on = models.DateField(
        _("action plan last revised"), null=True, blank=True)
    is_public = models.BooleanField(_("meetings open to the public"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(notice_max_days__gte=models.F("notice_min_days")),
                                   name="meetings_body_notice_window_in_order"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:body", args=[self.pk])

    @classmethod
    def with_defaults(cls, kind, **fields):
        """A new body with the rules of DOMAIN.md § 3 for its kind."""
        return cls(kind=kind, **{**RULE_DEFAULTS[kind], **fields})

    @property
    def programme_owner(self):
        """The body whose annual plan this body's meetings belong to (R-DM-1)."""
        return self.programme_of or self


class SeatQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gt=day))

    def held_by(self, person):
        return self.current().filter(holder=person)


class Seat(TimeStamped):
    """A place in a body held by a person for a term (R-SSU-13, R-SSU-15)."""

    class Side(models.TextChoices):
        MUNICIPALITIES = "municipalities", _("Municipalities")
        TRUST = "trust", _("Hospital trust")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        MEMBER = "member", _("Permanent member")
        PERSONAL_DEPUTY = "personal_deputy", _("Personal deputy")
        LIST_DEPUTY = "list_deputy", _("Deputy on the trust's list")
        OBSERVER = "observer", _("Observer with right to speak")
        LISTENER = "listener", _("Listener")
        SECRETARIAT = "secretariat", _("Secretariat")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="seats")
    holder = models.ForeignKey(Person, verbose_name=_("held by"), on_delete=models.PROTECT,
                               related_name="seats")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    appointed_by = models.ForeignKey(
        Organisation, verbose_name=_("appointed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="appointed_seats",
        help_text=_("The regional council that appointed a municipal member."))
    represents = models.CharField(_("represents"), max_length=150, blank=True,
                                  help_text=_("For observers, e.g. «user representatives»."))
    deputy_for = models.ForeignKey(
        "self", verbose_name=_("personal deputy for"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="personal_deputies")
    list_position = models.PositiveSmallIntegerField(_("place on the deputy list"), null=True,
                                                     blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True,
                               help_text=_("The first day the seat is no longer held."))

    objects = SeatQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "role", "side", "list_position", "holder__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="personal_deputy", deputy_for__isnull=False)
                | (~Q(role="personal_deputy") & Q(deputy_for__isnull=True)),
                name="meetings_seat_personal_deputy_has_member"),
            models.CheckConstraint(
                condition=Q(role="list_deputy", list_position__isnull=False)
                | (~Q(role="list_deputy") & Q(list_position__isnull=True)),
                name="meetings_seat_list_deputy_has_position"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="meetings_seat_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.holder} – {self.get_role_display()} ({self.body})"

    def sort_key(self):
        """Members first, then deputies, observers, listeners and the secretariat."""
        return (list(self.Role).index(self.role), self.side, self.list_position or 0,
                self.holder.name)

    @property
    def has_vote(self):
        """Only permanent members vote; a deputy only while standing in (R-SSU-7, part 2)."""
        return self.role == self.Role.MEMBER

    @property
    def is_deputy(self):
        return self.role in {self.Role.PERSONAL_DEPUTY, self.Role.LIST_DEPUTY}


class ChairTerm(TimeStamped):
    """Who chairs a body (or is vice-chair) and for which side, for a term."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="chair_terms")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="chair_terms")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.CHAIR)
    side = models.CharField(_("side"), max_length=20, choices=Seat.Side.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chair term")
        verbose_name_plural = _("chair terms")
        ordering = ["body", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="meetings_chairterm_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.body}: {self.person} ({self.starts_on:%Y})"


class MeetingPlan(TimeStamped):
    """A body's annual meeting plan, adopted before the year starts (R-SSU-2)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at_meeting = models.ForeignKey(
        "Meeting", verbose_name=_("adopted at the meeting"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="adopted_plans")
    adopted_in = models.CharField(_("decision"), max_length=100, blank=True,
                                  help_text=_("E.g. «Sak 14/2025»."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting plan")
        verbose_name_plural = _("meeting plans")
        ordering = ["body", "year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="meetings_plan_one_per_year"),
        ]

    def __str__(self):
        return f"{self.body} {self.year}"

    @property
    def is_adopted(self):
        return self.adopted_on is not None


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Meeting.Status.CANCELLED)

    def in_programme_of(self, body):
        """Meetings in a body's annual programme: its own and those sharing it (R-DM-1)."""
        owner = body.programme_owner
        return self.filter(Q(body=owner) | Q(body__programme_of=owner))

    def for_person(self, person, day=None):
        bodies = Seat.objects.current(day).filter(holder=person).values("body")
        return self.filter(body__in=bodies)

    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")


class Meeting(TimeStamped):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT,
                             related_name="meetings")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices,
                            default=Kind.ORDINARY)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.PLANNED)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    held_with = models.ForeignKey(
        "self", verbose_name=_("held the same day as"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="joint_meetings",
        help_text=_("The partnership meeting a dialogue meeting is held with (R-DM-1)."))
    is_public = models.BooleanField(_("open to the public"), default=True)
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    sequence = models.PositiveIntegerField(
        _("calendar version"), default=0,
        help_text=_("Raised on every change after the notice, so calendars update."))

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meetings_meeting_ends_after_start"),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.body} {local:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def case_deadline(self):
        """The last day a case may be submitted without the chair's approval (R-SSU-4)."""
        return self.date - datetime.timedelta(days=self.body.case_deadline_days)

    @property
    def notice_days(self):
        return (self.body.extraordinary_notice_days if self.kind == self.Kind.EXTRAORDINARY
                else self.body.notice_min_days)

    @property
    def notice_due(self):
        """The last day the notice may go out (R-PM-3, R-SSU-12)."""
        return self.date - datetime.timedelta(days=self.notice_days)

    @property
    def notice_was_late(self):
        """Whether the notice went out after the body's notice period (R-PM-3, R-SSU-12)."""
        return self.notice_sent_at is not None and notice_is_late(
            timezone.localtime(self.notice_sent_at).date(), self.date, self.notice_days)

    @property
    def calendar_uid(self):
        return f"meeting-{self.pk}@helsefellesskap"

    @property
    def notice_sent(self):
        return self.notice_sent_at is not None

    @property
    def mail_topic(self):
        return f"meetings.meeting:{self.pk}"


class CaseQuerySet(models.QuerySet):
    def queued(self):
        return self.filter(status__in=[Case.Status.PROPOSED, Case.Status.DEFERRED])

    def on_agenda(self):
        return self.filter(meeting__isnull=False).order_by("position", "pk")


class Case(TimeStamped):
    """A case for a body: proposed, triaged, placed on a meeting's agenda with a number."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DEFERRED = "deferred", _("Deferred")
        DECLINED = "declined", _("Declined")
        MERGED = "merged", _("Merged into another case")
        PLACED = "placed", _("On an agenda")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Case")
        APPROVE_NOTICE = "approve_notice", _("Approval of the notice and agenda")
        APPROVE_MINUTES = "approve_minutes", _("Approval of the previous minutes")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT,
                             related_name="cases")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PROPOSED)
    title = models.CharField(_("title"), max_length=250)
    background = models.TextField(_("background"), blank=True)
    wanted_decision = models.TextField(_("what should be decided"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="proposed_cases")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    triage_note = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was declined or deferred; the proposer "
                                             "sees it."))
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="merged")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="cases")
    position = models.PositiveSmallIntegerField(_("place on the agenda"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    presentation = models.TextField(_("case presentation"), blank=True)
    proposed_decision = models.TextField(_("proposed decision"), blank=True)
    late_approved_by = models.ForeignKey(
        Person, verbose_name=_("late case approved by the chair"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    late_approved_at = models.DateTimeField(_("late case approved"), null=True, blank=True)
    urgency_reason = models.TextField(_("why it cannot wait"), blank=True)
    on_notice = models.BooleanField(
        _("on the notice sent in advance"), default=False,
        help_text=_("No decision may be made on a case that was not (R-SSU-6)."))

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-year", "-number", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"],
                                    condition=Q(number__isnull=False),
                                    name="meetings_case_number_unique_per_body_year"),
            models.CheckConstraint(condition=Q(number__isnull=True) | Q(year__isnull=False),
                                   name="meetings_case_number_has_year"),
            models.CheckConstraint(
                condition=Q(late_approved_by__isnull=True) | ~Q(urgency_reason=""),
                name="meetings_case_late_approval_has_reason"),
        ]

    def __str__(self):
        return f"{self.label} {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("meetings:case", args=[self.pk])

    @property
    def label(self):
        return f"Sak {self.number}/{self.year}" if self.number else ""

    @property
    def is_late(self):
        return self.late_approved_at is not None


class CaseNumberCounter(models.Model):
    """The last case number given per body and year; locked while a number is taken."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"],
                                    name="meetings_casenumbercounter_one_per_body_year"),
        ]

    def __str__(self):
        return f"{self.body} {self.year}: {self.last_number}"


def attachment_path(instance, filename):
    """Stored under a generated name: the uploaded name is kept only for downloads."""
    return f"attachments/{timezone.now():%Y}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Attachment(TimeStamped):
    """A file with the case papers, public or screened with its legal basis."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    screened = models.BooleanField(_("screened (exempt from public access)"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=150, blank=True,
                                   help_text=_("E.g. «offentleglova § 13»."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["case", "created"]
        constraints = [
            models.CheckConstraint(condition=Q(screened=False) | ~Q(legal_basis=""),
                                   name="meetings_attachment_screened_has_legal_basis"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:attachment", args=[self.pk])


def new_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's personal calendar address: a secret token so calendar apps need no login."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("meetings:personal_ics", args=[self.token])


# Holding a meeting and what follows: absence, deputies, attendance, decisions, votes,
# follow-up and minutes (DOMAIN.md § 3).


class Absence(TimeStamped):
    """A seat holder's absence (forfall) from a meeting, or part of it, or their conflict of
    interest (inhabilitet) in named cases."""

    class Kind(models.TextChoices):
        WHOLE = "whole", _("Absent from the whole meeting")
        PART = "part", _("Absent from part of the meeting")
        CONFLICT = "conflict", _("Conflict of interest in named cases")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="absences")
    seat = models.ForeignKey(Seat, verbose_name=_("seat"), on_delete=models.PROTECT,
                             related_name="absences")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    from_case = models.ForeignKey(Case, verbose_name=_("from case"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    to_case = models.ForeignKey(Case, verbose_name=_("to case"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    cases = models.ManyToManyField(Case, verbose_name=_("cases"), blank=True,
                                   related_name="conflicts")
    note = models.TextField(_("note"), blank=True)
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["meeting", "reported_at"]

    def __str__(self):
        return f"{self.seat.holder}: {self.get_kind_display()} ({self.meeting})"

    @property
    def deputy_summoned(self):
        """A deputy has been asked and not declined: nobody else is to be asked (R-SSU-13).
        Reads the requests through .all(), so a prefetch serves it."""
        return any(request.state != DeputyRequest.State.DECLINED
                   for request in self.deputy_requests.all())


class DeputyRequest(TimeStamped):
    """The secretariat summons a deputy for an absent member (R-SSU-13); the deputy answers."""

    class State(models.TextChoices):
        ASKED = "asked", _("Asked")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    absence = models.ForeignKey(Absence, verbose_name=_("absence"), on_delete=models.CASCADE,
                                related_name="deputy_requests")
    deputy = models.ForeignKey(Seat, verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="deputy_requests")
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.ASKED)
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy request")
        verbose_name_plural = _("deputy requests")
        ordering = ["absence", "asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["absence", "deputy"],
                                    name="meetings_deputyrequest_once_per_deputy"),
        ]

    def __str__(self):
        return f"{self.deputy.holder} → {self.absence.seat.holder}: {self.get_state_display()}"


class Attendance(TimeStamped):
    """Who was present, from which case to which case, and whom a deputy stood in for."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attendances")
    seat = models.ForeignKey(Seat, verbose_name=_("seat"), on_delete=models.PROTECT,
                             related_name="attendances")
    stands_in_for = models.ForeignKey(
        Seat, verbose_name=_("stands in for"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="stood_in_by")
    arrived_before = models.ForeignKey(
        Case, verbose_name=_("arrived before case"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("Empty: from the start."))
    left_after = models.ForeignKey(
        Case, verbose_name=_("left after case"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("Empty: until the end."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"],
                                    name="meetings_attendance_once_per_seat"),
        ]

    def __str__(self):
        return f"{self.seat.holder} ({self.meeting})"

    def present_on(self, case):
        """Present while `case` was handled: arrivals and departures happen between cases."""
        return ((self.arrived_before is None or self.arrived_before.position <= case.position)
                and (self.left_after is None or case.position <= self.left_after.position))


class Decision(TimeStamped):
    """What a meeting decided in a case and how (R-PM-5, R-SSU-6, R-SSU-7, R-SSU-9)."""

    class Mode(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        UNANIMOUS = "unanimous", _("Unanimous")
        VOTE = "vote", _("Vote")
        INFORMATION = "information", _("Information only, no decision")

    case = models.OneToOneField(Case, verbose_name=_("case"), on_delete=models.CASCADE,
                                related_name="decision")
    text = models.TextField(_("decision"), blank=True)
    mode = models.CharField(_("reached by"), max_length=12, choices=Mode.choices)
    minutes_text = models.TextField(_("text in the minutes"), blank=True,
                                    help_text=_("The discussion as it should read in the "
                                                "minutes."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["case__position"]

    def __str__(self):
        return f"{self.case}: {self.get_mode_display()}"

    def tally(self):
        """Counted from the recorded votes, never typed (R-SSU-9)."""
        counts = dict.fromkeys(Vote.Choice.values, 0)
        for vote in self.votes.all():
            counts[vote.choice] += 1
        return counts

    @property
    def is_split(self):
        tally = self.tally()
        return self.mode == self.Mode.VOTE and sum(
            1 for count in tally.values() if count) > 1


class Vote(TimeStamped):
    """One voter's vote in a decision: recorded by name when the vote is split (R-SSU-9)."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstained")

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE,
                                 related_name="votes")
    seat = models.ForeignKey(Seat, verbose_name=_("voter"), on_delete=models.PROTECT,
                             related_name="votes")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["decision", "seat__holder__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "seat"],
                                    name="meetings_vote_once_per_seat"),
        ]

    def __str__(self):
        return f"{self.seat.holder}: {self.get_choice_display()}"


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[FollowUp.Status.NOT_STARTED, FollowUp.Status.IN_PROGRESS])


class FollowUp(TimeStamped):
    """A task following from a decision, with who is responsible and when it is due."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE,
                                 related_name="follow_ups")
    what = models.CharField(_("what"), max_length=250)
    responsible_person = models.ForeignKey(
        Person, verbose_name=_("responsible person"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="follow_ups")
    responsible_organisation = models.ForeignKey(
        Organisation, verbose_name=_("responsible municipality or trust"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="follow_ups")
    responsible_body = models.ForeignKey(
        Body, verbose_name=_("responsible body"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.NOT_STARTED)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(responsible_person__isnull=False, responsible_organisation=None,
                             responsible_body=None)
                           | Q(responsible_person=None, responsible_organisation__isnull=False,
                               responsible_body=None)
                           | Q(responsible_person=None, responsible_organisation=None,
                               responsible_body__isnull=False)),
                name="meetings_followup_one_responsible"),
        ]

    def __str__(self):
        return self.what

    def get_absolute_url(self):
        return reverse("meetings:follow_up", args=[self.pk])

    @property
    def responsible(self):
        return self.responsible_person or self.responsible_organisation or self.responsible_body

    def is_overdue(self, today=None):
        return (self.due_on is not None and self.status in {self.Status.NOT_STARTED,
                                                           self.Status.IN_PROGRESS}
                and self.due_on < (today or timezone.localdate()))


class FollowUpNote(TimeStamped):
    """A dated note on a follow-up, with the status it left it in."""

    follow_up = models.ForeignKey(FollowUp, verbose_name=_("follow-up"),
                                  on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("note"))
    status = models.CharField(_("status"), max_length=12, choices=FollowUp.Status.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["follow_up", "written_on", "pk"]

    def __str__(self):
        return f"{self.written_on:%d.%m.%Y}: {self.text[:50]}"


class MinutesQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, meeting__is_public=True,
                           meeting__body__is_public=True)


class Minutes(TimeStamped):
    """A version of a meeting's minutes. Draft → out for comments → approved (by the
    secretariat after changes, or deemed after the objection period, R-SSU-10) → published.
    An approved version is locked: a correction is a new version."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OUT_FOR_COMMENTS = "out_for_comments", _("Out for comments")
        APPROVED = "approved", _("Approved")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="minutes")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.DRAFT)
    round = models.PositiveSmallIntegerField(_("round of comments"), default=0)
    introduction = models.TextField(_("introduction"), blank=True)
    sent_at = models.DateTimeField(_("sent for comments"), null=True, blank=True)
    objection_deadline = models.DateTimeField(_("objections until"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    deemed_approved = models.BooleanField(_("deemed approved (no objection in time)"),
                                          default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    correction_reason = models.TextField(_("why it was corrected"), blank=True)

    objects = MinutesQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"],
                                    name="meetings_minutes_version_unique"),
            models.CheckConstraint(condition=Q(published_at__isnull=True) | Q(state="approved"),
                                   name="meetings_minutes_published_only_approved"),
        ]

    def __str__(self):
        return f"{_('Minutes')} {self.meeting} v{self.version}"

    def get_absolute_url(self):
        return reverse("meetings:minutes", args=[self.meeting_id])

    @property
    def is_locked(self):
        return self.state == self.State.APPROVED


class Objection(TimeStamped):
    """A participant's request for changes to draft minutes, within the objection period."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE,
                                related_name="objections")
    round = models.PositiveSmallIntegerField(_("round of comments"))
    person = models.ForeignKey(Person, verbose_name=_("from"), on_delete=models.PROTECT,
                               related_name="objections")
    comment = models.TextField(_("what should be changed"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["minutes", "created"]

    def __str__(self):
        return f"{self.person}: {self.comment[:50]}"
