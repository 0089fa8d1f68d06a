"""Signing in through the organisation's login and the second factor (issue 18)."""

from playwright.sync_api import expect

from members import accounts
from members.models import User


def test_new_secretary_signs_in_through_the_provider_enrols_and_signs_in_with_a_code(
        journey, identity_provider, settings):
    settings.OIDC_PROVIDERS = [identity_provider.settings_entry(name="Helgelandssykehuset")]
    lead = User.objects.get(email="sekretariat@helgeland.example")
    accounts.invite_user(email="ny.sekretar@helgeland.example", name="Nora Ny",
                         role=User.Role.SECRETARIAT, acting_user=lead)
    page = journey.open("/konto/logg-inn/")
    # The organisation's login comes first, the password form second.
    buttons = page.get_by_role("button").all_inner_texts()
    assert buttons.index("Logg inn med Helgelandssykehuset") < buttons.index("Logg inn")

    def through_the_provider():
        with page.expect_navigation():
            page.get_by_role("button", name="Logg inn med Helgelandssykehuset").click()
        if "/interaction/" in page.url:  # the provider's own page: asks who you are
            page.get_by_label("Account").fill("ny")
            with page.expect_navigation(url="**/konto/**"):
                page.get_by_role("button", name="Sign in").click()
        return journey.check("back from the provider")

    through_the_provider()
    # Before any page of hers: set up the second factor, guided.
    assert page.url.endswith("/konto/totrinn/app/")
    expect(page.get_by_role("heading", name="Sett opp totrinnsbekreftelse")).to_be_visible()
    secret = page.get_by_label("Hemmelighet").input_value()
    journey.enter_code(secret, label="Kode fra appen")
    assert page.url.endswith("/konto/totrinn/reservekoder/")
    journey.open("/start/")
    expect(page.get_by_role("heading", name="Velkommen, Nora Ny")).to_be_visible()
    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")

    journey.open("/konto/logg-inn/")
    through_the_provider()
    assert page.url.endswith("/konto/totrinn/kode/")
    journey.enter_code(secret)
    expect(page.get_by_role("heading", name="Velkommen, Nora Ny")).to_be_visible()
