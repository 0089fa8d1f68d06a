"""R-REC-3: a budget adopted before a population import is invoiced as adopted. New figures
for the same date arrive through the import page after adoption; the shares, the allocation
CSV and the invoices issued afterwards are those of the adoption (seed 003: Rana 212 565)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import Budget, Invoice
from finance.services import issue_invoices
from members.models import PopulationFigure

from .test_budgets import GOLDEN_CSV
from .test_frozen import NEW_FIGURES, _csv


def test_r_rec_3_invoices_issued_after_a_population_import_are_those_of_the_adoption(
        helgeland, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    budget = helgeland["budget"]
    shares_before = shares(budget)
    client.force_login(helgeland["secretariat"])
    client.post(reverse("members:population_import"), {
        "file": SimpleUploadedFile("07459.csv", NEW_FIGURES.encode()), "source": "SSB"})
    done = client.post(reverse("members:population_import_confirm"), follow=True)
    assert "Budsjett 2023 (vedtatt)" in done.content.decode()
    assert PopulationFigure.objects.get(municipality__number="1833", year=2022).population == (
        30000)

    adopted = Budget.objects.with_totals().get(pk=budget.pk)
    assert shares(budget) == shares_before
    assert _csv(budget) == GOLDEN_CSV
    invoices = issue_invoices(adopted, acting_user=helgeland["secretariat"])
    totals = {invoice.municipality.number: invoice.total for invoice in invoices}
    assert len(invoices) == 17 and sum(totals.values()) == 740539
    assert totals["1833"] == 212565 and totals["1824"] == 112099
    rana = Invoice.objects.get(municipality__number="1833")
    assert rana.lines.get(kind="population").quantity == 26092


def shares(budget):
    allocation = Budget.objects.with_totals().get(pk=budget.pk).allocation()
    return {share.number: share.total for share in allocation.shares}
