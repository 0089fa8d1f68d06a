from django.db.models import Sum
from django.utils import timezone

from common.start import panel

from .models import Budget, Invoice

LATEST_INVOICES = 5


@panel("finance_officer", order=20)
def invoices_panel(request):
    invoices = Invoice.objects.visible_to(request.user)
    open_amount = invoices.filter(kind=Invoice.Kind.INVOICE,
                                  payment_status=Invoice.Payment.OPEN).aggregate(
        total=Sum("total"))["total"]
    return "finance/_panel_invoices.html", {
        "invoices": list(invoices.order_by("-number")[:LATEST_INVOICES]),
        "open_amount": open_amount or 0, "today": timezone.localdate(),
    }


@panel("secretariat", order=40)
def finance_panel(request):
    today = timezone.localdate()
    return "finance/_panel_finance.html", {
        "budgets": list(Budget.objects.order_by("-year")[:2]),
        "overdue": list(Invoice.objects.overdue(today).order_by("due_on")),
        "today": today,
    }
