"""The finance pages and invoice issuing measured by `make bench` (see bench_setup, bench_pdf).

Issuing runs the product's way: start_issuing queues the run, the Celery worker issues the
invoices and renders their PDFs, and the time is taken until every PDF is ready."""

import time

from common.documents import build_html
from common.models import StoredPdf
from finance.models import Budget, IssueRun
from finance.services import INVOICE_PDF, start_issuing

WAIT_SECONDS = 600


def pages(users):
    return [
        ("invoice list, secretariat", "/okonomi/fakturaer/", "secretariat"),
        ("invoice list, finance officer", "/okonomi/fakturaer/", "finance_officer"),
        ("start page, finance officer", "/start/", "finance_officer"),
    ]


def pdf_work(users, raw_render):
    budget = Budget.objects.filter(status=Budget.Status.ADOPTED).order_by("year").first()
    started = time.perf_counter()
    run = start_issuing(budget, acting_user=users["secretariat"])
    invoices = _wait_for_pdfs(run)
    product = time.perf_counter() - started
    raw = sum(raw_render(build_html(INVOICE_PDF, pk)[0]) for pk in invoices)
    return [{"label": f"issuing {len(invoices)} invoices with their PDFs, through the Celery "
                      "worker as deployed, two processes (product / sum of raw renders, "
                      "one after the other)",
             "product": product, "raw": raw, "ratio": product / raw, "target": "≤ 1.5"}]


def _wait_for_pdfs(run):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.state == IssueRun.State.FAILED:
            raise RuntimeError(f"issuing failed: {run.error}")
        if run.state == IssueRun.State.DONE:
            invoices = list(run.budget.invoices.values_list("pk", flat=True))
            ready = StoredPdf.objects.filter(kind=INVOICE_PDF, object_id__in=invoices,
                                             state=StoredPdf.State.READY).count()
            if ready == len(invoices):
                return invoices
        time.sleep(0.05)
    raise RuntimeError("the Celery worker did not issue the invoices in time")
