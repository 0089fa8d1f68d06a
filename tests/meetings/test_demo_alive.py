"""The demo agrees with the day it is loaded: today and a year from now (it is built from the
day it is loaded, so a newcomer's first screens never show something months overdue)."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from common.models import StoredPdf
from finance.models import Invoice
from meetings.minutes import late_minutes
from meetings.models import Body, Meeting, Minutes, Seat
from meetings.warnings import all_warnings
from members.models import User

pytestmark = pytest.mark.django_db
A_YEAR_ON = datetime.timedelta(days=365)


def _load():
    call_command("load_demo", stdout=io.StringIO())


def _overdue_days(page):
    """Every «N dager over fristen» / «N dager på overtid» a start page mentions."""
    return [int(n) for n in re.findall(r"(\d+) dag(?:er)? over fristen", page)]


def _assert_alive(client):
    now = datetime.datetime.now(datetime.UTC)
    # The day in Oslo, as the demo and the product count it (an hour after UTC's in winter).
    today = timezone.localdate(now)
    ssu = Body.objects.get(short_name="SSU")
    # The next SSU meeting is within three weeks and its notice is out.
    upcoming = Meeting.objects.filter(body=ssu, starts_at__gte=now).order_by("starts_at")
    assert upcoming[0].status == Meeting.Status.NOTICE_SENT
    assert upcoming[0].starts_at - now < datetime.timedelta(days=28)
    # Every held meeting has approved, published minutes, but the FSU's, three days late.
    held = Meeting.objects.filter(status=Meeting.Status.HELD)
    unpublished = held.exclude(minutes__published_at__isnull=False)
    assert [m.body.short_name for m in unpublished] == ["FSU-UP"]
    assert Meeting.objects.filter(starts_at__lt=now).exclude(
        status=Meeting.Status.HELD).count() == 0
    assert [(due.meeting.body.short_name, due.days_left) for due in late_minutes()] == [
        ("FSU-UP", -3)]
    # No rule warnings at all; one invoice overdue, by ten days.
    assert all_warnings() == []
    assert [(today - i.due_on).days for i in Invoice.objects.overdue(today)] == [10]
    client.force_login(User.objects.get(email="sekretariat@helgeland.example"))
    page = client.get(reverse("start")).content.decode()
    assert "3 dager over fristen" in page
    # Where the rule stands in the body's agreement, not its internal ID.
    assert ("Samarbeidsavtalen om faglige samarbeidsutvalg: protokollen er offentlig senest "
            "1 uke etter møtet") in page
    assert "R-SSU-11" not in page
    assert all(days <= 10 for days in _overdue_days(page)), _overdue_days(page)
    # No start page and no minutes page says a PDF is being made: every one the demo implies
    # is there (_assert_every_pdf).
    assert BEING_MADE not in page
    for minutes in Minutes.objects.filter(sent_at__isnull=False):
        response = client.get(reverse("meetings:minutes", args=[minutes.meeting_id]))
        assert response.status_code == 200 and BEING_MADE not in response.content.decode()
    for email in ("representant@helgeland.example", "okonomi.rana@helgeland.example"):
        client.force_login(User.objects.get(email=email))
        response = client.get(reverse("start"))
        assert response.status_code == 200 and BEING_MADE not in response.content.decode()


# «PDF-en lages …», «Fakturaene og PDF-ene deres lages …»
BEING_MADE = "lages …"


def _load_with_its_pdfs(settings, tmp_path, capture):
    """The demo as make run loads it: with no broker the PDFs are made as the load commits."""
    settings.MEDIA_ROOT = tmp_path
    with capture(execute=True):
        _load()


def _assert_every_pdf():
    published = Minutes.objects.filter(published_at__isnull=False)
    for minutes in published:
        assert minutes.state == Minutes.State.APPROVED
    kinds = {("meetings.minutes", m.pk) for m in Minutes.objects.filter(sent_at__isnull=False)}
    kinds |= {("meetings.notice", m.pk)
              for m in Meeting.objects.filter(notice_sent_at__isnull=False)}
    kinds |= {("finance.invoice", i.pk) for i in Invoice.objects.all()}
    stored = {(s.kind, s.object_id): s for s in StoredPdf.objects.all()}
    assert kinds <= set(stored)
    assert {s.state for s in stored.values()} == {StoredPdf.State.READY}
    assert all(s.file and s.file.storage.exists(s.file.name) for s in stored.values())


def test_the_demo_is_alive_today_with_every_pdf_it_implies(client, settings, tmp_path,
                                                          django_capture_on_commit_callbacks):
    _load_with_its_pdfs(settings, tmp_path, django_capture_on_commit_callbacks)
    _assert_every_pdf()
    _assert_alive(client)


def test_the_demo_is_alive_a_year_from_now(client, settings, tmp_path,
                                           django_capture_on_commit_callbacks):
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + A_YEAR_ON, tick=False):
        _load_with_its_pdfs(settings, tmp_path, django_capture_on_commit_callbacks)
        _assert_every_pdf()
        _assert_alive(client)


def test_the_demo_partnership_and_dialogue_meetings_have_their_real_composition(db):
    _load()
    pm = Seat.objects.current().filter(body__short_name="PM", role=Seat.Role.MEMBER)
    assert pm.filter(side="trust").get().holder.title == "Administrerende direktør"
    assert set(pm.filter(side="municipalities").values_list("holder__title", flat=True)) == {
        "Kommunedirektør"}
    assert pm.filter(side="municipalities").count() == 17
    dm = Seat.objects.current().filter(body__short_name="DM", role=Seat.Role.MEMBER)
    assert dm.filter(side="trust").get().holder.title == "Styreleder"
    assert dm.filter(side="municipalities", holder__title="Ordfører").count() == 17
