"""Journey: the body approves its previous minutes as a case of its next meeting (R-SSU-10).
The demo's coming SSU meeting is held and its minutes sent for comments; at the meeting after
it the secretariat records the approval case's decision, and the minutes then say by which
meeting and case they were approved, on their page and in their PDF."""

import datetime
import io

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings import attendance as holding
from meetings import minutes as minutes_service
from meetings import services
from meetings.models import Case, Meeting
from members.models import User


def held_with_minutes_out_and_the_next_meeting_notified():
    staff = User.objects.get(email="sekretariat@helgeland.example")
    meeting = (Meeting.objects.filter(body__short_name="SSU", status=Meeting.Status.NOTICE_SENT)
               .order_by("starts_at").first())
    holding.mark_held(meeting, acting_user=staff)
    minutes = minutes_service.start_minutes(meeting, acting_user=staff)
    minutes_service.send_for_comments(minutes, acting_user=staff)
    following = services.plan_meeting(
        meeting.body, starts_at=meeting.starts_at + datetime.timedelta(weeks=6),
        place="Mo i Rana", acting_user=staff)
    services.add_opening_items(following, acting_user=staff)
    services.send_notice(following, acting_user=staff, reason="Lederen er på reise.")
    return meeting, following.cases.get(kind=Case.Kind.APPROVE_MINUTES)


def test_the_next_meeting_approves_the_previous_minutes(journey):
    meeting, case = held_with_minutes_out_and_the_next_meeting_notified()
    approved_in = (f"godkjent i møte {date_format(timezone.localtime(case.meeting.starts_at))}, "
                   f"{case.label.lower()}")

    page = journey.login("sekretariat@helgeland.example")
    journey.open(case.meeting.get_absolute_url())
    journey.follow(page.get_by_role("link", name="Oppmøte og vedtak"))
    journey.follow(page.get_by_role("link", name=f"{case.label} {case.title}"), "approval-case")
    expect(page.get_by_label("Rettelser i protokollen fra "
                             f"{date_format(timezone.localtime(meeting.starts_at))}")) \
        .to_be_visible()
    journey.follow(page.get_by_role("button", name="Lagre"), "decided")
    expect(page.get_by_text("Vedtaket er registrert.")).to_be_visible()

    journey.open(f"/moter/mote/{meeting.pk}/protokoll/")
    expect(page.get_by_text(approved_in)).to_be_visible()
    pdf = journey.download(page.get_by_role("link", name="Last ned PDF"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
                    .split())
    assert approved_in in text
