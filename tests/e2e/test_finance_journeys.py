"""Journeys of finance: the secretariat follows the 2023 budget to its invoices; a finance
officer reads their own invoice."""

from playwright.sync_api import expect


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


def test_finance_officer_reads_their_invoice(journey):
    page = journey.login("okonomi.rana@helgeland.example")
    expect(page.get_by_role("heading", name="Kommunens fakturaer")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Alle fakturaer"))
    journey.follow(page.get_by_role("link", name="14", exact=True))
    expect(page.get_by_text("0000000141")).to_be_visible()
