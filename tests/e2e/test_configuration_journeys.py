"""Helgeland and Møre og Romsdal set up and run in a browser from a bare database and one
superuser: the same steps and data as tests/configurations, through the pages as a person
uses them."""

import os

import pytest

from members.models import User
from tests.configurations.browser import BrowserSecretariat
from tests.configurations.driver import run_a_year
from tests.configurations.partnerships import HELGELAND, MORE_OG_ROMSDAL

from .conftest import Journey

pytestmark = pytest.mark.skipif(not os.environ.get("E2E"), reason="browser journeys: E2E=1")
PASSWORD = "et-langt-passord-for-sjefen"  # noqa: S105
YEAR = 2027


@pytest.fixture
def bare_journey(browser, live_server, transactional_db, request, settings, pdf_once):
    settings.SITE_URL = live_server.url
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Journey(page, live_server.url, request.node.name)
    context.close()


def _superuser():
    """`createsuperuser` and nothing more: the second factor is set up on the first login."""
    user = User.objects.create_superuser("sjef@helsefellesskap.example", PASSWORD)
    user.test_password = PASSWORD
    return user


class _NoCapture:
    """The live server commits for real: the work after each commit runs by itself."""

    def __call__(self, execute=True):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


# Helgeland is the plain partnership with the 20/80 model; Møre og Romsdal adds regional councils
# with an LSU each, ten FSUs, a secretariat with members appointed per council, and a 50/50 split.
@pytest.mark.parametrize("partnership", [HELGELAND, MORE_OG_ROMSDAL], ids=["helgeland", "more"])
def test_a_partnership_is_set_up_and_run_in_the_browser(bare_journey, partnership):
    result = run_a_year(None, _superuser(), partnership, YEAR, _NoCapture(),
                        secretariat_class=lambda _client, user, p, year, after: (
                            BrowserSecretariat(bare_journey, user, p, year, after)))
    assert result["meeting"].minutes.get().published_at is not None
    assert len(result["invoices"]) == sum(len(m) for m in partnership.councils.values())
