"""Journey of meetings part 2: the secretariat records attendance, decisions and a split vote
and sends the minutes for comments; they are deemed approved and published; an anonymous
visitor finds them."""

import datetime
import re

from playwright.sync_api import expect

from meetings import minutes as minutes_service
from meetings.models import Case, Meeting, Minutes, Seat


def test_secretariat_holds_a_meeting_and_the_public_reads_the_minutes(journey):
    meeting = Meeting.objects.get(body__short_name="SSU", status=Meeting.Status.NOTICE_SENT)
    case = Case.objects.get(meeting=meeting, number=5, year=2026)
    voters = [Seat.objects.get(body=meeting.body, role=Seat.Role.MEMBER, holder__name=name)
              for name in ("Erik Johansen", "Marte Lien", "Håkon Berg")]
    page = journey.login("sekretariat@helgeland.example")
    journey.open(meeting.get_absolute_url())
    journey.follow(page.get_by_role("link", name="Oppmøte og vedtak"))
    for seat in voters:
        page.get_by_label("Hvem").select_option(str(seat.pk))
        journey.follow(page.get_by_role("button", name="Registrer oppmøte"), "attendance")
        expect(page.get_by_text("Oppmøtet er registrert.")).to_be_visible()

    journey.follow(page.get_by_role("link", name="Sak 5/2026 Møteplan for SSU 2027"))
    page.get_by_label("Avgjort ved").select_option("vote")
    page.get_by_label("Stemmen til Erik Johansen").select_option("for")
    page.get_by_label("Stemmen til Håkon Berg").select_option("for")
    page.get_by_label("Stemmen til Marte Lien").select_option("against")
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
    journey.follow(page.get_by_role("link", name=re.compile("3. desember 2026")).first,
                   "public-meeting")
    expect(page.get_by_role("heading", name="Protokoll", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Marte Lien")).to_be_visible()
    expect(page.get_by_role("cell", name="Mot")).to_be_visible()
    journey.follow(page.get_by_role("link", name="Møtekalender"))
    journey.follow(page.get_by_role("link", name="Søk i vedtak"))
    page.get_by_label("Søk etter").fill("Møteplan")
    journey.follow(page.get_by_role("button", name="Søk"), "search")
    expect(page.get_by_role("link", name=re.compile("Møteplan for SSU 2027"))).to_be_visible()
