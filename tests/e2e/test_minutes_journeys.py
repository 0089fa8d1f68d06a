"""Journey of meetings part 2: a representative reads the papers and reports absence; the
secretariat summons the deputy, who accepts; the secretariat records attendance, decisions and
a split vote and sends the minutes for comments; they are deemed approved and published; an
anonymous visitor finds them."""

import datetime
import re

from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from common.models import OutgoingMail
from meetings import minutes as minutes_service
from meetings.models import Absence, Attendance, DeputyRequest, Meeting, Minutes, Seat


def test_meeting_is_held_with_a_deputy_and_the_public_reads_the_minutes(journey):
    meeting = Meeting.objects.get(body__short_name="SSU", status=Meeting.Status.NOTICE_SENT)
    case = meeting.cases.on_agenda()[4]  # Møteplan for SSU 2027
    papers = f"{case.label} {case.title}"
    member = Seat.objects.get(body=meeting.body, role=Seat.Role.MEMBER, holder__name="Håkon Berg")

    # The demo representative, Håkon Berg, reads the papers and reports absence, by keyboard.
    page = journey.login("representant@helgeland.example")
    menu = page.get_by_role("navigation", name="Hovedmeny")
    menu.get_by_role("button", name="Møter").click()
    journey.follow(menu.get_by_role("link", name="Mine møter"))
    journey.follow(page.get_by_role("link", name=papers), "papers")
    expect(page.get_by_role("heading", name="Forslag til vedtak")).to_be_visible()
    expect(page.get_by_text("Møteplanen for 2027 vedtas som foreslått.")).to_be_visible()
    pdf = journey.download(page.get_by_role("link", name="Last ned PDF"))
    assert (pdf.headers["content-type"], pdf.body()[:4]) == ("application/pdf", b"%PDF")
    menu.get_by_role("button", name="Møter").click()
    journey.follow(menu.get_by_role("link", name="Mine møter"))
    page.get_by_role("link", name=f"Meld forfall eller inhabilitet {meeting}").focus()
    journey.press("Enter", "absence-form")
    journey.tab_to("Melding til sekretariatet")
    page.keyboard.type("Formannskapsmøte i Rana samme dag.")
    page.keyboard.press("Tab")  # on to the button
    journey.press("Enter", "absence-reported")
    expect(page.get_by_text("Takk. Sekretariatet er varslet og vil kalle inn "
                            "vararepresentanten din.")).to_be_visible()
    absence = Absence.objects.get(meeting=meeting, seat=member)
    assert (absence.kind, absence.note) == (Absence.Kind.WHOLE,
                                            "Formannskapsmøte i Rana samme dag.")
    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")

    # The secretariat summons his personal deputy (R-SSU-13), who accepts from the e-mail.
    page = journey.login("sekretariat@helgeland.example")
    journey.open(meeting.get_absolute_url())
    journey.follow(page.get_by_role("link", name="Oppmøte og vedtak"))
    journey.follow(page.get_by_role("button", name="Kall inn vara Håkon Berg"), "summoned")
    expect(page.get_by_text("Randi Bakken er spurt om å møte.")).to_be_visible()
    expect(page.get_by_role("button", name="Kall inn vara Håkon Berg")).to_have_count(0)
    mail = OutgoingMail.objects.get(recipient="randi.bakken@rana.example",
                                    purpose__contains=":deputy:")
    answer_url = re.search(r"https?://\S+/vara/\S+/", mail.body_text).group()
    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")
    page.goto(answer_url)
    journey.check("deputy-asked")
    journey.tab_to("Ja, jeg møter")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # a radio group is one stop: on to the button
    journey.press("Enter", "deputy-answered")
    expect(page.get_by_text("Takk for svaret.")).to_be_visible()
    assert DeputyRequest.objects.get(absence=absence).state == DeputyRequest.State.ACCEPTED
    assert Attendance.objects.get(meeting=meeting, seat__holder__name="Randi Bakken") \
        .stands_in_for == member

    # At the meeting: attendance, decisions and a split vote in which the deputy votes.
    page = journey.login("sekretariat@helgeland.example")
    journey.open(meeting.get_absolute_url())
    journey.follow(page.get_by_role("link", name="Oppmøte og vedtak"))
    for name in ("Erik Johansen", "Marte Lien"):
        seat = Seat.objects.get(body=meeting.body, role=Seat.Role.MEMBER, holder__name=name)
        page.get_by_label("Hvem").select_option(str(seat.pk))
        journey.follow(page.get_by_role("button", name="Registrer oppmøte"), "attendance")
        expect(page.get_by_text("Oppmøtet er registrert.")).to_be_visible()

    journey.follow(page.get_by_role("link", name=papers))
    page.get_by_label("Avgjort ved").select_option("vote")
    page.get_by_label("Stemmen til Erik Johansen").select_option("for")
    page.get_by_label("Stemmen til Randi Bakken").select_option("for")
    page.get_by_label("Stemmen til Marte Lien").select_option("against")
    expect(page.get_by_label("Stemmen til Håkon Berg")).to_have_count(0)
    journey.follow(page.get_by_role("button", name="Lagre"), "decided")
    expect(page.get_by_text("Vedtaket er registrert.")).to_be_visible()
    assert case.decision.tally() == {"for": 2, "against": 1, "abstain": 0}

    journey.follow(page.get_by_role("button", name="Marker møtet som avholdt"), "held")
    journey.follow(page.get_by_role("link", name="Protokoll", exact=True))
    journey.follow(page.get_by_role("button", name="Start protokollen"), "minutes")
    expect(page.get_by_role("cell", name="Marte Lien")).to_be_visible()
    journey.follow(page.get_by_role("button", name="Send på høring"), "sent")
    expect(page.get_by_text("Protokollutkastet er sendt på høring.")).to_be_visible()

    # Nobody objects: 96 hours later the periodic task approves them (R-SSU-10).
    minutes = Minutes.objects.get(meeting=meeting)
    minutes_service.deem_approved(now=minutes.sent_at + datetime.timedelta(hours=96))
    journey.open(f"/moter/mote/{meeting.pk}/protokoll/")
    journey.follow(page.get_by_role("button", name="Publiser"), "published")
    expect(page.get_by_text("Protokollen er publisert.")).to_be_visible()

    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")
    journey.open("/")
    journey.follow(page.get_by_role("link", name="Møter og protokoller"))
    with translation.override("nb"):
        day = date_format(timezone.localtime(meeting.starts_at), "j. F Y")
    journey.follow(page.get_by_role("link", name=re.compile(re.escape(day))).first,
                   "public-meeting")
    expect(page.get_by_role("heading", name="Protokoll", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Marte Lien")).to_be_visible()
    expect(page.get_by_role("cell", name="Randi Bakken")).to_be_visible()
    expect(page.get_by_role("cell", name="Mot")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Møtekalender"))
    journey.follow(page.get_by_role("link", name="Søk i vedtak"))
    page.get_by_label("Søk etter").fill("Møteplan")
    journey.follow(page.get_by_role("button", name="Søk"), "search")
    expect(page.get_by_role("link", name=re.compile("Møteplan for SSU 2027"))).to_be_visible()
