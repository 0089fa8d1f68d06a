import io

import pytest
from pypdf import PdfReader

from common import documents
from common.documents import document, render_now
from common.models import StoredPdf
from common.pdf import FetchRefused, html_to_pdf, url_fetcher


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


SAMPLE = {"title": "Innkalling"}


@document("tests.sample")
def sample(pk):
    return "test_sample.html", {"title": SAMPLE["title"]}, f"sample-{pk}.pdf"


def test_pdf_is_archival_and_tagged():
    data = html_to_pdf("<html lang='nb'><body><h1>Sak 1/2026 Møteplan</h1></body></html>")
    reader = PdfReader(io.BytesIO(data))
    assert "Sak 1/2026 Møteplan" in pdf_text(data)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged for screen readers
    assert b"pdfaid:part" in catalog["/Metadata"].get_object().get_data()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.org/logo.png",
    "https://static.invalid/media/../../etc/passwd",
    "https://static.invalid/static/../../../etc/passwd",
])
def test_url_fetcher_refuses_anything_but_our_files(url):
    with pytest.raises(FetchRefused):
        url_fetcher(url)


def test_url_fetcher_serves_static_files():
    fetched = url_fetcher("https://static.invalid/static/css/app.css")
    assert b".skip-link" in fetched["string"]


@pytest.mark.django_db
def test_stored_pdf_is_rendered_again_only_when_content_changes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert render_now("tests.sample", 1) is True
    first = StoredPdf.objects.get(kind="tests.sample", object_id=1)
    assert first.state == StoredPdf.State.READY
    assert render_now("tests.sample", 1) is False
    assert StoredPdf.objects.get(pk=first.pk).rendered_at == first.rendered_at
    SAMPLE["title"] = "Innkalling, endret"
    try:
        assert render_now("tests.sample", 1) is True
    finally:
        SAMPLE["title"] = "Innkalling"


@pytest.mark.django_db
def test_failed_render_keeps_previous_file_and_shows_error(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    render_now("tests.sample", 2)
    before = StoredPdf.objects.get(kind="tests.sample", object_id=2)

    def broken(html, variant):
        raise RuntimeError("font missing")

    monkeypatch.setattr(documents, "html_to_pdf", broken)
    SAMPLE["title"] = "Ny tittel"
    try:
        assert render_now("tests.sample", 2) is False
    finally:
        SAMPLE["title"] = "Innkalling"
    after = StoredPdf.objects.get(pk=before.pk)
    assert after.state == StoredPdf.State.FAILED
    assert after.error == "RuntimeError: font missing"
    assert after.file.name == before.file.name
    assert after.file.storage.exists(after.file.name)
