"""Journeys of preparing a meeting: the chair agrees to the agenda from their own login and the
secretariat sends the notice (R-SSU-3); the secretariat cancels a meeting, which shows as
cancelled to its members and the public."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from common.models import OutgoingMail
from meetings import services
from meetings.models import Body, Meeting
from members.models import Person, User
from tests.e2e.conftest import DEMO_PASSWORD

TITLE = "Felles retningslinjer for samarbeid om legemiddelhåndtering"


def _meeting_with_a_case(days_ahead):
    ssu = Body.objects.get(short_name="SSU")
    staff = User.objects.get(email="sekretariat@helgeland.example")
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    meeting = services.plan_meeting(
        ssu, starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        place="Helgelandssykehuset Sandnessjøen", acting_user=staff)
    case = services.propose_case(ssu, title=TITLE, acting_user=staff,
                                 now=timezone.now() - datetime.timedelta(days=60))
    services.place_case(case, meeting, acting_user=staff)
    return meeting


def test_the_chair_agrees_to_the_agenda_and_the_secretariat_sends_the_notice(journey):
    meeting = _meeting_with_a_case(21)
    User.objects.create_user("marte.lien@vefsn.example", DEMO_PASSWORD, name="Marte Lien",
                             role=User.Role.REPRESENTATIVE,
                             person=Person.objects.get(name="Marte Lien"))

    page = journey.login("sekretariat@helgeland.example")
    journey.open(f"/moter/mote/{meeting.pk}/innkalling/")
    expect(page.get_by_text("Ikke godkjent ennå.")).to_be_visible()
    journey.follow(page.get_by_role("button", name="Send innkallingen på e-post"),
                   "refused-without-agreement")
    expect(page.get_by_text("Leder eller nestleder har ikke godkjent sakslisten.")
           ).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")

    page = journey.login("marte.lien@vefsn.example")
    panel = page.get_by_role("region", name="Sakslister som venter på din godkjenning")
    journey.follow(panel.get_by_role("button", name=f"Jeg godkjenner sakslisten {meeting}"),
                   "agreed")
    expect(page.get_by_text(f"Du godkjente sakslisten for {meeting}.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.agenda_agreed_by.name == "Marte Lien"
    journey.follow(page.get_by_role("button", name="Logg ut"), "chair-logged-out")

    page = journey.login("sekretariat@helgeland.example")
    journey.open(f"/moter/mote/{meeting.pk}/innkalling/")
    expect(page.get_by_text("Marte Lien godkjente sakslisten")).to_be_visible()
    journey.follow(page.get_by_role("button", name="Send innkallingen på e-post"),
                   "notice-sent")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sent_without_agreement) == (Meeting.Status.NOTICE_SENT, "")
    labels = [case.label for case in meeting.cases.on_agenda()]
    assert labels == sorted(labels, key=lambda label: int(label.split()[1].split("/")[0]))


def test_the_secretariat_cancels_a_meeting(journey):
    meeting = _meeting_with_a_case(20)
    staff = User.objects.get(email="sekretariat@helgeland.example")
    services.send_notice(meeting, reason="Leder godkjente i telefon", acting_user=staff)

    page = journey.login("sekretariat@helgeland.example")
    journey.open(f"/moter/mote/{meeting.pk}/")
    journey.follow(page.get_by_role("link", name="Avlys møtet"), "cancel-form")
    journey.follow(page.get_by_role("button", name="Lagre"), "reason-missing")
    expect(page.get_by_text("Feltet er påkrevet.")).to_be_visible()
    page.get_by_label("Hvorfor møtet avlyses").fill("Sakene kan vente til neste møte.")
    journey.follow(page.get_by_role("button", name="Lagre"), "cancelled")
    expect(page.get_by_text("Møtet er avlyst;")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert OutgoingMail.objects.filter(purpose=f"{meeting.mail_topic}:cancelled").exists()
    journey.follow(page.get_by_role("button", name="Logg ut"), "logged-out")

    page = journey.open("/moter/offentlig/kalender/")
    expect(page.get_by_role("row").filter(has_text="Avlyst").first).to_be_visible()
