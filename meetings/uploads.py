"""What an uploaded file really is, read from its content rather than its name."""

import io
import zipfile

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


def _zip_kind(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == (
                    KINDS["odt"][0].encode()):
                return "odt"
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml")
                if b"wordprocessingml.document.main+xml" in types:
                    return "docx"
                if b"spreadsheetml.sheet.main+xml" in types:
                    return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def safe_filename(name, extension):
    """A download name without path parts or characters that break headers."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    cleaned = "".join(c if c.isalnum() or c in " -_()" else "_" for c in stem).strip(" ._")
    return (cleaned[:100] or "vedlegg") + extension
