import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from agreements import services
from agreements.models import Agreement, Topic, Withdrawal
from common.documents import render_now
from common.models import StoredPdf
from tests.agreements.factories import (
    adopt,
    agreement_with_versions,
    make_agreement,
    partnership_body,
    pm_meeting,
)
from tests.meetings.factories import PDF_BYTES, at

pytestmark = pytest.mark.django_db
TODAY = at(2026, 3, 1)


def _amended(staff):
    """Version 1 from 1.1.2017; version 2 from 1.6.2017 changes § 2 and removes § 3."""
    body = partnership_body()
    agreement = make_agreement("SA", title="Samarbeidsavtale")
    adopt(agreement, [("1", "Formål", "<p>Formålet er samarbeid.</p>"),
                      ("2", "Partnerskapsmøtet", "<p>Møtet holdes to ganger i året.</p>"),
                      ("3", "Budsjett", "<p>Ingen eget budsjett.</p>")],
          pm_meeting(body, 2016), staff, in_force_from=datetime.date(2017, 1, 1))
    adopt(agreement, [("2", "Partnerskapsmøtet", "<p>Møtet holdes fire ganger i året.</p>"),
                      ("3", "", None)],
          pm_meeting(body, 2017, 4), staff, in_force_from=datetime.date(2017, 6, 1),
          reference="PM-sak 7/2017")
    return agreement


def test_r_ag_1_as_on_a_date_before_and_after_an_amendment(cast):
    agreement = _amended(cast.users["secretariat"])
    url = reverse("agreements:as_on", args=[agreement.pk])
    before = cast.client("anonymous").get(url, {"dato": "01.03.2017"}).content.decode()
    assert "Møtet holdes to ganger i året." in before
    assert "Ingen eget budsjett." in before
    assert "Versjon 1, gjelder fra 01.01.2017." in before
    after = cast.client("anonymous").get(url, {"dato": "01.06.2017"}).content.decode()
    assert "Møtet holdes fire ganger i året." in after
    assert "Ingen eget budsjett." not in after
    assert "Versjon 2, gjelder fra 01.06.2017." in after


def test_as_on_explains_a_bad_date_and_a_date_before_the_agreement(cast):
    agreement = _amended(cast.users["secretariat"])
    url = reverse("agreements:as_on", args=[agreement.pk])
    for bad in ["32.13.2017", "i går", "2017-02-30", "9" * 40]:
        response = cast.client("anonymous").get(url, {"dato": bad})
        assert response.status_code == 200
        assert "Oppgi en gyldig dato." in response.content.decode()
    early = cast.client("anonymous").get(url, {"dato": "31.12.2016"}).content.decode()
    assert "Avtalen gjaldt ikke 31.12.2016." in early


def test_r_ag_1_comparison_marks_exactly_the_changed_sections_and_words(cast):
    agreement = _amended(cast.users["secretariat"])
    response = cast.client("anonymous").get(reverse("agreements:compare", args=[agreement.pk]),
                                            {"fra": 1, "til": 2})
    page = response.content.decode()
    rows = response.context["rows"]
    assert [(row.number, row.status) for row in rows] == [
        ("1", "unchanged"), ("2", "changed"), ("3", "removed")]
    # The word «to», and the heading and text of the removed § 3.
    assert page.count("<del>") == 3
    assert page.count("<ins>") == 1
    assert ('<ins><span class="visually-hidden">[lagt til: </span>fire'
            '<span class="visually-hidden">]</span></ins>') in page
    assert ('<del><span class="visually-hidden">[slettet: </span>to'
            '<span class="visually-hidden">]</span></del>') in page
    assert "2 paragrafer endret" in page


def test_a_draft_agreement_is_the_secretariats(cast):
    draft = make_agreement("Utkast")
    url = reverse("agreements:agreement", args=[draft.pk])
    for who in ["anonymous", "rep_a", "fin_x"]:
        assert cast.client(who).get(url).status_code == 404
    assert cast.client("secretariat").get(url).status_code == 200
    listing = cast.client("anonymous").get(reverse("agreements:agreements")).content.decode()
    assert "Utkast" not in listing


def test_version_pdf_has_the_text_number_date_and_decision(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = _amended(cast.users["secretariat"])
    version = agreement.versions.get(number=2)
    assert render_now("agreements.version", version.pk) is True
    stored = StoredPdf.objects.get(kind="agreements.version", object_id=version.pk)
    with stored.file.open("rb") as file:
        text = " ".join(page.extract_text() for page in PdfReader(file).pages)
    for expected in ["Samarbeidsavtale", "Versjon", "01.06.2017", "PM-sak 7/2017",
                     "Møtet holdes fire ganger i året.", "konsensus blant de frammøtte"]:
        assert expected in text
    assert "Ingen eget budsjett." not in text


def test_coverage_shows_the_topics_no_agreement_covers(cast):
    agreement = _amended(cast.users["secretariat"])
    agreement.topics.set(Topic.objects.filter(number__in=[1, 12]))
    response = cast.client("anonymous").get(reverse("agreements:coverage"))
    assert [topic.number for topic in response.context["uncovered"]] == [
        2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]
    assert "11 tema er ikke dekket av noen avtale" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_r_ag_4_revisions_page_lists_overdue_first(cast):
    make_agreement("Senere", revision_due=datetime.date(2027, 1, 1))
    make_agreement("Forfalt", revision_due=datetime.date(2025, 6, 1))
    response = cast.client("secretariat").get(reverse("agreements:revisions"))
    assert [a.number for a in response.context["agreements"]] == ["Forfalt", "Senere"]
    assert response.content.decode().count("(forfalt)") == 1


@time_machine.travel(TODAY, tick=False)
def test_start_page_shows_revisions_due_and_pending_withdrawals(cast):
    make_agreement("Delavtale 5", revision_due=datetime.date(2026, 2, 1))
    make_agreement("Delavtale 9", revision_due=datetime.date(2029, 2, 1))
    services.record_withdrawal(cast.municipality_y, notice_on=datetime.date(2026, 2, 15),
                               reference="Vefsn k-sak 1/2026",
                               document=SimpleUploadedFile("v.pdf", PDF_BYTES),
                               acting_user=cast.users["secretariat"])
    page = cast.client("secretariat").get(reverse("start")).content.decode()
    assert "Delavtale 5" in page
    assert "Delavtale 9" not in page
    assert "Vefsn: trer i kraft 01.01.2028" in page


def test_r_ag_5_recording_a_withdrawal_through_the_form(cast):
    client = cast.client("secretariat")
    response = client.post(reverse("agreements:withdrawal_create"), {
        "municipality": cast.municipality_x.pk, "notice_on": "15.03.2026",
        "reference": "Rana k-sak 3/2026",
        "document": SimpleUploadedFile("varsel.pdf", PDF_BYTES)}, follow=True)
    assert ("Uttredenen til Rana trer i kraft 01.01.2028; kommunen er medlem og betaler for "
            "2027.") in response.content.decode()
    rejected = client.post(reverse("agreements:withdrawal_create"), {
        "municipality": cast.municipality_y.pk, "notice_on": "15.03.2026", "reference": "x",
        "document": SimpleUploadedFile("varsel.pdf", b"PK\x03\x04 not a pdf")})
    assert "Det skriftlige varselet må være en PDF-fil." in rejected.content.decode()
    assert Withdrawal.objects.count() == 1


def test_adoption_at_the_first_readings_meeting_is_refused_on_the_form(cast):
    staff = cast.users["secretariat"]
    body = partnership_body()
    agreement = make_agreement("SA")
    adopt(agreement, [("1", "Formål", "<p>A.</p>")], pm_meeting(body, 2023), staff,
          in_force_from=datetime.date(2024, 1, 1))
    first = pm_meeting(body, 2024)
    proposal = services.create_proposal(agreement, title="B", changes_statutes=True,
                                        acting_user=staff)
    services.save_proposed_section(proposal, number="1", heading="Formål", text="<p>B.</p>",
                                   acting_user=staff)
    services.put_on_meeting(proposal, first, acting_user=staff)
    services.record_first_reading(proposal, acting_user=staff)
    response = cast.client("secretariat").post(
        reverse("agreements:proposal_adopt", args=[proposal.pk]),
        {"meeting": first.pk, "adopted_by_consensus": "on", "decision_reference": "PM-sak 1",
         "in_force_from": "01.01.2025"})
    assert response.status_code == 200
    assert "kan vedtektene bare vedtas i et senere partnerskapsmøte" in (
        response.content.decode())
    assert agreement.versions.count() == 1


def _sizes(cast, size):
    staff = cast.users["secretariat"]
    agreement = agreement_with_versions(staff, size)
    services.create_proposal(agreement, title="Åpen", acting_user=staff)
    return agreement


@pytest.mark.parametrize("size", [2, 6])
@time_machine.travel(TODAY, tick=False)
def test_agreement_history_and_compare_queries_do_not_grow(cast, size,
                                                           django_assert_num_queries):
    agreement = _sizes(cast, size)
    # (anonymous, secretariat): the secretariat's layout and start links read more.
    pages = {reverse("agreements:agreement", args=[agreement.pk]): (5, 12),
             reverse("agreements:history", args=[agreement.pk]): (4, 13),
             reverse("agreements:compare", args=[agreement.pk]) + "?fra=1&til=2": (4, 6),
             reverse("agreements:as_on", args=[agreement.pk]) + "?dato=01.01.2026": (4, 6),
             reverse("agreements:agreements"): (2, 4), reverse("agreements:coverage"): (4, 6)}
    for index, who in enumerate(["anonymous", "secretariat"]):
        client = cast.client(who)
        for url, counts in pages.items():
            with django_assert_num_queries(counts[index]):
                response = client.get(url)
            assert response.status_code == 200
    history = cast.client("secretariat").get(reverse("agreements:history", args=[agreement.pk]))
    assert len(history.context["versions"]) == size


@pytest.mark.parametrize("size", [1, 4])
@time_machine.travel(TODAY, tick=False)
def test_revision_and_withdrawal_pages_queries_do_not_grow(cast, size, municipality_factory,
                                                           django_assert_num_queries):
    staff = cast.users["secretariat"]
    for index in range(size):
        agreement = make_agreement(f"Delavtale {index}", kind=Agreement.Kind.SUB_AGREEMENT,
                                   revision_due=datetime.date(2026, 1, 1 + index))
        services.plan_revision(agreement, planned_for=datetime.date(2026, 5, 1),
                               acting_user=staff)
        services.record_withdrawal(municipality_factory(f"18{40 + index}"),
                                   notice_on=datetime.date(2026, 2, 1), reference="x",
                                   document=SimpleUploadedFile("v.pdf", PDF_BYTES),
                                   acting_user=staff)
    client = cast.client("secretariat")
    for url, count in [(reverse("agreements:revisions"), 6),
                       (reverse("agreements:withdrawals"), 4), (reverse("start"), 13)]:
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_demo_loads_the_cooperation_agreement_with_two_versions(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    cooperation = Agreement.objects.get(number="SA")
    first, second = cooperation.versions.order_by("number")
    assert list(first.sections.values_list("number", flat=True)) == [
        "1", "2", "3", "4", "4-1", "4-2", "4-3", "4-4", "5", "6"]
    assert first.sections.get(number="4-2").text.startswith(
        "<p>Partnerskapsmøtet er et formelt møte mellom administrerende direktør")
    assert second.proposal.first_reading.date < second.adopted_at.date
    assert second.proposal.changes_statutes is True
    assert second.sections.get(number="6").heading == "Uttreden"
    assert Agreement.objects.filter(kind=Agreement.Kind.SUB_AGREEMENT,
                                    revision_due__isnull=False).count() == 3
    withdrawal = Withdrawal.objects.get()
    assert withdrawal.notice_on < datetime.date.today()
    assert withdrawal.municipality.number not in {"1833", "1824"}
    call_command("load_demo", stdout=io.StringIO())
    assert cooperation.versions.count() == 2
    assert Withdrawal.objects.count() == 1


def test_secretariat_takes_a_statute_change_through_two_readings_in_the_browser(cast):
    staff = cast.users["secretariat"]
    client = cast.client("secretariat")
    body = partnership_body()
    agreement = make_agreement("SA")
    adopt(agreement, [("1", "Formål", "<p>Samarbeid.</p>")], pm_meeting(body, 2023), staff,
          in_force_from=datetime.date(2024, 1, 1))
    first, second = pm_meeting(body, 2024), pm_meeting(body, 2025)
    client.post(reverse("agreements:proposal_create", args=[agreement.pk]),
                {"title": "Nytt formål", "changes_statutes": "on"})
    proposal = agreement.proposals.get(title="Nytt formål")
    section_url = reverse("agreements:proposal_section", args=[proposal.pk])
    assert client.get(section_url, {"nummer": "1"}).context["form"].initial["text"] == (
        "<p>Samarbeid.</p>")
    client.post(section_url, {"number": "1", "heading": "Formål",
                              "text": "<p>Likeverdig samarbeid.<script>x</script></p>"})
    assert proposal.sections.get().text == "<p>Likeverdig samarbeid.</p>"
    client.post(reverse("agreements:proposal_meeting", args=[proposal.pk]),
                {"meeting": first.pk})
    client.post(reverse("agreements:proposal_first_reading", args=[proposal.pk]))
    client.post(reverse("agreements:proposal_meeting", args=[proposal.pk]),
                {"meeting": second.pk})
    response = client.post(reverse("agreements:proposal_adopt", args=[proposal.pk]), {
        "meeting": second.pk, "adopted_by_consensus": "on",
        "decision_reference": "PM-sak 2/2025", "in_force_from": "01.01.2026"}, follow=True)
    assert "Vedtatt som versjon 2." in response.content.decode()
    version = agreement.versions.get(number=2)
    assert (version.adopted_at, version.decision_reference) == (second, "PM-sak 2/2025")
    history = client.get(reverse("agreements:history", args=[agreement.pk])).content.decode()
    assert "Endringsforslag: Nytt formål" in history
    assert staff.name in history


def test_list_shows_the_version_in_force_today_not_one_adopted_for_later(cast):
    staff = cast.users["secretariat"]
    agreement = agreement_with_versions(staff, 2)  # version 2 in force from 1.1.2021
    adopt(agreement, [("1", "Formål", "<p>Senere.</p>")], pm_meeting(partnership_body(), 2030),
          staff, in_force_from=datetime.date(2031, 1, 1))
    with time_machine.travel(TODAY, tick=False):
        response = cast.client("anonymous").get(reverse("agreements:agreements"))
    assert [a.version_in_force for a in response.context["agreements"]] == [2]


def test_secretariat_creates_an_agreement_with_parties_and_topics(cast):
    response = cast.client("secretariat").post(reverse("agreements:agreement_create"), {
        "kind": "sub_agreement", "number": "Delavtale 3", "title": "Innleggelse i sykehus",
        "status": "draft", "parties": [cast.municipality_x.pk],
        "topics": [Topic.objects.get(number=3).pk], "revision_due": "31.12.2027"})
    agreement = Agreement.objects.get(number="Delavtale 3")
    assert response["Location"] == agreement.get_absolute_url()
    assert (list(agreement.parties.all()), [t.number for t in agreement.topics.all()],
            agreement.revision_due) == ([cast.municipality_x], [3], datetime.date(2027, 12, 31))
