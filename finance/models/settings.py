from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.checkdigits import kid
from members.models import TimeStamped


def money(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=13, decimal_places=2, **kwargs)


class FinanceSettings(TimeStamped):
    """How invoices are made: payment terms, the KID format and the VAT treatment."""

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
    # The contributions are outside the scope of VAT (category O) unless the issuer is in the
    # VAT register; then they are exempt (category E) and the invoice carries NO…MVA.
    vat_registered = models.BooleanField(
        _("the issuer is registered for VAT"), default=False,
        help_text=_("Then the invoices carry the VAT number NO…MVA and state the contributions "
                    "as exempt from VAT; otherwise as outside the scope of VAT."))
    vat_exemption_reason = models.CharField(
        _("reason for no VAT"), max_length=200,
        default="Tilskudd til felles sekretariat, utenfor merverdiavgiftsloven",
        help_text=_("Printed on every invoice and sent in the EHF document."))

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

    @property
    def vat_category(self):
        """UNCL 5305: E (exempt) for a VAT-registered issuer, O (outside the scope) else."""
        return "E" if self.vat_registered else "O"

    def kid_for(self, invoice_number):
        base = str(invoice_number).rjust(self.kid_length - 1, "0")
        if len(base) > self.kid_length - 1:
            raise ValueError(gettext("Invoice number %(number)s does not fit in a KID of "
                                     "%(length)s digits.")
                             % {"number": invoice_number, "length": self.kid_length})
        return kid(base, self.kid_method)


class InvoiceCounter(models.Model):
    """The last invoice number an issuer gave. Its row is locked while invoices are numbered,
    so that each issuer's numbers are unique and without gaps even when two people issue at
    once (R-FIN-5)."""

    issuer = models.CharField(_("issuer's organisation number"), max_length=9, unique=True)
    last_number = models.PositiveIntegerField(_("last invoice number"), default=0)

    class Meta:
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")

    def __str__(self):
        return f"{self.issuer}: {self.last_number}"

    @classmethod
    def take(cls, count, *, issuer):
        """Reserve `count` numbers of the issuer's series. Call inside the transaction that
        saves the invoices: the lock is held until it commits, and a rollback gives the
        numbers back."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Invoice numbers must be taken inside a transaction.")
        counter = cls.objects.select_for_update().filter(issuer=issuer).first()
        if counter is None:
            try:
                with transaction.atomic():
                    cls.objects.create(issuer=issuer)
            except IntegrityError:
                pass  # created by a concurrent run in the meantime
            counter = cls.objects.select_for_update().get(issuer=issuer)
        first = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
        return range(first, first + count)

