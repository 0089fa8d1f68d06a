"""Issuing as a background job with progress on the page, and the invoice PDF."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from common.documents import render_now
from common.models import StoredPdf
from finance.models import Invoice, IssueRun
from finance.services import FinanceError, issue_invoices, start_issuing
from finance.tasks import issue_budget_invoices
from members.models import Organisation


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_issue_button_runs_the_job_and_renders_every_pdf(helgeland, client, media,
                                                         django_capture_on_commit_callbacks):
    client.force_login(helgeland["secretariat"])
    budget = helgeland["budget"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("finance:budget_issue", args=[budget.pk]),
                               {"issue_date": "2023-01-16"})
    assert response.status_code == 302
    run = IssueRun.objects.get()
    assert (run.state, run.issued, run.started_by) == ("done", 17, helgeland["secretariat"])
    assert StoredPdf.objects.filter(kind="finance.invoice", state="ready").count() == 17
    page = client.get(reverse("finance:budget", args=[budget.pk])).content.decode()
    assert 'value="17"' in page  # the progress bar is full
    assert "data-pending" not in page and "data-pdf-status" not in page  # nothing to wait for


def test_the_page_asks_for_its_progress_while_the_invoices_are_made_and_holds_no_form(
        helgeland, client):
    """It loads itself again only once the work is done, when no form can be lost."""
    client.force_login(helgeland["secretariat"])
    budget = helgeland["budget"]
    # The job waits for a commit that never comes.
    client.post(reverse("finance:budget_issue", args=[budget.pk]), {"issue_date": "2023-01-16"})
    page = client.get(reverse("finance:budget", args=[budget.pk])).content.decode()
    status_url = reverse("finance:issuing_status", args=[budget.pk])
    assert f'data-pdf-status="{status_url}" data-reload-when-done' in page
    assert "pdf-status.js" in page and 'http-equiv="refresh"' not in page
    assert "<form" not in page.split("<main", 1)[1]
    answer = client.get(status_url).content.decode()
    assert "data-pending" in answer and "PDF-ene deres lages" in answer


def test_invoices_whose_pdfs_were_never_asked_for_are_not_being_made(helgeland, client):
    """Nothing waits when no job exists: the page says how many PDFs are ready and stops."""
    issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    StoredPdf.objects.filter(kind="finance.invoice").delete()
    client.force_login(helgeland["secretariat"])
    page = client.get(reverse("finance:budget", args=[helgeland["budget"].pk])).content.decode()
    assert "data-pending" not in page and "data-pdf-status" not in page
    assert 'value="0"' in page


def test_the_job_is_safe_to_run_twice(helgeland, secretary):
    run = IssueRun.objects.create(budget=helgeland["budget"], started_by=secretary)
    assert issue_budget_invoices(run.pk) == 17
    assert issue_budget_invoices(run.pk) == 0
    second = IssueRun.objects.create(budget=helgeland["budget"], started_by=secretary)
    assert issue_budget_invoices(second.pk) == 0
    assert Invoice.objects.count() == 17


def test_a_failed_job_shows_the_reason(helgeland, secretary):
    """R-FIN-8: a buyer without its reference stops the run, which names it."""
    Organisation.objects.filter(number="1816").update(invoice_reference="")
    run = IssueRun.objects.create(budget=helgeland["budget"], started_by=secretary)
    issue_budget_invoices(run.pk)
    run.refresh_from_db()
    assert run.state == "failed"
    assert "1816 Vevelstad" in run.error
    assert Invoice.objects.count() == 0


def test_r_fin_6_pdf_holds_amount_kid_and_both_organisation_numbers(helgeland, media):
    invoices = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])
    rana = next(i for i in invoices if i.buyer_name == "Rana")
    assert render_now("finance.invoice", rana.pk) is True
    stored = StoredPdf.objects.get(kind="finance.invoice", object_id=rana.pk)
    with stored.file.open("rb") as handle:
        data = handle.read()
    text = pdf_text(data)
    assert "212\xa0565" in text or "212 565" in text
    assert rana.kid in text
    assert Organisation.objects.get(number="1833").organisation_number in text
    assert Organisation.objects.get(number="1824").organisation_number in text
    assert "45000000039" in text
    assert "2023" in text
    reader = PdfReader(io.BytesIO(data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_issuing_cannot_start_twice_but_a_lost_run_can_be_replaced(helgeland, secretary):
    budget = helgeland["budget"]
    with time_machine.travel(datetime.datetime(2023, 1, 16, 9, tzinfo=datetime.UTC)):
        start_issuing(budget, acting_user=secretary)  # its job waits for a commit never made
        with pytest.raises(FinanceError, match="allerede"):
            start_issuing(budget, acting_user=secretary)
    with time_machine.travel(datetime.datetime(2023, 1, 16, 9, 20, tzinfo=datetime.UTC)):
        start_issuing(budget, acting_user=secretary)
    assert IssueRun.objects.count() == 2
