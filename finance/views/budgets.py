from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.access import secretariat_required
from common.forms import run_service
from common.history import save_form_by
from common.models import StoredPdf

from ..access import get_budget_for, get_cost_model_for
from ..allocation import AllocationError
from ..exports import allocation_csv, allocation_xlsx, bar_chart
from ..forms import (
    AdoptForm,
    AgreedShareFormSet,
    BudgetForm,
    BudgetLineFormSet,
    CostModelForm,
    FinanceSettingsForm,
    IssueForm,
)
from ..models import Budget, CostModel, EhfDocument, FinanceSettings
from ..services import (
    INVOICE_PDF,
    FinanceError,
    adopt_budget,
    save_budget,
    save_cost_model,
    start_issuing,
)


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
        saved = run_service(form, lambda: save_budget(form, formset, acting_user=request.user))
        if saved is not None:
            messages.success(request, _("The budget was saved."))
            return redirect(saved)
    return render(request, "finance/budget_form.html",
                  {"form": form, "formset": formset, "budget": budget},
                  status=400 if request.method == "POST" else 200)


def _allocation(budget):
    """(allocation, error): a budget that cannot be calculated says why."""
    try:
        return budget.allocation(), None
    except AllocationError as exc:
        return None, exc


def _issuing(budget):
    """How far issuing has come. Pending only while a job exists: the run, or a PDF row still
    waiting; an invoice whose PDF was never asked for is not "being made"."""
    invoices = budget.invoices.all()
    run = budget.issue_runs.first()
    pdf_counts = StoredPdf.objects.filter(
        kind=INVOICE_PDF, object_id__in=invoices.values("pk")).aggregate(
        ready=Count("pk", filter=Q(state=StoredPdf.State.READY)),
        failed=Count("pk", filter=Q(state=StoredPdf.State.FAILED)),
        waiting=Count("pk", filter=Q(state=StoredPdf.State.PENDING)))
    ehf_counts = EhfDocument.objects.filter(invoice__budget=budget).aggregate(
        made=Count("pk", filter=~Q(sha256="")),
        handed_over=Count("pk", filter=Q(state=EhfDocument.State.HANDED_OVER)),
        failed=Count("pk", filter=Q(state=EhfDocument.State.FAILED)))
    return {"budget": budget, "run": run, "invoice_count": invoices.count(),
            "pdf_counts": pdf_counts, "ehf_counts": ehf_counts,
            "pending": bool(run and run.is_active) or pdf_counts["waiting"] > 0}


def _budget_page(request, budget, adopt_form=None, issue_form=None):
    allocation, error = _allocation(budget)
    issuing = _issuing(budget)
    issued = issuing["invoice_count"]
    if budget.is_draft and allocation and adopt_form is None:
        adopt_form = AdoptForm()
    if budget.status == Budget.Status.ADOPTED and not issued and issue_form is None:
        issue_form = IssueForm(initial={"issue_date": timezone.localdate()})
    invalid = any(f is not None and f.errors for f in (adopt_form, issue_form))
    return render(request, "finance/budget_detail.html", {
        **issuing, "lines": budget.lines.all(), "allocation": allocation, "error": error,
        "adopt_form": adopt_form if budget.is_draft else None,
        "issue_form": issue_form if not issued else None,
        "participants": budget.participant_rows.count() if not budget.is_draft else None,
    }, status=400 if invalid else 200)


@secretariat_required
def budget_detail(request, pk):
    return _budget_page(request, get_budget_for(request.user, pk))


@secretariat_required
def issuing_status(request, pk):
    """The issuing region of the budget page, asked for again while something is being made."""
    return render(request, "finance/_issuing_state.html",
                  _issuing(get_budget_for(request.user, pk)))


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
    form = IssueForm(request.POST)
    if not form.is_valid():
        return _budget_page(request, budget, issue_form=form)
    try:
        start_issuing(budget, issue_date=form.cleaned_data["issue_date"],
                      acting_user=request.user)
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


def _allocation_download(request, pk, build, content_type, extension):
    budget = get_budget_for(request.user, pk)
    result, error = _allocation(budget)
    if result is None:
        messages.error(request, str(error))
        return redirect("finance:allocation", pk=budget.pk)
    response = HttpResponse(build(result, budget), content_type=content_type)
    suffix = f"-{budget.pool.number or budget.pool.pk}" if budget.pool_id else ""
    response["Content-Disposition"] = (
        f'attachment; filename="contributions-{budget.year}{suffix}.{extension}"')
    return response


@secretariat_required
def allocation_csv_download(request, pk):
    return _allocation_download(request, pk, lambda result, _budget: allocation_csv(result),
                                "text/csv; charset=utf-8", "csv")


@secretariat_required
def allocation_xlsx_download(request, pk):
    return _allocation_download(
        request, pk, lambda result, budget: allocation_xlsx(result, str(budget)),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")


@secretariat_required
def cost_model_list(request):
    return render(request, "finance/cost_model_list.html",
                  {"cost_models": CostModel.objects.with_use()})


@secretariat_required
def cost_model_edit(request, pk=None):
    """A cost model and its agreed shares. One that an adopted budget uses opens read-only,
    saying why (R-REC-3)."""
    instance = get_cost_model_for(request.user, pk) if pk else None
    form = CostModelForm(request.POST or None, instance=instance)
    shares = AgreedShareFormSet(request.POST or None, instance=instance, prefix="agreed")
    if instance is not None and instance.is_locked:
        if request.method == "POST":
            # The service refuses a locked model before it reads the form, and writes the
            # refusal to the audit log as every other door's (R-REC-4).
            try:
                save_cost_model(form, shares, acting_user=request.user)
            except FinanceError as exc:
                messages.error(request, str(exc))
        return render(request, "finance/cost_model_locked.html", {
            "object": instance, "agreed": instance.agreed_shares.select_related("municipality"),
            "budgets": instance.budgets.exclude(status=Budget.Status.DRAFT).select_related(
                "pool")}, status=403 if request.method == "POST" else 200)
    if request.method == "POST" and form.is_valid():
        shares.kind = form.cleaned_data["kind"]
        if shares.is_valid() and run_service(
                form, lambda: save_cost_model(form, shares, acting_user=request.user)):
            messages.success(request, _("The cost model was saved."))
            return redirect("finance:cost_models")
    return render(request, "finance/cost_model_form.html",
                  {"form": form, "shares": shares, "object": instance},
                  status=400 if request.method == "POST" else 200)


@secretariat_required
def settings_edit(request):
    form = FinanceSettingsForm(request.POST or None, instance=FinanceSettings.current())
    if request.method == "POST" and form.is_valid():
        save_form_by(form, request.user)
        messages.success(request, _("The finance settings were saved."))
        return redirect("finance:budgets")
    return render(request, "finance/settings_form.html", {"form": form})
