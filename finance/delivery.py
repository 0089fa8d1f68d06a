"""EHF documents after issuing: made once with the printed invoice inside, stored, attached to
the PDF (PDF/A-3), handed to a sending channel with retries, and downloaded one by one or a
year at a time as a ZIP (R-FIN-7)."""

import hashlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.dispatch import enqueue
from common.models import StoredPdf

from . import ehf, ehf_rules
from .models import EhfDocument, Invoice


class EhfNotAccepted(Exception):
    """The rules refused the document; the message names the rules."""


def make(invoice_pk, pdf):
    """The invoice's EHF document as bytes: made and stored the first time (with `pdf`, the
    printed invoice, inside), read back from the stored file after that. It never changes."""
    document, _created = EhfDocument.objects.select_related(
        "invoice__credited_invoice").get_or_create(invoice_id=invoice_pk)
    if document.is_made:
        with document.file.open("rb") as handle:
            return handle.read()
    invoice = document.invoice
    data = ehf.build(invoice, list(invoice.lines.all()), credited=invoice.credited_invoice,
                     pdf=pdf)
    problems = ehf_rules.fatal(data)
    if problems:
        message = "; ".join(str(problem) for problem in problems[:5])
        EhfDocument.objects.filter(pk=document.pk).update(state=EhfDocument.State.FAILED,
                                                          last_error=message)
        raise EhfNotAccepted(message)
    document.file.save(f"{invoice.seller_organisation_number}-{invoice.ehf_filename}",
                       ContentFile(data), save=False)
    document.sha256 = hashlib.sha256(data).hexdigest()
    document.state = EhfDocument.State.MADE
    document.made_at = timezone.now()
    document.last_error = ""
    document.save()
    if channel() is not None:
        transaction.on_commit(lambda: _dispatch(document.pk))
    return data


def attach_to_pdf(invoice_pk, pdf):
    """The finishing step of the invoice PDF: the EHF document attached to it, so that the
    PDF/A-3 file carries the invoice in both forms."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, TextStringObject

    data = make(invoice_pk, pdf)
    invoice = Invoice.objects.only("number", "kind").get(pk=invoice_pk)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    attachment = writer.add_attachment(invoice.ehf_filename, data)
    # PDF/A-3 wants each embedded file's media type, modification date, description and
    # relationship to the document, and the file listed in the catalogue's /AF.
    attachment.subtype = NameObject("/text#2Fxml")
    attachment.modification_date = timezone.now()
    attachment.description = TextStringObject(
        _("The invoice as an EHF document (Peppol BIS Billing 3.0)"))
    attachment.associated_file_relationship = NameObject("/Alternative")
    writer.root_object[NameObject("/AF")] = ArrayObject([attachment.pdf_object.indirect_reference
                                                          or writer._add_object(  # noqa: SLF001
                                                              attachment.pdf_object)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class FolderChannel:
    """Hands documents over by writing them to a folder that an access point or accounting
    system reads. A file appears whole or not at all (written aside, then renamed)."""

    def __init__(self, directory):
        self.directory = Path(directory)

    def hand_over(self, name, data):
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.directory / name)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
        return str(self.directory / name)


def channel():
    directory = getattr(settings, "EHF_OUTBOX_DIR", None)
    return FolderChannel(directory) if directory else None


def _dispatch(pk):
    from .tasks import hand_over_ehf

    enqueue(hand_over_ehf, pk)


def hand_over(document_pk):
    """Claim one document and hand it to the channel. A failure is retried with back-off
    (2, 4, 8 … minutes) up to MAX_ATTEMPTS, then stays failed for the secretariat to see."""
    target = channel()
    now = timezone.now()
    if target is None or not EhfDocument.objects.due_for_hand_over(now).filter(
            pk=document_pk).update(claimed_at=now):
        return False  # no channel, not due, or claimed by another worker
    document = EhfDocument.objects.get(pk=document_pk)
    attempts = document.attempts + 1
    try:
        with document.file.open("rb") as handle:
            name = target.hand_over(document.file.name.rsplit("/", 1)[-1], handle.read())
    except OSError as exc:
        retry = attempts < EhfDocument.MAX_ATTEMPTS
        EhfDocument.objects.filter(pk=document_pk).update(
            state=EhfDocument.State.FAILED, attempts=attempts, claimed_at=None,
            last_error=f"{type(exc).__name__}: {exc}",
            next_attempt_at=now + EhfDocument.RETRY_BASE * 2 ** (attempts - 1) if retry
            else None)
        return False
    EhfDocument.objects.filter(pk=document_pk).update(
        state=EhfDocument.State.HANDED_OVER, attempts=attempts, claimed_at=None,
        handed_over_at=timezone.now(), handed_over_as=name, last_error="", next_attempt_at=None)
    return True


def hand_over_all_due():
    if channel() is None:
        return 0
    due = EhfDocument.objects.due_for_hand_over(timezone.now()).values_list("pk", flat=True)
    return sum(hand_over(pk) for pk in list(due))


def year_zip(year):
    """Every made EHF document and stored PDF of a budget year's invoices and credit notes,
    in one ZIP: ehf/faktura-1.xml, pdf/faktura-1.pdf, …"""
    invoices = Invoice.objects.filter(year=year).select_related("ehf").order_by("number")
    pdfs = {stored.object_id: stored for stored in StoredPdf.objects.filter(
        kind="finance.invoice", object_id__in=[i.pk for i in invoices]).exclude(file="")}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for invoice in invoices:
            document = getattr(invoice, "ehf", None)
            if document is not None and document.is_made:
                with document.file.open("rb") as handle:
                    archive.writestr(f"ehf/{invoice.ehf_filename}", handle.read())
            if invoice.pk in pdfs:
                with pdfs[invoice.pk].file.open("rb") as handle:
                    archive.writestr(f"pdf/{invoice.pdf_filename}", handle.read())
    return out.getvalue()
