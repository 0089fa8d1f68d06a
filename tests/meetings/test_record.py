"""The record (R-REC-1, R-REC-2, R-REC-4, R-SSU-10, R-SSU-11): published minutes are stored
content, a held meeting is closed, and no door — service function, product page, e-mailed
link — changes them. Each test compares what was published (the public page's text, the PDF's
text and the stored file's checksum) before and after."""

import datetime
import hashlib
import html
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from common.documents import render_now
from common.models import AuditEvent, OutgoingMail, StoredPdf
from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings import preparing, services
from meetings.models import Absence, Attendance, Decision, Minutes, MinutesLocked
from tests.meetings.factories import at, pdf_upload
from tests.meetings.holding_factories import decided, ssu_meeting

pytestmark = pytest.mark.django_db


def public_text(client, meeting, version=None):
    """The published record on the public page: heading, agenda and minutes, as text."""
    url = reverse("meetings:public_meeting", args=[meeting.pk])
    page = client.get(url, {"versjon": version} if version else {})
    assert page.status_code == 200
    body = page.content.decode()
    main = body[body.index("<h1>"):]
    record = main[:main.index("<h2>Protokoll</h2>")] + main[main.index('<div class="minutes">'):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", record)).split())


def pdf_of(minutes):
    render_now("meetings.minutes", minutes.pk)
    stored = StoredPdf.objects.get(kind="meetings.minutes", object_id=minutes.pk)
    with stored.file.open("rb") as handle:
        data = handle.read()
    with stored.file.open("rb") as handle:
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(handle).pages)
                        .split())
    return hashlib.sha256(data).hexdigest(), text


def refusals():
    return AuditEvent.objects.filter(action="access_refused")


def publish_version(minutes, staff):
    """A correction sent for comments, deemed approved and published."""
    minutes_service.send_for_comments(minutes, acting_user=staff, now=at(2026, 3, 20))
    minutes_service.deem_approved(now=at(2026, 3, 25))
    minutes.refresh_from_db()
    return minutes_service.publish(minutes, acting_user=staff, now=at(2026, 3, 25))


def public_pdf_text(client, meeting, version=None):
    """The public minutes PDF as served, as text."""
    response = client.get(reverse("meetings:public_minutes_pdf", args=[meeting.pk]),
                          {"versjon": version} if version else {})
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_r_rec_1_r_ssu_11_a_correction_is_version_2_and_version_1_reads_as_published(
        published_meeting, staff, client):
    held = published_meeting
    v1 = held.minutes
    page_before = public_text(client, held.meeting)
    checksum_before, pdf_before = pdf_of(v1)
    assert "Felles rutine for utskrivning" in page_before and "Rutineutkast" in page_before
    assert "Rutinen vedtas." in pdf_before

    # Published: the case text and the decision are closed to every service function.
    count = refusals().count()
    with pytest.raises(ValidationError, match="godkjent og låst"):
        services.save_case_papers(held.case1, title="Ny tittel", presentation="",
                                  proposed_decision="", acting_user=staff)
    with pytest.raises(ValidationError, match="godkjent og låst"):
        holding.record_decision(held.case1, text="Endret vedtak.", acting_user=staff,
                                mode=Decision.Mode.UNANIMOUS)
    assert refusals().count() == count + 2
    assert refusals().last().details["rule"] in {"R-REC-1"}

    correction = minutes_service.start_correction(v1, reason="Feil vedtakstekst i sak 1",
                                                  acting_user=staff)
    services.save_case_papers(held.case1, title="Felles rutine for utskrivning, revidert",
                              presentation="", proposed_decision="", acting_user=staff)
    holding.record_decision(held.case1, text="Den reviderte rutinen vedtas.",
                            mode=Decision.Mode.UNANIMOUS, acting_user=staff)
    # The draft of version 2 never shows under version 1.
    assert public_text(client, held.meeting) == page_before

    publish_version(correction, staff)

    assert public_text(client, held.meeting, version=1) == page_before
    assert pdf_of(Minutes.objects.get(pk=v1.pk)) == (checksum_before, pdf_before)
    current = public_text(client, held.meeting)
    assert "Felles rutine for utskrivning, revidert" in current
    assert "Den reviderte rutinen vedtas." in current and "Rutinen vedtas." not in current
    page = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk]),
                      {"versjon": 1}).content.decode()
    assert "Denne versjonen er rettet: versjon 2 er gjeldende." in page
    page = client.get(reverse("meetings:public_meeting", args=[held.meeting.pk]))
    assert "Dette er gjeldende versjon." in page.content.decode()
    assert "Hvorfor den ble rettet: Feil vedtakstekst i sak 1" in page.content.decode()
    _checksum, pdf_v2 = pdf_of(correction)
    assert "Den reviderte rutinen vedtas." in pdf_v2 and "Versjon 2" in pdf_v2
    api = client.get(reverse("meetings:oparl_object",
                             args=["agendaitem", held.case1.pk])).json()
    assert api["resolutionText"] == "Den reviderte rutinen vedtas."
    assert api["name"] == "Felles rutine for utskrivning, revidert"


def test_r_rec_1_rows_changed_behind_the_products_back_do_not_reach_published_minutes(
        published_meeting, staff, client):
    """Even a change that slips past every check (a plain save) does not reach version 1:
    the page, the PDF and the API read the stored content."""
    held = published_meeting
    page_before = public_text(client, held.meeting)
    checksum_before, pdf_before = pdf_of(held.minutes)
    held.case1.title = "Skjult endring"
    held.case1.save()
    Decision.objects.filter(case=held.case1).update(text="Skjult vedtak.")
    held.meeting.place = "Et annet sted"
    held.meeting.starts_at = at(2026, 3, 11)
    held.meeting.save()
    held.case2.delete()
    assert public_text(client, held.meeting) == page_before
    assert pdf_of(Minutes.objects.get(pk=held.minutes.pk)) == (checksum_before, pdf_before)
    assert "Skjult" not in str(client.get(reverse("meetings:oparl_list",
                                                  args=["agendaitem"])).json())


def test_r_ssu_11_public_search_finds_what_was_published_not_a_correction_draft(
        published_meeting, staff, client):
    held = published_meeting
    minutes_service.start_correction(held.minutes, reason="Retting", acting_user=staff)
    holding.record_decision(held.case1, text="Hemmelig retting.", acting_user=staff,
                            mode=Decision.Mode.UNANIMOUS)
    url = reverse("meetings:public_search")
    assert "Hemmelig retting" not in client.get(url, {"q": "hemmelig"}).content.decode()
    found = client.get(url, {"q": "rutinen", "year": 2026}).content.decode()
    assert "Sak 1/2026 Felles rutine for utskrivning" in found and "Rutinen vedtas." in found


def test_r_rec_1_approved_minutes_refuse_a_changed_content_and_deletion(published_meeting):
    minutes = Minutes.objects.get(pk=published_meeting.minutes.pk)
    minutes.content = {**minutes.content, "introduction": "Omskrevet"}
    with pytest.raises(MinutesLocked):
        minutes.save()
    with pytest.raises(MinutesLocked):
        Minutes.objects.get(pk=published_meeting.minutes.pk).delete()


def test_r_ssu_10_minutes_out_for_comments_read_what_was_sent(staff, client, cast):
    """What participants comment on is what was sent; the secretariat's later edits wait
    until an objection sends the minutes back (R-SSU-10, R-REC-2)."""
    held = decided(staff)
    minutes = minutes_service.start_minutes(held.meeting, acting_user=staff)
    minutes_service.save_texts(minutes, introduction="Innledning som sendt",
                               acting_user=staff)
    minutes = minutes_service.send_for_comments(minutes, acting_user=staff,
                                                now=at(2026, 6, 11, 9))
    for change in (
        lambda: minutes_service.save_texts(minutes, introduction="Ny", acting_user=staff),
        lambda: holding.record_attendance(held.meeting, held.list1, acting_user=staff),
        lambda: holding.record_decision(held.case1, text="Nytt", acting_user=staff,
                                        mode=Decision.Mode.UNANIMOUS),
    ):
        with pytest.raises(ValidationError, match="sendt på høring|som sendt"):
            change()
    Decision.objects.filter(case=held.case1).update(text="Endret bak ryggen.")
    client.force_login(staff)
    page = client.get(reverse("meetings:minutes", args=[held.meeting.pk])).content.decode()
    assert "Rutinen vedtas." in page and "Endret bak ryggen." not in page
    assert "Innledning som sendt" in page
    minutes_service.object_to(minutes, person=held.muni1.holder, comment="Feil i sak 1",
                              acting_user=None, now=at(2026, 6, 12))
    holding.record_decision(held.case1, text="Rettet etter merknad.", acting_user=staff,
                            mode=Decision.Mode.UNANIMOUS)
    page = client.get(reverse("meetings:minutes", args=[held.meeting.pk])).content.decode()
    assert "Rettet etter merknad." in page


def test_r_rec_1_the_minutes_page_and_pdf_show_each_version(published_meeting, staff, client):
    held = published_meeting
    minutes_service.start_correction(held.minutes, reason="Skrivefeil", acting_user=staff)
    holding.record_decision(held.case1, text="Ny tekst.", mode=Decision.Mode.UNANIMOUS,
                            acting_user=staff)
    client.force_login(staff)
    url = reverse("meetings:minutes", args=[held.meeting.pk])
    first = client.get(url, {"versjon": 1}).content.decode()
    assert "Rutinen vedtas." in first and "Ny tekst." not in first
    assert "Dette er en tidligere versjon, bevart slik den var." in first
    assert "Ny tekst." in client.get(url).content.decode()
    assert client.get(url, {"versjon": 9}).status_code == 404
    render_now("meetings.minutes", held.minutes.pk)
    pdf = client.get(reverse("meetings:minutes_pdf", args=[held.meeting.pk]), {"versjon": 1})
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_r_rec_1_r_ssu_11_the_public_reaches_each_published_versions_pdf(
        published_meeting, staff, client):
    """Version 1's public PDF stays reachable, as published, after a correction; the page
    links the PDF of the version it shows; a version not published is not found."""
    held = published_meeting
    v1 = held.minutes
    render_now("meetings.public_minutes", v1.pk)
    correction = minutes_service.start_correction(v1, reason="Feil vedtakstekst",
                                                  acting_user=staff)
    holding.record_decision(held.case1, text="Den reviderte rutinen vedtas.",
                            mode=Decision.Mode.UNANIMOUS, acting_user=staff)
    publish_version(correction, staff)
    render_now("meetings.public_minutes", correction.pk)
    draft = minutes_service.start_correction(correction, reason="Ny retting",
                                             acting_user=staff)

    first = public_pdf_text(client, held.meeting, version=1)
    assert "Rutinen vedtas." in first and "Den reviderte rutinen vedtas." not in first
    current = public_pdf_text(client, held.meeting)
    assert "Den reviderte rutinen vedtas." in current and "Versjon 2" in current
    assert public_pdf_text(client, held.meeting, version=2) == current
    url = reverse("meetings:public_minutes_pdf", args=[held.meeting.pk])
    assert client.get(url, {"versjon": draft.version}).status_code == 404
    assert client.get(url, {"versjon": 9}).status_code == 404

    page = reverse("meetings:public_meeting", args=[held.meeting.pk])
    old = client.get(page, {"versjon": 1}).content.decode()
    assert f'href="{url}?versjon=1">Protokoll (PDF)</a>' in old
    assert "Denne versjonen er rettet: versjon 2 er gjeldende." in old
    now = client.get(page).content.decode()
    assert f'href="{url}">Protokoll (PDF)</a>' in now and "Dette er gjeldende versjon." in now
    files = {v.version: client.get(reverse("meetings:oparl_object",
                                           args=["minutesfile", v.pk])).json()["accessUrl"]
             for v in (v1, correction)}
    assert files == {1: f"http://testserver{url}?versjon=1",
                     2: f"http://testserver{url}?versjon=2"}


def test_r_rec_4_the_products_forms_refuse_to_change_published_minutes(
        published_meeting, staff, client):
    """The decision, attendance and case papers pages: the refusal on the form in Norwegian,
    no 500, and the record as it was (R-REC-1, R-REC-2)."""
    held = published_meeting
    page_before = public_text(client, held.meeting)
    pdf_before = pdf_of(held.minutes)
    rows_before = (list(Decision.objects.filter(case__meeting=held.meeting).values_list(
        "case", "text", "mode")), list(Attendance.objects.filter(meeting=held.meeting)
                                       .values_list("seat", "stands_in_for", "arrived_before",
                                                    "left_after")),
        list(held.meeting.cases.values_list("title", "presentation", "proposed_decision")),
        list(held.meeting.cases.values_list("attachments__title")))
    client.force_login(staff)
    posts = [
        (reverse("meetings:decision", args=[held.case1.pk]),
         {"mode": "unanimous", "text": "Endret vedtak.", "minutes_text": ""}),
        (reverse("meetings:attendance", args=[held.meeting.pk]), {"seat": held.list1.pk}),
        (reverse("meetings:attendance_correct",
                 args=[Attendance.objects.get(meeting=held.meeting, seat=held.muni1).pk]),
         {"to": "absent"}),
        (reverse("meetings:case_edit", args=[held.case1.pk]),
         {"title": "Ny tittel", "presentation": "<p>Ny tekst</p>",
          "proposed_decision": "Nytt forslag"}),
        (reverse("meetings:attachment_add", args=[held.case1.pk]),
         {"title": "Etterpå", "file": pdf_upload(), "legal_basis": ""}),
    ]
    count = refusals().count()
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in {200, 400}, url
        assert "godkjent og låst" in response.content.decode(), url
    assert refusals().count() == count + len(posts)
    assert (list(Decision.objects.filter(case__meeting=held.meeting).values_list(
        "case", "text", "mode")), list(Attendance.objects.filter(meeting=held.meeting)
                                       .values_list("seat", "stands_in_for", "arrived_before",
                                                    "left_after")),
        list(held.meeting.cases.values_list("title", "presentation", "proposed_decision")),
        list(held.meeting.cases.values_list("attachments__title"))) == rows_before
    assert public_text(client, held.meeting) == page_before
    assert pdf_of(Minutes.objects.get(pk=held.minutes.pk)) == pdf_before


# R-REC-2: a held meeting is closed.

def test_r_rec_2_a_held_meeting_refuses_reschedule_case_changes_and_absence(
        published_meeting, staff, client):
    held = published_meeting
    page_before = public_text(client, held.meeting)
    agenda_before = list(held.meeting.cases.values_list("pk", "number", "position", "status"))
    count = refusals().count()
    doors = [
        lambda: preparing.reschedule_meeting(held.meeting, starts_at=at(2026, 3, 12),
                                             ends_at=None, place="Mo", video_link="",
                                             acting_user=staff),
        lambda: services.defer_case(held.case1, acting_user=staff),
        lambda: services.withdraw_case(held.case2, acting_user=staff),
        lambda: services.move_case(held.case2, up=True, acting_user=staff),
        lambda: services.place_case(services.propose_case(held.body, title="Ny",
                                                          acting_user=staff),
                                    held.meeting, acting_user=staff),
        lambda: holding.report_absence(held.meeting, held.muni1, kind=Absence.Kind.WHOLE),
    ]
    for door in doors:
        with pytest.raises(ValidationError, match="Møtet er avholdt"):
            door()
    assert refusals().count() == count + len(doors)
    assert set(refusals().values_list("details__rule", flat=True)) == {"R-REC-2"}
    assert list(held.meeting.cases.values_list("pk", "number", "position", "status")) == (
        agenda_before)
    assert not Absence.objects.filter(meeting=held.meeting).exists()
    assert public_text(client, held.meeting) == page_before


def test_r_rec_2_the_meeting_form_refuses_to_reschedule_a_held_meeting(
        published_meeting, staff, client):
    held = published_meeting
    updates = OutgoingMail.objects.filter(purpose__contains=":update:").count()
    client.force_login(staff)
    response = client.post(reverse("meetings:meeting_edit", args=[held.meeting.pk]), {
        "starts_at": "12.03.2026 10:00", "place": "Mo i Rana", "video_link": ""})
    assert response.status_code == 400  # the form with the refusal on it
    assert "tid og sted er en del av protokollen" in response.content.decode()
    held.meeting.refresh_from_db()
    assert held.meeting.starts_at == at(2026, 3, 10)
    assert OutgoingMail.objects.filter(purpose__contains=":update:").count() == updates


def test_r_rec_2_a_deputy_link_after_the_meeting_shows_why_and_changes_nothing(staff, client):
    held = ssu_meeting(staff)
    absence = holding.report_absence(held.meeting, held.muni1, kind=Absence.Kind.WHOLE)
    request = holding.summon_deputy(absence, acting_user=staff)
    holding.mark_held(held.meeting, acting_user=staff)
    url = reverse("meetings:deputy_answer", args=[holding.deputy_token(request)])
    page = client.get(url).content.decode()
    assert "Møtet er avholdt, så forespørselen kan ikke lenger besvares" in page
    count = refusals().count()
    answer = client.post(url, {"answer": "yes"})
    assert answer.status_code == 200
    assert "Ingenting ble endret" in answer.content.decode()
    request.refresh_from_db()
    assert request.state == "asked"
    assert not Attendance.objects.filter(meeting=held.meeting, seat=request.deputy).exists()
    assert refusals().count() == count + 1
    with pytest.raises(ValidationError):
        holding.answer_deputy_request(request, accept=True)


def test_r_rec_2_attendance_and_decisions_change_until_the_minutes_are_sent(staff):
    held = decided(staff)
    holding.record_attendance(held.meeting, held.list1, acting_user=staff)  # held, not sent
    minutes = minutes_service.start_minutes(held.meeting, acting_user=staff)
    minutes_service.send_for_comments(minutes, acting_user=staff, now=at(2026, 6, 11))
    with pytest.raises(ValidationError):
        holding.record_attendance(held.meeting, held.list2, acting_user=staff)
    with pytest.raises(ValidationError):
        services.add_attachment(held.case1, upload=pdf_upload(), title="Etterpå",
                                screened=False, legal_basis="", acting_user=staff)
    assert held.case1.attachments.count() == 0


# R-REC-4: an absence link is single-purpose.

def test_r_rec_4_an_absence_link_keeps_one_report_per_seat_and_says_it_was_updated(
        staff, client):
    held = ssu_meeting(staff, at(2030, 6, 10))
    url = reverse("meetings:absence_link",
                  args=[holding.absence_token(held.meeting, held.muni2)])
    for _ in range(3):
        first = client.post(url, {"kind": "whole", "note": "Syk"})
    assert Absence.objects.filter(meeting=held.meeting, seat=held.muni2).count() == 1
    assert OutgoingMail.objects.filter(purpose__contains=":absence:",
                                       recipient=staff.email).count() == 1
    assert "ble oppdatert" in first.content.decode()
    changed = client.post(url, {"kind": "part", "from_case": held.case2.pk})
    assert "ble oppdatert" in changed.content.decode()
    absence = Absence.objects.get(meeting=held.meeting, seat=held.muni2)
    assert (absence.kind, absence.from_case) == ("part", held.case2)
    mails = OutgoingMail.objects.filter(purpose__contains=":absence:", recipient=staff.email)
    assert mails.count() == 2 and "Endret forfall" in mails.order_by("pk").last().subject
    assert "Du meldte" in client.get(url).content.decode()


def test_r_rec_4_an_absence_link_works_only_for_a_seat_held_on_the_meeting_day(staff,
                                                                              client):
    held = ssu_meeting(staff, at(2030, 6, 10))
    held.muni2.ends_on = datetime.date(2030, 1, 1)
    held.muni2.save()
    url = reverse("meetings:absence_link",
                  args=[holding.absence_token(held.meeting, held.muni2)])
    assert "har ikke dette setet på møtedagen (10.06.2030)" in client.get(url).content.decode()
    count = refusals().count()
    assert client.post(url, {"kind": "whole"}).status_code == 200
    assert not Absence.objects.filter(seat=held.muni2).exists()
    assert refusals().count() == count + 1
    with pytest.raises(ValidationError, match="har ikke dette setet"):
        holding.report_absence(held.meeting, held.muni2, kind=Absence.Kind.WHOLE)
