import datetime

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .invoices import Invoice, InvoiceFrozen


class EhfDocumentQuerySet(models.QuerySet):
    def due_for_hand_over(self, now):
        """Made and not yet handed over, or failed and due for another try, and not held by
        a live claim: a claim older than its lease was lost with its worker and is taken
        again."""
        return self.filter(
            models.Q(state=EhfDocument.State.MADE)
            | models.Q(state=EhfDocument.State.FAILED, next_attempt_at__lte=now),
        ).filter(models.Q(claimed_at__isnull=True)
                 | models.Q(claimed_at__lt=now - EhfDocument.LEASE))


class EhfDocument(models.Model):
    """The EHF document (Peppol BIS Billing 3.0, UBL 2.1) of one invoice or credit note
    (R-FIN-7). It is made once, right after the invoice's PDF, checked by the rules, stored
    and never changed; a sending channel then hands it over, with retries."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Being made")
        MADE = "made", _("Made")
        HANDED_OVER = "handed_over", _("Handed over")
        FAILED = "failed", _("Failed")

    invoice = models.OneToOneField(Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT,
                                   related_name="ehf")
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.WAITING)
    file = models.FileField(_("file"), upload_to="ehf/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    made_at = models.DateTimeField(_("made"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts to hand over"), default=0)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    handed_over_as = models.CharField(_("handed over as"), max_length=300, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = EhfDocumentQuerySet.as_manager()

    # A worker holds a claim this long; then the document is another worker's to take.
    LEASE = datetime.timedelta(minutes=5)
    MAX_ATTEMPTS = 6
    RETRY_BASE = datetime.timedelta(minutes=2)

    class Meta:
        verbose_name = _("EHF document")
        verbose_name_plural = _("EHF documents")
        ordering = ["-invoice__number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["waiting", "failed"]) | ~models.Q(sha256=""),
                name="finance_ehfdocument_made_has_checksum"),
        ]

    def __str__(self):
        return f"EHF {self.invoice} ({self.get_state_display()})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("sha256", flat=True)
            stored = stored.first()
            if stored and stored != self.sha256:
                raise InvoiceFrozen(gettext("An issued EHF document cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InvoiceFrozen(gettext("An issued EHF document cannot be deleted."))

    @property
    def is_made(self):
        return bool(self.sha256)
