"""OParl 1.1: the official checker (../shared/standards/validate-oparl) crawls the API of a
running server with the demo data and reports no problem; screened content is not in it."""

import io
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.demo_public import SCREENED_PAPER

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards"


@pytest.fixture
def demo_server(live_server):
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.mark.django_db(transaction=True)
def test_the_official_checker_finds_no_problem_in_the_demo_api(demo_server):
    system = demo_server + reverse("meetings:oparl_system")
    result = subprocess.run([sys.executable, str(STANDARDS / "validate-oparl"), system],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "VALID (0 problems" in result.stdout
    for kind in ("Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
                 "Consultation", "File"):
        assert f" {kind}" in result.stdout.splitlines()[-1]
    # R-PUB-1: the screened attachment of the demo is in no list of the API.
    for kind in ("file", "paper", "agendaitem", "meeting"):
        url = demo_server + reverse("meetings:oparl_list", args=[kind])
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our server
            text = json.dumps(json.loads(response.read()), ensure_ascii=False)
        assert SCREENED_PAPER[0] not in text
