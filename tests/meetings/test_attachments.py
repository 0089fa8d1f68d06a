import io
import tracemalloc
import zipfile

import pytest
import time_machine
from django.urls import reverse

from meetings import services, uploads
from meetings.models import Attachment, LegalBasis, Seat
from meetings.uploads import detect_kind, safe_filename
from tests.hostile import bombs
from tests.meetings.factories import (
    PDF_BYTES,
    at,
    make_body,
    make_meeting,
    make_seat,
    pdf_upload,
    place,
)


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_TYPES = ('<Override ContentType="application/vnd.openxmlformats-'
              'officedocument.wordprocessingml.document.main+xml"/>')
DOCX = _zip({"[Content_Types].xml": DOCX_TYPES})
XLSX = _zip({"[Content_Types].xml": '<Override ContentType="application/vnd.openxmlformats-'
                                     'officedocument.spreadsheetml.sheet.main+xml"/>'})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text"})


@pytest.mark.parametrize(("data", "kind"), [
    (PDF_BYTES, "pdf"), (DOCX, "docx"), (XLSX, "xlsx"), (ODT, "odt"),
    (b"\x89PNG\r\n\x1a\n0000", "png"), (b"\xff\xd8\xff\xe0JFIF", "jpeg"),
    (b"MZ\x90\x00 a program", None), (_zip({"evil.exe": "MZ"}), None), (b"PK\x03\x04bad", None),
    (b"<html>%PDF-</html>", None),
])
def test_file_type_is_read_from_the_content(data, kind):
    assert detect_kind(data) == kind


def unpacked_while(function, *args):
    """What `function` returns, the bytes the archive members handed out meanwhile and the
    peak of newly allocated memory."""
    handed_out = []
    original = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = original(self, n)
        handed_out.append(len(data))
        return data

    zipfile.ZipExtFile.read = counting_read
    tracemalloc.start()
    try:
        result = function(*args)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        zipfile.ZipExtFile.read = original
    return result, sum(handed_out), peak


@pytest.mark.parametrize("bomb", [bombs.tight_bomb, bombs.loose_bomb])
def test_a_zip_bomb_is_refused_with_bounded_reading(bomb):
    data = bomb()
    kind, unpacked, peak = unpacked_while(detect_kind, data)
    assert kind is None
    assert unpacked <= uploads.MAX_MEMBER_READ + 1
    assert peak < 2 * 1024 * 1024


def test_an_archive_declaring_absurd_sizes_is_refused_unread():
    kind, unpacked, _peak = unpacked_while(detect_kind, bombs.tight_bomb())
    assert (kind, unpacked) == (None, 0)
    many = _zip({f"{n}.xml": "" for n in range(uploads.MAX_MEMBERS + 1)}
                | {"[Content_Types].xml": DOCX_TYPES})
    assert detect_kind(many) is None


def test_a_real_document_is_read_within_the_bound():
    kind, unpacked, _peak = unpacked_while(detect_kind, DOCX)
    assert (kind, unpacked) == ("docx", len(DOCX_TYPES))


def test_download_names_are_safe():
    assert safe_filename('../../etc/pass"wd.exe', ".pdf") == "pass_wd.pdf"
    assert safe_filename("Årsrapport 2025.PDF", ".pdf") == "Årsrapport 2025.pdf"
    assert safe_filename("...", ".pdf") == "vedlegg.pdf"


@pytest.fixture
def case_a(cast):
    body = make_body("ssu", "Utvalg A")
    make_seat(body, cast.person_a, side=Seat.Side.MUNICIPALITIES)
    meeting = make_meeting(body, at(2030, 3, 1))
    return place("Sak med vedlegg", meeting, cast.users["secretariat"], now=at(2030, 1, 1))


def _upload(client, case, name="rapport.pdf", content=PDF_BYTES, **fields):
    return client.post(reverse("meetings:attachment_add", args=[case.pk]),
                       {"file": pdf_upload(name, content), "title": "Rapport", **fields})


def test_attachment_is_stored_under_a_generated_name(cast, case_a):
    response = _upload(cast.client("secretariat"), case_a, name="../Rapport om avvik.pdf")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Rapport om avvik.pdf"
    assert attachment.content_type == "application/pdf"
    assert "avvik" not in attachment.file.name
    assert attachment.file.name.startswith("attachments/")


def test_a_renamed_program_is_refused(cast, case_a):
    response = _upload(cast.client("secretariat"), case_a, name="rapport.pdf",
                       content=b"MZ\x90\x00program")
    assert response.status_code == 400
    assert ("Filens innhold er ikke en av disse typene: PDF, Word (DOCX), Excel (XLSX), "
            "OpenDocument-tekst (ODT), PNG eller JPEG.") in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(cast, case_a, settings):
    settings.MAX_UPLOAD_SIZE = 10
    response = _upload(cast.client("secretariat"), case_a)
    assert response.status_code == 400
    assert Attachment.objects.count() == 0


def test_a_screened_attachment_needs_its_legal_basis(cast, case_a):
    response = _upload(cast.client("secretariat"), case_a, screened="on")
    assert response.status_code == 400
    assert Attachment.objects.count() == 0
    response = _upload(cast.client("secretariat"), case_a, screened="on",
                       legal_basis=LegalBasis.HEALTH)
    assert response.status_code == 302
    assert Attachment.objects.get().legal_basis == LegalBasis.HEALTH


def _attach(case, user, screened):
    return services.add_attachment(case, upload=pdf_upload("Notat.pdf"), title="Notat",
                                   screened=screened,
                                   legal_basis=LegalBasis.HEALTH if screened else "",
                                   acting_user=user)


@time_machine.travel(at(2030, 2, 1), tick=False)
def test_public_attachment_is_public_once_the_notice_is_out(cast, case_a):
    public = _attach(case_a, cast.users["secretariat"], screened=False)
    url = reverse("meetings:attachment", args=[public.pk])
    assert cast.client("anonymous").get(url).status_code == 404
    services.send_notice(case_a.meeting, acting_user=cast.users["secretariat"])
    response = cast.client("anonymous").get(url)
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="Notat.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" not in response.get("Cache-Control", "")


@time_machine.travel(at(2030, 2, 1), tick=False)
def test_screened_attachment_is_never_public_and_not_cached(cast, case_a):
    screened = _attach(case_a, cast.users["secretariat"], screened=True)
    services.send_notice(case_a.meeting, acting_user=cast.users["secretariat"])
    url = reverse("meetings:attachment", args=[screened.pk])
    for who in ["anonymous", "rep_b", "fin_x"]:
        assert cast.client(who).get(url).status_code == 404
    response = cast.client("rep_a").get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@time_machine.travel(at(2030, 2, 1), tick=False)
def test_a_norwegian_file_name_is_kept_in_the_download(cast, case_a):
    attachment = services.add_attachment(case_a, upload=pdf_upload("Årsrapport «2025».pdf"),
                                         title="Årsrapport", screened=False, legal_basis="",
                                         acting_user=cast.users["secretariat"])
    response = cast.client("secretariat").get(reverse("meetings:attachment", args=[attachment.pk]))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%C3%85rsrapport%20_2025.pdf")


def test_a_refused_screened_attachment_is_recorded_in_the_audit_log(cast, case_a):
    from common.models import AuditEvent

    screened = _attach(case_a, cast.users["secretariat"], screened=True)
    response = cast.client("rep_b").get(reverse("meetings:attachment", args=[screened.pk]))
    assert response.status_code == 404
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCESS_REFUSED)
    assert (event.actor_email, event.object_description) == (
        "rep.b@example.org", f"vedlegg {screened.pk}: Notat")
