"""Delivery of EHF documents (R-FIN-7): download one, a year's ZIP, and a sending channel that
writes to a folder, with a state per document, retries with back-off and a claim with a
lease. No network: the channel is a folder under the test's temporary directory."""

import datetime
import io
import os
import zipfile

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from common.documents import render_now
from finance.delivery import hand_over, hand_over_all_due
from finance.models import EhfDocument
from finance.services import issue_invoices


@pytest.fixture
def made(helgeland, settings, tmp_path):
    """Three invoices whose PDFs and EHF documents are made."""
    settings.MEDIA_ROOT = tmp_path / "media"
    invoices = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])[:3]
    for invoice in invoices:
        render_now("finance.invoice", invoice.pk)
    return {**helgeland, "invoices": invoices}


def _stored(document):
    with document.file.open("rb") as handle:
        return handle.read()


def test_the_folder_channel_hands_each_document_over_once(made, settings, tmp_path):
    settings.EHF_OUTBOX_DIR = str(tmp_path / "outbox")
    assert hand_over_all_due() == 3
    for invoice in made["invoices"]:
        document = EhfDocument.objects.get(invoice=invoice)
        assert (document.state, document.attempts) == ("handed_over", 1)
        assert (tmp_path / "outbox" / os.path.basename(document.file.name)).read_bytes() == (
            _stored(document))
    assert hand_over_all_due() == 0  # nothing due any more
    assert sorted(os.listdir(tmp_path / "outbox")) == sorted(
        os.path.basename(d.file.name) for d in EhfDocument.objects.exclude(sha256=""))


def test_a_failed_hand_over_is_retried_with_back_off_then_left_failed(made, settings,
                                                                      tmp_path):
    blocked = tmp_path / "outbox"
    blocked.write_text("a file where the folder should be")
    settings.EHF_OUTBOX_DIR = str(blocked)
    document = EhfDocument.objects.get(invoice=made["invoices"][0])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert hand_over(document.pk) is False
    document.refresh_from_db()
    assert (document.state, document.attempts) == ("failed", 1)
    assert document.next_attempt_at == start + EhfDocument.RETRY_BASE
    assert "Error" in document.last_error
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        assert hand_over(document.pk) is False  # not due yet
    document.refresh_from_db()
    assert document.attempts == 1
    for attempt in range(2, EhfDocument.MAX_ATTEMPTS + 1):
        with time_machine.travel(document.next_attempt_at, tick=False):
            hand_over(document.pk)
        document.refresh_from_db()
        assert document.attempts == attempt
    assert (document.state, document.next_attempt_at) == ("failed", None)  # given up
    blocked.unlink()
    assert hand_over(document.pk) is False  # stays failed for the secretariat to see


def test_a_claim_older_than_its_lease_is_taken_again(made, settings, tmp_path):
    settings.EHF_OUTBOX_DIR = str(tmp_path / "outbox")
    document = EhfDocument.objects.get(invoice=made["invoices"][0])
    now = timezone.now()
    EhfDocument.objects.filter(pk=document.pk).update(claimed_at=now)
    with time_machine.travel(now + datetime.timedelta(minutes=1), tick=False):
        assert hand_over(document.pk) is False  # another worker holds it
    with time_machine.travel(now + EhfDocument.LEASE + datetime.timedelta(seconds=1),
                             tick=False):
        assert hand_over(document.pk) is True  # that worker died: the lease ran out
    document.refresh_from_db()
    assert document.state == "handed_over"


def test_without_a_channel_documents_stay_made(made, settings):
    settings.EHF_OUTBOX_DIR = None
    assert hand_over_all_due() == 0
    assert set(EhfDocument.objects.exclude(sha256="").values_list("state", flat=True)) == {
        "made"}


def test_finance_officers_download_their_own_ehf_only(made, cast_from_helgeland):
    rana = made["invoices"][0]
    own, other = cast_from_helgeland(rana.municipality), cast_from_helgeland(
        made["invoices"][1].municipality)
    url = reverse("finance:invoice_ehf", args=[rana.pk])
    response = own.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert "no-store" in response["Cache-Control"]
    assert response.content == _stored(EhfDocument.objects.get(invoice=rana))
    assert other.get(url).status_code == 404


def test_an_ehf_not_yet_made_answers_404(helgeland, client):
    invoice = issue_invoices(helgeland["budget"], acting_user=helgeland["secretariat"])[0]
    client.force_login(helgeland["secretariat"])
    assert client.get(reverse("finance:invoice_ehf", args=[invoice.pk])).status_code == 404


def test_the_secretariat_downloads_a_years_documents_as_one_zip(made, client):
    client.force_login(made["secretariat"])
    response = client.get(reverse("finance:year_documents", args=[2023]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    expected = sorted([f"ehf/{i.ehf_filename}" for i in made["invoices"]]
                      + [f"pdf/{i.pdf_filename}" for i in made["invoices"]])
    assert names == expected
    first = made["invoices"][0]
    assert archive.read(f"ehf/{first.ehf_filename}") == _stored(EhfDocument.objects.get(
        invoice=first))
    assert client.get(reverse("finance:year_documents", args=[2031])).status_code == 404


@pytest.fixture
def cast_from_helgeland(make_user):
    from django.test import Client

    from members.models import User

    def client_for(municipality):
        user = make_user(f"okonomi.{municipality.number}@example.org",
                         User.Role.FINANCE_OFFICER, municipality=municipality)
        client = Client()
        client.force_login(user)
        return client

    return client_for


def test_the_invoice_list_offers_the_years_zip_only_for_a_real_year(made, client):
    client.force_login(made["secretariat"])
    page = client.get(reverse("finance:invoices"), {"year": "2023"}).content.decode()
    assert reverse("finance:year_documents", args=[2023]) in page
    odd = client.get(reverse("finance:invoices"), {"year": "abc\x00def"})
    assert odd.status_code == 200
    assert ".zip" not in odd.content.decode()
