from django.contrib import admin

from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "state", "attempts", "created", "sent_at"]
    list_filter = ["state"]
    search_fields = ["recipient", "subject", "topic"]
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]
