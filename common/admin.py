from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by the product and changed by no one."""

    list_display = ["time", "action", "actor_email", "object_description", "ip_address"]
    list_filter = ["action", "time"]
    search_fields = ["actor_email", "object_description", "ip_address"]
    date_hierarchy = "time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
