"""Sign-in through a real OpenID Connect provider (tests/oidc), driven over HTTP from our
login page to the provider and back: authorization code flow with PKCE (issue 18)."""

import base64
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount

from common.models import AuditEvent
from members import accounts
from members.models import User
from tests.conftest import PASSWORD
from tests.oidc import OidcProvider

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def provider(live_server):
    idp = OidcProvider(live_server.url).start()
    yield idp
    idp.stop()


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The live server speaks plain HTTP: cookies without Secure, which needs TLS."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME = "sessionid", "csrftoken"


@pytest.fixture
def providers(settings, provider):
    settings.OIDC_PROVIDERS = [provider.settings_entry()]
    return settings.OIDC_PROVIDERS


class Browser:
    """A person's browser: cookies per site, redirects followed, every hop kept."""

    def __init__(self, site):
        self.site = site
        self.http = requests.Session()
        self.hops = []

    def get(self, url, **kwargs):
        return self._keep(self.http.get(url, timeout=20, **kwargs))

    def post(self, url, data, **kwargs):
        return self._keep(self.http.post(url, data=data, timeout=20, **kwargs))

    def _keep(self, response):
        self.hops += [hop.url for hop in response.history] + [response.url]
        return response

    def sign_in_with(self, provider_id, account):
        return self.through_provider(self.get(f"{self.site}/konto/logg-inn/"), provider_id,
                                     account)

    def through_provider(self, page, provider_id, account):
        """Press the page's button for the provider and sign in there as `account`."""
        form = re.search(rf'action="(/konto/oidc/{provider_id}/\?[^"]*)"', page.text)
        page = self.post(f"{self.site}{form[1].replace('&amp;', '&')}", {
            "csrfmiddlewaretoken": self.http.cookies["csrftoken"]})
        assert "/interaction/" in page.url, page.text[:500]
        action = re.search(r'action="([^"]+)"', page.text)[1]
        return self.post(f"{urlsplit(page.url)._replace(path='', query='').geturl()}{action}",
                         {"login": account})

    def sign_in_with_password(self, email):
        self.get(f"{self.site}/konto/logg-inn/")
        return self.post(f"{self.site}/konto/logg-inn/", {
            "login": email, "password": PASSWORD,
            "csrfmiddlewaretoken": self.http.cookies["csrftoken"]})

    def follow_link(self, page, label):
        """Open the link of `page` whose text (or title) is `label`."""
        link = re.search(rf'href="([^"]+)"[^>]*>{re.escape(label)}</a>'
                         rf'|href="([^"]+)" title="{re.escape(label)}"', page.text)
        assert link, f"no link «{label}» on {page.url}"
        return self.get(f"{self.site}{link[1] or link[2]}")

    @property
    def callback(self):
        return next(url for url in self.hops if "/tilbake/" in url)

    @property
    def authorize(self):
        return next(url for url in self.hops if "/auth?" in url)

    def signed_in(self):
        return self.get(f"{self.site}/start/").url == f"{self.site}/start/"


def test_the_login_page_offers_the_providers_first(cast, live_server, providers):
    page = requests.get(f"{live_server.url}/konto/logg-inn/", timeout=10).text
    assert page.index("Logg inn med Test-ID") < page.index('name="password"')


def test_an_invited_person_signs_in_and_is_known_by_subject_afterwards(
        cast, live_server, providers, provider):
    secretariat = cast.users["secretariat"]
    invited = accounts.invite_user(email="rep.a+ny@example.org", name="Kari Nordmann",
                                   role=User.Role.FINANCE_OFFICER,
                                   municipality=cast.municipality_x, acting_user=secretariat)
    User.objects.filter(pk=cast.users["rep_a"].pk).delete()
    accounts.change_access(invited, acting_user=secretariat)
    User.objects.filter(pk=invited.pk).update(email="rep.a@example.org")

    browser = Browser(live_server.url)
    page = browser.sign_in_with("testidp", "kari")
    assert page.url == f"{live_server.url}/start/", page.text[:300]
    authorize = parse_qs(urlsplit(browser.authorize).query)
    assert authorize["code_challenge_method"] == ["S256"]
    assert len(authorize["code_challenge"][0]) == 43
    assert browser.signed_in()
    link = SocialAccount.objects.get()
    assert (link.user_id, link.provider, link.uid) == (invited.pk, "testidp", "kari")

    # Later sign-ins match the provider's subject, whatever the address says now.
    User.objects.filter(pk=invited.pk).update(email="kari.nordmann@example.org")
    again = Browser(live_server.url)
    assert again.sign_in_with("testidp", "kari").url == f"{live_server.url}/start/"
    steps = list(AuditEvent.objects.filter(action="login").values_list("actor", "details"))
    assert steps == [(invited.pk, {"steps": ["socialaccount:testidp"]})] * 2
    assert AuditEvent.objects.filter(action="provider_linked").count() == 1


def test_a_signed_in_person_connects_id_porten_from_their_account_page(
        cast, live_server, settings, provider):
    """ID-porten sends no address to match (README «Sign-in»): the person signs in by password,
    goes from their name in the menu to the account page's «Innlogging» and connects there."""
    settings.OIDC_PROVIDERS = [provider.settings_entry(
        "idporten", "ID-porten", acr_values="idporten-loa-high")]
    rep_b = cast.users["rep_b"]
    browser = Browser(live_server.url)
    start = browser.sign_in_with_password(rep_b.email)
    assert start.url == f"{live_server.url}/start/"
    account = browser.follow_link(start, "Kontoen din og innlogging")
    assert account.url == f"{live_server.url}/konto/totrinn/"
    connections = browser.follow_link(account, "Innlogging")
    assert connections.url == f"{live_server.url}/konto/innlogging/"
    assert "Ingen innloggingstjeneste er koblet til kontoen din." in connections.text
    assert "Koble til ID-porten" in connections.text

    page = browser.through_provider(connections, "idporten", "ola")
    assert page.url == f"{live_server.url}/konto/innlogging/", page.text[:300]
    assert "ID-porten: " in page.text
    link = SocialAccount.objects.get()
    assert (link.user_id, link.provider, link.uid) == (rep_b.pk, "idporten", "ola")
    assert AuditEvent.objects.filter(action="provider_linked", actor=rep_b).count() == 1

    # From now on ID-porten alone signs the person in.
    again = Browser(live_server.url)
    assert again.sign_in_with("idporten", "ola").url == f"{live_server.url}/start/"

    # The same page disconnects it again (the password still signs in).
    page = browser.post(f"{live_server.url}/konto/innlogging/", {
        "account": link.pk, "csrfmiddlewaretoken": browser.http.cookies["csrftoken"]})
    assert "Ingen innloggingstjeneste er koblet til kontoen din." in page.text
    assert not SocialAccount.objects.exists()
    assert AuditEvent.objects.filter(action="provider_unlinked").count() == 1


def test_an_unknown_person_is_refused_with_a_clear_page(cast, live_server, providers):
    browser = Browser(live_server.url)
    page = browser.sign_in_with("testidp", "stranger")
    assert "Ingen konto for denne innloggingen" in page.text
    assert "be det invitere deg" in page.text
    assert not browser.signed_in()
    assert not User.objects.filter(email="nobody@example.org").exists()
    assert AuditEvent.objects.filter(action="login_failed",
                                     details__reason="unknown_person").exists()


def test_an_unverified_address_links_nothing(cast, live_server, providers):
    browser = Browser(live_server.url)
    browser.sign_in_with("testidp", "unverified")
    assert not browser.signed_in()
    assert not SocialAccount.objects.exists()


def test_the_secretariat_gives_its_second_factor_after_the_provider(
        cast, live_server, providers):
    browser = Browser(live_server.url)
    page = browser.sign_in_with("testidp", "sekretariat")
    assert page.url == f"{live_server.url}/konto/totrinn/kode/"
    assert not browser.signed_in()


def test_id_porten_assurance_level_is_asked_for_and_checked(
        cast, live_server, settings, provider):
    settings.OIDC_PROVIDERS = [provider.settings_entry(
        "idporten", "ID-porten", acr_values="idporten-loa-high")]
    low = Browser(live_server.url)
    page = low.sign_in_with("idporten", "ola-substantial")
    assert parse_qs(urlsplit(low.authorize).query)["acr_values"] == ["idporten-loa-high"]
    assert "Innloggingen ble avvist" in page.text
    assert not low.signed_in()

    high = Browser(live_server.url)
    assert high.sign_in_with("idporten", "ola").url == f"{live_server.url}/start/"
    stored = json.dumps(SocialAccount.objects.get().extra_data)
    assert "24079426587" not in stored  # the national identity number, never in clear
    assert '"pid_hmac"' in stored
    assert "24079426587" not in json.dumps(list(AuditEvent.objects.values_list(
        "object_description", "details")))


def test_a_token_from_another_issuer_is_refused(cast, live_server, settings, provider):
    settings.OIDC_PROVIDERS = [provider.settings_entry(
        "otheridp", "Annen tenant", issuer=f"{provider.issuer}/other-tenant",
        server_url=provider.issuer)]
    browser = Browser(live_server.url)
    page = browser.sign_in_with("otheridp", "kari")
    assert "Innloggingen ble avvist" in page.text
    assert not browser.signed_in()


def test_a_replayed_state_is_refused(cast, live_server, providers):
    first = Browser(live_server.url)
    assert first.sign_in_with("testidp", "kari").url == f"{live_server.url}/start/"
    callback = first.callback
    # The same answer again, in the browser it was meant for (after logging out) ...
    logout = first.get(f"{live_server.url}/konto/logg-ut/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', logout.text)[1]
    first.post(f"{live_server.url}/konto/logg-ut/", {"csrfmiddlewaretoken": token})
    assert not first.signed_in()
    assert "Innloggingen ble avvist" in first.get(callback).text
    assert not first.signed_in()
    # ... and in another one.
    other = Browser(live_server.url)
    assert "Innloggingen ble avvist" in other.get(callback).text
    assert not other.signed_in()
    assert AuditEvent.objects.filter(action="login").count() == 1


class TamperingProxy(BaseHTTPRequestHandler):
    """Between us and the provider's token endpoint: rewrites the ID token's subject."""

    target = None

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        answer = requests.post(self.target, data=body, timeout=10, headers={
            "Content-Type": self.headers["Content-Type"]})
        tokens = answer.json()
        header, payload, signature = tokens["id_token"].split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["sub"] = "sekretariat"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        tokens["id_token"] = f"{header}.{forged}.{signature}"
        content = json.dumps(tokens).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args):
        pass


def test_a_tampered_id_token_is_refused(cast, live_server, settings, provider):
    TamperingProxy.target = f"{provider.issuer}/token"
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), TamperingProxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        settings.OIDC_PROVIDERS = [provider.settings_entry(
            "tampered", "Test-ID", openid_configuration_overrides={
                "token_endpoint": f"http://127.0.0.1:{proxy.server_port}/token"})]
        browser = Browser(live_server.url)
        page = browser.sign_in_with("tampered", "kari")
        assert "Innloggingen ble avvist" in page.text
        assert not browser.signed_in()
        assert not SocialAccount.objects.exists()
    finally:
        proxy.shutdown()
        proxy.server_close()
