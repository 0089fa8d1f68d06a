"""Request bodies over the limit are refused before they are read (security review 2, finding 9)."""

import re
import socket
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent
MB = 1024 * 1024


def test_a_body_declared_over_the_limit_is_refused_unread(client):
    response = client.generic(
        "POST", reverse("account_login"), b"login=a", content_type="multipart/form-data; "
        "boundary=x", CONTENT_LENGTH=str(300 * MB))
    assert response.status_code == 413
    assert response.content.decode() == "Forespørselen er for stor."


@pytest.mark.django_db
def test_a_body_within_the_limit_reaches_the_form(client):
    response = client.post(reverse("account_login"), {"login": "a@example.org",
                                                      "password": "x" * (2 * MB)})
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_300_mb_post_to_the_live_login_page_is_refused_at_once(live_server):
    """Only the first megabyte is sent: the answer comes without the rest, and nothing was
    spooled to the temporary folder."""
    before = set(Path(tempfile.gettempdir()).iterdir())
    address = urlsplit(live_server.url)
    head = (f"POST {reverse('account_login')} HTTP/1.1\r\nHost: {address.hostname}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {300 * MB}\r\nConnection: close\r\n\r\n").encode()
    part = b'--x\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n'
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(head + part + b"\0" * MB)
        answer = sock.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413")
    spooled = [p for p in set(Path(tempfile.gettempdir()).iterdir()) - before
               if p.suffix == ".upload"]
    assert spooled == []


def test_the_reverse_proxy_has_the_same_limit():
    compose = (ROOT / "docker-compose.yml").read_text()
    proxy = compose[compose.index("\n  proxy:"):compose.index("\n  web:")]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy
    web = compose[compose.index("\n  web:"):compose.index("\n  worker:")]
    assert "ports:" not in web  # reached through the proxy only
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    limit = re.search(r"^\s*client_max_body_size (\d+)m;", conf, re.M)
    assert int(limit[1]) * MB == settings.MAX_REQUEST_BODY_SIZE
    assert "proxy_pass http://web;" in conf
