"""R-REC-3, R-REC-4, R-FIN-5: an adopted budget and an issued invoice hold through every door
— the state-change functions, the product's forms, the admin (change and delete), the
population import, the `contributions` command and the background task. Each test compares
the stored content (the files' checksums, the allocation CSV, the snapshot) before and after.
"""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from common.documents import render_now
from common.models import AuditEvent, StoredPdf
from finance.models import (
    Budget,
    BudgetFrozen,
    BudgetLine,
    BudgetParticipant,
    EhfDocument,
    Invoice,
    IssueRun,
)
from finance.services import FinanceError, adopt_budget, issue_invoices, start_issuing
from finance.tasks import issue_budget_invoices
from members.models import PopulationFigure

from .test_budgets import GOLDEN_CSV

NEW_FIGURES = ('"region";"statistikkvariabel";"år";"07459: Befolkning"\n'
               '"1833 Rana";"Personer";"2022";30000\n"1824 Vefsn";"Personer";"2022";9000\n')


@pytest.fixture
def issued(helgeland, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    invoices = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    for invoice in invoices[:3]:  # three stored PDFs and EHF files are enough to compare
        render_now("finance.invoice", invoice.pk)
    return {**helgeland, "invoices": invoices}


def stored_content(budget):
    """What must not change: each stored PDF's and EHF file's checksum, the invoices' rows
    and lines, the budget's snapshot and its allocation CSV."""
    files = {}
    for stored in StoredPdf.objects.filter(kind="finance.invoice").exclude(file=""):
        with stored.file.open("rb") as handle:
            files[f"pdf {stored.object_id}"] = hashlib.sha256(handle.read()).hexdigest()
    for document in EhfDocument.objects.exclude(sha256=""):
        with document.file.open("rb") as handle:
            files[f"ehf {document.invoice_id}"] = (hashlib.sha256(handle.read()).hexdigest(),
                                                   document.sha256)
    budget = Budget.objects.get(pk=budget.pk)
    return {
        "files": files,
        "invoices": list(Invoice.objects.order_by("pk").values_list(
            "number", "buyer_name", "total", "kid", "payment_status")),
        "lines": list(Invoice.objects.values_list("lines__kind", "lines__amount").order_by(
            "pk", "lines__position")),
        "snapshot": (budget.status, budget.adopted_amount, budget.adopted_parameters, list(
            budget.participant_rows.values_list("number", "population"))),
        "budget lines": list(budget.lines.values_list("description", "amount")),
        "csv": _csv(budget),
    }


def _csv(budget):
    from finance.exports import allocation_csv

    return allocation_csv(Budget.objects.with_totals().get(pk=budget.pk).allocation())


def refusals():
    return AuditEvent.objects.filter(action="access_refused").count()


def test_r_rec_3_population_import_keeps_the_adopted_budget_and_names_it(issued, client):
    """The import door: new figures for 1.1.2022 replace Rana's and Vefsn's; the adopted 2023
    budget keeps its own, and the preview and the result say which budget used them."""
    before = stored_content(issued["budget"])
    client.force_login(issued["secretariat"])
    preview = client.post(reverse("members:population_import"), {
        "file": SimpleUploadedFile("07459.csv", NEW_FIGURES.encode()), "source": "SSB"})
    html = preview.content.decode()
    assert "Budsjett 2023 (vedtatt) brukte 1833 Rana: 26\xa0092 innbyggere" in html
    assert "Budsjett 2023 (vedtatt) brukte 1824 Vefsn: 13\xa0233 innbyggere" in html
    done = client.post(reverse("members:population_import_confirm"), follow=True)
    assert "beholder det tallet, filen har 30\xa0000" in done.content.decode()
    assert PopulationFigure.objects.get(municipality__number="1833", year=2022).population == (
        30000)
    assert stored_content(issued["budget"]) == before
    assert before["csv"] == GOLDEN_CSV


def test_r_rec_3_the_contributions_command_prints_what_was_adopted(issued, capsys):
    PopulationFigure.objects.filter(municipality__number="1833", year=2022).update(
        population=30000)
    call_command("contributions", "2023")
    assert capsys.readouterr().out == GOLDEN_CSV


def test_r_rec_3_adoption_stores_participants_figures_parameters_and_amount(helgeland):
    budget = Budget.objects.get(pk=helgeland["budget"].pk)
    assert budget.adopted_amount == 740539
    assert budget.adopted_parameters["kind"] == "split"
    assert budget.adopted_parameters["fixed_percent"] == "20.00"
    rows = list(budget.participant_rows.values_list("number", "population"))
    assert len(rows) == 17 and ("1833", 26092) in rows and ("1811", 1400) not in rows


def test_r_rec_3_a_cost_model_changed_behind_the_budgets_back_changes_nothing(issued):
    """Even a change that slips past the lock (raw SQL) does not reach the adopted shares."""
    before = stored_content(issued["budget"])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE finance_costmodel SET fixed_percent = 50")
    assert stored_content(issued["budget"]) == before


def test_r_rec_4_the_service_refuses_a_second_issuing_whatever_the_status_says(issued):
    """Status set back behind the product's back (raw SQL): issuing still issues nothing, and
    the page's door refuses with a reason that the audit log keeps (R-FIN-5)."""
    before = stored_content(issued["budget"])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE finance_budget SET status = 'adopted'")
    budget = Budget.objects.get(pk=issued["budget"].pk)
    assert issue_invoices(budget, acting_user=issued["secretariat"]) == []
    count = refusals()
    with pytest.raises(FinanceError, match="har fakturaer allerede"):
        start_issuing(budget, acting_user=issued["secretariat"])
    assert refusals() == count + 1
    assert Invoice.objects.count() == 17
    assert stored_content(issued["budget"])["files"] == before["files"]


def test_r_rec_4_the_background_task_issues_nothing_twice(issued):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE finance_budget SET status = 'adopted'")
    run = IssueRun.objects.create(budget=issued["budget"], started_by=issued["secretariat"])
    assert issue_budget_invoices(run.pk) == 0
    assert Invoice.objects.count() == 17


def test_r_rec_3_the_model_refuses_to_set_an_adopted_budget_back_or_change_it(issued):
    budget = Budget.objects.get(pk=issued["budget"].pk)
    before = stored_content(budget)
    for change in ({"status": "draft"}, {"status": "adopted"}, {"adopted_amount": 1},
                   {"notes": "endret"}):
        candidate = Budget.objects.get(pk=budget.pk)
        for field, value in change.items():
            setattr(candidate, field, value)
        with pytest.raises(BudgetFrozen):
            candidate.save()
    with pytest.raises(BudgetFrozen):
        Budget.objects.filter(pk=budget.pk).update(status="draft")
    with pytest.raises(BudgetFrozen):
        Budget.objects.filter(pk=budget.pk).update(cost_model=None)
    with pytest.raises(BudgetFrozen):
        budget.delete()
    with pytest.raises(BudgetFrozen):
        budget.lines.first().delete()
    line = budget.lines.first()
    line.amount = 1
    with pytest.raises(BudgetFrozen):
        line.save()
    with pytest.raises(BudgetFrozen):
        BudgetLine(budget=budget, description="Ny", amount=5).save()
    with pytest.raises(BudgetFrozen):
        budget.participant_rows.first().delete()
    with pytest.raises(FinanceError):
        adopt_budget(budget, decision="x", adopted_on=budget.adopted_on,
                     acting_user=issued["secretariat"])
    assert stored_content(budget) == before


def test_r_rec_4_the_budget_form_refuses_an_adopted_budget(issued, client):
    before = stored_content(issued["budget"])
    client.force_login(issued["secretariat"])
    url = reverse("finance:budget_edit", args=[issued["budget"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"year": "2023", "cost_model": issued["budget"].cost_model_id,
                             "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0"}
                       ).status_code == 403
    assert stored_content(issued["budget"]) == before


def test_r_rec_4_the_admin_shows_adopted_budgets_and_issued_invoices_read_only(issued,
                                                                                client):
    before = stored_content(issued["budget"])
    client.force_login(issued["secretariat"])
    budget = issued["budget"]
    invoice = issued["invoices"][0]
    posts = [
        (reverse("admin:finance_budget_change", args=[budget.pk]),
         {"year": "2023", "status": "draft", "cost_model": budget.cost_model_id}),
        (reverse("admin:finance_budget_delete", args=[budget.pk]), {"post": "yes"}),
        (reverse("admin:finance_costmodel_change", args=[budget.cost_model_id]),
         {"name": "x", "kind": "split", "fixed_percent": "50"}),
        (reverse("admin:finance_costmodel_delete", args=[budget.cost_model_id]),
         {"post": "yes"}),
        (reverse("admin:finance_invoice_change", args=[invoice.pk]), {"total": "1"}),
        (reverse("admin:finance_invoice_delete", args=[invoice.pk]), {"post": "yes"}),
        (reverse("admin:finance_ehfdocument_delete", args=[invoice.ehf.pk]), {"post": "yes"}),
    ]
    count = refusals()
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert refusals() == count + len(posts)
    assert [(e.actor, e.details["path"]) for e in AuditEvent.objects.filter(
        action="access_refused").order_by("pk")[count:]] == [
        (issued["secretariat"], url) for url, _data in posts]
    page = client.get(reverse("admin:finance_budget_change", args=[budget.pk]))
    assert page.status_code == 200  # shown, read-only
    assert 'name="status"' not in page.content.decode()
    assert stored_content(issued["budget"]) == before
    assert BudgetParticipant.objects.filter(budget=budget).count() == 17


def test_r_fin_5_stored_ehf_cannot_be_changed_or_deleted(issued):
    document = EhfDocument.objects.exclude(sha256="").first()
    with pytest.raises(Exception, match="kan ikke"):
        document.delete()
    document.sha256 = "0" * 64
    with pytest.raises(Exception, match="kan ikke"):
        document.save()


def test_the_ehf_and_pdf_files_are_readable_as_issued(issued):
    invoice = issued["invoices"][0]
    stored = StoredPdf.objects.get(kind="finance.invoice", object_id=invoice.pk)
    with stored.file.open("rb") as handle:
        assert io.BytesIO(handle.read()).read(5) == b"%PDF-"
