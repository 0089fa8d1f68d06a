"""The main menu: grouped by what people do, with the page's section marked."""

import re

from django.urls import reverse

SECTIONS = ["Møter", "Avtaler", "Økonomi", "Medlemmer", "Administrasjon"]


def sections(page):
    return re.findall(r'class="nav-link dropdown-toggle[^"]*"[^>]*>([^<]+)</a>', page)


def marked(page):
    return re.findall(
        r'class="nav-link[^"]* active[^"]*"[^>]*aria-current="[a-z]+"[^>]*>([^<]+)</a>', page)


def test_the_secretariat_sees_five_sections(cast):
    page = cast.client("secretariat").get(reverse("start")).content.decode()
    assert sections(page) == SECTIONS
    assert marked(page) == ["Start"]


def test_each_page_marks_its_section(cast):
    client = cast.client("secretariat")
    for url, section in [(reverse("members:organisations"), "Medlemmer"),
                         (reverse("members:users"), "Administrasjon"),
                         (reverse("members:history"), "Administrasjon"),
                         (reverse("common:audit_log"), "Administrasjon"),
                         (reverse("meetings:follow_ups"), "Møter"),
                         (reverse("agreements:agreements"), "Avtaler"),
                         (reverse("finance:invoices"), "Økonomi")]:
        assert marked(client.get(url).content.decode()) == [section], url


def test_others_see_their_sections_only(cast):
    assert sections(cast.client("rep_a").get(reverse("start")).content.decode()) == [
        "Møter", "Avtaler"]
    assert sections(cast.client("fin_x").get(reverse("start")).content.decode()) == [
        "Avtaler", "Økonomi"]
