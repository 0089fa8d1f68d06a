"""R-REC-4: the admin is no side door. A held meeting, its cases and their attachments are
read-only there; what was published reads the same after every attempt."""

import pytest
from django.urls import reverse

from common.models import AuditEvent
from meetings.models import Case, Meeting
from tests.meetings.factories import at, make_body, make_meeting
from tests.meetings.test_record import pdf_of, public_text

pytestmark = pytest.mark.django_db


def test_r_rec_4_the_admin_refuses_to_change_or_delete_a_held_meeting_and_its_cases(
        published_meeting, staff, client):
    held = published_meeting
    page_before = public_text(client, held.meeting)
    pdf_before = pdf_of(held.minutes)
    agenda_before = list(Case.objects.filter(meeting=held.meeting).values_list(
        "pk", "title", "number", "position", "status"))
    attachment = held.case1.attachments.get()
    client.force_login(staff)
    posts = [
        (reverse("admin:meetings_meeting_change", args=[held.meeting.pk]),
         {"body": held.body.pk, "kind": "ordinary", "starts_at_0": "11.03.2026",
          "starts_at_1": "10:00", "place": "Mo"}),
        (reverse("admin:meetings_meeting_delete", args=[held.meeting.pk]), {"post": "yes"}),
        (reverse("admin:meetings_case_change", args=[held.case2.pk]),
         {"body": held.body.pk, "kind": "regular", "title": "Endret i admin"}),
        (reverse("admin:meetings_case_delete", args=[held.case2.pk]), {"post": "yes"}),
        (reverse("admin:meetings_attachment_delete", args=[attachment.pk]), {"post": "yes"}),
    ]
    refused = AuditEvent.objects.filter(action="access_refused").count()
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert AuditEvent.objects.filter(action="access_refused").count() == refused + len(posts)
    page = client.get(reverse("admin:meetings_meeting_change", args=[held.meeting.pk]))
    assert page.status_code == 200 and 'name="place"' not in page.content.decode()
    assert list(Case.objects.filter(meeting=held.meeting).values_list(
        "pk", "title", "number", "position", "status")) == agenda_before
    assert Meeting.objects.get(pk=held.meeting.pk).starts_at == at(2026, 3, 10)
    assert public_text(client, held.meeting) == page_before
    assert pdf_of(held.minutes) == pdf_before


def test_r_rec_4_the_admin_cannot_set_a_meetings_state(staff, client):
    meeting = make_meeting(make_body("ssu"), at(2030, 6, 10))
    client.force_login(staff)
    page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="place"' in text and 'name="status"' not in text
