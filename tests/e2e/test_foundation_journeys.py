"""Journeys of the foundation: logging in by role, the register, the population import."""

from playwright.sync_api import expect

from members.models import Person


def test_each_demo_login_lands_on_its_start_page(journey):
    for email, heading in [
        ("sekretariat@helgeland.example", "Folketall 1. januar"),
        ("representant@helgeland.example", "Dine opplysninger"),
        ("okonomi.rana@helgeland.example", "1833 Rana"),
    ]:
        page = journey.login(email)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")


def test_secretariat_reads_the_register_and_switches_to_english(journey):
    page = journey.login("sekretariat@helgeland.example")
    journey.menu("Medlemmer", "Medlemsregister")
    expect(page.get_by_role("cell", name="Herøy (Nordland)")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Rana"))
    expect(page.get_by_role("heading", name="1833 Rana")).to_be_visible()
    journey.follow(page.get_by_role("button", name="English"), "english")
    expect(page.get_by_role("heading", name="Population")).to_be_visible()


def test_population_import_shows_changes_before_saving(journey, tmp_path):
    page = journey.login("sekretariat@helgeland.example")
    journey.menu("Medlemmer", "Folketall")
    journey.follow(page.get_by_role("link", name="Importer fra SSB").first)
    upload = tmp_path / "07459.csv"  # 1.1.2024: a year the demo has no figures for
    upload.write_text('"region";"år";"Personer"\n"1833 Rana";"2024";26154\n', encoding="utf-8")
    page.get_by_label("Fil fra SSB").set_input_files(str(upload))
    journey.follow(page.get_by_role("button", name="Kontroller filen"), "preview")
    expect(page.get_by_role("cell", name="ny")).to_be_visible()
    journey.follow(page.get_by_role("button", name="Lagre tallene"), "saved")
    expect(page.get_by_text("1 folketall ble lagret.")).to_be_visible()


def test_secretariat_adds_a_person_with_the_keyboard_only(journey):
    page = journey.login("sekretariat@helgeland.example")
    journey.open("/medlemmer/personer/ny/")
    page.keyboard.press("Tab")  # the skip link comes first
    page.keyboard.press("Enter")
    page.get_by_label("Navn").focus()
    page.keyboard.type("Turid Hansen")
    page.keyboard.press("Tab")
    page.keyboard.type("turid.hansen@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("75 00 00 00")
    page.keyboard.press("Tab")  # organisation: choose with the arrow keys
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("Rådgiver")
    journey.press("Enter", "saved")
    expect(page.get_by_role("heading", name="Turid Hansen")).to_be_visible()
    assert Person.objects.get(name="Turid Hansen").email == "turid.hansen@example.org"
