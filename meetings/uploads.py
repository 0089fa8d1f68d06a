"""What an uploaded file really is, read from its content rather than its name."""

import io
import zipfile
import zlib

from django.utils.translation import gettext_lazy as _

# kind -> (content type, file extension)
KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             ".docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt"),
    "png": ("image/png", ".png"),
    "jpeg": ("image/jpeg", ".jpg"),
}
ALLOWED_DESCRIPTION = _("PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG or JPEG")


def detect_kind(data):
    """The kind of file `data` holds (a key of KINDS), or None if it is none of them."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


# An Office or OpenDocument file is a ZIP archive. Only two small members are read to tell its
# kind, and never more than this many bytes of either: a crafted archive cannot make the
# server unpack hundreds of megabytes (a "ZIP bomb").
MAX_MEMBER_READ = 64 * 1024
# Archives whose members claim more than this in all, or that are packed tighter than
# anything a word processor writes, are refused before anything is unpacked.
MAX_UNPACKED_SIZE = 512 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000


def _zip_kind(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not _plausible(members):
                return None
            names = {member.filename for member in members}
            if "mimetype" in names and _read_bounded(archive, "mimetype").strip() == (
                    KINDS["odt"][0].encode()):
                return "odt"
            if "[Content_Types].xml" in names:
                types = _read_bounded(archive, "[Content_Types].xml")
                if b"wordprocessingml.document.main+xml" in types:
                    return "docx"
                if b"spreadsheetml.sheet.main+xml" in types:
                    return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error,
            NotImplementedError, TooLarge):
        return None
    return None


class TooLarge(Exception):
    pass


def _plausible(members):
    """Whether the sizes the archive declares are those of a real document."""
    if len(members) > MAX_MEMBERS:
        return False
    if sum(member.file_size for member in members) > MAX_UNPACKED_SIZE:
        return False
    return all(member.file_size <= MAX_RATIO * max(member.compress_size, 1024)
               for member in members)


def _read_bounded(archive, name):
    # The declared size may lie: read one byte more than allowed and refuse if it is there.
    with archive.open(name) as member:
        data = member.read(MAX_MEMBER_READ + 1)
    if len(data) > MAX_MEMBER_READ:
        raise TooLarge(name)
    return data


def safe_filename(name, extension):
    """A download name without path parts or characters that break headers."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    cleaned = "".join(c if c.isalnum() or c in " -_()" else "_" for c in stem).strip(" ._")
    return (cleaned[:100] or "vedlegg") + extension
