"""Every key page of the benchmark makes exactly its number of queries, the same on a small
partnership and on one with three times the years of meetings, invoices and agreement
versions (the benchmark's growth run checks the same at full size)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmark.management.commands.bench_setup import bench_users, key_pages

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.benchmark.urls")]

# Queries of one request, as a browser that has been on the site sends it: the session and
# the user come first on every page behind a login.
QUERIES = {
    "reference page": 4,
    "robots.txt": 0,
    "start page, secretariat": 11,  # the rule warnings as kept, both minutes panels in one
    "member register": 4,
    "meeting page, secretariat": 7,
    "my meetings, representative": 5,
    "public meeting page, returning visitor": 5,  # stored minutes, read through screening
    "follow-up overview, secretariat": 5,
    "body page, secretariat": 11,  # with the mandate, the queue and the warnings as kept
    "agreement as on a date, secretariat": 6,
    "invoice list, secretariat": 5,
    "invoice list, finance officer": 6,
    "start page, finance officer": 6,
}


def counts():
    users = bench_users()
    clients = {"visitor": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    found = {}
    for label, path, role in key_pages(users):
        clients[role].get(path)  # as a browser that has seen the page before
        with CaptureQueriesContext(connection) as queries:
            response = clients[role].get(path)
        assert (label, response.status_code) == (label, 200)
        found[label] = len(queries)
    return found


@pytest.mark.parametrize("history", [1, 3])
def test_key_pages_make_their_exact_number_of_queries(settings, tmp_path, history):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_scale", scale=0.1, history=history, stdout=StringIO())
    assert counts() == QUERIES
