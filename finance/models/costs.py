from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.templatetags.formatting import kr, rate_kr
from members.models import Organisation, TimeStamped

from ..allocation import AgreedShare as Agreed
from ..allocation import AllocationError, allocate_rates, allocate_split
from .settings import money


def _plain(number):
    """20.00 → «20», 12.50 → «12.5»."""
    return f"{Decimal(number).normalize():f}"


class CostModelQuerySet(models.QuerySet):
    def with_use(self):
        """Annotate how many adopted or invoiced budgets use each model."""
        return self.annotate(adopted_budgets=models.Count(
            "budgets", filter=~Q(budgets__status="draft")))


class CostModel(TimeStamped):
    """How the municipalities share the cost (R-FIN-1, R-FIN-9). Data, chosen per budget."""

    class Kind(models.TextChoices):
        SPLIT = "split", _("Fixed share split equally, the rest by population")
        PER_INHABITANT = "per_inhabitant", _("Fee per inhabitant")
        BASE_PLUS_RATE = "base_plus_rate", _("Base amount per municipality plus a rate per "
                                             "inhabitant")

    class Rounding(models.TextChoices):
        KRONER = "1", _("Whole kroner")
        ORE = "0.01", _("Øre")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SPLIT)
    fixed_percent = models.DecimalField(
        _("fixed share (%)"), max_digits=5, decimal_places=2, default=Decimal("20"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Split models: the percentage split equally; the rest goes by population."),
    )
    base_amount = money(_("base amount per municipality"), default=Decimal("0"),
                        validators=[MinValueValidator(0)])
    rate = models.DecimalField(
        _("rate per inhabitant"), max_digits=9, decimal_places=4, default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    rounding = models.CharField(_("rounding unit"), max_length=4, choices=Rounding.choices,
                                default=Rounding.KRONER)

    objects = CostModelQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost model")
        verbose_name_plural = _("cost models")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(fixed_percent__gte=0, fixed_percent__lte=100),
                                   name="finance_costmodel_fixed_percent_range"),
            models.CheckConstraint(condition=Q(base_amount__gte=0, rate__gte=0),
                                   name="finance_costmodel_amounts_not_negative"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_locked(self):
        """Used by an adopted budget (needs with_use())."""
        return self.adopted_budgets > 0

    @property
    def is_split(self):
        return self.kind == self.Kind.SPLIT

    def describe(self):
        return describe(self.parameters())

    def parameters(self):
        """Everything the allocation needs, as plain data: what an adopted budget keeps
        (R-REC-3) and computes its shares from."""
        with_names = self.agreed_shares.select_related("municipality").order_by(
            "municipality__number")
        return {
            "name": self.name, "kind": self.kind, "rounding": self.rounding,
            "fixed_percent": str(self.fixed_percent), "base_amount": str(self.base_amount),
            "rate": str(self.rate),
            "agreed": [{"number": share.municipality.number,
                        "name": share.municipality.display_name,
                        "percent": None if share.percent is None else str(share.percent),
                        "amount": None if share.amount is None else str(share.amount)}
                       for share in with_names],
        }


def describe(parameters):
    """A cost model in words, e.g. «20 % split equally, 80 % by population»."""
    kind = parameters["kind"]
    if kind == CostModel.Kind.SPLIT:
        fixed = Decimal(parameters["fixed_percent"])
        text = gettext("%(fixed)s %% split equally, %(variable)s %% by population") % {
            "fixed": _plain(fixed), "variable": _plain(100 - fixed)}
        agreed = [gettext("%(name)s carries %(share)s") % {
            "name": share["name"],
            "share": f"{_plain(share['percent'])} %" if share["percent"] is not None
            else kr(Decimal(share["amount"]))} for share in parameters.get("agreed", [])]
        if agreed:
            text = gettext("%(agreed)s; the rest %(model)s") % {
                "agreed": ", ".join(agreed), "model": text}
        return text
    if kind == CostModel.Kind.PER_INHABITANT:
        return gettext("%(rate)s per inhabitant") % {"rate": rate_kr(parameters["rate"])}
    return gettext("%(base)s per municipality plus %(rate)s per inhabitant") % {
        "base": rate_kr(parameters["base_amount"]), "rate": rate_kr(parameters["rate"])}


def allocate_with(parameters, participants, amount):
    """Each participant's share under the model's parameters; `amount` is used by split
    models only."""
    unit = Decimal(parameters["rounding"])
    if parameters["kind"] == CostModel.Kind.SPLIT:
        agreed = [Agreed(number=share["number"],
                         percent=None if share["percent"] is None else Decimal(share["percent"]),
                         amount=None if share["amount"] is None else Decimal(share["amount"]))
                  for share in parameters.get("agreed", [])]
        return allocate_split(participants, amount=amount,
                              fixed_share=Decimal(parameters["fixed_percent"]) / 100,
                              unit=unit, agreed=agreed)
    if parameters.get("agreed"):
        raise AllocationError(gettext("Agreed shares need a model that splits an amount."))
    base = (Decimal(parameters["base_amount"])
            if parameters["kind"] == CostModel.Kind.BASE_PLUS_RATE else Decimal(0))
    return allocate_rates(participants, base=base, rate=Decimal(parameters["rate"]), unit=unit)


class AgreedShare(TimeStamped):
    """A member that carries a share of its own before the rest is split (R-FIN-9, seed 004:
    «Trondheim kommune finansierer 50 %»)."""

    cost_model = models.ForeignKey(CostModel, verbose_name=_("cost model"),
                                   on_delete=models.CASCADE, related_name="agreed_shares")
    municipality = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY})
    percent = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    amount = money(_("amount"), null=True, blank=True, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreed share")
        verbose_name_plural = _("agreed shares")
        ordering = ["cost_model", "municipality__number"]
        constraints = [
            models.UniqueConstraint(fields=["cost_model", "municipality"],
                                    name="finance_agreedshare_once_per_model"),
            models.CheckConstraint(
                condition=Q(percent__isnull=True, amount__isnull=False)
                | Q(percent__isnull=False, amount__isnull=True),
                name="finance_agreedshare_percent_or_amount"),
        ]

    def __str__(self):
        share = f"{_plain(self.percent)} %" if self.percent is not None else kr(self.amount)
        return f"{self.municipality}: {share}"
