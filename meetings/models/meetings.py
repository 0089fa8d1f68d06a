"""Meetings, their cases with numbers and attachments, and calendar feeds."""

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

from members.models import Person, TimeStamped

from ..rules import notice_is_early, notice_is_late
from .bodies import Body, Seat


def meeting_label(body_name, starts_at):
    """How a meeting is named, "SSU 14.03.2026". Apart from the model for lists that read the
    body's name and the start without loading the meeting."""
    return f"{body_name} {timezone.localtime(starts_at):%d.%m.%Y}"


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Meeting.Status.CANCELLED)

    def public(self):
        """Meetings the public may know of: open meetings of public bodies whose notice has
        gone out (one cancelled after its notice stays listed, marked as cancelled). The one
        definition for the public pages, the calendars, the search and the open-data API
        (R-PM-7)."""
        return self.filter(is_public=True, body__is_public=True, notice_sent_at__isnull=False)

    def in_programme(self, owner_id):
        """Meetings in an annual programme: those of the body whose programme it is
        (`owner_id`, a body's programme_owner_id) and of those sharing it (R-DM-1)."""
        return self.filter(Q(body=owner_id) | Q(body__programme_of=owner_id))

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
        help_text=_("The partnership meeting a dialogue meeting is held with."))
    is_public = models.BooleanField(_("open to the public"), default=True)
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    agenda_agreed_by = models.ForeignKey(
        Person, verbose_name=_("agenda agreed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The chair or vice-chair who agreed to the agenda."))
    agenda_agreed_at = models.DateTimeField(_("agenda agreed"), null=True, blank=True)
    sent_without_agreement = models.TextField(
        _("why the notice went without the chair's agreement"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
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
        indexes = [
            # The meetings of a span of time among every year's (the minutes due on the start
            # page read the last year's): without it, both databases read them all.
            models.Index(fields=["starts_at"], name="meetings_meeting_by_start"),
        ]

    def __str__(self):
        return meeting_label(self.body, self.starts_at)

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
    def notice_was_early(self):
        """Whether the notice went out before the body's window opened (R-PM-3)."""
        return self.notice_sent_at is not None and notice_is_early(
            timezone.localtime(self.notice_sent_at).date(), self.date,
            self.body.notice_max_days)

    @property
    def calendar_uid(self):
        return f"meeting-{self.pk}@helsefellesskap"

    @property
    def notice_sent(self):
        return self.notice_sent_at is not None

    def is_open_to_public(self):
        return Meeting.objects.public().filter(pk=self.pk).exists()

    @property
    def mail_topic(self):
        return f"meetings.meeting:{self.pk}"


class CaseQuerySet(models.QuerySet):
    def queued(self):
        return self.filter(status__in=Case.QUEUED)

    def on_agenda(self):
        return self.filter(meeting__isnull=False).order_by("position", "pk")


def case_label(number, year):
    """How a case is cited, "Sak 12/2026"; empty until it has a number. Apart from the model
    for lists that read the number and year without loading the case."""
    return f"Sak {number}/{year}" if number else ""


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

    # The states of a case waiting in its body's queue.
    QUEUED = (Status.PROPOSED, Status.DEFERRED)

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
    approves_minutes_of = models.ForeignKey(
        Meeting, verbose_name=_("approves the minutes of"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="minutes_approval_cases",
        help_text=_("For the approval of the previous minutes: the meeting whose minutes "
                    "this case's decision approves."))
    on_notice = models.BooleanField(
        _("on the notice sent in advance"), default=False,
        help_text=_("No decision may be made on a case that was not on the notice sent in "
                    "advance."))

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-year", "-number", "-submitted_at"]
        indexes = [
            # A body's queue (Case.QUEUED), a handful of rows among every case of its years:
            # the body page and the meeting page read it. Not a partial index on the queued
            # states: neither SQLite nor PostgreSQL's prepared plans use one for a condition
            # whose states come as parameters.
            models.Index(fields=["body", "status", "submitted_at"],
                         name="meetings_case_by_status"),
        ]
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
        return case_label(self.number, self.year)

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
    legal_basis = models.CharField(_("legal basis"), max_length=150, blank=True)
    access_code = models.CharField(_("access code"), max_length=4, blank=True)
    public_title = models.CharField(
        _("public title"), max_length=200, blank=True,
        help_text=_("The title with the screened words replaced; the public sees this."))

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
