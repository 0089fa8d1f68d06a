"""R-PUB-1: screening with a legal basis from the list; what is screened is left out of public
pages, search, public PDFs and the API, and the rest of the case stays public."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from common.documents import build_html, render_now
from common.models import StoredPdf
from meetings import screening, services
from meetings.models import Case, LegalBasis, Screening
from tests.meetings.factories import at, pdf_upload
from tests.meetings.holding_factories import decided, publish_minutes

pytestmark = pytest.mark.django_db

SECRET = "Pasient Kari Nordmann"


@pytest.fixture
def held(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    held = decided(staff, at(2026, 3, 10), "SSU Helgeland")
    services.save_case_papers(held.case2, title=f"Klage fra {SECRET}",
                              presentation="<p>Journalopplysninger om diagnose</p>",
                              proposed_decision="Klagen tas til følge.", acting_user=staff)
    screening.screen_case(held.case2, part=Screening.Part.TITLE, legal_basis=LegalBasis.HEALTH,
                          public_title="Klage fra pasient", acting_user=staff)
    screening.screen_case(held.case2, part=Screening.Part.PAPERS, legal_basis=LegalBasis.HEALTH,
                          acting_user=staff)
    held.open_file = services.add_attachment(
        held.case2, upload=pdf_upload(), title="Saksgang", screened=False, legal_basis="",
        acting_user=staff)
    held.closed_file = services.add_attachment(
        held.case2, upload=pdf_upload(), title=f"Epikrise {SECRET}", screened=True,
        legal_basis=LegalBasis.HEALTH, public_title="Epikrise", acting_user=staff)
    return publish_minutes(held, staff)


def test_r_pub_1_the_public_view_replaces_the_title_and_leaves_screened_parts_out(held):
    case = screening.with_screening(type(held.case2).objects.filter(pk=held.case2.pk)).get()
    public = screening.public_case(case, held.case2.decision)
    assert public.title == "Klage fra pasient"
    assert (public.presentation, public.proposed_decision) == ("", "")
    assert public.decision.text == "Budsjettet vedtas."  # the decision text is not screened
    assert [(a.title, a.downloadable) for a in public.attachments] == [
        ("Saksgang", True), ("Epikrise", False)]
    assert public.screened == {"title": LegalBasis.HEALTH.value,
                               "papers": LegalBasis.HEALTH.value}


def test_r_pub_1_screened_words_are_on_no_public_page_and_the_rest_is(client, held):
    page = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk])).content.decode()
    assert SECRET not in page and "diagnose" not in page
    assert "Klage fra pasient" in page and "Felles rutine for utskrivning" in page
    assert reverse("meetings:attachment", args=[held.open_file.pk]) in page
    assert reverse("meetings:attachment", args=[held.closed_file.pk]) not in page
    assert client.get(reverse("meetings:attachment", args=[held.open_file.pk])).status_code == 200
    assert client.get(reverse("meetings:attachment",
                              args=[held.closed_file.pk])).status_code == 404


def test_r_pub_1_search_finds_the_public_title_and_not_the_screened_words(client, held):
    search = reverse("meetings:public_search")
    assert "Klage fra pasient" in client.get(search, {"q": "pasient"}).content.decode()
    for word in ("Nordmann", "diagnose", "følge"):
        assert "Klage fra" not in client.get(search, {"q": word}).content.decode()


def test_r_pub_1_the_public_papers_pdf_leaves_screened_parts_out(held):
    render_now("meetings.public_case", held.case2.pk)
    stored = StoredPdf.objects.get(kind="meetings.public_case", object_id=held.case2.pk)
    with stored.file.open("rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "Klage fra pasient" in text and "Saksgang" in text
    assert "Nordmann" not in text and "diagnose" not in text


def test_the_public_papers_pdf_shows_the_presentation_sanitised(held):
    """Text that reached the database past the sanitiser on save is never shown raw."""
    Case.objects.filter(pk=held.case1.pk).update(
        presentation="<p>Bra</p><img src=x onerror=alert(1)><script>alert(2)</script>")
    html, _filename = build_html("meetings.public_case", held.case1.pk)
    assert "<p>Bra</p>" in html
    assert "onerror" not in html and "<script>" not in html and "alert(2)" not in html


def test_r_pub_1_a_screened_title_needs_a_public_title_and_a_basis_from_the_list(held, staff):
    with pytest.raises(ValidationError) as error:
        screening.screen_case(held.case1, part=Screening.Part.TITLE,
                              legal_basis=LegalBasis.INTERNAL, acting_user=staff)
    assert "public_title" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        screening.screen_case(held.case1, part=Screening.Part.DECISION,
                              legal_basis="offentleglova § 99", acting_user=staff)
    assert "legal_basis" in error.value.error_dict
    assert not held.case1.screenings.exists()


def test_r_pub_1_lifting_a_screening_makes_the_part_public_again(client, held, staff):
    screening.lift_case_screening(held.case2, part=Screening.Part.TITLE, acting_user=staff)
    page = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk])).content.decode()
    assert SECRET in page


def test_the_secretariat_screens_a_title_and_an_attachment_on_the_screening_page(cast, held):
    client = cast.client("secretariat")
    url = reverse("meetings:case_screening", args=[held.case1.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"part": "title", "legal_basis": LegalBasis.ADVICE})
    assert refused.status_code == 400
    assert "Oppgi tittelen slik offentligheten kan se den" in refused.content.decode()
    done = client.post(url, {"part": "title", "legal_basis": LegalBasis.ADVICE,
                             "public_title": "Felles rutine"})
    assert done.status_code == 302
    assert held.case1.screenings.get().access_code == "15"
    attachment_url = reverse("meetings:attachment_screening", args=[held.open_file.pk])
    prefix = f"a{held.open_file.pk}-"
    assert client.post(attachment_url, {prefix + "screened": "on"}).status_code == 400
    assert client.post(attachment_url, {prefix + "screened": "on",
                                        prefix + "legal_basis": LegalBasis.INTERNAL,
                                        prefix + "public_title": "Notat"}).status_code == 302
    held.open_file.refresh_from_db()
    assert (held.open_file.screened, held.open_file.access_code) == (True, "14")


def test_r_pub_1_representatives_cannot_screen(cast, held):
    url = reverse("meetings:case_screening", args=[held.case1.pk])
    response = cast.client("rep_a").post(url, {"part": "title", "legal_basis": "Offl. § 14",
                                                "public_title": "x"})
    assert response.status_code == 403
    assert not held.case1.screenings.exists()


def test_r_pub_1_the_public_minutes_pdf_leaves_screened_words_out(held):
    render_now("meetings.public_minutes", held.minutes.pk)
    stored = StoredPdf.objects.get(kind="meetings.public_minutes", object_id=held.minutes.pk)
    with stored.file.open("rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "Klage fra pasient" in text and "Saksgang" in text and "Rutinen vedtas." in text
    assert "Nordmann" not in text and "Epikrise" not in text


def test_r_pub_1_a_screened_decision_is_not_on_the_public_meeting_page(client, held, staff):
    screening.screen_case(held.case1, part=Screening.Part.DECISION,
                          legal_basis=LegalBasis.INTERNAL, acting_user=staff)
    page = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk])).content.decode()
    assert "Rutinen vedtas." not in page
    assert "Felles rutine for utskrivning" in page and "Budsjettet vedtas." in page
