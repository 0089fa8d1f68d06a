import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.checkdigits import kid
from common.templatetags.formatting import kr
from members.models import Organisation, PopulationFigure, TimeStamped

from .allocation import AllocationError, Participant, allocate_rates, allocate_split


def _plain(number):
    """20.00 → «20», 12.50 → «12.5»."""
    return f"{number.normalize():f}"


def money(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=13, decimal_places=2, **kwargs)


class FinanceSettings(TimeStamped):
    """How invoices are made: payment terms and the KID format."""

    class KidMethod(models.TextChoices):
        MOD10 = "mod10", _("MOD10 (Luhn)")
        MOD11 = "mod11", _("MOD11")

    payment_days = models.PositiveSmallIntegerField(
        _("days to pay"), default=30, validators=[MinValueValidator(1), MaxValueValidator(365)])
    kid_method = models.CharField(_("KID check digit"), max_length=5, choices=KidMethod.choices,
                                  default=KidMethod.MOD10)
    kid_length = models.PositiveSmallIntegerField(
        _("KID length"), default=10, validators=[MinValueValidator(6), MaxValueValidator(25)],
        help_text=_("Digits in the KID, the check digit included. Agree it with the bank."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finance settings")
        verbose_name_plural = _("finance settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="finance_financesettings_single"),
        ]

    def __str__(self):
        return gettext("Finance settings")

    @classmethod
    def current(cls):
        """The saved settings, or the defaults before anyone has changed them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def kid_for(self, invoice_number):
        base = str(invoice_number).rjust(self.kid_length - 1, "0")
        if len(base) > self.kid_length - 1:
            raise ValueError(gettext("Invoice number %(number)s does not fit in a KID of "
                                     "%(length)s digits.")
                             % {"number": invoice_number, "length": self.kid_length})
        return kid(base, self.kid_method)


class InvoiceCounter(models.Model):
    """The last invoice number given. Its row is locked while invoices are numbered, so that
    numbers are unique and without gaps even when two people issue at once (R-FIN-5)."""

    last_number = models.PositiveIntegerField(_("last invoice number"), default=0)

    class Meta:
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counter")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="finance_invoicecounter_single"),
        ]

    def __str__(self):
        return str(self.last_number)

    @classmethod
    def take(cls, count):
        """Reserve `count` numbers. Call inside the transaction that saves the invoices: the
        lock is held until it commits, and a rollback gives the numbers back."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Invoice numbers must be taken inside a transaction.")
        counter = cls.objects.select_for_update().filter(pk=1).first()
        if counter is None:
            try:
                with transaction.atomic():
                    cls.objects.create(pk=1)
            except IntegrityError:
                pass  # created by a concurrent run in the meantime
            counter = cls.objects.select_for_update().get(pk=1)
        first = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
        return range(first, first + count)


class CostModelQuerySet(models.QuerySet):
    def with_use(self):
        """Annotate how many adopted or invoiced budgets use each model."""
        return self.annotate(adopted_budgets=models.Count(
            "budgets", filter=~Q(budgets__status=Budget.Status.DRAFT)))


class CostModel(TimeStamped):
    """How the municipalities share the cost (R-FIN-1). Data, chosen per budget year."""

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

    @property
    def unit(self):
        return Decimal(self.rounding)

    def describe(self):
        """The model in words, e.g. «20 % split equally, 80 % by population»."""
        if self.is_split:
            return gettext("%(fixed)s %% split equally, %(variable)s %% by population") % {
                "fixed": _plain(self.fixed_percent), "variable": _plain(100 - self.fixed_percent)}
        if self.kind == self.Kind.PER_INHABITANT:
            return gettext("%(rate)s per inhabitant") % {"rate": kr(self.rate)}
        return gettext("%(base)s per municipality plus %(rate)s per inhabitant") % {
            "base": kr(self.base_amount), "rate": kr(self.rate)}

    def allocate(self, participants, amount):
        """Each participant's share; `amount` is used by split models only."""
        if self.is_split:
            return allocate_split(participants, amount=amount,
                                  fixed_share=self.fixed_percent / 100, unit=self.unit)
        base = self.base_amount if self.kind == self.Kind.BASE_PLUS_RATE else Decimal(0)
        return allocate_rates(participants, base=base, rate=self.rate, unit=self.unit)


class BudgetQuerySet(models.QuerySet):
    def with_totals(self):
        """Costs and grants added up in the same query (no query per budget)."""
        zero = models.Value(Decimal(0), output_field=models.DecimalField(max_digits=13,
                                                                      decimal_places=2))
        return self.select_related("cost_model").annotate(
            cost_sum=Coalesce(Sum("lines__amount", filter=Q(lines__kind=BudgetLine.Kind.COST)),
                              zero),
            grant_sum=Coalesce(Sum("lines__amount",
                                   filter=Q(lines__kind=BudgetLine.Kind.GRANT)), zero),
        )


class Budget(TimeStamped):
    """The budget of one year: costs, grants and the amount the municipalities cover."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        INVOICED = "invoiced", _("Invoiced")

    year = models.PositiveSmallIntegerField(
        _("budget year"), unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)])
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

    objects = BudgetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(adopted_on__isnull=False) & ~Q(adopted_by="")),
                name="finance_budget_adopted_by_a_decision",
            ),
        ]

    def __str__(self):
        return gettext("Budget %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("finance:budget", args=[self.pk])

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
        """Costs less grants. Models with a rate per inhabitant get their total from the
        allocation instead."""
        return self.costs - self.grants

    def participants(self):
        """The municipalities that are members during the budget year, with the population
        figure per 1 January the year before (R-FIN-2, R-FIN-3), ordered by number.

        Raises AllocationError naming every participant that lacks the figure.
        """
        figure = PopulationFigure.objects.filter(
            municipality=models.OuterRef("pk"), year=self.population_year).values("population")
        municipalities = list(
            Organisation.objects.members_during_year(self.year)
            .annotate(population=models.Subquery(figure[:1])).order_by("number"))
        missing = [m for m in municipalities if m.population is None]
        if missing:
            raise AllocationError(
                gettext("The population per 1 January %(year)s is missing for %(names)s. Add "
                        "it under Population before the contributions can be calculated.")
                % {"year": self.population_year,
                   "names": ", ".join(f"{m.number} {m.display_name}" for m in missing)})
        return municipalities

    def allocation(self, municipalities=None):
        """The contributions of this budget; pass participants() when you have them."""
        if municipalities is None:
            municipalities = self.participants()
        participants = [Participant(m.number, m.display_name, m.population)
                        for m in municipalities]
        return self.cost_model.allocate(participants, self.amount_to_cover)


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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["kind", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0),
                                   name="finance_budgetline_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.description}: {self.amount}"


class InvoiceFrozen(Exception):
    """An issued invoice cannot be changed or deleted (R-FIN-5)."""


class InvoiceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The secretariat sees every invoice; a finance officer only their municipality's."""
        if user.is_secretariat:
            return self
        if user.is_finance_officer:
            return self.filter(municipality_id=user.municipality_id)
        return self.none()

    def overdue(self, today):
        return self.filter(kind=Invoice.Kind.INVOICE, payment_status=Invoice.Payment.OPEN,
                           due_on__lt=today)

    def delete(self):
        raise InvoiceFrozen(gettext("Issued invoices cannot be deleted. Issue a credit note."))

    def update(self, **kwargs):
        if not set(kwargs) <= Invoice.MUTABLE_FIELDS:
            raise InvoiceFrozen(gettext("Issued invoices cannot be changed. Issue a credit "
                                        "note and a new invoice."))
        return super().update(**kwargs)


class Invoice(TimeStamped):
    """An issued invoice or credit note. It copies everything it shows, so that it reads the
    same forever, and only its payment status changes (R-FIN-5, R-FIN-6)."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Payment(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        CREDITED = "credited", _("Credited")

    # Only the payment status may change after issuing.
    MUTABLE_FIELDS = frozenset({"payment_status", "paid_on", "updated"})

    number = models.PositiveIntegerField(_("number"), unique=True)
    kind = models.CharField(_("kind"), max_length=11, choices=Kind.choices, default=Kind.INVOICE)
    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.PROTECT,
                               related_name="invoices")
    municipality = models.ForeignKey(Organisation, verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="invoices")
    credited_invoice = models.ForeignKey(
        "self", verbose_name=_("credits invoice"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="credit_notes")
    year = models.PositiveSmallIntegerField(_("budget year"))
    issued_on = models.DateField(_("invoice date"))
    due_on = models.DateField(_("due date"))
    kid = models.CharField(_("KID"), max_length=25, unique=True)
    seller_name = models.CharField(_("seller"), max_length=150)
    seller_address = models.CharField(_("seller's address"), max_length=250, blank=True)
    seller_organisation_number = models.CharField(_("seller's organisation number"),
                                                  max_length=9)
    bank_account = models.CharField(_("bank account"), max_length=11)
    buyer_name = models.CharField(_("buyer"), max_length=150)
    buyer_address = models.CharField(_("buyer's address"), max_length=250, blank=True)
    buyer_organisation_number = models.CharField(_("buyer's organisation number"),
                                                 max_length=9, blank=True)
    buyer_reference = models.CharField(_("buyer's reference"), max_length=100, blank=True)
    cost_model = models.CharField(_("cost model"), max_length=200)
    population = models.PositiveIntegerField(_("population"))
    population_year = models.PositiveSmallIntegerField(_("population per 1 January"))
    total = money(_("total"))
    payment_status = models.CharField(_("payment status"), max_length=8,
                                      choices=Payment.choices, default=Payment.OPEN)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="invoice", credited_invoice__isnull=True)
                | Q(kind="credit_note", credited_invoice__isnull=False),
                name="finance_invoice_credit_note_refers_to_invoice"),
            models.CheckConstraint(condition=~Q(payment_status="paid") | Q(paid_on__isnull=False),
                                   name="finance_invoice_paid_has_date"),
            models.UniqueConstraint(fields=["credited_invoice"],
                                    name="finance_invoice_one_credit_note_per_invoice"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= self.MUTABLE_FIELDS:
                raise InvoiceFrozen(gettext("An issued invoice cannot be changed. Issue a "
                                            "credit note and a new invoice."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InvoiceFrozen(gettext("An issued invoice cannot be deleted. Issue a credit note."))

    def get_absolute_url(self):
        return reverse("finance:invoice", args=[self.pk])

    @property
    def is_credit_note(self):
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def pdf_filename(self):
        return f"{self.get_kind_display().lower().replace(' ', '-')}-{self.number}.pdf"


class InvoiceLine(models.Model):
    """A line of the calculation: fixed part, population × rate, rounding. Frozen with its
    invoice."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("Fixed part")
        POPULATION = "population", _("Population part")
        ROUNDING = "rounding", _("Rounding, so that the shares add up to the amount to cover")

    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT,
                                related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    unit_price = models.DecimalField(_("unit price"), max_digits=13, decimal_places=4,
                                     null=True, blank=True)
    amount = money(_("amount"))

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"],
                                    name="finance_invoiceline_unique_position"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise InvoiceFrozen(gettext("The lines of an issued invoice cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InvoiceFrozen(gettext("The lines of an issued invoice cannot be deleted."))


class IssueRun(models.Model):
    """One request to issue a budget's invoices, run in the background; the page shows it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Issuing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.CASCADE,
                               related_name="issue_runs")
    state = models.CharField(_("state"), max_length=8, choices=State.choices,
                             default=State.QUEUED)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"),
                                   on_delete=models.PROTECT, related_name="+")
    issued = models.PositiveIntegerField(_("invoices issued"), default=0)
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("issuing run")
        verbose_name_plural = _("issuing runs")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.budget} ({self.get_state_display()})"

    # A run that has not finished by then was lost (a worker stopped); another may start.
    STALE_AFTER = datetime.timedelta(minutes=15)

    @property
    def is_active(self):
        return (self.state in (self.State.QUEUED, self.State.RUNNING)
                and self.created > timezone.now() - self.STALE_AFTER)
