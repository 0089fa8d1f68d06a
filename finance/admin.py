from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Budget,
    BudgetLine,
    CostModel,
    FinanceSettings,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    IssueRun,
)


class ReadOnly:
    """Shown for reference; only the application's own workflows write these."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FinanceSettings)
class FinanceSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "payment_days", "kid_method", "kid_length"]


@admin.register(CostModel)
class CostModelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "fixed_percent", "base_amount", "rate", "rounding"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["year", "cost_model", "status", "adopted_by", "adopted_on"]
    list_select_related = ["cost_model"]
    inlines = [BudgetLineInline]


class InvoiceLineInline(ReadOnly, admin.TabularInline):
    model = InvoiceLine
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(ReadOnly, SimpleHistoryAdmin):
    """Read-only: an issued invoice is never changed (R-FIN-5); corrections go through a
    credit note on the invoice's page."""

    list_display = ["number", "kind", "year", "buyer_name", "total", "due_on", "payment_status"]
    list_filter = ["kind", "year", "payment_status"]
    search_fields = ["number", "kid", "buyer_name"]
    inlines = [InvoiceLineInline]


@admin.register(InvoiceCounter)
class InvoiceCounterAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["last_number"]


@admin.register(IssueRun)
class IssueRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["budget", "state", "issued", "started_by", "created", "finished_at"]
    list_select_related = ["budget", "started_by"]
