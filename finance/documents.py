"""The invoice and credit note as a stored PDF (R-FIN-6)."""

from common.documents import document

from .models import Invoice


@document("finance.invoice")
def invoice_pdf(pk):
    invoice = Invoice.objects.select_related("credited_invoice").get(pk=pk)
    return ("finance/pdf/invoice.html",
            {"invoice": invoice, "lines": list(invoice.lines.all())},
            invoice.pdf_filename)
