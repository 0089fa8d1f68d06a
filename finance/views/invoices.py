from html import escape

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import role_required, secretariat_required
from common.documents import stored_pdf_response
from common.links import url_filler
from common.models import StoredPdf
from common.templatetags.formatting import date, kr

from ..access import get_invoice_for
from ..allocation import AllocationError
from ..delivery import year_zip
from ..forms import PaymentForm, PaymentImportForm
from ..models import EhfDocument, Invoice
from ..payment_status import StatusBadges
from ..services import INVOICE_PDF, FinanceError, credit_and_reissue, import_payments, set_payment

invoice_readers = role_required("secretariat", "finance_officer")
# Ten years of invoices to fifty municipalities is 500 rows: the list shows them a page at a time.
INVOICE_PAGE_SIZE = 100


@invoice_readers
def invoice_list(request):
    visible = Invoice.objects.visible_to(request.user)
    # The year picker and the number of invoices in each year come from one grouped query:
    # the paginator needs no COUNT of its own unless the overdue filter is on.
    per_year = dict(visible.order_by("-year").values_list("year").annotate(Count("pk")))
    year = request.GET.get("year", "")
    # Digits 0–9 only: isdigit() alone also takes «²», which int() refuses.
    chosen_year = int(year) if year.isascii() and year.isdigit() else None
    invoices, count = visible, sum(per_year.values())
    if chosen_year is not None:
        invoices, count = invoices.filter(year=chosen_year), per_year.get(chosen_year, 0)
    today = timezone.localdate()
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        invoices, count = invoices.overdue(today), None
    paginator = Paginator(
        invoices.order_by("-number").values_list(*ROW_COLUMNS, named=True), INVOICE_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not counted again
    page = paginator.get_page(request.GET.get("side"))
    rows = list(page)
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "finance/invoice_list.html", {
        "invoices": rows, "rows": _rows_html(rows, today), "page": page, "query": query.urlencode(),
        "year_options": _year_options(per_year, year), "chosen_year": chosen_year,
        "overdue_only": overdue_only,
    })


def _year_options(years, chosen):
    """The year picker's options, newest first: one for each year the user has invoices in,
    made here for the same reason as the rows (forty years of history are forty options)."""
    return mark_safe("".join(  # noqa: S308 - years are numbers
        '<option value="{0}"{1}>{0}</option>'.format(y, " selected" if str(y) == chosen else "")
        for y in years))


ROW_COLUMNS = ("pk", "number", "kind", "year", "buyer_name", "issued_on", "total",
               "payment_status", "paid_on", "due_on")
ROW = ('<tr><th scope="row"><a href="{url}">{number}</a></th><td>{kind}</td><td>{year}</td>'
       '<td>{buyer}</td><td>{issued}</td><td class="num">{amount}</td><td>{status}</td></tr>')


def _rows_html(invoices, today):
    """The table's rows, made here in one pass: as template rows, with a variable and a filter
    for each cell, a hundred of them were most of what the page cost, and grew with each
    year a finance officer has invoices for."""
    url = url_filler("finance:invoice", 1)
    kinds = {kind: escape(str(label)) for kind, label in Invoice.Kind.choices}
    badges = StatusBadges()
    rows = []
    for pk, number, kind, year, buyer, issued_on, total, payment, paid_on, due_on in invoices:
        rows.append(ROW.format(url=url(pk), number=number, kind=kinds[kind], year=year,
                               buyer=escape(buyer), issued=date(issued_on), amount=kr(total),
                               status=badges.html(kind, payment, paid_on, due_on, today)))
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped above


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
