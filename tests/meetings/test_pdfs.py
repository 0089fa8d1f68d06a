import pytest
from pypdf import PdfReader

from common.documents import render_now
from common.models import StoredPdf
from meetings import services
from tests.meetings.factories import at, make_body, make_meeting, pdf_upload, place

pytestmark = pytest.mark.django_db


def _text(kind, pk):
    stored = StoredPdf.objects.get(kind=kind, object_id=pk)
    with stored.file.open("rb") as pdf:
        return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_case_papers_pdf_has_the_presentation_decision_and_attachments(staff, settings,
                                                                       tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(make_body("ssu", "SSU Helgeland"), at(2026, 6, 10))
    case = place("Utskrivningsklare pasienter", meeting, staff, now=at(2026, 4, 1))
    services.save_case_papers(case, title=case.title, acting_user=staff,
                              presentation="<p>Liggedøgn har økt.</p><ul><li>Rana</li></ul>",
                              proposed_decision="SSU ber om ny rutine.")
    services.add_attachment(case, upload=pdf_upload(), title="Avviksrapport", screened=True,
                            legal_basis="offentleglova § 13", acting_user=staff)
    assert render_now("meetings.case", case.pk) is True
    text = _text("meetings.case", case.pk)
    assert "Sak 1/2026 Utskrivningsklare pasienter" in text
    assert "Liggedøgn har økt." in text
    assert "Forslag til vedtak SSU ber om ny rutine." in text
    assert "Avviksrapport – skjermet, offentleglova § 13" in text
    assert "10. juni 2026" in text


def test_notice_pdf_is_made_again_when_the_agenda_changes(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(make_body("ssu", "SSU Helgeland"), at(2026, 6, 10))
    place("Første sak", meeting, staff, now=at(2026, 4, 1))
    assert render_now("meetings.notice", meeting.pk) is True
    assert render_now("meetings.notice", meeting.pk) is False
    place("Andre sak", meeting, staff, now=at(2026, 4, 1))
    assert render_now("meetings.notice", meeting.pk) is True
    assert "Sak 2/2026 Andre sak" in _text("meetings.notice", meeting.pk)
