"""GET /healthz: database, broker and storage, for monitoring."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.urls import reverse


def healthz(client):
    response = client.get(reverse("common:healthz"))
    return response.status_code, response.json()


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own, on a free port (never the machine's shared one)."""
    program = shutil.which("redis-server")
    assert program, "redis-server is missing: install Debian's redis-server (make system-deps)"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [program, "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _attempt in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    client.close()
    yield server, f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def test_all_well_without_a_broker(client, db, settings):
    settings.REDIS_URL = ""
    assert healthz(client) == (200, {"database": "ok", "broker": "in-process", "storage": "ok"})


def test_reports_the_broker_and_its_failure(client, db, settings, redis_server):
    server, url = redis_server
    settings.REDIS_URL = url
    assert healthz(client) == (200, {"database": "ok", "broker": "ok", "storage": "ok"})
    server.terminate()
    server.wait(timeout=10)
    assert healthz(client) == (503, {"database": "ok", "broker": "error", "storage": "ok"})


def test_says_nothing_secret(client, db, settings):
    settings.REDIS_URL = "redis://:sesam-sesam@127.0.0.1:1/0"
    response = client.get(reverse("common:healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert b"sesam" not in response.content
    assert b"127.0.0.1" not in response.content


def test_storage_that_cannot_be_written_is_an_error(client, db, settings, tmp_path):
    settings.REDIS_URL = ""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    assert healthz(client) == (503, {"database": "ok", "broker": "in-process",
                                     "storage": "error"})


def test_is_never_cached_and_needs_no_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"
