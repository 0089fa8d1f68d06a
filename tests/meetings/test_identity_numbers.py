"""R-PUB-2: nothing with a national identity number is published; the refusal names where it
was found, and screening that part lets the rest be published."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.pdf import html_to_pdf
from meetings import minutes as minutes_service
from meetings import screening, services
from meetings.attendance import record_decision
from meetings.identity_numbers import file_text, identity_numbers
from meetings.models import Decision, LegalBasis, Minutes, Screening
from tests.meetings.factories import at, make_body, make_meeting, place
from tests.meetings.holding_factories import decided

pytestmark = pytest.mark.django_db

FNR = "15076500565"  # a valid fødselsnummer (control digits right)


def test_r_pub_2_only_numbers_with_valid_control_digits_count():
    assert identity_numbers(f"Pasient {FNR} ble innlagt") == [FNR]
    assert identity_numbers("Født 150765 00565.") == ["150765 00565"]
    assert identity_numbers("Konto 12345678901, tlf 15076500566, sak 2026001234567") == []
    assert identity_numbers(f"x{FNR}1") == []  # part of a longer number


def test_r_pub_2_text_is_read_from_pdfs():
    assert FNR in file_text(html_to_pdf(f"<p>Fødselsnummer {FNR}</p>"), "application/pdf")


def _approved(staff, held):
    record = minutes_service.start_minutes(held.meeting, acting_user=staff)
    minutes_service.send_for_comments(record, acting_user=staff,
                                      now=held.meeting.starts_at + datetime.timedelta(days=1))
    minutes_service.deem_approved(now=held.meeting.starts_at + datetime.timedelta(days=6))
    return Minutes.objects.get(pk=record.pk)


def test_r_pub_2_minutes_with_a_number_in_a_decision_are_not_published(staff):
    held = decided(staff, at(2026, 3, 10))
    record_decision(held.case1, text=f"Saken gjelder {FNR}.", mode=Decision.Mode.UNANIMOUS,
                    acting_user=staff)
    minutes = _approved(staff, held)
    with pytest.raises(ValidationError) as refused:
        minutes_service.publish(minutes, acting_user=staff)
    assert "Sak 1/2026 Felles rutine for utskrivning: vedtak" in str(refused.value)
    assert Minutes.objects.get(pk=minutes.pk).published_at is None
    screening.screen_case(held.case1, part=Screening.Part.DECISION,
                          legal_basis=LegalBasis.HEALTH, acting_user=staff)
    assert minutes_service.publish(minutes, acting_user=staff).published_at is not None


def test_r_pub_2_a_notice_with_a_number_in_public_papers_is_not_sent(staff):
    meeting = make_meeting(make_body("ssu"), at(2030, 3, 1))
    case = place("Klagesak", meeting, staff, now=at(2030, 1, 1))
    services.save_case_papers(case, title=case.title, presentation=f"<p>Gjelder {FNR}</p>",
                              proposed_decision="", acting_user=staff)
    with pytest.raises(ValidationError) as refused:
        services.send_notice(meeting, acting_user=staff)
    assert "Klagesak: saksframstilling" in str(refused.value)
    meeting.refresh_from_db()
    assert not meeting.notice_sent
    screening.screen_case(case, part=Screening.Part.PAPERS, legal_basis=LegalBasis.HEALTH,
                          acting_user=staff)
    assert services.send_notice(meeting, acting_user=staff).queued >= 0


def test_r_pub_2_a_public_attachment_with_a_number_is_refused_once_papers_are_public(
        staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(make_body("ssu"), at(2030, 3, 1))
    case = place("Utskrivning", meeting, staff, now=at(2030, 1, 1))
    services.send_notice(meeting, acting_user=staff)
    pdf = html_to_pdf(f"<p>Pasient {FNR}</p>")

    def upload(**screening_fields):
        return services.add_attachment(
            case, upload=SimpleUploadedFile("liste.pdf", pdf, "application/pdf"),
            title="Pasientliste", acting_user=staff, **screening_fields)

    with pytest.raises(ValidationError) as refused:
        upload(screened=False, legal_basis="")
    assert "vedlegg «Pasientliste»" in str(refused.value)
    assert not case.attachments.exists()
    screened = upload(screened=True, legal_basis=LegalBasis.HEALTH)
    with pytest.raises(ValidationError):
        screening.screen_attachment(screened, screened=False, acting_user=staff)
    screened.refresh_from_db()
    assert screened.screened
