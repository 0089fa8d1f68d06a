"""The agreements admin is for emergencies. An adopted version is the agreement's text as the
partnership meeting decided it (R-AG-1): versions and their sections are read-only here, and
change only through a proposal adopted by a decision. Rich text saved here is sanitised like
the product's own forms do."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.richtext import SanitisedInAdmin

from .models import (
    Agreement,
    ChangeProposal,
    Consent,
    PlannedRevision,
    ProposedSection,
    Section,
    Topic,
    Version,
    Withdrawal,
)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "kind", "status", "revision_due"]
    list_filter = ["kind", "status"]


class ReadOnly:
    """Shown for reference; only the product's own workflows write these."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SectionInline(ReadOnly, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["number", "heading", "text", "position"]
    readonly_fields = fields


@admin.register(Version)
class VersionAdmin(ReadOnly, SimpleHistoryAdmin):
    """Every version is adopted text (R-AG-1); a change is a new version by decision."""

    list_display = ["agreement", "number", "state", "in_force_from", "decision_reference"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["version", "number", "heading"]


class OpenUntilAdopted:
    """Editable while the proposal is not adopted; the adoption made its version."""

    def proposal_of(self, obj):
        raise NotImplementedError

    def _adopted(self, obj):
        return obj is not None and self.proposal_of(obj).status == ChangeProposal.Status.ADOPTED

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._adopted(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._adopted(obj)


@admin.register(ChangeProposal)
class ChangeProposalAdmin(OpenUntilAdopted, SimpleHistoryAdmin):
    list_display = ["agreement", "title", "status", "changes_statutes"]
    # The readings and the adoption move only through the proposal's pages (R-AG-2).
    readonly_fields = ["status", "meeting", "first_reading", "case", "version"]

    def proposal_of(self, obj):
        return obj


@admin.register(ProposedSection)
class ProposedSectionAdmin(OpenUntilAdopted, SanitisedInAdmin, SimpleHistoryAdmin):
    list_display = ["proposal", "number", "heading", "remove"]
    rich_text_fields = ["text"]

    def proposal_of(self, obj):
        return obj.proposal


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["version", "party", "given_on", "reference"]


@admin.register(PlannedRevision)
class PlannedRevisionAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "planned_for", "case"]


# A withdrawal sets when the municipality leaves (R-AG-5): recorded on the product's page only.
@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["municipality", "notice_on", "takes_effect_on", "reference"]
