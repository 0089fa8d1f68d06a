"""The finance admin is for emergencies: what was issued or adopted is read-only there
(R-REC-4, R-FIN-5), and everything the secretariat does has its own page."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgreedShare,
    Budget,
    BudgetLine,
    BudgetParticipant,
    CostModel,
    EhfDocument,
    FinanceSettings,
    GrantApplication,
    GrantBacking,
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


class LockedOnceUsed:
    """Editable while nothing depends on it; read-only once `is_locked(obj)` says so."""

    def is_locked(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (
            obj is not None and self.is_locked(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (
            obj is not None and self.is_locked(obj))


@admin.register(FinanceSettings)
class FinanceSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "payment_days", "kid_method", "kid_length", "vat_registered"]


class AgreedShareInline(admin.TabularInline):
    model = AgreedShare
    extra = 0


def _used_by_adopted_budget(model_pk):
    return Budget.objects.filter(cost_model_id=model_pk).exclude(status="draft").exists()


@admin.register(CostModel)
class CostModelAdmin(LockedOnceUsed, SimpleHistoryAdmin):
    """A cost model that an adopted budget uses is locked (R-REC-3)."""

    list_display = ["name", "kind", "fixed_percent", "base_amount", "rate", "rounding"]
    inlines = [AgreedShareInline]

    def is_locked(self, obj):
        return _used_by_adopted_budget(obj.pk)


class BudgetLineInline(LockedOnceUsed, admin.TabularInline):
    model = BudgetLine
    extra = 0

    def is_locked(self, obj):
        return not obj.is_draft

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and not obj.is_draft)


class BudgetParticipantInline(ReadOnly, admin.TabularInline):
    model = BudgetParticipant
    extra = 0
    fields = ["number", "name", "population"]
    readonly_fields = fields


@admin.register(Budget)
class BudgetAdmin(LockedOnceUsed, SimpleHistoryAdmin):
    """An adopted budget with its snapshot is read-only (R-REC-3): its status cannot be set
    back, nor its model, participants or amount changed."""

    list_display = ["year", "pool", "cost_model", "status", "adopted_by", "adopted_on"]
    list_select_related = ["cost_model", "pool"]
    readonly_fields = ["status", "adopted_by", "adopted_on", "adopted_amount",
                       "adopted_parameters"]
    inlines = [BudgetLineInline, BudgetParticipantInline]

    def is_locked(self, obj):
        return not obj.is_draft


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


@admin.register(EhfDocument)
class EhfDocumentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["invoice", "state", "made_at", "handed_over_at", "attempts"]
    list_filter = ["state"]
    list_select_related = ["invoice"]


@admin.register(InvoiceCounter)
class InvoiceCounterAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["issuer", "last_number"]


@admin.register(IssueRun)
class IssueRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["budget", "state", "issued", "started_by", "created", "finished_at"]
    list_select_related = ["budget", "started_by"]


class GrantBackingInline(ReadOnly, admin.TabularInline):
    model = GrantBacking
    extra = 0


@admin.register(GrantApplication)
class GrantApplicationAdmin(ReadOnly, SimpleHistoryAdmin):
    """The state grant has its own pages (Budgets → State grant)."""

    list_display = ["year", "applicant", "submitted_on", "amount_awarded", "report_due"]
    inlines = [GrantBackingInline]
