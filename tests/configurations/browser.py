"""The same secretariat at work in a browser: each form the client driver posts is opened,
filled in field by field and submitted with its button, every page checked by the journey
(axe-core and a screenshot). Used by tests/e2e/test_configuration_journeys.py."""

import time_machine
from django.urls import reverse

from .driver import Secretariat

# Forms that post to an address of their own, and the page that holds them.
FORM_PAGES = {
    "meetings:notice_send": "meetings:notice", "meetings:meeting_held": "meetings:attendance",
    "meetings:minutes_start": "meetings:minutes", "meetings:minutes_send": "meetings:minutes",
    "meetings:minutes_publish": "meetings:minutes", "finance:budget_adopt": "finance:budget",
    "finance:budget_issue": "finance:budget",
}


class BrowserSecretariat(Secretariat):
    def __init__(self, journey, user, partnership, year, after_commit):
        super().__init__(None, user, partnership, year, after_commit)
        self.journey = journey

    def sign_in(self):
        self.journey.page.context.clear_cookies()
        self.journey.open("/konto/logg-inn/")
        page = self.journey.page
        page.get_by_label("E-post").fill(self.user.email)
        page.get_by_label("Passord").fill(self.user.test_password)
        self.journey.follow(page.get_by_role("button", name="Logg inn", exact=True))
        if self.totp_secret is None:
            # First login: the product asks for the authenticator app to be set up first.
            assert page.url.endswith(reverse("mfa_activate_totp")), page.url
            self.totp_secret = page.get_by_label("Hemmelighet").input_value()
            self.journey.enter_code(self.totp_secret, label="Kode fra appen")
        else:
            self.journey.enter_code(self.totp_secret)

    def travel(self, when):
        # The live server and the browser share this clock; it runs on from `when`.
        return time_machine.travel(when, tick=True)

    def read(self, name, *args):
        return self.journey.open(reverse(name, args=args)).content()

    def post(self, name, data, *args, expect=302, query=""):
        page = self.journey.open(reverse(FORM_PAGES.get(name, name), args=args) + query)
        if name in FORM_PAGES:
            form = page.locator(f'form[action="{reverse(name, args=args)}"]')
        else:
            first = next(key for key in data if not key.endswith("_FORMS") and key != "action")
            form = page.locator("form", has=page.locator(f'[name="{first}"]'))
        for key, value in data.items():
            self._fill(form, key, value)
        self.journey.follow(form.locator('button[type="submit"]').first, name)
        errors = page.locator(".is-invalid, .alert-danger, .invalid-feedback:visible")
        if expect == 200:  # turned down: the form is back with its message
            assert errors.count() > 0, (name, page.url)
        else:
            assert errors.count() == 0, (name, page.locator("main").inner_text()[:1500])
        return page

    def refused(self, name, data, *args):
        return self.post(name, data, *args, expect=200).locator("main").inner_text()

    def _fill(self, form, key, value):
        field = form.locator(f'[name="{key}"]')
        if field.count() == 0 and key.startswith("lines-"):
            # A second budget line: the page's button adds its row.
            form.get_by_role("button", name="Legg til en linje").click()
        if field.count() == 0:
            assert key.endswith("_FORMS") or key == "action", key
            return
        kind = field.first.get_attribute("type")
        tag = field.first.evaluate("element => element.tagName")
        if kind == "hidden":
            return
        if tag == "SELECT":
            field.select_option(value=str(value))
        elif kind == "checkbox":
            field.check()
        else:
            field.fill(str(value))
