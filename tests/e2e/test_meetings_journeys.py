"""Journeys of meetings part 1: the secretariat's body, meeting and notice pages; a
representative who proposes a case; the secretariat who prepares a meeting, approves a late
case and sends the notice."""

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from common.models import OutgoingMail
from meetings import services
from meetings.models import Case, Meeting

PROPOSED = "Tjenester til barn og unge med psykiske lidelser – forslag om eget FSU"


def test_secretariat_walks_from_the_body_to_the_notice(journey):
    page = journey.login("sekretariat@helgeland.example")
    expect(page.get_by_role("heading", name="Møteregler")).to_be_visible()
    journey.menu("Møter", "Organer")
    journey.follow(page.get_by_role("link", name="Strategisk samarbeidsutvalg (SSU)"))
    expect(page.get_by_role("heading", name="Sakskø")).to_be_visible()
    meeting = Meeting.objects.get(body__short_name="SSU", status=Meeting.Status.NOTICE_SENT)
    with translation.override("nb"):
        when = date_format(timezone.localtime(meeting.starts_at), "l j. F Y H:i")
    journey.follow(page.get_by_role("link", name=when))
    expect(page.get_by_role("cell", name=meeting.cases.on_agenda()[4].label)).to_be_visible()
    journey.follow(page.get_by_role("link", name="Innkalling og e-postlogg"))
    expect(page.get_by_role("heading", name="E-postlogg")).to_be_visible()


def test_representative_proposes_a_case_and_the_secretariat_declines_it(journey):
    page = journey.login("representant@helgeland.example")
    expect(page.get_by_role("heading", name="Dine neste møter")).to_be_visible()
    journey.menu("Møter", "Mine organer")
    journey.follow(page.get_by_role("link", name="Strategisk samarbeidsutvalg (SSU)"))
    journey.follow(page.get_by_role("link", name="Foreslå en sak"))
    page.get_by_label("Tittel").fill("Felles opplæring i legemiddelhåndtering")
    page.get_by_label("Bakgrunn").fill("Avvik ved overføring av legemiddellister.")
    journey.follow(page.get_by_role("button", name="Lagre"), "proposed")
    expect(page.get_by_text("Takk. Saken venter nå på sekretariatet.")).to_be_visible()
    case = Case.objects.get(title="Felles opplæring i legemiddelhåndtering")

    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")
    page = journey.login("sekretariat@helgeland.example")
    journey.open(f"/moter/sak/{case.pk}/behandle/")
    page.get_by_label("Begrunnelse forslagsstilleren ser").nth(1).fill("Tas i FSU")
    journey.follow(page.get_by_role("button", name="Bekreft").nth(2), "declined")
    case.refresh_from_db()
    assert (case.status, case.triage_note) == ("declined", "Tas i FSU")


def test_secretariat_prepares_a_meeting_with_a_late_case_and_sends_the_notice(journey):
    # Three weeks ahead: inside the notice window (14-28 days), past the case deadline
    # (28 days before, R-SSU-4), so placing a case needs the chair's approval.
    day = timezone.localdate() + datetime.timedelta(days=21)
    page = journey.login("sekretariat@helgeland.example")
    journey.menu("Møter", "Organer")
    journey.follow(page.get_by_role("link", name="Strategisk samarbeidsutvalg (SSU)"))
    journey.follow(page.get_by_role("link", name="Nytt møte"))
    page.get_by_label("Type").select_option(label="Ordinært")
    page.get_by_label("Starter").fill(f"{day:%Y-%m-%d}T10:00")
    page.get_by_label("Slutter").fill(f"{day:%Y-%m-%d}T14:00")
    page.get_by_label("Sted").fill("Rådhuset i Mo i Rana, kommunestyresalen")
    journey.follow(page.get_by_role("button", name="Lagre"), "meeting-created")
    expect(page.get_by_text("Møtet ble lagt inn i møteplanen.")).to_be_visible()
    meeting = Meeting.objects.get(place="Rådhuset i Mo i Rana, kommunestyresalen")
    assert (meeting.date, meeting.kind, meeting.status) == (
        day, Meeting.Kind.ORDINARY, Meeting.Status.PLANNED)
    assert timezone.localtime(meeting.ends_at).hour == 14
    journey.follow(page.get_by_role("button", name="Legg til de faste innledende sakene"),
                   "opening-items")

    # The case a representative proposed waits in the queue.
    journey.follow(page.get_by_role("link", name=PROPOSED), "triage")
    place = page.get_by_role("region", name="Sett opp på et møte")
    place.get_by_label("Møte").select_option(label=str(meeting))
    journey.follow(place.get_by_role("button", name="Bekreft"), "late-refused")
    expect(page.get_by_text("Forklar hvorfor saken er for viktig til å vente til neste "
                            "møte.")).to_be_visible()
    assert Case.objects.get(title=PROPOSED).meeting is None

    place = page.get_by_role("region", name="Sett opp på et møte")
    place.get_by_label("Møte").select_option(label=str(meeting))
    place.get_by_label("Godkjent av leder").select_option(label="Marte Lien")
    place.get_by_label("Hvorfor saken ikke kan vente").fill(
        "Tilbudet til barn og unge må avklares før budsjettene for neste år.")
    journey.follow(place.get_by_role("button", name="Bekreft"), "placed")
    expect(page.get_by_text("Sen sak godkjent av leder")).to_be_visible()
    case = Case.objects.get(title=PROPOSED)
    assert (case.meeting, case.status, case.late_approved_by.name) == (
        meeting, Case.Status.PLACED, "Marte Lien")
    assert case.urgency_reason.startswith("Tilbudet til barn og unge")

    journey.follow(page.get_by_role("link", name="Forhåndsvis og send innkallingen"),
                   "notice-preview")
    expect(page.get_by_text(PROPOSED)).to_be_visible()
    # The chair has not agreed to the agenda in the product: the reason is recorded (R-SSU-3).
    page.get_by_label("Hvorfor innkallingen sendes uten leders godkjenning").fill(
        "Leder godkjente sakslisten i telefon.")
    journey.follow(page.get_by_role("button", name="Send innkallingen på e-post"),
                   "notice-sent")
    recipients = services.notice_recipients(meeting)
    expect(page.get_by_text(f"{len(recipients)} e-poster ble lagt i kø.")).to_be_visible()
    meeting.refresh_from_db()
    case.refresh_from_db()
    assert (meeting.status, case.on_notice) == (Meeting.Status.NOTICE_SENT, True)
    assert OutgoingMail.objects.filter(topic=meeting.mail_topic).count() == len(recipients)
