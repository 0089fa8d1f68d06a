"""The public site: a page per body with its members, deputies and meetings by year, Atom
feeds of published agendas and minutes, and pages that shared caches may keep."""

from pathlib import Path

import lxml.html
import pytest
import tinycss2
from django.conf import settings
from django.urls import reverse

from common.documents import render_now
from common.models import StoredPdf
from meetings.models import Seat
from tests.meetings.factories import at, make_body, make_person, make_seat
from tests.meetings.holding_factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(staff):
    held = published(staff, at(2026, 3, 10), "SSU Helgeland")
    held.body.mandate = "Samordner samarbeidet mellom kommunene og helseforetaket."
    held.body.save()
    return held


def test_a_body_page_shows_what_the_body_is_and_its_meetings_of_the_year(client, held):
    page = client.get(reverse("meetings:public_body", args=[held.body.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Samordner samarbeidet" in text
    assert "Strategisk samarbeidsutvalg (SSU)" in text  # the kind
    assert "Anne Trust" in text and "Fast medlem" in text
    assert "Personlig vara: Cecilie Kommune" in text  # Eva Vara's seat
    assert "Hans Observatør" in text
    assert reverse("meetings:public_meeting", args=[held.meeting.pk]) in text
    other_year = client.get(reverse("meetings:public_body", args=[held.body.pk]), {"år": "2031"})
    assert reverse("meetings:public_meeting", args=[held.meeting.pk]) in other_year.content.decode()


def _declarations(stylesheet):
    """{selector: {property: value}} of a plain stylesheet."""
    rules = tinycss2.parse_stylesheet(stylesheet, skip_comments=True, skip_whitespace=True)
    return {tinycss2.serialize(rule.prelude).strip(): {
        d.lower_name: tinycss2.serialize(d.value).strip()
        for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                 skip_whitespace=True)}
        for rule in rules}


def test_the_public_pages_give_their_content_and_menu_without_javascript(client, held):
    shown = _declarations((Path(settings.BASE_DIR) / "static" / "css" / "nojs.css")
                          .read_text(encoding="utf-8"))
    assert shown["#main-menu.collapse:not(.show)"]["display"] == "block"
    assert shown[".navbar-toggler"]["display"] == "none"
    assert shown["#main-menu .dropdown-menu"]["display"] == "block"
    menu = {reverse("meetings:public_calendar"), reverse("meetings:public_search"),
            reverse("meetings:public_bodies"), reverse("account_login")}
    pages = {
        reverse("meetings:public_body", args=[held.body.pk]): "Samordner samarbeidet",
        reverse("meetings:public_meeting", args=[held.meeting.pk]): "Rutinen vedtas.",
        reverse("meetings:public_search") + "?q=rutine": "Felles rutine for utskrivning",
    }
    for url, content in pages.items():
        page = lxml.html.fromstring(client.get(url).content)
        assert content in page.text_content()
        assert menu <= {a.get("href") for a in page.iter("a")}
        # The main menu is the only part a script opens, and without one it is shown open.
        assert [e.get("id") for e in page.find_class("collapse")] == ["main-menu"]
        assert page.xpath("//noscript/link[@rel='stylesheet']/@href") == [
            "/static/css/nojs.css"]


def test_a_body_that_is_not_public_has_no_page(client):
    body = make_body("ssu", "Lukket organ", is_public=False)
    assert client.get(reverse("meetings:public_body", args=[body.pk])).status_code == 404


def test_public_pages_may_be_kept_by_shared_caches_but_not_a_logged_in_visitors_copy(
        client, cast, held):
    url = reverse("meetings:public_body", args=[held.body.pk])
    assert "public" in client.get(url)["Cache-Control"]
    assert "max-age=300" in client.get(reverse("meetings:public_meeting",
                                               args=[held.meeting.pk]))["Cache-Control"]
    logged_in = cast.client("secretariat").get(url)["Cache-Control"]
    assert "no-store" in logged_in and "public" not in logged_in


def test_a_published_pdf_is_revalidated_by_its_etag_and_answered_304_without_the_file(
        client, held, staff):
    """Stored documents change only when made again: a visitor's or a shared cache's copy is
    confirmed with 304, and a new making gives a new ETag."""
    render_now("meetings.public_minutes", held.minutes.pk)
    url = reverse("meetings:public_minutes_pdf", args=[held.meeting.pk])

    def read(response):
        # A 200 streams the file: reading it to the end lets the test client close it.
        return b"".join(response.streaming_content) if response.streaming else response.content

    def status(**headers):
        response = client.get(url, headers=headers)
        read(response)
        return response.status_code

    first = client.get(url)
    assert read(first).startswith(b"%PDF")
    assert first.status_code == 200 and first["Last-Modified"]
    etag = first["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and not again.content
    assert status(if_modified_since=first["Last-Modified"]) == 304
    assert status(if_none_match='"something-else"') == 200
    StoredPdf.objects.filter(kind="meetings.public_minutes").update(content_hash="")
    render_now("meetings.public_minutes", held.minutes.pk)
    assert status(if_none_match=etag) == 200


def test_the_first_visitor_gets_public_papers_never_made_before(client, held):
    """Nothing makes a public PDF before someone asks: the first visitor gets it, not a 404."""
    assert not StoredPdf.objects.filter(kind="meetings.public_case").exists()
    response = client.get(reverse("meetings:public_case_pdf", args=[held.case1.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_atom_feeds_list_published_agendas_and_minutes(client, held, staff):
    other = published(staff, at(2026, 4, 10), "Annet organ")
    every = client.get(reverse("meetings:public_feed"))
    assert every["Content-Type"].startswith("application/atom+xml")
    text = every.content.decode()
    assert text.count("<entry>") == 4  # two agendas, two minutes
    assert f"Protokoll: {held.meeting}, versjon 1" in text
    assert f"Saksliste: {other.meeting}" in text
    one = client.get(reverse("meetings:public_body_feed", args=[held.body.pk])).content.decode()
    assert one.count("<entry>") == 2 and str(other.meeting) not in one


@pytest.mark.parametrize("size", [1, 4])
def test_body_page_query_count_does_not_grow(client, held, size, django_assert_num_queries):
    for index in range(size):
        make_seat(held.body, make_person(f"Medlem {size}-{index}"), side=Seat.Side.TRUST)
    with django_assert_num_queries(5):
        assert client.get(reverse("meetings:public_body", args=[held.body.pk])).status_code == 200
