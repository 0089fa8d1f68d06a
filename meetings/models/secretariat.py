"""Who leads the secretariat and who carries the municipal coordinator role (R-SEK-2, R-SEK-3)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, Person, TimeStamped

from .bodies import Body, Seat


class SecretariatTerm(TimeStamped):
    """A term as the secretariat's lead or as its municipal coordinator. The side and the
    regional council are copied from the member's seat when appointed, so later changes to the
    seat do not rewrite whose turn it was."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Leads the secretariat")
        COORDINATOR = "coordinator", _("Municipal coordinator")

    body = models.ForeignKey(Body, verbose_name=_("secretariat"), on_delete=models.CASCADE,
                             related_name="secretariat_terms")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="secretariat_terms")
    side = models.CharField(_("side"), max_length=20, choices=Seat.Side.choices)
    council = models.ForeignKey(
        Organisation, verbose_name=_("regional council"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="secretariat_terms")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("secretariat term")
        verbose_name_plural = _("secretariat terms")
        ordering = ["body", "role", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")),
                name="meetings_secretariatterm_ends_after_start"),
            models.CheckConstraint(
                condition=~Q(role="coordinator") | Q(council__isnull=False, side="municipalities"),
                name="meetings_secretariatterm_coordinator_has_council"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.body}: {self.person} ({self.starts_on:%Y})"
