"""Holding a meeting and what follows: absence, deputies, attendance, decisions, votes and
follow-up (DOMAIN.md § 3)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, Person, TimeStamped

from .bodies import Body, Seat
from .meetings import Case, Meeting


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
    withdrawn_at = models.DateTimeField(
        _("withdrawn"), null=True, blank=True,
        help_text=_("The report no longer holds; it stays on record."))

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
        # The overview counts and pages the open ones by due date: read from this index, it
        # does not scan the follow-ups done over the years.
        indexes = [
            models.Index(fields=["due_on", "id"], name="meetings_followup_open_by_due",
                         condition=Q(status__in=["not_started", "in_progress"])),
        ]
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
