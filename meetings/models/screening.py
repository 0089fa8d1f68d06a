"""Screening under offentleglova (R-PUB-1): which part of a case is exempt from public access,
with its access code and legal basis. Attachments carry their own screening (Attachment)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import TimeStamped

from .meetings import Case


class LegalBasis(models.TextChoices):
    """The legal bases the secretariat may screen with; the value is what the public sees."""

    HEALTH = "Offl. § 13 jf. fvl. § 13 første ledd nr. 1", _(
        "Offl. § 13 jf. fvl. § 13 første ledd nr. 1 (personal matters, health)")
    BUSINESS = "Offl. § 13 jf. fvl. § 13 første ledd nr. 2", _(
        "Offl. § 13 jf. fvl. § 13 første ledd nr. 2 (business secrets)")
    INTERNAL = "Offl. § 14", _("Offl. § 14 (internal documents)")
    ADVICE = "Offl. § 15", _("Offl. § 15 (documents obtained for internal preparation)")
    NEGOTIATION = "Offl. § 23 første ledd", _(
        "Offl. § 23 første ledd (the partnership's negotiating position)")
    PERSONNEL = "Offl. § 25", _("Offl. § 25 (personnel matters)")


# The access code (tilgangskode) each legal basis is recorded with, in the journal and the
# Noark 5 extraction (tilgangsrestriksjon).
ACCESS_CODES = {
    LegalBasis.HEALTH: "13",
    LegalBasis.BUSINESS: "13",
    LegalBasis.INTERNAL: "14",
    LegalBasis.ADVICE: "15",
    LegalBasis.NEGOTIATION: "23",
    LegalBasis.PERSONNEL: "25",
}


class Screening(TimeStamped):
    """One screened part of a case. The title is replaced by the public title; the papers and
    the decision text are left out of public output; the rest of the case stays public."""

    class Part(models.TextChoices):
        TITLE = "title", _("Title")
        PAPERS = "papers", _("Case papers (presentation and proposed decision)")
        DECISION = "decision", _("Decision text")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="screenings")
    part = models.CharField(_("part"), max_length=10, choices=Part.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=60, choices=LegalBasis.choices)
    access_code = models.CharField(_("access code"), max_length=4)
    public_title = models.CharField(
        _("public title"), max_length=250, blank=True,
        help_text=_("The title with the screened words replaced, e.g. «Klage fra ***»."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["case", "part"]
        constraints = [
            models.UniqueConstraint(fields=["case", "part"],
                                    name="meetings_screening_one_per_part"),
            models.CheckConstraint(condition=~Q(part="title") | ~Q(public_title=""),
                                   name="meetings_screening_title_has_public_title"),
        ]

    def __str__(self):
        return f"{self.case}: {self.get_part_display()} ({self.legal_basis})"
