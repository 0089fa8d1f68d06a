import hashlib
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from agreements.models import Version
from common.documents import render_now
from common.models import StoredPdf
from meetings.models import Body, Case, Meeting, Seat
from meetings.public import current_published_minutes
from tests.agreements.test_admin_record import page_text
from tests.meetings.test_record import public_text

pytestmark = pytest.mark.django_db

SIX_CASES = [
    "Godkjenning av innkalling og saksliste",
    "Godkjenning av protokoll fra forrige møte",
    "Retningslinjer for samarbeid om utskrivningsklare pasienter",
    "Samarbeid om jordmortjenester – status for delavtale 8",
    "Møteplan for SSU 2027",
    "Årlig gjennomgang av samhandlingsavvik 2026",
]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return Body.objects.get(short_name="SSU")


def test_demo_has_the_helgeland_bodies_and_ssu_seats(demo):
    assert set(Body.objects.values_list("short_name", flat=True)) == {"PM", "DM", "SSU",
                                                                      "FSU-UP"}
    members = Seat.objects.filter(body=demo, role=Seat.Role.MEMBER)
    assert (members.filter(side="trust").count(),
            members.filter(side="municipalities").count()) == (7, 7)
    assert Seat.objects.filter(body=demo, role=Seat.Role.PERSONAL_DEPUTY).count() == 7
    assert list(Seat.objects.filter(body=demo, role=Seat.Role.LIST_DEPUTY).order_by(
        "list_position").values_list("list_position", flat=True)) == [1, 2, 3]
    assert Seat.objects.filter(body=demo, role=Seat.Role.OBSERVER).count() == 8
    assert members.filter(holder__user__email="representant@helgeland.example").exists()
    assert Case.objects.filter(body=demo).queued().count() == 1


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = [model.objects.count() for model in (Body, Seat, Meeting, Case)]
    call_command("load_demo", stdout=io.StringIO())
    assert [model.objects.count() for model in (Body, Seat, Meeting, Case)] == counts


def _stored_checksum(kind, pk):
    """The stored file's checksum, made first if need be; made again only if what it shows
    has changed."""
    render_now(kind, pk)
    with StoredPdf.objects.get(kind=kind, object_id=pk).file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _the_record(client):
    """What the demo published and adopted, as the public reads it: each meeting's public
    page and stored minutes, each agreement version's sections and page, and two PDFs."""
    minutes = current_published_minutes().select_related("meeting").order_by("pk")
    versions = Version.objects.order_by("pk")
    ssu_minutes = minutes.get(meeting__body__short_name="SSU",
                              introduction="Møtet ble ledet av Marte Lien.")
    # The PDFs first: a version's page says when its PDF was made.
    return {
        "ssu minutes pdf": _stored_checksum("meetings.public_minutes", ssu_minutes.pk),
        "agreement pdf": _stored_checksum("agreements.version", versions.last().pk),
        "minutes": [(m.meeting_id, m.version, m.state, m.published_at, m.content,
                     public_text(client, m.meeting)) for m in minutes],
        "versions": [(v.pk, v.state, v.decision_reference,
                      list(v.sections.values_list("number", "heading", "text")),
                      page_text(client, v.get_absolute_url())) for v in versions],
    }


def test_r_rec_4_loading_the_demo_again_changes_no_published_minutes_nor_agreement_text(
        settings, tmp_path, client):
    """The command is a door too: run again, it leaves the record as it was, content and
    files, not only the number of rows."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    before = _the_record(client)
    assert len(before["minutes"]) >= 3 and len(before["versions"]) >= 3
    assert "Møtet ble ledet av Marte Lien." in str(before["minutes"])
    call_command("load_demo", stdout=io.StringIO())
    assert _the_record(client) == before


def test_demo_notice_pdf_lists_the_six_cases_in_order_and_is_made_once(demo, settings,
                                                                       tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = Meeting.objects.get(body=demo, status=Meeting.Status.NOTICE_SENT)
    assert render_now("meetings.notice", meeting.pk) is True
    stored = StoredPdf.objects.get(kind="meetings.notice", object_id=meeting.pk)
    with stored.file.open("rb") as pdf:
        text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    cases = list(meeting.cases.on_agenda())
    assert [case.title[:len(title)] for case, title in zip(cases, SIX_CASES, strict=True)] == \
        SIX_CASES
    positions = [flat.find(" ".join(f"{case.label} {case.title}".split())[:60])
                 for case in cases]
    assert -1 not in positions, flat[:2000]
    assert positions == sorted(positions)
    assert "Strategisk samarbeidsutvalg (SSU)" in flat
    assert render_now("meetings.notice", meeting.pk) is False
    assert StoredPdf.objects.get(pk=stored.pk).rendered_at == stored.rendered_at


def test_demo_notice_pdf_carries_the_partnership_logo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(body__short_name="SSU", status=Meeting.Status.NOTICE_SENT)
    assert render_now("meetings.notice", meeting.pk) is True
    stored = StoredPdf.objects.get(kind="meetings.notice", object_id=meeting.pk)
    assert (stored.state, stored.error) == (StoredPdf.State.READY, "")
    with stored.file.open("rb") as pdf:
        assert len(PdfReader(pdf).pages[0].images) == 1


def test_demo_pages_open_for_the_secretariat_and_the_representative(demo, client):
    from django.urls import reverse

    from members.models import User

    meeting = Meeting.objects.get(body=demo, status=Meeting.Status.NOTICE_SENT)
    case = meeting.cases.on_agenda()[2]
    secretariat = User.objects.get(email="sekretariat@helgeland.example")
    representative = User.objects.get(email="representant@helgeland.example")
    client.force_login(secretariat)
    for url in [reverse("meetings:bodies"), reverse("meetings:body", args=[demo.pk]),
                reverse("meetings:meeting", args=[meeting.pk]),
                reverse("meetings:notice", args=[meeting.pk]), case.get_absolute_url(),
                reverse("meetings:case_triage", args=[case.pk]), reverse("start")]:
        assert client.get(url).status_code == 200, url
    client.force_login(representative)
    page = client.get(reverse("meetings:my_meetings")).content.decode()
    assert "Møteplan for SSU 2027" in page
    assert client.get(reverse("start")).status_code == 200
