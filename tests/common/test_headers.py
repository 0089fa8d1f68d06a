"""Security headers and cookies on every page (issue 7, Hardening)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from common.middleware import PERMISSIONS_POLICY
from tests.conftest import PASSWORD
from tests.totp import sign_in

EXPECTED_CSP = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
    "img-src": "'self' data:", "object-src": "'none'", "base-uri": "'none'",
    "frame-ancestors": "'none'", "form-action": "'self'",
}


def policy(header):
    """The directives of a Content-Security-Policy header (their order carries no meaning)."""
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_pages_send_every_security_header(client, db):
    response = client.get(reverse("home"), secure=True)
    assert response.status_code == 200
    assert policy(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_error_pages_send_the_policy_too(client, db):
    response = client.get("/finnes-ikke/", secure=True)
    assert response.status_code == 404
    assert policy(response["Content-Security-Policy"]) == EXPECTED_CSP


def test_plain_http_is_sent_to_https_except_the_health_check(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("home"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    assert client.get(reverse("common:healthz")).status_code == 200


def test_cookies_are_secure_host_only_and_http_only(client, cast):
    login_page = client.get(reverse("account_login"), secure=True)
    csrf = login_page.cookies["__Host-csrftoken"]
    assert (csrf["secure"], csrf["path"], csrf["domain"], csrf["samesite"]) == (
        True, "/", "", "Lax")
    response = sign_in(client, cast.users["secretariat"], PASSWORD, secure=True)
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert (session["secure"], session["httponly"], session["path"], session["domain"],
            session["samesite"]) == (True, True, "/", "", "Lax")
    assert session["max-age"] == 12 * 60 * 60
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"},
                           secure=True).cookies["__Host-language"]
    assert (language["secure"], language["httponly"], language["path"]) == (True, True, "/")


def test_audit_log_is_never_cached(secretariat_client):
    response = secretariat_client.get(reverse("common:audit_log"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_production_settings_pass_the_deploy_check():
    """`manage.py check --deploy` with production settings gives no warning at all."""
    # Only production's variables: no development or test switches (DJANGO_*) leak in.
    inherited = {name: value for name, value in os.environ.items()
                 if not name.startswith("DJANGO_") and name not in {"DEBUG", "SECRET_KEY"}}
    env = {
        **inherited, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org", "DJANGO_SETTINGS_MODULE": "helsefellesskap.settings",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py with the running interpreter
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "System check identified no issues (0 silenced).\n", "")


# Inline code the policy above would block. PDF and e-mail templates are exempt: no browser
# applies the policy to them (PDFs carry their print styles inline, e-mails need them).
INLINE_CODE = {
    "inline <script>": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I),
    "<style> element": re.compile(r"<style[\s>]", re.I),
    "style= attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "on… event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def page_templates():
    root = Path(settings.BASE_DIR)
    folders = [root / "templates", *root.glob("*/templates")]
    for folder in folders:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(folder).as_posix()
            if "pdf" not in relative and "mail" not in relative:
                yield path


def test_no_template_has_inline_script_or_style():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {what}"
        for path in page_templates()
        for what, pattern in INLINE_CODE.items()
        if pattern.search(path.read_text())
    ]
    assert found == []
    assert len(list(page_templates())) > 20  # the scan does see the templates


def test_the_scan_catches_inline_code():
    samples = {
        "inline <script>": "<script>alert(1)</script>",
        "<style> element": "<style>p{}</style>",
        "style= attribute": '<p class="x" style="color:red">',
        "on… event handler": '<button type="button" onclick="go()">',
        "javascript: URL": '<a href="javascript:go()">',
    }
    for what, sample in samples.items():
        assert INLINE_CODE[what].search(sample), what
    allowed = ['<script src="/static/app.js"></script>', '<script type="application/json">',
               '<p class="one">', "<p>Stil og form</p>"]
    for sample in allowed:
        assert not any(pattern.search(sample) for pattern in INLINE_CODE.values()), sample
