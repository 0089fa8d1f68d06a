import io
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from common import periodic
from common.documents import render_now
from common.models import StoredPdf
from meetings.models import Attendance, FollowUp, Minutes, Vote
from members.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # safe to load twice
    # The last SSU meeting held: the one with a deputy and a split vote.
    return Minutes.objects.filter(meeting__body__short_name="SSU").latest("meeting__starts_at")


def test_demo_has_a_held_meeting_with_a_deputy_a_split_vote_and_follow_ups(demo):
    meeting = demo.meeting
    deputy = Attendance.objects.get(meeting=meeting, stands_in_for__isnull=False)
    assert (deputy.seat.holder.name, deputy.stands_in_for.holder.name) == ("Stian Jakobsen",
                                                                          "Eva Lund")
    votes = Vote.objects.filter(decision__case__meeting=meeting)
    assert (votes.filter(choice="for").count(), votes.filter(choice="against").count(),
            votes.filter(choice="abstain").count()) == (10, 3, 1)
    assert set(FollowUp.objects.values_list("status", flat=True)) == {
        "done", "in_progress", "not_started", "dropped"}
    assert (demo.state, demo.published_at is not None) == ("approved", True)
    assert Minutes.objects.filter(meeting__body__short_name="FSU-UP").latest(
        "meeting__starts_at").state == "out_for_comments"


def test_r_ssu_9_the_demo_minutes_pdf_names_each_members_vote(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert render_now("meetings.minutes", demo.pk) is True
    stored = StoredPdf.objects.get(kind="meetings.minutes", object_id=demo.pk)
    with stored.file.open("rb") as pdf:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    for vote in Vote.objects.filter(decision__case__meeting=demo.meeting).select_related(
            "seat__holder"):
        assert f"{vote.seat.holder.name} {vote.get_choice_display()}" in text
    assert "Stian Jakobsen for Eva Lund" in text


def test_an_anonymous_visitor_finds_the_demo_minutes(client, demo):
    page = client.get(reverse("meetings:public_meeting", args=[demo.meeting_id]))
    assert "Fordeling av samhandlingsmidler 2027" in page.content.decode()
    assert "Marte Lien" in page.content.decode()


def test_r_ssu_10_the_first_run_of_the_embedded_schedule_deems_demo_minutes_approved(
        demo, client, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    fsu = Minutes.objects.filter(meeting__body__short_name="FSU-UP").latest(
        "meeting__starts_at")
    assert (fsu.state, fsu.deemed_approved) == ("out_for_comments", False)
    # What `make run`'s web process runs on its own (EMBEDDED_BEAT), once.
    with django_capture_on_commit_callbacks(execute=True):
        ran = periodic.run_due(django_settings.CELERY_BEAT_SCHEDULE, {}, time.monotonic())
    assert "deem-minutes-approved" in ran
    fsu.refresh_from_db()
    assert (fsu.state, fsu.deemed_approved, fsu.approved_at) == (
        "approved", True, fsu.objection_deadline)
    client.force_login(User.objects.get(email="sekretariat@helgeland.example"))
    page = client.get(reverse("meetings:minutes", args=[fsu.meeting_id])).content.decode()
    assert "ansett som godkjent, ingen merknader innen fristen" in page
