"""Journeys of finance: the secretariat follows the 2023 budget to its invoices; a finance
officer downloads their own invoice and is refused another municipality's."""

from django.urls import reverse
from playwright.sync_api import expect

from common.models import AuditEvent
from finance.models import Invoice


def test_secretariat_follows_the_budget_to_allocation_and_invoices(journey):
    page = journey.login("sekretariat@helgeland.example")
    journey.follow(page.get_by_role("link", name="Budsjetter"))
    journey.follow(page.get_by_role("link", name="2023"))
    expect(page.get_by_role("cell", name="kr 740 539")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Andeler per kommune"))
    expect(page.get_by_role("row", name="1833 Rana 26 092 kr 8 712 kr 203 852 kr 212 565")) \
        .to_be_visible()
    expect(page.get_by_role("img", name="Andel per kommune 2023")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Fakturaer"))
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
