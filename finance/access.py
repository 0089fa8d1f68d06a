"""Who may see which budget and invoice (CONVENTIONS.md, Access)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from common.access import refuse

from .models import Budget, CostModel, Invoice


def get_budget_for(user, pk, queryset=None, for_change=False):
    """Budgets are the secretariat's; everyone else is refused. Only a draft can be changed:
    an adopted budget is what its decision says."""
    if not user.is_secretariat:
        raise PermissionDenied
    budget = (queryset if queryset is not None else Budget.objects.with_totals()).filter(
        pk=pk).first()
    if budget is None:
        raise Http404
    if for_change and not budget.is_draft:
        raise refuse(budget, status=403)
    return budget


def get_cost_model_for(user, pk):
    """A cost model, annotated with its use: one that an adopted budget uses is locked (its
    page is read-only and says why)."""
    if not user.is_secretariat:
        raise PermissionDenied
    model = CostModel.objects.with_use().filter(pk=pk).first()
    if model is None:
        raise Http404
    return model


def get_invoice_for(user, pk, queryset=None):
    """An invoice the user may see: any for the secretariat, only their own municipality's
    for a finance officer. Another municipality's invoice answers 404, as if it did not
    exist."""
    if not (user.is_secretariat or user.is_finance_officer):
        raise PermissionDenied
    invoice = (queryset if queryset is not None else Invoice.objects.all()).filter(pk=pk).first()
    if invoice is None:
        raise Http404
    if not user.is_secretariat and invoice.municipality_id != user.municipality_id:
        raise refuse(invoice)
    return invoice
