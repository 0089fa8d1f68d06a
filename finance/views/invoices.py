from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import role_required, secretariat_required
from common.documents import stored_pdf_response
from common.links import url_filler
from common.models import StoredPdf

from ..access import get_invoice_for
from ..allocation import AllocationError
from ..delivery import year_zip
from ..forms import PaymentForm, PaymentImportForm
from ..models import EhfDocument, Invoice
from ..services import INVOICE_PDF, FinanceError, credit_and_reissue, import_payments, set_payment

invoice_readers = role_required("secretariat", "finance_officer")
# Ten years of invoices to fifty municipalities is 500 rows: the list shows them a page at a time.
INVOICE_PAGE_SIZE = 100


@invoice_readers
def invoice_list(request):
    invoices = Invoice.objects.visible_to(request.user).only(
        "number", "kind", "year", "buyer_name", "total", "issued_on", "due_on",
        "payment_status", "paid_on", "municipality_id", "pool_name")
    years = list(invoices.order_by("-year").values_list("year", flat=True).distinct())
    year = request.GET.get("year", "")
    chosen_year = int(year) if year.isdigit() else None
    if chosen_year is not None:
        invoices = invoices.filter(year=chosen_year)
    today = timezone.localdate()
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        invoices = invoices.overdue(today)
    page = Paginator(invoices.order_by("-number"), INVOICE_PAGE_SIZE).get_page(
        request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "finance/invoice_list.html", {
        "invoices": _rows(page), "page": page, "query": query.urlencode(), "years": years,
        "year": year, "chosen_year": chosen_year, "overdue_only": overdue_only, "today": today,
    })


def _rows(invoices):
    """The invoices with their links and kinds worked out once for the whole list: a reverse()
    and a translation in each of a hundred rows were most of what the page cost."""
    url = url_filler("finance:invoice", 1)
    kinds = {kind: str(label) for kind, label in Invoice.Kind.choices}
    rows = list(invoices)
    for invoice in rows:
        invoice.url, invoice.kind_name = url(invoice.pk), kinds[invoice.kind]
    return rows


@invoice_readers
def invoice_detail(request, pk):
    invoice = get_invoice_for(request.user, pk, Invoice.objects.select_related(
        "credited_invoice", "ehf"))
    return render(request, "finance/invoice_detail.html", {
        "invoice": invoice, "lines": invoice.lines.all(),
        "credit_notes": invoice.credit_notes.visible_to(request.user),
        "stored": StoredPdf.objects.filter(kind=INVOICE_PDF, object_id=invoice.pk).first(),
        "ehf": getattr(invoice, "ehf", None),
        "today": timezone.localdate(),
        "payment_form": PaymentForm(initial={"paid_on": timezone.localdate()})
        if request.user.is_secretariat else None,
    })


@invoice_readers
def invoice_pdf(request, pk):
    invoice = get_invoice_for(request.user, pk)
    return stored_pdf_response(request, INVOICE_PDF, invoice.pk, invoice.pdf_filename)


@invoice_readers
def invoice_ehf(request, pk):
    """The stored EHF document, as issued (R-FIN-7); 404 until it has been made."""
    invoice = get_invoice_for(request.user, pk)
    document = EhfDocument.objects.filter(invoice=invoice).exclude(sha256="").first()
    if document is None:
        raise Http404
    with document.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{invoice.ehf_filename}"'
    return response


@secretariat_required
def year_documents(request, year):
    """A budget year's EHF documents and PDFs, every pool's, in one ZIP."""
    if not Invoice.objects.filter(year=year).exists():
        raise Http404
    response = HttpResponse(year_zip(year), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="fakturaer-{year}.zip"'
    return response


@secretariat_required
@require_POST
def invoice_payment(request, pk):
    invoice = get_invoice_for(request.user, pk)
    paid_on = None
    if request.POST.get("action") != "reopen":
        form = PaymentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the date the invoice was paid."))
            return redirect(invoice)
        paid_on = form.cleaned_data["paid_on"]
    try:
        set_payment(invoice, paid_on=paid_on, acting_user=request.user)
    except FinanceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The payment status was saved."))
    return redirect(invoice)


@secretariat_required
@require_POST
def invoice_credit(request, pk):
    invoice = get_invoice_for(request.user, pk)
    try:
        credit, replacement = credit_and_reissue(invoice, acting_user=request.user)
    except (AllocationError, FinanceError) as exc:
        messages.error(request, str(exc))
        return redirect(invoice)
    messages.success(request, _("Credit note %(credit)s and the new invoice %(new)s were "
                                "issued.") % {"credit": credit.number, "new": replacement.number})
    return redirect(replacement)


@secretariat_required
def payment_import(request):
    form = PaymentImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            count = import_payments(form.payments, acting_user=request.user)
            messages.success(request, _("%(count)s invoices were marked paid.") % {
                "count": count})
            return redirect("finance:invoices")
        messages.error(request, _("The file was rejected. Nothing was saved."))
        return render(request, "finance/payment_import.html", {"form": form}, status=400)
    return render(request, "finance/payment_import.html", {"form": form})
