from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attachment, Body, CalendarFeed, Case, ChairTerm, Meeting, MeetingPlan, Seat


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "meetings_per_year"]
    list_filter = ["kind"]


@admin.register(Seat)
class SeatAdmin(SimpleHistoryAdmin):
    list_display = ["holder", "body", "role", "side", "starts_on", "ends_on"]
    list_filter = ["body", "role", "side"]
    raw_id_fields = ["deputy_for"]


@admin.register(ChairTerm)
class ChairTermAdmin(SimpleHistoryAdmin):
    list_display = ["body", "role", "person", "side", "starts_on", "ends_on"]


@admin.register(MeetingPlan)
class MeetingPlanAdmin(SimpleHistoryAdmin):
    list_display = ["body", "year", "adopted_on", "adopted_in"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["body", "starts_at", "kind", "status", "notice_sent_at", "sequence"]
    list_filter = ["body", "status"]


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "body", "number", "year", "status", "meeting", "on_notice"]
    list_filter = ["body", "status"]
    raw_id_fields = ["meeting", "merged_into"]
    # The presentation is sanitised by services.save_case_papers; the number by place_case.
    readonly_fields = ["presentation", "number", "year", "on_notice"]


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "case", "screened", "legal_basis", "size"]
    # Files come in through services.add_attachment, which checks their content.
    readonly_fields = ["file", "original_name", "content_type", "size"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created"]
    exclude = ["token"]
