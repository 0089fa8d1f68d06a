from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import role_required, secretariat_required
from common.caching import no_store
from common.documents import stored_pdf_response
from common.models import StoredPdf
from common.pagecache import cached_page

from .access import get_budget_for, get_cost_model_for, get_invoice_for
from .allocation import AllocationError
from .exports import allocation_csv, allocation_xlsx, bar_chart
from .forms import (
    AdoptForm,
    BudgetForm,
    BudgetLineFormSet,
    CostModelForm,
    FinanceSettingsForm,
    PaymentForm,
    PaymentImportForm,
)
from .models import Budget, CostModel, FinanceSettings, Invoice
from .services import (
    INVOICE_PDF,
    FinanceError,
    adopt_budget,
    credit_and_reissue,
    import_payments,
    save_budget,
    set_payment,
    start_issuing,
)

invoice_readers = role_required("secretariat", "finance_officer")
# Ten years of invoices to fifty municipalities is 500 rows: the list shows them a page at a time.
INVOICE_PAGE_SIZE = 100


@secretariat_required
def budget_list(request):
    budgets = Budget.objects.with_totals()
    return render(request, "finance/budget_list.html", {"budgets": budgets})


@secretariat_required
def budget_edit(request, pk=None):
    budget = get_budget_for(request.user, pk, Budget.objects.all(), for_change=True) if pk else None
    form = BudgetForm(request.POST or None, instance=budget)
    formset = BudgetLineFormSet(request.POST or None, instance=budget)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        budget = save_budget(form, formset, acting_user=request.user)
        messages.success(request, _("The budget was saved."))
        return redirect(budget)
    return render(request, "finance/budget_form.html",
                  {"form": form, "formset": formset, "budget": budget})


def _allocation(budget):
    """(allocation, error message): a budget that cannot be calculated says why."""
    try:
        return budget.allocation(), None
    except AllocationError as exc:
        return None, str(exc)


def _budget_page(request, budget, adopt_form=None):
    allocation, error = _allocation(budget)
    invoices = budget.invoices.order_by("number")
    run = budget.issue_runs.first()
    pdfs = StoredPdf.objects.filter(kind=INVOICE_PDF, object_id__in=invoices.values("pk"))
    pdf_counts = pdfs.aggregate(ready=Count("pk", filter=Q(state=StoredPdf.State.READY)),
                                failed=Count("pk", filter=Q(state=StoredPdf.State.FAILED)))
    invoice_count = invoices.count()
    if budget.is_draft and allocation and adopt_form is None:
        adopt_form = AdoptForm()
    return render(request, "finance/budget_detail.html", {
        "budget": budget, "lines": budget.lines.all(), "allocation": allocation,
        "error": error, "run": run, "invoice_count": invoice_count, "pdf_counts": pdf_counts,
        # The page reloads itself while the invoices or their PDFs are being made.
        "refresh": bool(run and run.is_active) or pdf_counts["ready"] + pdf_counts["failed"]
        < invoice_count,
        "adopt_form": adopt_form if budget.is_draft else None,
    }, status=400 if adopt_form is not None and adopt_form.errors else 200)


@secretariat_required
def budget_detail(request, pk):
    return _budget_page(request, get_budget_for(request.user, pk))


@secretariat_required
@require_POST
def budget_adopt(request, pk):
    budget = get_budget_for(request.user, pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        return _budget_page(request, budget, adopt_form=form)
    try:
        adopt_budget(budget, decision=form.cleaned_data["decision"],
                     adopted_on=form.cleaned_data["adopted_on"], acting_user=request.user)
    except (AllocationError, FinanceError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The budget was adopted."))
    return redirect(budget)


@secretariat_required
@require_POST
def budget_issue(request, pk):
    budget = get_budget_for(request.user, pk)
    try:
        start_issuing(budget, acting_user=request.user)
    except FinanceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The invoices are being issued."))
    return redirect(budget)


@secretariat_required
def allocation(request, pk):
    budget = get_budget_for(request.user, pk)
    result, error = _allocation(budget)
    return render(request, "finance/allocation.html", {
        "budget": budget, "allocation": result, "error": error,
        "chart": bar_chart(result) if result else None,
    })


def _allocation_for_download(request, pk):
    budget = get_budget_for(request.user, pk)
    result, error = _allocation(budget)
    if result is None:
        messages.error(request, error)
    return budget, result


@secretariat_required
def allocation_csv_download(request, pk):
    budget, result = _allocation_for_download(request, pk)
    if result is None:
        return redirect("finance:allocation", pk=budget.pk)
    response = HttpResponse(allocation_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contributions-{budget.year}.csv"'
    return response


@secretariat_required
def allocation_xlsx_download(request, pk):
    budget, result = _allocation_for_download(request, pk)
    if result is None:
        return redirect("finance:allocation", pk=budget.pk)
    response = HttpResponse(
        allocation_xlsx(result, str(budget)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="contributions-{budget.year}.xlsx"'
    return response


@no_store
@invoice_readers
@cached_page
def invoice_list(request):
    invoices = Invoice.objects.visible_to(request.user).only(
        "number", "kind", "year", "buyer_name", "total", "issued_on", "due_on",
        "payment_status", "paid_on", "municipality_id")
    years = sorted(set(invoices.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("year", "")
    if year.isdigit():
        invoices = invoices.filter(year=int(year))
    today = timezone.localdate()
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        invoices = invoices.overdue(today)
    page = Paginator(invoices.order_by("-number"), INVOICE_PAGE_SIZE).get_page(
        request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "finance/invoice_list.html", {
        "invoices": page, "page": page, "query": query.urlencode(), "years": years,
        "year": year, "overdue_only": overdue_only, "today": today,
    })


@no_store
@invoice_readers
def invoice_detail(request, pk):
    invoice = get_invoice_for(request.user, pk, Invoice.objects.select_related(
        "credited_invoice"))
    return render(request, "finance/invoice_detail.html", {
        "invoice": invoice, "lines": invoice.lines.all(),
        "credit_notes": invoice.credit_notes.visible_to(request.user),
        "stored": StoredPdf.objects.filter(kind=INVOICE_PDF, object_id=invoice.pk).first(),
        "today": timezone.localdate(),
        "payment_form": PaymentForm(initial={"paid_on": timezone.localdate()})
        if request.user.is_secretariat else None,
    })


@no_store
@invoice_readers
def invoice_pdf(request, pk):
    invoice = get_invoice_for(request.user, pk)
    return stored_pdf_response(INVOICE_PDF, invoice.pk, invoice.pdf_filename)


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


@secretariat_required
def cost_model_list(request):
    return render(request, "finance/cost_model_list.html",
                  {"cost_models": CostModel.objects.with_use()})


@secretariat_required
def cost_model_edit(request, pk=None):
    instance = get_cost_model_for(request.user, pk) if pk else None
    form = CostModelForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.save()
        messages.success(request, _("The cost model was saved."))
        return redirect("finance:cost_models")
    return render(request, "finance/cost_model_form.html", {"form": form, "object": instance})


@secretariat_required
def settings_edit(request):
    form = FinanceSettingsForm(request.POST or None, instance=FinanceSettings.current())
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.save()
        messages.success(request, _("The finance settings were saved."))
        return redirect("finance:budgets")
    return render(request, "finance/settings_form.html", {"form": form})


