"""R-AG-1, R-REC-4: the text of an agreement in force changes only by a decision. The admin
shows versions and their sections read-only, sanitises the rich text it does save, and no page
shows stored text unsanitised."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.models import AdoptedTextFrozen, ChangeProposal, ProposedSection, Section, Version
from common.models import AuditEvent
from tests.agreements.factories import agreement_with_versions, make_agreement
from tests.meetings.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def page_text(client, url):
    """The text of the page's main content: what the version says (links carry signed,
    timed tokens)."""
    page = client.get(url).content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_r_ag_1_the_admin_shows_an_agreement_in_force_read_only(staff, client):
    agreement = agreement_with_versions(staff, 1)
    version = agreement.versions.get()
    section = version.sections.get(number="2")
    page_url = reverse("agreements:version", args=[version.pk])
    before = page_text(client, page_url)
    assert "Versjon 1 av oppgavene." in before
    client.force_login(staff)
    posts = [
        (reverse("admin:agreements_version_change", args=[version.pk]),
         {"agreement": agreement.pk, "number": 1, "state": "in_force"}),
        (reverse("admin:agreements_version_delete", args=[version.pk]), {"post": "yes"}),
        (reverse("admin:agreements_section_change", args=[section.pk]),
         {"version": version.pk, "number": "2", "heading": "Oppgaver",
          "text": "<script>alert(1)</script>", "position": 2}),
        (reverse("admin:agreements_section_delete", args=[section.pk]), {"post": "yes"}),
        (reverse("admin:agreements_section_add"), {"version": version.pk, "number": "9",
                                                    "heading": "Ny", "position": 9}),
    ]
    refused = AuditEvent.objects.filter(action="access_refused")
    count = refused.count()
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert refused.count() == count + len(posts)
    assert [(e.actor, e.details["path"]) for e in refused.order_by("pk")[count:]] == [
        (staff, url) for url, _data in posts]
    assert Section.objects.get(pk=section.pk).text == "<p>Versjon 1 av oppgavene.</p>"
    assert version.sections.count() == 3
    client.logout()
    assert page_text(client, page_url) == before
    proposal = ChangeProposal.objects.get(version=version)
    client.force_login(staff)
    assert client.post(reverse("admin:agreements_changeproposal_change", args=[proposal.pk]),
                       {"agreement": agreement.pk, "title": "x"}).status_code == 403


def test_r_ag_1_r_rec_4_a_plain_save_changes_no_adopted_version_nor_its_text(staff, client):
    """The model refuses what the admin refuses, for any other door (a command, a shell)."""
    agreement = agreement_with_versions(staff, 1)
    version = agreement.versions.get()
    page_url = reverse("agreements:version", args=[version.pk])
    before = page_text(client, page_url)
    section = version.sections.get(number="2")
    section.text = "<p>Endret uten vedtak.</p>"
    changes = [
        section.save,
        section.delete,
        Section(version=version, number="9", heading="Ny", text="", position=9).save,
    ]
    for field, value in [("decision_reference", "PM-sak 99"), ("number", 7),
                         ("state", Version.State.AWAITING_RATIFICATION)]:
        candidate = Version.objects.get(pk=version.pk)
        setattr(candidate, field, value)
        changes.append(candidate.save)
    changes.append(Version.objects.get(pk=version.pk).delete)
    for change in changes:
        with pytest.raises(AdoptedTextFrozen, match="vedtatt versjon"):
            change()
    assert list(version.sections.values_list("number", "text")) == [
        ("1", "<p>Formålet er samarbeid.</p>"), ("2", "<p>Versjon 1 av oppgavene.</p>"),
        ("3", "<p>Ingen eget budsjett.</p>")]
    assert Version.objects.get(pk=version.pk).decision_reference == "PM-sak 1"
    assert page_text(client, page_url) == before


def test_r_rec_4_rich_text_saved_in_the_admin_is_sanitised(staff, client):
    proposal = ChangeProposal.objects.create(agreement=make_agreement(), title="Endring")
    client.force_login(staff)
    response = client.post(reverse("admin:agreements_proposedsection_add"), {
        "proposal": proposal.pk, "number": "4", "heading": "Ny",
        "text": '<p onclick="x()">Tekst</p><script>alert(1)</script>'})
    assert response.status_code == 302
    assert ProposedSection.objects.get().text == "<p>Tekst</p>"


def test_r_ag_1_raw_html_that_reached_the_database_is_never_shown_raw(staff, client):
    agreement = agreement_with_versions(staff, 1)
    version = agreement.versions.get()
    Section.objects.filter(version=version, number="2").update(
        text='<p>Oppgaver</p><script>alert("x")</script><img src=x onerror=alert(1)>')
    text = client.get(reverse("agreements:version", args=[version.pk])).content.decode()
    assert "<p>Oppgaver</p>" in text
    assert "<script>alert" not in text and "onerror" not in text


def test_r_ag_5_the_admin_shows_withdrawals_read_only(staff, client, municipality_factory):
    traena = municipality_factory("1835", "Træna")
    withdrawal = services.record_withdrawal(
        traena, notice_on=datetime.date(2026, 3, 15), reference="Træna k-sak 14/2026",
        document=SimpleUploadedFile("varsel.pdf", PDF_BYTES), acting_user=staff)
    client.force_login(staff)
    change = reverse("admin:agreements_withdrawal_change", args=[withdrawal.pk])
    assert client.get(change).status_code == 200  # shown for reference
    for url, data in [
            (change, {"municipality": traena.pk, "notice_on": "2026-01-01",
                      "takes_effect_on": "2027-01-01", "reference": "x"}),
            (reverse("admin:agreements_withdrawal_add"),
             {"municipality": traena.pk, "notice_on": "9999-12-31",
              "takes_effect_on": "2000-01-01", "reference": "x"}),
            (reverse("admin:agreements_withdrawal_delete", args=[withdrawal.pk]),
             {"post": "yes"})]:
        assert client.post(url, data).status_code == 403
    withdrawal.refresh_from_db()
    assert (withdrawal.notice_on, withdrawal.takes_effect_on) == (
        datetime.date(2026, 3, 15), datetime.date(2028, 1, 1))
