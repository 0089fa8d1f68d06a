from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredPdf(models.Model):
    """A generated PDF, kept until its content changes (see common.documents)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("object"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    file = models.FileField(_("file"), upload_to="pdf/%Y/", blank=True)
    content_hash = models.CharField(_("content fingerprint"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored PDF")
        verbose_name_plural = _("stored PDFs")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="common_storedpdf_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.get_state_display()})"

    @property
    def has_file(self):
        return bool(self.file)
