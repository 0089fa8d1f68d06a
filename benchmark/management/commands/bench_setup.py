import json
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from members.models import User

# Apps add their key pages for the benchmark: pages(users) -> [(label, path, role)], and
# may time PDF work with pdf_work(users, raw_render) -> rows (see bench_pdf).
BENCH_MODULES = ["benchmark.pages_meetings", "benchmark.pages_agreements",
                 "benchmark.pages_finance"]
# The pages every run measures besides the apps' key pages.
PAGES = [
    ("reference page", "/ytelse/referanse/", "secretariat"),
    ("robots.txt", "/robots.txt", "visitor"),
    ("start page, secretariat", "/start/", "secretariat"),
    ("member register", "/medlemmer/", "secretariat"),
]
ROLES = {"secretariat": "sekretariat@skala.example",
         "representative": "representant@skala.example",
         "finance_officer": "okonomi@skala.example"}


def key_pages(users):
    """[(label, path, role)] of every page the benchmark measures."""
    pages = list(PAGES)
    for name in BENCH_MODULES:
        pages += import_module(name).pages(users)
    return pages


def bench_users():
    return {role: User.objects.get(email=email) for role, email in ROLES.items()}


class Command(BaseCommand):
    help = ("Sessions, key page paths and each page's query count for the benchmark, as JSON "
            "(used by benchmark/run.py).")

    def handle(self, *args, **options):
        users = bench_users()
        cookies = {role: _browser_cookies(user) for role, user in users.items()}
        cookies["visitor"] = _browser_cookies(None)
        pages = key_pages(users)
        pdf = any(hasattr(import_module(name), "pdf_work") for name in BENCH_MODULES)
        queries = {label: _query_count(path, cookies[role]) for label, path, role in pages}
        self.stdout.write(json.dumps({"cookies": cookies, "pages": pages, "pdf": pdf,
                                      "queries": queries}))


def _query_count(path, cookie):
    """The queries of one request of the page, as the benchmark's browser sends it."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load(cookie)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # A wrapper, not the debug query log, which every request's start empties.
    with connection.execute_wrapper(count):
        response = client.get(path, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(queries)


def _browser_cookies(user):
    """The Cookie header of a browser in which the user has logged in and seen the start page
    (a session and a CSRF secret, as a browser sends them); without a user, of a visitor who
    has seen the public calendar before."""
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    response = client.get("/start/" if user else "/moter/offentlig/kalender/", secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"the first page answered {response.status_code}")
    names = [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]
    return "; ".join(f"{name}={client.cookies[name].value}" for name in names
                     if name in client.cookies)
