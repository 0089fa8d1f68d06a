"""Browser journeys: Debian's chromium driven by Playwright against a live server holding the
demo data. Every page a journey visits is checked with axe-core (WCAG 2.1 A and AA) and
photographed into test-artifacts/e2e/."""

import hashlib
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from members.demo import DEMO_TOTP_SECRET
from tests.oidc import OidcProvider
from tests.totp import totp

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PASSWORD = "helgeland-demo"  # noqa: S105
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the main thread; the database calls the
    # tests make there are still plain synchronous ones, which Django would otherwise refuse.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def pdf_once():
    """Each journey loads the same demo, whose ~40 PDFs are the same every time: render each
    distinct document once per run instead of once per journey."""
    from common import documents

    rendered = {}
    render = documents.html_to_pdf

    def html_to_pdf(html, variant="pdf/a-2a"):
        key = (variant, hashlib.sha256(html.encode()).hexdigest())
        if key not in rendered:
            rendered[key] = render(html, variant=variant)
        return rendered[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents, "html_to_pdf", html_to_pdf)
        yield


@pytest.fixture
def demo(transactional_db, pdf_once):
    call_command("load_demo", verbosity=0)


class Journey:
    """A browser page that checks accessibility and keeps a screenshot of every step."""

    def __init__(self, page, base_url, name):
        self.page = page
        self.base_url = base_url
        self.folder = ARTIFACTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.steps = 0
        self.visited = []

    def open(self, path, status=200):
        """Go to an address as if typed; the answer must have the expected status."""
        response = self.page.goto(self.base_url + path)
        assert response.status == status, (path, response.status)
        return self.check()

    def check(self, label=None):
        """axe-core on the current page: zero WCAG 2.1 A/AA violations; then a screenshot."""
        self.page.wait_for_load_state("load")
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
        violations = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        self.steps += 1
        path = self.page.url[len(self.base_url):]
        slug = re.sub(r"[^a-z0-9]+", "-", (label or path).lower()).strip("-")
        self.page.screenshot(path=str(self.folder / f"{self.steps:02d}-{slug[:60]}.png"),
                             full_page=True)
        self.visited.append(self.page.url)
        assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
        return self.page

    def follow(self, locator, label=None):
        """Click a link or button that loads a page, then check the new page."""
        with self.page.expect_navigation():
            locator.click()
        return self.check(label)

    def menu(self, section, link, label=None):
        """Open a section of the main menu and follow one of its links, as a person does."""
        nav = self.page.get_by_role("navigation", name="Hovedmeny")
        nav.get_by_role("button", name=section, exact=True).click()
        return self.follow(nav.get_by_role("link", name=link, exact=True), label)

    def press(self, key, label=None):
        """Press a key that submits a form or follows a link, then check the new page."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        return self.check(label)

    def tab_to(self, label, limit=60):
        """Move the focus with the Tab key alone until it reaches the field labelled `label`."""
        target = self.page.get_by_label(label)
        for _step in range(limit):
            self.page.keyboard.press("Tab")
            if target.evaluate("element => element === document.activeElement"):
                return
        raise AssertionError(f"Tab never reached {label!r}")

    def download(self, link):
        """The file behind a link, fetched with the browser's session. (Chromium shows a PDF in
        its viewer instead of handing the file over, so the link is not clicked.)"""
        response = self.page.request.get(self.base_url + link.get_attribute("href"))
        assert response.status == 200, response.status
        return response

    def login(self, email):
        self.open("/konto/logg-inn/")
        self.page.get_by_label("E-post").fill(email)
        self.page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page = self.follow(self.page.get_by_role("button", name="Logg inn", exact=True))
        if page.url.endswith("/konto/totrinn/kode/"):  # the secretariat's second factor
            return self.enter_code(DEMO_TOTP_SECRET)
        return page

    def enter_code(self, secret, label="Kode"):
        """The code an authenticator app with `secret` shows, as a person types it."""
        self.page.get_by_label(label, exact=True).fill(fresh_code(secret))
        return self.follow(self.page.get_by_role(
            "button", name="Logg inn" if label == "Kode" else "Aktiver", exact=True), "code")


USED_PERIODS = {}


def fresh_code(secret):
    """A code not used yet: each is accepted once (a reused one is refused), so a second
    login within the same 30 seconds waits for the next one, as a person would. A code in
    its last seconds is waited out too: the server accepts the current period's code only
    (allauth's tolerance is 0), and typing and sending it may cross into the next."""
    period = int(time.time()) // 30
    remaining = 30 - time.time() % 30
    if USED_PERIODS.get(secret) == period or remaining < 5:
        time.sleep(remaining + 0.5)
        period = int(time.time()) // 30
    USED_PERIODS[secret] = period
    return totp(secret)


@pytest.fixture(scope="session")
def identity_provider(live_server):
    """The partners' login (Entra ID, ID-porten) stood in for by a real local provider."""
    provider = OidcProvider(live_server.url).start()
    yield provider
    provider.stop()


@pytest.fixture
def journey(browser, live_server, demo, request, settings):
    settings.SITE_URL = live_server.url  # links in e-mails lead to the server under test
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield Journey(page, live_server.url, request.node.name)
    context.close()
