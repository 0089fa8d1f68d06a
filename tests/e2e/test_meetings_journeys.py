"""Journeys of meetings part 1: the secretariat's body, meeting and notice pages, and a
representative who reads their meetings and proposes a case."""

from playwright.sync_api import expect

from meetings.models import Case


def test_secretariat_walks_from_the_body_to_the_notice(journey):
    page = journey.login("sekretariat@helgeland.example")
    expect(page.get_by_role("heading", name="Møteregler")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Organer"))
    journey.follow(page.get_by_role("link", name="Strategisk samarbeidsutvalg (SSU)"))
    expect(page.get_by_role("heading", name="Sakskø")).to_be_visible()
    journey.follow(page.get_by_role("link", name="torsdag 3. desember 2026 10:00"))
    expect(page.get_by_role("cell", name="Sak 5/2026")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Innkalling og e-postlogg"))
    expect(page.get_by_role("heading", name="E-postlogg")).to_be_visible()


def test_representative_proposes_a_case_and_the_secretariat_declines_it(journey):
    page = journey.login("representant@helgeland.example")
    expect(page.get_by_role("heading", name="Dine neste møter")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Mine organer"))
    journey.follow(page.get_by_role("link", name="Strategisk samarbeidsutvalg (SSU)"))
    journey.follow(page.get_by_role("link", name="Foreslå en sak"))
    page.get_by_label("Tittel").fill("Felles opplæring i legemiddelhåndtering")
    page.get_by_label("Bakgrunn").fill("Avvik ved overføring av legemiddellister.")
    journey.follow(page.get_by_role("button", name="Lagre"), "proposed")
    expect(page.get_by_text("Takk. Saken venter nå på sekretariatet.")).to_be_visible()
    case = Case.objects.get(title="Felles opplæring i legemiddelhåndtering")

    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")
    page = journey.login("sekretariat@helgeland.example")
    journey.open(f"/moter/sak/{case.pk}/behandle/")
    page.get_by_label("Begrunnelse forslagsstilleren ser").nth(1).fill("Tas i FSU")
    journey.follow(page.get_by_role("button", name="Bekreft").nth(2), "declined")
    case.refresh_from_db()
    assert (case.status, case.triage_note) == ("declined", "Tas i FSU")
