from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, Partnership, PopulationFigure, TimeStamped

from ..allocation import MissingPopulation, Participant
from .costs import CostModel, allocate_with, describe
from .settings import money


class BudgetFrozen(Exception):
    """An adopted budget keeps its inputs (R-REC-3): the message says what was refused."""


class BudgetQuerySet(models.QuerySet):
    def with_totals(self):
        """Costs and grants added up in the same query (no query per budget)."""
        zero = models.Value(Decimal(0), output_field=models.DecimalField(max_digits=13,
                                                                      decimal_places=2))
        return self.select_related("cost_model", "pool").annotate(
            cost_sum=Coalesce(Sum("lines__amount", filter=Q(lines__kind=BudgetLine.Kind.COST)),
                              zero),
            grant_sum=Coalesce(Sum("lines__amount",
                                   filter=Q(lines__kind=BudgetLine.Kind.GRANT)), zero),
        )

    def update(self, **kwargs):
        if set(kwargs) - {"status", "updated"}:
            raise BudgetFrozen(gettext("Budgets are changed one at a time, through their page."))
        if kwargs.get("status", Budget.Status.INVOICED) != Budget.Status.INVOICED:
            raise BudgetFrozen(gettext("An adopted budget cannot be set back."))
        return super().update(**kwargs)


class Budget(TimeStamped):
    """The budget of one pool and year: costs, grants and the amount its municipalities cover.

    A pool is the whole partnership or one region: a regional council and its municipalities
    (R-FIN-9). Adopting stores the participants with their population figures, the cost
    model's parameters and the amount to cover with the budget (R-REC-3); shares and invoices
    are computed from that snapshot from then on.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        INVOICED = "invoiced", _("Invoiced")

    year = models.PositiveSmallIntegerField(
        _("budget year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    pool = models.ForeignKey(
        Organisation, verbose_name=_("region"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="pool_budgets",
        limit_choices_to={"kind": Organisation.Kind.REGIONAL_COUNCIL},
        help_text=_("Leave empty for a budget of the whole partnership; choose a regional "
                    "council for one shared by its municipalities."))
    cost_model = models.ForeignKey(CostModel, verbose_name=_("cost model"),
                                   on_delete=models.PROTECT, related_name="budgets")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    # The decision that adopted the budget, as text until meetings hold decisions of their own.
    adopted_by = models.CharField(
        _("adopted by decision"), max_length=200, blank=True,
        help_text=_("For example «Partnerskapsmøtet sak 5/2022»."))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    adopted_amount = money(_("amount to cover, as adopted"), null=True, blank=True)
    adopted_parameters = models.JSONField(_("cost model, as adopted"), null=True, blank=True)

    objects = BudgetQuerySet.as_manager()
    history = HistoricalRecords()

    # What adoption fixes (R-REC-3); an adopted budget may still move on to invoiced.
    FROZEN_FIELDS = ("year", "pool_id", "cost_model_id", "adopted_by", "adopted_on",
                     "adopted_amount", "adopted_parameters", "notes")

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "pool__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(adopted_on__isnull=False) & ~Q(adopted_by="")),
                name="finance_budget_adopted_by_a_decision",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(adopted_amount__isnull=False, adopted_parameters__isnull=False),
                name="finance_budget_adopted_keeps_its_inputs",
            ),
            models.UniqueConstraint(fields=["year"], condition=Q(pool__isnull=True),
                                    name="finance_budget_one_partnership_budget_a_year"),
            models.UniqueConstraint(fields=["year", "pool"], condition=Q(pool__isnull=False),
                                    name="finance_budget_one_budget_per_pool_and_year"),
        ]

    def __str__(self):
        if self.pool_id:
            return gettext("Budget %(year)s, %(pool)s") % {"year": self.year,
                                                           "pool": self.pool.display_name}
        return gettext("Budget %(year)s") % {"year": self.year}

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self._refuse_changes_after_adoption()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk).exclude(status=self.Status.DRAFT).exists():
            raise BudgetFrozen(gettext("An adopted budget cannot be deleted."))
        return super().delete(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("finance:budget", args=[self.pk])

    def _refuse_changes_after_adoption(self):
        stored = type(self).objects.filter(pk=self.pk).values("status", *self.FROZEN_FIELDS)
        stored = stored.first()
        if stored is None or stored["status"] == self.Status.DRAFT:
            return
        changed = [f for f in self.FROZEN_FIELDS if getattr(self, f) != stored[f]]
        allowed = {(self.Status.ADOPTED, self.Status.ADOPTED),
                   (self.Status.ADOPTED, self.Status.INVOICED),
                   (self.Status.INVOICED, self.Status.INVOICED)}
        if changed or (stored["status"], self.status) not in allowed:
            raise BudgetFrozen(gettext("%(budget)s is adopted: what the decision adopted cannot "
                                       "be changed.") % {"budget": self})

    @property
    def pool_name(self):
        if self.pool_id:
            return self.pool.display_name
        return Partnership.current().name

    @property
    def population_year(self):
        """R-FIN-2: the population per 1 January of the year before the budget year."""
        return self.year - 1

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def _line_sum(self, kind):
        attribute = {BudgetLine.Kind.COST: "cost_sum", BudgetLine.Kind.GRANT: "grant_sum"}[kind]
        if hasattr(self, attribute):
            return getattr(self, attribute)
        return self.lines.filter(kind=kind).aggregate(
            total=Coalesce(Sum("amount"), Decimal(0)))["total"]

    @property
    def costs(self):
        return self._line_sum(BudgetLine.Kind.COST)

    @property
    def grants(self):
        return self._line_sum(BudgetLine.Kind.GRANT)

    @property
    def amount_to_cover(self):
        """Costs less grants, as adopted once the budget is. Models with a rate per inhabitant
        get their total from the allocation instead."""
        if not self.is_draft:
            return self.adopted_amount
        return self.costs - self.grants

    def parameters(self):
        """The cost model's parameters: as adopted, or the model's today for a draft."""
        return self.adopted_parameters if not self.is_draft else self.cost_model.parameters()

    def describe_model(self):
        return describe(self.parameters())

    @property
    def is_split(self):
        return self.parameters()["kind"] == CostModel.Kind.SPLIT

    def participants(self):
        """The paying municipalities with their population figures, ordered by number: the
        adopted snapshot (R-REC-3), or for a draft the municipalities of the pool that are
        members during the budget year, with the figure per 1 January the year before
        (R-FIN-2, R-FIN-3).

        Raises AllocationError naming every participant that lacks the figure.
        """
        if not self.is_draft:
            return list(self.participant_rows.select_related("municipality").order_by("number"))
        figure = PopulationFigure.objects.filter(
            municipality=models.OuterRef("pk"), year=self.population_year).values("population")
        municipalities = Organisation.objects.members_during_year(self.year)
        if self.pool_id:
            municipalities = municipalities.in_region(self.pool_id)
        municipalities = list(municipalities.annotate(
            population=models.Subquery(figure[:1])).order_by("number"))
        missing = [m for m in municipalities if m.population is None]
        if missing:
            raise MissingPopulation(
                gettext("The population per 1 January %(year)s is missing for %(names)s. Add "
                        "it under Population before the contributions can be calculated.")
                % {"year": self.population_year,
                   "names": ", ".join(f"{m.number} {m.display_name}" for m in missing)},
                self.population_year)
        return [BudgetParticipant(budget=self, municipality=m, number=m.number,
                                  name=m.display_name, population=m.population)
                for m in municipalities]

    def allocation(self, participants=None):
        """The contributions of this budget; pass participants() when you have them."""
        if participants is None:
            participants = self.participants()
        return allocate_with(self.parameters(),
                             [Participant(p.number, p.name, p.population) for p in participants],
                             self.amount_to_cover)


class BudgetParticipant(models.Model):
    """A paying municipality of an adopted budget with the population figure it used: part of
    the budget's snapshot, written once at adoption (R-REC-3)."""

    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.PROTECT,
                               related_name="participant_rows")
    municipality = models.ForeignKey(Organisation, verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("municipality number"), max_length=4)
    name = models.CharField(_("name"), max_length=220)
    population = models.PositiveIntegerField(_("population"))

    class Meta:
        verbose_name = _("participant of an adopted budget")
        verbose_name_plural = _("participants of adopted budgets")
        ordering = ["budget", "number"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "municipality"],
                                    name="finance_budgetparticipant_once_per_budget"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}: {self.population}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise BudgetFrozen(gettext("The participants of an adopted budget cannot change."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise BudgetFrozen(gettext("The participants of an adopted budget cannot change."))


class BudgetLine(TimeStamped):
    class Kind(models.TextChoices):
        COST = "cost", _("Cost")
        GRANT = "grant", _("Grant")

    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.CASCADE,
                               related_name="lines")
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.COST)
    description = models.CharField(_("description"), max_length=150)
    amount = money(_("amount"), validators=[MinValueValidator(0)])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    grant_application = models.OneToOneField(
        "finance.GrantApplication", verbose_name=_("state grant"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="budget_line",
        help_text=_("The award this grant line comes from."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        # In the order entered: the secretariat decides it.
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0),
                                   name="finance_budgetline_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.description}: {self.amount}"

    def save(self, *args, **kwargs):
        self._refuse_if_adopted()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_adopted()
        return super().delete(*args, **kwargs)

    def _refuse_if_adopted(self):
        if Budget.objects.filter(pk=self.budget_id).exclude(status=Budget.Status.DRAFT).exists():
            raise BudgetFrozen(gettext("The lines of an adopted budget cannot change."))
