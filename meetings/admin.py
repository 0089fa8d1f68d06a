"""The meetings admin is for emergencies. What the product has its own pages for keeps its
rules here too (R-REC-4): a held meeting, its cases and their attachments are read-only, a
meeting's state changes only through its pages, and rich text is sanitised on save. Minutes
and what holding a meeting records are not in the admin at all."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import Attachment, Body, CalendarFeed, Case, ChairTerm, Meeting, MeetingPlan, Seat


class ClosedOnceHeld:
    """Read-only once `meeting_of(obj)` has been held (R-REC-2)."""

    def meeting_of(self, obj):
        raise NotImplementedError

    def _held(self, obj):
        meeting = self.meeting_of(obj) if obj is not None else None
        return meeting is not None and meeting.status == Meeting.Status.HELD

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._held(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._held(obj)


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
class MeetingAdmin(ClosedOnceHeld, SimpleHistoryAdmin):
    list_display = ["body", "starts_at", "kind", "status", "notice_sent_at", "sequence"]
    list_filter = ["body", "status"]
    # The state moves only through send_notice and mark_held, which keep their rules.
    readonly_fields = ["status", "notice_sent_at", "sequence"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def meeting_of(self, obj):
        return obj


@admin.register(Case)
class CaseAdmin(ClosedOnceHeld, SimpleHistoryAdmin):
    list_display = ["title", "body", "number", "year", "status", "meeting", "on_notice"]
    list_filter = ["body", "status"]
    raw_id_fields = ["merged_into"]
    # The presentation is sanitised by services.save_case_papers; the number and the place
    # on an agenda are given by place_case and move_case.
    readonly_fields = ["presentation", "number", "year", "on_notice", "meeting", "position",
                       "status"]
    list_select_related = ["body", "meeting"]

    def meeting_of(self, obj):
        return obj.meeting


@admin.register(Attachment)
class AttachmentAdmin(ClosedOnceHeld, SimpleHistoryAdmin):
    list_display = ["title", "case", "screened", "legal_basis", "size"]
    # Files come in through services.add_attachment, which checks their content.
    readonly_fields = ["file", "original_name", "content_type", "size"]

    def meeting_of(self, obj):
        return obj.case.meeting


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created"]
    exclude = ["token"]
