"""A PDF render that fails keeps the previous PDF and shows the error to the secretariat."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from common import documents
from common.models import StoredPdf
from meetings.models import Seat
from tests.meetings.factories import at, make_body, make_meeting, make_seat, place

pytestmark = pytest.mark.django_db


def _pdf_text(response):
    content = b"".join(response.streaming_content)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
                    .split())


def test_failed_notice_render_keeps_the_previous_pdf_and_shows_the_error(
        cast, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    body = make_body("ssu", "SSU Helgeland")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2027, 3, 10))
    client = cast.client("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        place("Utskrivningsklare pasienter", meeting, cast.users["secretariat"])
        client.post(reverse("meetings:notice_send", args=[meeting.pk]))
    stored = StoredPdf.objects.get(kind="meetings.notice", object_id=meeting.pk)
    assert stored.state == StoredPdf.State.READY
    previous_file = stored.file.name

    def weasyprint_fails(html, variant):
        raise RuntimeError("No fonts available for layout")

    # WeasyPrint is the external boundary; the agenda changes and the new render fails.
    monkeypatch.setattr(documents, "html_to_pdf", weasyprint_fails)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:opening_items", args=[meeting.pk]))
    assert response.status_code == 302

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert ("PDF-en kunne ikke lages: RuntimeError: No fonts available for layout "
            "Forrige versjon er fortsatt tilgjengelig.") in " ".join(page.split())
    stored.refresh_from_db()
    assert (stored.state, stored.file.name) == (StoredPdf.State.FAILED, previous_file)
    download = client.get(reverse("meetings:notice_pdf", args=[meeting.pk]))
    assert download.status_code == 200
    text = _pdf_text(download)
    assert "Utskrivningsklare pasienter" in text
    assert "Godkjenning av innkalling og saksliste" not in text
