import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, TimeStamped

from .budgets import Budget
from .settings import money


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


def _address(street, postcode, city):
    return ", ".join(part for part in [street, f"{postcode} {city}".strip()] if part)


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

    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=11, choices=Kind.choices, default=Kind.INVOICE)
    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.PROTECT,
                               related_name="invoices")
    municipality = models.ForeignKey(Organisation, verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="invoices")
    credited_invoice = models.ForeignKey(
        "self", verbose_name=_("credits invoice"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="credit_notes")
    year = models.PositiveSmallIntegerField(_("budget year"))
    pool_name = models.CharField(_("cost pool"), max_length=150, blank=True)
    issued_on = models.DateField(_("invoice date"))
    due_on = models.DateField(_("due date"))
    kid = models.CharField(_("KID"), max_length=25)
    seller_name = models.CharField(_("seller"), max_length=150)
    seller_street = models.CharField(_("seller's street address"), max_length=150, blank=True)
    seller_postcode = models.CharField(_("seller's postcode"), max_length=4, blank=True)
    seller_city = models.CharField(_("seller's city"), max_length=80, blank=True)
    seller_organisation_number = models.CharField(_("seller's organisation number"),
                                                  max_length=9)
    seller_vat_number = models.CharField(_("seller's VAT number"), max_length=14, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=11)
    buyer_name = models.CharField(_("buyer"), max_length=150)
    buyer_street = models.CharField(_("buyer's street address"), max_length=150, blank=True)
    buyer_postcode = models.CharField(_("buyer's postcode"), max_length=4, blank=True)
    buyer_city = models.CharField(_("buyer's city"), max_length=80, blank=True)
    buyer_organisation_number = models.CharField(_("buyer's organisation number"),
                                                 max_length=9, blank=True)
    buyer_reference = models.CharField(_("buyer's reference"), max_length=100, blank=True)
    vat_category = models.CharField(_("VAT category"), max_length=2, default="O")
    vat_exemption_reason = models.CharField(_("reason for no VAT"), max_length=200,
                                            blank=True)
    cost_model = models.CharField(_("cost model"), max_length=300)
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
        # The invoice list shows the newest hundred by number: read from an index, not by
        # sorting every invoice of every year (R-FIN-5's unique number leads with the issuer).
        indexes = [
            models.Index(fields=["number"], name="finance_invoice_number_idx"),
            # The overdue ones (the start page's panel, reminders): few among all the years'.
            models.Index(fields=["due_on"], name="finance_invoice_open_due_idx",
                         condition=models.Q(kind="invoice", payment_status="open")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="invoice", credited_invoice__isnull=True)
                | Q(kind="credit_note", credited_invoice__isnull=False),
                name="finance_invoice_credit_note_refers_to_invoice"),
            models.CheckConstraint(condition=~Q(payment_status="paid") | Q(paid_on__isnull=False),
                                   name="finance_invoice_paid_has_date"),
            models.UniqueConstraint(fields=["credited_invoice"],
                                    name="finance_invoice_one_credit_note_per_invoice"),
            # One gap-free series per issuer (R-FIN-5), and a KID that names one invoice.
            models.UniqueConstraint(fields=["seller_organisation_number", "number"],
                                    name="finance_invoice_number_unique_per_issuer"),
            models.UniqueConstraint(fields=["seller_organisation_number", "kid"],
                                    name="finance_invoice_kid_unique_per_issuer"),
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
    def seller_address(self):
        return _address(self.seller_street, self.seller_postcode, self.seller_city)

    @property
    def buyer_address(self):
        return _address(self.buyer_street, self.buyer_postcode, self.buyer_city)

    @property
    def file_stem(self):
        kind = "kreditnota" if self.is_credit_note else "faktura"
        return f"{kind}-{self.number}"

    @property
    def pdf_filename(self):
        return f"{self.file_stem}.pdf"

    @property
    def ehf_filename(self):
        return f"{self.file_stem}.xml"


class InvoiceLine(models.Model):
    """A line of the calculation, frozen with its invoice. It keeps what a reader needs to
    redo it: the exact basis (an amount shared among a count of members or inhabitants), the
    rate or percentage, and the rounding."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("Fixed part")
        BASE = "base", _("Base amount")
        POPULATION = "population", _("Population part")
        AGREED = "agreed", _("Agreed share")
        ROUNDING = "rounding", _("Rounding, so that the shares add up to the amount to cover")

    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT,
                                related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    unit_price = models.DecimalField(_("unit price"), max_digits=13, decimal_places=4,
                                     null=True, blank=True)
    basis_amount = models.DecimalField(_("amount shared"), max_digits=20, decimal_places=8,
                                       null=True, blank=True)
    basis_count = models.PositiveIntegerField(_("shared among"), null=True, blank=True)
    percent = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2, null=True,
                                  blank=True)
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
    issue_date = models.DateField(_("invoice date"), null=True, blank=True)
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
