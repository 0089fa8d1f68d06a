"""The invoice and credit note as a stored PDF (R-FIN-6): PDF/A-3 with its EHF document
attached (R-FIN-7)."""

from common.documents import document

from .delivery import attach_to_pdf
from .models import Invoice


@document("finance.invoice", variant="pdf/a-3a", finish=attach_to_pdf)
def invoice_pdf(pk):
    invoice = Invoice.objects.select_related("credited_invoice").get(pk=pk)
    return ("finance/pdf/invoice.html",
            {"invoice": invoice, "lines": list(invoice.lines.all())},
            invoice.pdf_filename)
