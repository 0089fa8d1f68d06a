import pytest
from pypdf import PdfReader

from common.documents import render_now
from common.models import StoredPdf
from meetings import services
from meetings.models import LegalBasis
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
                            legal_basis=LegalBasis.HEALTH, acting_user=staff)
    services.send_notice(meeting, acting_user=staff)  # which numbers the case
    assert render_now("meetings.case", case.pk) is True
    text = _text("meetings.case", case.pk)
    assert "Sak 1/2026 Utskrivningsklare pasienter" in text
    assert "Liggedøgn har økt." in text
    assert "Forslag til vedtak SSU ber om ny rutine." in text
    assert "Avviksrapport – skjermet, Offl. § 13 jf. fvl. § 13 første ledd nr. 1" in text
    assert "10. juni 2026" in text


def test_notice_pdf_is_made_again_when_the_agenda_changes(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(make_body("ssu", "SSU Helgeland"), at(2026, 6, 10))
    place("Første sak", meeting, staff, now=at(2026, 4, 1))
    services.send_notice(meeting, acting_user=staff)
    assert render_now("meetings.notice", meeting.pk) is True
    assert render_now("meetings.notice", meeting.pk) is False
    place("Andre sak", meeting, staff, now=at(2026, 4, 1))
    assert render_now("meetings.notice", meeting.pk) is True
    assert "Sak 2/2026 Andre sak" in _text("meetings.notice", meeting.pk)


@pytest.mark.parametrize("cases", [1, 6])
def test_stored_notice_download_queries_do_not_grow_with_the_agenda(
        staff, client, settings, tmp_path, django_assert_num_queries, cases):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(make_body("ssu", "SSU Helgeland"), at(2026, 6, 10))
    for number in range(cases):
        place(f"Sak nummer {number}", meeting, staff, now=at(2026, 4, 1))
    render_now("meetings.notice", meeting.pk)
    client.force_login(staff)
    with django_assert_num_queries(4):
        response = client.get(f"/moter/mote/{meeting.pk}/innkalling.pdf")
    response.close()
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'inline; filename="innkalling-{meeting.body.pk}-2026-06-10.pdf"')
