"""Hostile and malformed input to every form and every query parameter.

Expected everywhere: a status below 500, no script echoed back unescaped, and when the input
is rejected, no row written anywhere (row counts of every table unchanged).
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.test_access_matrix import load_expectations

from . import bombs
from . import forms as registry
from .values import LISTS, QUERY, SCRIPT_MARKERS, TEXT

TRIED = {"count": 0}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SKIP_FIELDS = {"csrfmiddlewaretoken"}


class FieldNames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select", "textarea"} and attrs.get("name") \
                and attrs.get("type") not in {"submit", "hidden", "file"}:
            self.names.append(attrs["name"])


def row_counts():
    skip = registry.BOOKKEEPING | {"sessions.Session"}
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()
            if not model._meta.proxy and model._meta.label not in skip}


def fields_of(client, url):
    parser = FieldNames()
    parser.feed(client.get(url).content.decode())
    # A formset's template row (__prefix__) is copied by a script, never posted as it is.
    return [name for name in dict.fromkeys(parser.names)
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
    if response.status_code != 302 and row_counts() != before:
        changed = {k: (before[k], v) for k, v in row_counts().items() if before.get(k) != v}
        problems.append(f"{url}: rejected input wrote rows {changed}")
    return problems


def objects_for(cast):
    _expectations, builders = load_expectations()
    objects = {}
    for build in builders:
        objects.update(build(cast))
    return objects


@pytest.mark.parametrize("entry", registry.FORMS, ids=[entry[0] for entry in registry.FORMS])
def test_hostile_values_in_every_form_field(cast, entry):
    name, kwargs, who, valid = entry
    objects = objects_for(cast)
    problems = []
    client = cast.client(who)
    url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
    fields = fields_of(client, url)
    assert fields, f"{name} shows no form fields"
    for field in fields:
        for value in TEXT + LISTS:
            problems += send(client, url, {**valid(objects), field: value})
    problems += send(client, url, {})  # every field missing
    # The same valid submission twice: no error, and no 500 on the repeat.
    problems += send(client, url, valid(objects))
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


def test_hostile_query_parameters_on_every_page(cast):
    expectations, _builders = load_expectations()
    objects = objects_for(cast)
    client = cast.client("secretariat")
    problems = []
    for name, (kwargs, _expected) in sorted(expectations.items()):
        url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
        for value in QUERY:
            for param in ["page", "side", "q", "year", "next", "sort", "id"]:
                response = client.get(url, {param: value})
                TRIED["count"] += 1
                if response.status_code >= 500:
                    problems.append(f"{url}?{param}={value[:20]!r}: {response.status_code}")
                # Reading a download to the end also closes its file.
                data = (b"".join(response.streaming_content) if response.streaming
                        else response.content)
                body = data.decode(errors="replace")
                if any(marker in body for marker in SCRIPT_MARKERS):
                    problems.append(f"{url}?{param}: echoed script unescaped")
    assert problems == []
