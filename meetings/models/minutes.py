"""Minutes in versions, and objections to them (R-SSU-10, R-REC-1)."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Person, TimeStamped

from .meetings import Case, Meeting


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
    approved_in = models.ForeignKey(
        Case, verbose_name=_("approved in the case"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="approved_minutes",
        help_text=_("The case of a later meeting whose decision approved this version."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    correction_reason = models.TextField(_("why it was corrected"), blank=True)
    content = models.JSONField(
        _("content as sent and approved"), default=dict, blank=True, editable=False,
        encoder=DjangoJSONEncoder,
        help_text=_("What the minutes say, stored when they are sent for comments and kept "
                    "as approved."))

    objects = MinutesQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "version"]
        indexes = [
            # The start page reads when each meeting of the last year was sent and published
            # (meetings.minutes.minutes_due): mostly from this index, not from the rows, which
            # hold the minutes' whole content.
            models.Index(fields=["meeting", "sent_at", "published_at"],
                         name="meetings_minutes_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"],
                                    name="meetings_minutes_version_unique"),
            models.CheckConstraint(condition=Q(published_at__isnull=True) | Q(state="approved"),
                                   name="meetings_minutes_published_only_approved"),
        ]

    def __str__(self):
        return "{} {} v{}".format(_("Minutes"), self.meeting, self.version)

    def get_absolute_url(self):
        return reverse("meetings:minutes", args=[self.meeting_id])

    def save(self, *args, **kwargs):
        """What an approved version says never changes, whoever saves it (R-REC-1)."""
        if self.pk is not None:
            stored = (Minutes.objects.filter(pk=self.pk)
                      .values("state", "content", "approved_in").first())
            if (stored is not None and stored["state"] == self.State.APPROVED
                    and (stored["content"] != self.content
                         or stored["approved_in"] != self.approved_in_id
                         or self.state != self.State.APPROVED)):
                raise MinutesLocked(_("Approved minutes cannot be changed; a correction is "
                                      "a new version."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.state != self.State.DRAFT:
            raise MinutesLocked(_("Minutes that have been sent cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_locked(self):
        return self.state == self.State.APPROVED


class MinutesLocked(Exception):
    """A change to minutes that the record no longer allows, however it was attempted."""


class Objection(TimeStamped):
    """A participant's request for changes to draft minutes, within the objection period."""

    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE,
                                related_name="objections")
    round = models.PositiveSmallIntegerField(_("round of comments"))
    person = models.ForeignKey(Person, verbose_name=_("from"), on_delete=models.PROTECT,
                               related_name="objections")
    # Which part of the minutes: "" the whole, "attendance" the roll, "case:<pk>" one case.
    passage = models.CharField(_("concerns"), max_length=30, blank=True)
    comment = models.TextField(_("what should be changed"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["minutes", "created"]

    def __str__(self):
        return f"{self.person}: {self.comment[:50]}"
