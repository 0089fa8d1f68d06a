"""Journeys of finance: the secretariat follows this year's budget of the demo (seed 003's) to
its invoices; a finance officer downloads their own invoice and is refused another
municipality's."""

import io
import zipfile

from django.urls import reverse
from lxml import etree
from playwright.sync_api import expect
from pypdf import PdfReader

from common.models import AuditEvent
from finance.ehf import NS
from finance.models import Budget, Invoice
from meetings.demo_calendar import budget_year, today


def test_secretariat_follows_the_budget_to_allocation_and_invoices(journey):
    page = journey.login("sekretariat@helgeland.example")
    journey.menu("Økonomi", "Budsjetter")
    year = budget_year(today())
    # The year has a budget for the whole partnership and one for a regional pool.
    whole = Budget.objects.get(year=year, pool__isnull=True)
    journey.follow(page.get_by_role("link", name=str(year)).and_(
        page.locator(f'[href="{whole.get_absolute_url()}"]')))
    expect(page.get_by_role("cell", name="kr 740 539")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Andeler per kommune"))
    expect(page.get_by_role("row", name="1833 Rana 26 092 kr 8 712 kr 203 852 kr 212 565")) \
        .to_be_visible()
    expect(page.get_by_role("img", name=f"Andel per kommune {year}")).to_be_visible()
    journey.menu("Økonomi", "Fakturaer")
    journey.follow(page.get_by_role("link", name="15", exact=True))
    expect(page.get_by_role("heading", name="Faktura 15 – Lurøy")).to_be_visible()


def test_finance_officer_downloads_their_invoice_and_is_refused_another(journey):
    page = journey.login("okonomi.rana@helgeland.example")
    expect(page.get_by_role("heading", name="Kommunens fakturaer")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Alle fakturaer"))
    journey.follow(page.get_by_role("link", name="14", exact=True))
    expect(page.get_by_text("0000000141")).to_be_visible()
    pdf = journey.download(page.get_by_role("link", name="Last ned PDF"))
    assert (pdf.headers["content-type"], pdf.body()[:4]) == ("application/pdf", b"%PDF")
    assert "faktura" in pdf.headers["content-disposition"].lower()

    # Vefsn's invoice: not in the list, and typing its address answers as if it did not exist.
    vefsn = Invoice.objects.get(municipality__number="1824", credited_invoice=None)
    expect(page.get_by_role("link", name=str(vefsn.number), exact=True)).to_have_count(0)
    for url in (reverse("finance:invoice", args=[vefsn.pk]),
                reverse("finance:invoice_pdf", args=[vefsn.pk])):
        journey.open(url, status=404)
        expect(page.get_by_role("heading", name="Fant ikke siden")).to_be_visible()
        expect(page.get_by_text("Vefsn")).to_have_count(0)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_REFUSED,
                                     actor_email="okonomi.rana@helgeland.example").count() == 2


def test_finance_officer_downloads_their_ehf_and_pdf(journey):
    """R-FIN-7: the EHF document and the PDF of the municipality's own invoice."""
    page = journey.login("okonomi.rana@helgeland.example")
    journey.follow(page.get_by_role("link", name="Alle fakturaer"))
    journey.follow(page.get_by_role("link", name="14", exact=True))
    ehf = journey.download(page.get_by_role("link", name="Last ned EHF (XML)"))
    assert ehf.headers["content-type"] == "application/xml"
    assert 'filename="faktura-14.xml"' in ehf.headers["content-disposition"]
    root = etree.fromstring(ehf.body())
    assert root.findtext("cbc:ID", namespaces=NS) == "14"
    assert root.findtext("cbc:BuyerReference", namespaces=NS) == "Helsefellesskap/1833"
    pdf = journey.download(page.get_by_role("link", name="Last ned PDF"))
    assert pdf.body()[:4] == b"%PDF"
    attachments = PdfReader(io.BytesIO(pdf.body())).attachments
    assert attachments == {"faktura-14.xml": [ehf.body()]}


def test_secretariat_issues_a_regional_pools_invoices_and_downloads_the_years_zip(journey):
    """R-FIN-9: a budget for Helgelandsrådet's municipalities, with lines added on the page,
    adopted and issued; then every document of the year in one ZIP."""
    year, issued_on = budget_year(today()), today().isoformat()
    page = journey.login("sekretariat@helgeland.example")
    journey.menu("Økonomi", "Budsjetter")
    journey.follow(page.get_by_role("link", name="Nytt budsjett"))
    page.get_by_label("Budsjettår").fill(str(year))
    page.get_by_label("Region").select_option(label="Helgelandsrådet")
    page.get_by_label("Kostnadsmodell").select_option(label="Helgeland 20/80")
    page.locator("#id_lines-0-description").fill("Felles koordinator")
    page.locator("#id_lines-0-amount").fill("300000")
    page.get_by_role("button", name="Legg til en linje").click()
    page.locator("#id_lines-1-description").fill("Reiser")
    page.locator("#id_lines-1-amount").fill("20001")
    journey.check("lines added")
    journey.follow(page.get_by_role("button", name="Lagre"))
    expect(page.get_by_role("heading", name=f"Budsjett {year}, Helgelandsrådet")).to_be_visible()
    expect(page.get_by_role("cell", name="kr 320 001")).to_have_count(2)
    page.get_by_label("Vedtatt i sak").fill(f"Helgelandsrådet sak 4/{year - 1}")
    page.get_by_label("Dato for vedtaket").fill(f"{year - 1}-12-01")
    journey.follow(page.get_by_role("button", name="Vedta"))
    page.get_by_label("Fakturadato").fill(issued_on)
    journey.follow(page.get_by_role("button", name="Utsted fakturaene"))
    budget = Budget.objects.get(year=year, pool__name="Helgelandsrådet")
    invoices = list(budget.invoices.order_by("number"))
    assert len(invoices) == 10 and sum(i.total for i in invoices) == 320001
    assert {i.issued_on.isoformat() for i in invoices} == {issued_on}
    page.reload()
    journey.check("issued")
    expect(page.get_by_text("10 fakturaer utstedt")).to_be_visible()
    archive = journey.download(page.get_by_role(
        "link", name=f"Last ned alle EHF-dokumenter og PDF-er for {year} (ZIP)"))
    names = set(zipfile.ZipFile(io.BytesIO(archive.body())).namelist())
    every = Invoice.objects.filter(year=year)
    assert names == {f"ehf/{i.ehf_filename}" for i in every} | {
        f"pdf/{i.pdf_filename}" for i in every}
    # The demo's 17 invoices with a credit note and its new invoice, Indre Helgeland's pool of
    # the demo, and this one.
    assert len(names) == 2 * (17 + 2 + 7 + 10)
