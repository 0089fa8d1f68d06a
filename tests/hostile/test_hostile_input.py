"""Hostile and malformed input to every form and every query parameter.

Expected everywhere: a status below 500, no script echoed back unescaped, and when the input
is rejected, no row written anywhere (row counts of every table unchanged). Each form's valid
submission must succeed first, so that the hostile values are tried on a form that works;
each field gets one value of each class (tests/hostile/values.py).
"""

import csv
import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import requests
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import resolve, reverse
from openpyxl import load_workbook

from common.models import AuditEvent
from tests.access.expect import USERS
from tests.conftest import PASSWORD
from tests.test_access_matrix import load_expectations

from . import bombs
from . import forms as registry
from .values import CLASSES, QUERY_CLASSES, SCRIPT_MARKERS, TEXT, value_for

TRIED = {"count": 0}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SKIP_FIELDS = {"csrfmiddlewaretoken"}


class PostForms(HTMLParser):
    """The POST forms of a page: [(action, [field names])]; file fields count."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(((attrs.get("method") or "get").lower(), attrs.get("action"), []))
        elif tag in {"input", "select", "textarea"} and self.forms and attrs.get("name") \
                and attrs.get("type") not in {"submit", "hidden", "button"}:
            self.forms[-1][2].append(attrs["name"])


def test_every_form_with_fields_is_fuzzed(cast):
    """Every page of the URL configuration is read by someone who may see it; a POST form with
    fields on it that is not in tests/hostile/forms.py fails this test."""
    expectations, _builders = load_expectations()
    objects = objects_for(cast)
    listed = ({entry[0] for entry in registry.FORMS} | {entry[0] for entry in registry.UPLOADS}
              | set(registry.NOT_FUZZED))
    missing = set()
    for name, (kwargs, expected) in sorted(expectations.items()):
        readers = [who for who in USERS if expected[who] == 200]
        if not readers:
            continue
        who = "secretariat" if "secretariat" in readers else readers[0]
        url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
        response = cast.client(who).get(url)
        if response.streaming:
            b"".join(response.streaming_content)  # reading to the end closes the file
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = PostForms()
        parser.feed(response.content.decode())
        for method, action, fields in parser.forms:
            if method != "post" or not [f for f in fields if f not in SKIP_FIELDS]:
                continue
            target = resolve(urlsplit(action).path if action else url).view_name
            if target not in listed:
                missing.add(f"{target} (on {name})")
    assert sorted(missing) == [], "\n".join(sorted(missing))


def row_counts():
    """Rows of every table, in one query."""
    skip = registry.BOOKKEEPING | {"sessions.Session"}
    models = [model for model in apps.get_models()
              if not model._meta.proxy and model._meta.label not in skip]
    quote = connection.ops.quote_name
    # Table names from the models, quoted: nothing from outside.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(model._meta.db_table)})"  # noqa: S608
                                for model in models)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = cursor.fetchone()
    return dict(zip([model._meta.label for model in models], counts, strict=True))


def fields_of(client, url, page=None):
    """The fields of the form that posts to `url`, as `page` (by default `url`) shows it."""
    parser = PostForms()
    parser.feed(client.get(page or url).content.decode())
    names = [name for method, action, fields in parser.forms
             if method == "post" and urlsplit(action or page or url).path == url
             for name in fields]
    # A formset's template row (__prefix__) is copied by a script, never posted as it is.
    return [name for name in dict.fromkeys(names)
            if name not in SKIP_FIELDS and "__prefix__" not in name]


def send(client, url, data, **extra):
    before = row_counts()
    response = client.post(url, data, **extra)
    TRIED["count"] += 1
    body = response.content.decode(errors="replace") if response.get("Content-Type", "").startswith(
        "text/html") else ""
    problems = []
    if response.status_code >= 500:
        problems.append(f"{url} {list(data)}: status {response.status_code}")
    for marker in SCRIPT_MARKERS:
        if marker in body:
            problems.append(f"{url}: echoed {marker!r} unescaped")
    accepted = response.status_code == 302 or (
        response.status_code == 200
        and registry.ACCEPTED_PAGES & {t.name for t in response.templates or []})
    if not accepted and row_counts() != before:
        changed = {k: (before[k], v) for k, v in row_counts().items() if before.get(k) != v}
        problems.append(f"{url}: rejected input wrote rows {changed}")
    return problems


def objects_for(cast):
    _expectations, builders = load_expectations()
    objects = {}
    for build in builders:
        objects.update(build(cast))
    objects.update(registry.open_meeting(cast))
    objects.update(registry.minutes_out_for_comments(cast))
    return objects


def succeeded(response):
    """A submission that went through: a redirect, or a page without a field error."""
    if response.status_code in (302, 303):
        return True
    body = response.content.decode(errors="replace")
    return response.status_code == 200 and "is-invalid" not in body and "errorlist" not in body


@pytest.mark.parametrize("entry", registry.FORMS, ids=[entry[0] for entry in registry.FORMS])
def test_hostile_values_in_every_form_field(cast, entry):
    name, kwargs, who, valid, *shown_on = entry
    objects = objects_for(cast)
    client = cast.client(who)
    url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
    page = None
    if shown_on:
        page_name, page_kwargs = (*shown_on, kwargs)[:2]
        page = reverse(page_name, kwargs=page_kwargs(objects) if page_kwargs else None)
    fields = fields_of(client, url, page)
    assert fields, f"{name} shows no form fields"
    # The valid submission goes through, and is undone: each hostile value is then sent with
    # the others valid to the form as it was (an objection, an adoption close theirs).
    with transaction.atomic():
        first = client.post(url, valid(objects))
        transaction.set_rollback(True)
    assert succeeded(first), f"{name}: the valid submission did not go through"
    client = cast.client(who)  # as before the submission (a login logged in)
    problems = []
    for index, field in enumerate(fields):
        for values in CLASSES.values():
            problems += send(client, url, {**valid(objects), field: value_for(values, index)})
    problems += send(client, url, {})  # every field missing
    # The valid submission, kept this time, and once more: no 500 on the repeat.
    for _repeat in range(2):
        problems += send(client, url, valid(objects))
    assert problems == []


def test_files_that_lie_huge_files_and_traversal_names(cast):
    objects_for(cast)
    problems = []
    uploads = [
        ("../../etc/passwd", b'"region";"\xe5r";"n"\n"1833 Rana";"2022";1\n'),
        ("evil.csv", b"%PDF-1.7 not a csv at all"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("big.csv", b"A" * (50 * 1024 * 1024)),
        ("empty.csv", b""),
        ("nul\x00name.csv", b"region;year;x\n"),
    ]
    for name, field, who, data in registry.UPLOADS:
        client = cast.client(who)
        url = reverse(name)
        for filename, content in uploads:
            upload = SimpleUploadedFile(filename.replace("\x00", ""), content,
                                        content_type="text/csv")
            problems += send(client, url, {**data, field: upload})
    assert problems == []


@pytest.mark.parametrize("bomb", [bombs.tight_bomb, bombs.loose_bomb])
def test_zip_bombs_in_every_document_upload(cast, bomb):
    objects = objects_for(cast)
    problems = []
    for name, kwargs, field, who, data in registry.DOCUMENT_UPLOADS:
        url = reverse(name, kwargs=kwargs(objects))
        client = cast.client(who)
        before = row_counts()
        upload = SimpleUploadedFile("saksframlegg.docx", bomb(), content_type=DOCX_TYPE)
        response = client.post(url, {**data, field: upload})
        TRIED["count"] += 1
        refused = "Filens innhold er ikke en av disse typene" in response.content.decode()
        if response.status_code not in {200, 400} or not refused or row_counts() != before:
            problems.append(f"{url}: a ZIP bomb was not refused ({response.status_code})")
    assert problems == []


FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+47 1", "-2+3", "@SUM(A1:A9)",
            "=1+1", " =cmd|' /C calc'!A0"]


def exported_cells(response):
    """Every cell of a CSV or XLSX download as (text, is a formula)."""
    if response["Content-Type"].startswith("text/csv"):
        rows = csv.reader(io.StringIO(response.content.decode()), delimiter=";")
        return [(cell, False) for row in rows for cell in row]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [(str(cell.value), cell.data_type == "f") for row in sheet.iter_rows()
            for cell in row if cell.value is not None]


@pytest.mark.parametrize("entry", registry.EXPORTED_TEXT_FIELDS,
                         ids=[entry[0] + ":" + entry[4] for entry in registry.EXPORTED_TEXT_FIELDS])
def test_formula_values_in_text_fields_reach_exports_as_text(cast, entry):
    name, kwargs, who, valid, field, exports = entry
    objects = objects_for(cast)
    client = cast.client(who)
    url = reverse(name, kwargs=kwargs(objects))
    problems, accepted = [], 0
    for value in FORMULAS:
        response = client.post(url, {**valid(objects), field: value})
        TRIED["count"] += 1
        if response.status_code != 302:
            continue  # refused by the form: it reaches no export
        accepted += 1
        for export, export_kwargs in exports:
            cells = exported_cells(client.get(reverse(export, kwargs=export_kwargs(objects))))
            if ("'" + value.strip(), False) not in cells:
                problems.append(f"{export}: {value!r} not written as text")
            problems += [f"{export}: {text!r} is a formula" for text, formula in cells
                         if formula or text.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert accepted, f"{name} accepted none of the values"
    assert problems == []


@pytest.mark.postgres  # parallel requests need a database that serves them in parallel
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_parallel_logins(cast, live_server, settings):
    """Thirty logins at once: wrong passwords from one address, hostile login names from
    another, the right password from each person's own. No error; the limit per address and
    login holds under the burst, and no one else is shut out by it."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME = "sessionid", "csrftoken"
    url = f"{live_server.url}/konto/logg-inn/"
    tries = ([("fin.x@example.org", f"guess {n}", "198.51.100.7") for n in range(12)]
             + [(value, "x", "198.51.100.8") for value in TEXT[:12]]
             + [("fin.x@example.org", PASSWORD, f"192.0.2.{n}") for n in range(6)])
    barrier = threading.Barrier(len(tries))

    def login(login_name, password, ip):
        session = requests.Session()
        page = session.get(url, headers={"X-Forwarded-For": ip}, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        barrier.wait(timeout=60)
        return session.post(url, data={"csrfmiddlewaretoken": token, "login": login_name,
                                       "password": password},
                            headers={"X-Forwarded-For": ip, "Referer": url},
                            allow_redirects=False, timeout=120).status_code

    with ThreadPoolExecutor(max_workers=len(tries)) as pool:
        statuses = list(pool.map(lambda t: login(*t), tries))
    TRIED["count"] += len(tries)
    assert all(status < 500 for status in statuses), statuses
    assert statuses[-6:] == [302] * 6  # each from their own address: signed in
    checked = AuditEvent.objects.filter(action="login_failed", ip_address="198.51.100.7").exclude(
        details__reason="throttled").count()
    assert checked <= 5  # a busy machine may refuse more (lock timeout), never check more


PARAMETERS = ["page", "side", "q", "year", "next", "sort", "id"]


def test_hostile_query_parameters_on_every_page(cast):
    """Each page once per class of value, every parameter in the same request (each with a
    value of its own from the class)."""
    expectations, _builders = load_expectations()
    objects = objects_for(cast)
    client = cast.client("secretariat")
    problems = []
    for name, (kwargs, _expected) in sorted(expectations.items()):
        url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
        for values in QUERY_CLASSES.values():
            query = {param: value_for(values, index) for index, param in enumerate(PARAMETERS)}
            response = client.get(url, query)
            TRIED["count"] += 1
            if response.status_code >= 500:
                problems.append(f"{url}?{query}: {response.status_code}")
            # Reading a download to the end also closes its file.
            data = (b"".join(response.streaming_content) if response.streaming
                    else response.content)
            body = data.decode(errors="replace")
            if any(marker in body for marker in SCRIPT_MARKERS):
                problems.append(f"{url}?{query}: echoed script unescaped")
    assert problems == []
