"""Finance officers see their own municipality's invoices and nothing else."""

import datetime

import pytest
from django.urls import reverse

from common.documents import render_now
from finance.models import Invoice
from finance.services import credit_and_reissue

from . import factories


@pytest.fixture
def invoiced(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    factories.give_population(cast.municipality_x, 26092)
    factories.give_population(cast.municipality_y, 13233)
    factories.partnership(cast.municipality_y)
    secretariat = cast.users["secretariat"]
    _budget, invoices = factories.issued_budget(secretariat)
    x = next(i for i in invoices if i.municipality == cast.municipality_x)
    y = next(i for i in invoices if i.municipality == cast.municipality_y)
    credit, replacement = credit_and_reissue(x, acting_user=secretariat,
                                             today=datetime.date(2023, 2, 1))
    for invoice in (x, y, credit, replacement):
        render_now("finance.invoice", invoice.pk)
    return {"x": x, "y": y, "credit": credit, "replacement": replacement}


def test_finance_officer_lists_own_invoices_and_credit_notes_only(cast, invoiced):
    html = cast.client("fin_x").get(reverse("finance:invoices")).content.decode()
    for invoice in ("x", "credit", "replacement"):
        assert f'href="{invoiced[invoice].get_absolute_url()}"' in html
    assert f'href="{invoiced["y"].get_absolute_url()}"' not in html
    assert "Vefsn" not in html.split("<tbody>")[1]


def test_finance_officer_sees_the_calculation_and_downloads_the_pdf(cast, invoiced):
    client = cast.client("fin_x")
    html = client.get(invoiced["x"].get_absolute_url()).content.decode()
    assert "26\xa0092 av 39\xa0325 innbyggere per 1. januar 2022" in html
    assert invoiced["x"].kid in html
    assert "Merk som betalt" not in html
    assert "Krediter og utsted" not in html
    response = client.get(reverse("finance:invoice_pdf", args=[invoiced["x"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_guessing_another_municipalitys_invoice_gives_404(cast, invoiced):
    client = cast.client("fin_x")
    for url in (reverse("finance:invoice", args=[invoiced["y"].pk]),
                reverse("finance:invoice_pdf", args=[invoiced["y"].pk]),
                reverse("finance:invoice", args=[Invoice.objects.latest("pk").pk + 1])):
        assert client.get(url).status_code == 404


def test_invoice_pages_and_pdfs_are_never_cached(cast, invoiced):
    client = cast.client("fin_x")
    for url in (reverse("finance:invoices"), invoiced["x"].get_absolute_url(),
                reverse("finance:invoice_pdf", args=[invoiced["x"].pk]), reverse("start")):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)  # reading to the end closes the file
        assert "no-store" in response["Cache-Control"]


def test_start_panel_shows_latest_invoices_and_open_amount(cast, invoiced):
    html = cast.client("fin_x").get(reverse("start")).content.decode()
    panel = html.split('id="panel-invoices"')[1].split("</section>")[0]
    # The first invoice is credited; only its replacement is open.
    assert "Utestående beløp: <strong>kr\xa0467\xa0130</strong>" in panel
    assert invoiced["replacement"].total == 467130
    assert f'href="{invoiced["credit"].get_absolute_url()}"' in panel
    assert f'href="{invoiced["y"].get_absolute_url()}"' not in panel


def test_secretariat_can_record_payment_and_correct_from_the_invoice_page(cast, invoiced):
    html = cast.client("secretariat").get(invoiced["y"].get_absolute_url()).content.decode()
    assert "Merk som betalt" in html
    assert "Krediter og utsted" in html
