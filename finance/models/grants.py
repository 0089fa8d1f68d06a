import math

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, TimeStamped

from .settings import money


class GrantApplication(TimeStamped):
    """The yearly application for the state grant for a shared secretariat: one municipality
    applies, and at least two thirds of the member municipalities must back it (R-FIN-10,
    seed 004). The award becomes the grant line of that year's budget."""

    year = models.PositiveSmallIntegerField(
        _("budget year"), unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    applicant = models.ForeignKey(
        Organisation, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        help_text=_("The municipality that applies, usually the host municipality."))
    amount_applied = money(_("amount applied for"), null=True, blank=True,
                           validators=[MinValueValidator(0)])
    submitted_on = models.DateField(_("sent on"), null=True, blank=True)
    amount_awarded = money(_("amount awarded"), null=True, blank=True,
                           validators=[MinValueValidator(0)])
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    award_reference = models.CharField(_("award letter"), max_length=200, blank=True,
                                       help_text=_("The grant letter's date and reference."))
    report_due = models.DateField(_("report due"), null=True, blank=True)
    report_sent_on = models.DateField(_("report sent on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("state grant application")
        verbose_name_plural = _("state grant applications")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_awarded__isnull=True)
                | models.Q(awarded_on__isnull=False),
                name="finance_grantapplication_award_has_date"),
        ]

    def __str__(self):
        return gettext("State grant %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("finance:grant", args=[self.pk])

    @property
    def is_awarded(self):
        return self.amount_awarded is not None

    def backing(self):
        """(backers, members, required): R-FIN-10 wants at least two thirds of the member
        municipalities of the year behind the application."""
        members = set(Organisation.objects.members_during_year(self.year).values_list(
            "pk", flat=True))
        backers = {b.municipality_id for b in self.backings.all()} & members
        return len(backers), len(members), math.ceil(2 * len(members) / 3)

    @property
    def has_backing(self):
        backers, members, required = self.backing()
        return members > 0 and backers >= required


class GrantBacking(TimeStamped):
    """A member municipality's decision to back the year's application (R-FIN-10)."""

    application = models.ForeignKey(GrantApplication, verbose_name=_("application"),
                                    on_delete=models.CASCADE, related_name="backings")
    municipality = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY})
    backed_on = models.DateField(_("date of the decision"))
    decision_reference = models.CharField(
        _("decision"), max_length=200,
        help_text=_("The body and case, e.g. «Kommunestyret sak 45/2024»."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("backing of the grant application")
        verbose_name_plural = _("backings of the grant application")
        ordering = ["application", "municipality__number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "municipality"],
                                    name="finance_grantbacking_once_per_municipality"),
        ]

    def __str__(self):
        return f"{self.municipality}: {self.decision_reference}"
