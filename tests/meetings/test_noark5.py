"""R-PUB-3: a year's records reach the archive as a Noark 5 extraction package that the
official checker (../shared/standards/validate-noark5) accepts, every file present with a
matching SHA-256; screening is carried as skjerming."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from meetings import services
from meetings.archive.package import build_package
from meetings.demo_public import SCREENED_PAPER
from meetings.models import Body, LegalBasis, Meeting
from tests.meetings.factories import at
from tests.meetings.holding_factories import decided, publish_minutes, published

pytestmark = pytest.mark.django_db

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards"
N5 = "{http://www.arkivverket.no/standarder/noark5/arkivstruktur}"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())


def _check(folder):
    result = subprocess.run([sys.executable, str(STANDARDS / "validate-noark5"), str(folder)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
    return result.stdout


def test_r_pub_3_the_demo_package_is_valid_noark5_with_matching_checksums(demo, tmp_path):
    # The demo's dates move with today: archive the year of SSU's latest held meeting, whose
    # folders are that year's SSU meetings with their notice out, the cancelled ones left out.
    ssu_body = Body.objects.get(short_name="SSU")
    latest_held = (Meeting.objects.filter(body=ssu_body, status=Meeting.Status.HELD)
                   .latest("starts_at"))
    year = timezone.localtime(latest_held.starts_at).year
    expected_dates = [
        timezone.localtime(m.starts_at).date().isoformat()
        for m in Meeting.objects.filter(body=ssu_body, notice_sent_at__isnull=False)
        .exclude(status=Meeting.Status.CANCELLED).order_by("starts_at", "pk")
        if timezone.localtime(m.starts_at).year == year]
    assert len(expected_dates) >= 2
    package = build_package(year, archived_by="Arkivansvarlig")
    package.write_to(tmp_path / "pakke")
    report = _check(tmp_path / "pakke")
    assert "VALID (0 problems" in report
    assert {"arkivstruktur.xml", "endringslogg.xml", "arkivuttrekk.xml"} <= set(package.files)
    tree = etree.parse(str(tmp_path / "pakke" / "arkivstruktur.xml"))
    ssu = next(a for a in tree.iter(f"{N5}arkivdel")
               if a.findtext(f"{N5}tittel") == f"Møtebok Strategisk samarbeidsutvalg (SSU) {year}")
    folders = ssu.findall(f"{N5}mappe")
    assert [f.findtext(f"{N5}moetedato") for f in folders] == expected_dates
    held = folders[0]
    kinds = [r.findtext(f"{N5}moeteregistreringstype")
             for r in held.findall(f"{N5}registrering")]
    assert kinds[0] == "Møteinnkalling" and kinds[-1] == "Møteprotokoll"
    assert "Vedtak" in kinds and "Saksframlegg" in kinds
    assert held.findall(f"{N5}moetedeltaker")
    assert held.findtext(f"{N5}utvalg") == "Strategisk samarbeidsutvalg (SSU)"
    screened = next(d for d in tree.iter(f"{N5}dokumentbeskrivelse")
                    if d.findtext(f"{N5}tittel") == SCREENED_PAPER[0])
    assert screened.findtext(f"{N5}skjerming/{N5}tilgangsrestriksjon") == "13"
    assert screened.findtext(f"{N5}skjerming/{N5}skjermingshjemmel") == LegalBasis.HEALTH
    decisions = [r for r in held.findall(f"{N5}registrering")
                 if r.findtext(f"{N5}moeteregistreringstype") == "Vedtak"]
    assert all(r.find(f"{N5}dokumentbeskrivelse/{N5}dokumentobjekt") is not None
               for r in decisions)
    # What the product renders is archival PDF/A; an upload is kept as it came and says so.
    for description in tree.iter(f"{N5}dokumentbeskrivelse"):
        uploaded = description.findtext(f"{N5}dokumenttype") == "Vedlegg"
        obj = description.find(f"{N5}dokumentobjekt")
        assert (obj.findtext(f"{N5}variantformat"), obj.findtext(f"{N5}format")) == (
            ("Produksjonsformat", "PDF") if uploaded else ("Arkivformat", "PDF/A-2a"))
    addml = (tmp_path / "pakke" / "arkivuttrekk.xml").read_text()
    assert addml.count("<dataObject name=\"DOKUMENT/") == package.counts["dokumentobjekt"]


def _pdf(data):
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return text, reader.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_r_pub_3_each_decision_is_archived_as_its_extract_from_the_approved_minutes(
        cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    held = published(cast.users["secretariat"], at(2026, 3, 10), "SSU Helgeland")
    package = build_package(2026, body=held.body, archived_by="Arkivansvarlig")
    tree = etree.fromstring(package.files["arkivstruktur.xml"])
    decision = next(r for r in tree.iter(f"{N5}registrering")
                    if r.findtext(f"{N5}tittel") == f"Vedtak {held.case2.label} "
                                                     f"{held.case2.title}")
    description = decision.find(f"{N5}dokumentbeskrivelse")
    assert description.findtext(f"{N5}dokumenttype") == "Vedtak"
    obj = description.find(f"{N5}dokumentobjekt")
    assert obj.findtext(f"{N5}variantformat") == "Arkivformat"
    assert obj.findtext(f"{N5}format") == "PDF/A-2a"
    text, metadata = _pdf(package.files[obj.findtext(f"{N5}referanseDokumentfil")])
    assert b"pdfaid:part" in metadata
    # The case as the approved version reads: its decision and the vote, not the other case.
    assert "Utskrift av møteprotokoll" in text and "Versjon 1: Godkjent" in text
    assert held.case2.title in text and "Budsjettet vedtas." in text
    assert "Cecilie Kommune" in text and "Rutinen vedtas." not in text


def test_r_pub_3_an_uploaded_picture_is_archived_as_uploaded_and_converted_to_pdf_a(
        staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    held = decided(staff, at(2026, 3, 10), "SSU Helgeland")
    picture = io.BytesIO()
    Image.new("RGB", (120, 80), "navy").save(picture, "PNG")
    services.add_attachment(
        held.case1, upload=SimpleUploadedFile("kart.png", picture.getvalue()),
        title="Kart over tjenestene", screened=False, legal_basis="", acting_user=staff)
    publish_minutes(held, staff)
    package = build_package(2026, body=held.body, archived_by="Arkivansvarlig")
    package.write_to(tmp_path / "pakke")
    assert "VALID (0 problems" in _check(tmp_path / "pakke")
    tree = etree.fromstring(package.files["arkivstruktur.xml"])
    description = next(d for d in tree.iter(f"{N5}dokumentbeskrivelse")
                       if d.findtext(f"{N5}tittel") == "Kart over tjenestene")
    uploaded, archival = description.findall(f"{N5}dokumentobjekt")
    assert [(o.findtext(f"{N5}variantformat"), o.findtext(f"{N5}format"))
            for o in (uploaded, archival)] == [("Produksjonsformat", "PNG"),
                                               ("Arkivformat", "PDF/A-2a")]
    assert package.files[uploaded.findtext(f"{N5}referanseDokumentfil")] == picture.getvalue()
    assert archival.findtext(f"{N5}konvertering/{N5}konvertertFraFormat") == "PNG"
    assert archival.findtext(f"{N5}konvertering/{N5}konvertertTilFormat") == "PDF/A-2a"
    data = package.files[archival.findtext(f"{N5}referanseDokumentfil")]
    assert b"pdfaid:part" in _pdf(data)[1]
    assert len(PdfReader(io.BytesIO(data)).pages[0].images) == 1


def test_r_pub_3_the_secretariat_downloads_one_bodys_package_as_a_zip(cast, settings,
                                                                       tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    held = published(cast.users["secretariat"], at(2026, 3, 10), "SSU Helgeland")
    url = reverse("meetings:noark5_package")
    query = {"body": held.body.pk, "year": 2026}
    assert cast.client("rep_a").get(url, query).status_code == 403
    response = cast.client("secretariat").get(url, query)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="noark5-{held.body.short_name or held.body.pk}-2026.zip"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path / "zip")
    assert "VALID (0 problems; 1 mappe" in _check(tmp_path / "zip")
    refused = cast.client("secretariat").get(url, {"year": "1800"})
    assert refused.status_code == 400 and "invalid-feedback" in refused.content.decode()


def test_r_pub_3_the_command_writes_the_package_for_delivery(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    held = published(cast.users["secretariat"], at(2026, 3, 10), "Utvalg for arkiv")
    held.body.short_name = "UA"
    held.body.save()
    out = io.StringIO()
    call_command("noark5_package", "2026", str(tmp_path), "--body", "UA", stdout=out)
    assert "noark5-UA-2026" in out.getvalue()
    assert "VALID (0 problems; 1 mappe" in _check(tmp_path / "noark5-UA-2026")
