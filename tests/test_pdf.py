import base64
import http.server
import io
import threading

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfReader

from common import documents
from common.documents import document, render_now
from common.models import StoredPdf
from common.pdf import STATIC_BASE, html_to_pdf, render_html
from members.models import Partnership


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


def png(colour="navy", size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def image_count(data):
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def logo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Partnership.objects.update_or_create(pk=1, defaults={"name": "Helsefellesskap Helgeland"})
    partnership = Partnership.objects.get(pk=1)
    partnership.logo.save("logo.png", ContentFile(png()))
    return partnership


@pytest.mark.django_db
def test_a_document_with_the_logo_renders_with_the_logo_in_it(logo):
    data = html_to_pdf(render_html("test_sample.html", {"title": "Innkalling"}))
    assert "Innkalling" in pdf_text(data)
    assert image_count(data) == 1


@pytest.mark.django_db
def test_a_stored_document_with_the_logo_is_ready(logo):
    assert render_now("tests.sample", 3) is True
    stored = StoredPdf.objects.get(kind="tests.sample", object_id=3)
    assert (stored.state, stored.error) == (StoredPdf.State.READY, "")
    with stored.file.open("rb") as pdf:
        assert image_count(pdf.read()) == 1


def test_an_allowed_static_stylesheet_is_applied(settings, tmp_path):
    (tmp_path / "print.css").write_text('h1::after { content: " (utkast)"; }')
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    html = (f"<html lang=nb><head><link rel=stylesheet href='{STATIC_BASE}static/print.css'>"
            "</head><body><h1>Sakliste</h1></body></html>")
    assert "Sakliste (utkast)" in pdf_text(html_to_pdf(html))


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):  # noqa: N802  (the name http.server calls)
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(png("red"))

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    CountingHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_other_urls_are_not_fetched_and_the_render_goes_on(tmp_path, local_server):
    secret = tmp_path / "secret.css"
    secret.write_text('h1::after { content: " LEKKASJE"; }')
    image = tmp_path / "secret.png"
    image.write_bytes(png("red"))
    data_url = "data:image/png;base64," + base64.b64encode(png("red")).decode()
    html = f"""<html lang=nb><head>
        <link rel=stylesheet href="file://{secret}">
        <link rel=stylesheet href="{local_server}/style.css">
        <link rel=stylesheet href="data:text/css,h1::before{{content:'DATA '}}">
        </head><body><h1>Sakliste</h1>
        <img src="file://{image}" alt="">
        <img src="{local_server}/logo.png" alt="">
        <img src="{data_url}" alt="">
        <img src="{STATIC_BASE}media/../../../{image}" alt="">
        <img src="{STATIC_BASE}static/../../{image}" alt="">
        </body></html>"""
    data = html_to_pdf(html)
    assert pdf_text(data).strip().endswith("Sakliste")
    assert image_count(data) == 0
    assert CountingHandler.requests == []


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
