from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from common.compiled import CompiledQuery
from common.links import url_filler
from common.start import panel
from common.templatetags.formatting import kr

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


# What the secretariat's panel shows, compiled once (common.compiled): every secretariat
# start page reads it.
latest_budgets = CompiledQuery(lambda: Budget.objects.order_by("-year")
                               .only("year", "pool", "status")[:2])
overdue_invoices = CompiledQuery(lambda day: Invoice.objects.overdue(day).order_by("due_on")
                                 .only("number", "kind", "buyer_name", "total", "due_on"))


@panel("secretariat", order=40)
def finance_panel(request):
    """The overdue invoices' rows are made here, with the columns shown only: one link
    pattern and one translated «due …» for all, rather than a reverse(), a translation and
    filters for each row in the template."""
    today = timezone.localdate()
    invoice_url = url_filler("finance:invoice", 1)
    due = gettext("due %(date)s")
    overdue = [(invoice, invoice_url(invoice.pk), kr(invoice.total),
                due % {"date": date_format(invoice.due_on)})
               for invoice in overdue_invoices(day=today)]
    return "finance/_panel_finance.html", {"budgets": latest_budgets(), "overdue": overdue}
