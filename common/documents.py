"""Stored PDFs: rendered in the background, kept, and rendered again only when their content
changed. A failed render keeps the previous file and records the error for the secretariat.

An app registers each kind of document with a function that, given a primary key, returns
(template name, context, download file name):

    @document("meetings.notice")
    def notice(pk): ...

and asks for it with request_pdf("meetings.notice", meeting.pk). A kind may name its PDF
variant and a finishing step that gets (pk, PDF bytes) and returns the bytes to store, e.g.
with a file attached (PDF/A-3).
"""

import hashlib

from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from .dispatch import enqueue
from .models import StoredPdf
from .pdf import html_to_pdf, render_html

_builders = {}


def document(kind, *, variant="pdf/a-2a", finish=None):
    def register(build):
        _builders[kind] = (build, variant, finish)
        return build

    return register


def build_html(kind, pk):
    template_name, context, filename = _builders[kind][0](pk)
    return render_html(template_name, context), filename


def request_pdf(kind, pk):
    """Make sure the PDF is (or will be) up to date; returns its row. Runs after commit."""
    stored, _created = StoredPdf.objects.get_or_create(kind=kind, object_id=pk)
    transaction.on_commit(lambda: _dispatch(kind, pk))
    return stored


def _dispatch(kind, pk):
    from .tasks import render_pdf

    if not enqueue(render_pdf, kind, pk):
        # Broker down: marked pending, common.tasks.redispatch_queued renders it later.
        StoredPdf.objects.filter(kind=kind, object_id=pk).update(state=StoredPdf.State.PENDING)


def render_now(kind, pk):
    """Render unless the stored file already holds this content. Returns True if rendered."""
    html, filename = build_html(kind, pk)
    fingerprint = hashlib.sha256(html.encode()).hexdigest()
    stored, _created = StoredPdf.objects.get_or_create(kind=kind, object_id=pk)
    if stored.content_hash == fingerprint and stored.file:
        if stored.state != StoredPdf.State.READY:
            StoredPdf.objects.filter(pk=stored.pk).update(state=StoredPdf.State.READY, error="")
        return False
    try:
        _build, variant, finish = _builders[kind]
        data = html_to_pdf(html, variant=variant)
        if finish is not None:
            data = finish(pk, data)
    except Exception as exc:  # noqa: BLE001 - any render failure is shown, the old file kept
        StoredPdf.objects.filter(pk=stored.pk).update(
            state=StoredPdf.State.FAILED, error=f"{type(exc).__name__}: {exc}")
        return False
    previous = stored.file.name if stored.file else None
    stored.file.save(filename, ContentFile(data), save=False)
    stored.content_hash = fingerprint
    stored.state = StoredPdf.State.READY
    stored.error = ""
    stored.rendered_at = timezone.now()
    stored.save()
    if previous and previous != stored.file.name:
        stored.file.storage.delete(previous)
    return True


STATUS_SALT = "common.documents.status"
# A page's status address works for a day: long enough for any render, and it shows no more
# than the page that holds it did.
STATUS_MAX_AGE = 24 * 60 * 60


def status_token(stored, download_url):
    """What the status address of a stored PDF carries, signed: the page that shows the PDF
    has already decided that its reader may see it."""
    return signing.dumps([stored.kind, stored.object_id, download_url], salt=STATUS_SALT)


def status_from_token(token):
    """(the stored PDF row or None, download URL) of a status address, or Http404."""
    try:
        kind, pk, download_url = signing.loads(token, salt=STATUS_SALT, max_age=STATUS_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    return StoredPdf.objects.filter(kind=kind, object_id=pk).first(), download_url


def stored_pdf_response(request, kind, pk, filename):
    """Serve the stored file; 404 until one has been made."""
    stored = StoredPdf.objects.filter(kind=kind, object_id=pk).exclude(file="").first()
    if stored is None:
        raise Http404
    return stored_file_response(request, stored, filename)


def stored_file_response(request, stored, filename):
    """Serve a stored PDF row that has its file. A stored file changes only when it is made
    again, so its fingerprint and time of making are its ETag and Last-Modified: a browser or
    a shared cache that has it is answered 304 without reading the file."""
    made = stored.rendered_at or stored.requested_at
    etag = quote_etag(f"{stored.content_hash}-{made:%Y%m%d%H%M%S%f}")
    last_modified = int(made.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(stored.file.open("rb"), content_type="application/pdf",
                                as_attachment=False, filename=filename)
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    return response
