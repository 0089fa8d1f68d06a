import pytest
from django.urls import reverse

from meetings import minutes as minutes_service
from meetings import services
from meetings.models import LegalBasis
from tests.meetings.factories import at, pdf_upload
from tests.meetings.holding_factories import decided, publish_minutes, published

pytestmark = pytest.mark.django_db


def _with_attachments(held, staff):
    public = services.add_attachment(held.case1, upload=pdf_upload(), title="Rutineutkast",
                                     screened=False, legal_basis="", acting_user=staff)
    screened = services.add_attachment(held.case2, upload=pdf_upload(), title="Pasientliste",
                                       screened=True, legal_basis=LegalBasis.HEALTH,
                                       acting_user=staff)
    return public, screened


def test_r_ssu_11_an_anonymous_visitor_reads_published_minutes_without_screened_parts(
        client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    held = decided(staff, at(2026, 3, 10), "SSU Helgeland")
    public, screened = _with_attachments(held, staff)
    publish_minutes(held, staff)
    page = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Budsjettet vedtas." in text
    assert "Cecilie Kommune" in text  # the split vote by name (R-SSU-9)
    assert reverse("meetings:attachment", args=[public.pk]) in text
    assert "Pasientliste" not in text
    assert reverse("meetings:attachment", args=[screened.pk]) not in text
    assert client.get(reverse("meetings:attachment", args=[screened.pk])).status_code == 404


def test_r_pm_6_an_unpublished_draft_is_never_public(client, staff):
    held = decided(staff, at(2026, 3, 10))
    record = minutes_service.start_minutes(held.meeting, acting_user=staff)
    minutes_service.save_texts(record, introduction="Hemmelig utkast", acting_user=staff)
    minutes_service.send_for_comments(record, acting_user=staff)
    page = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk]))
    text = page.content.decode()
    assert "Hemmelig utkast" not in text and "Budsjettet vedtas." not in text
    search = client.get(reverse("meetings:public_search"), {"q": "Budsjett"})
    assert "Budsjett for samhandlingsprosjekt" not in search.content.decode()
    api = client.get(reverse("meetings:oparl_list", args=["agendaitem"])).json()
    assert all("resolutionText" not in item for item in api["data"])


def test_a_non_public_meeting_is_not_shown(client, staff):
    held = published(staff, at(2026, 3, 10))
    held.meeting.is_public = False
    held.meeting.save()
    assert client.get(reverse("meetings:public_meeting",
                              args=[held.meeting.pk])).status_code == 404
    assert held.meeting.body.name not in client.get(
        reverse("meetings:public_calendar")).content.decode()


def test_r_pm_7_the_calendar_shows_meetings_in_person_and_by_video(client, staff):
    held = published(staff, at(2026, 3, 10), "Partnerskapsmøtet")
    held.meeting.place = "Mosjøen"
    held.meeting.video_link = "https://video.example.org/pm"
    held.meeting.save()
    text = client.get(reverse("meetings:public_calendar")).content.decode()
    assert "Mosjøen" in text and "video" in text


def test_search_finds_published_decisions_by_word_body_and_year(client, staff):
    held = published(staff, at(2026, 3, 10), "SSU Helgeland")
    url = reverse("meetings:public_search")
    found = client.get(url, {"q": "budsjettet", "body": held.body.pk, "year": 2026})
    assert "Budsjett for samhandlingsprosjekt" in found.content.decode()
    none = client.get(url, {"q": "budsjettet", "year": 2025})
    assert "Budsjett for samhandlingsprosjekt" not in none.content.decode()


@pytest.mark.parametrize("query", [{"year": "tjue"}, {"year": "99999999999999999999"},
                                   {"body": "x"}, {"body": "999999"}])
def test_search_with_bad_values_gives_a_message(client, query):
    page = client.get(reverse("meetings:public_search"), query)
    assert page.status_code == 200
    assert "invalid-feedback" in page.content.decode()


@pytest.mark.parametrize("size", [1, 4])
def test_public_pages_query_count_does_not_grow(client, staff, size,
                                                django_assert_num_queries):
    meetings = [published(staff, at(2026, 3, 10 + i), f"Organ {size}-{i}") for i in range(size)]
    held = meetings[0]
    # The meeting page reads each case's screening for the agenda and for the minutes.
    for name, args, count in [("meetings:public_calendar", [], 2),
                              ("meetings:public_bodies", [], 2),
                              ("meetings:public_meeting", [held.meeting.pk], 5)]:
        with django_assert_num_queries(count):
            assert client.get(reverse(name, args=args)).status_code == 200
    with django_assert_num_queries(5):
        client.get(reverse("meetings:public_search"), {"q": "vedtas"})
