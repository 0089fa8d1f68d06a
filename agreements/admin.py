from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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


@admin.register(Version)
class VersionAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "number", "state", "in_force_from", "decision_reference"]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["version", "number", "heading"]


@admin.register(ChangeProposal)
class ChangeProposalAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "title", "status", "changes_statutes"]


@admin.register(ProposedSection)
class ProposedSectionAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "number", "heading", "remove"]


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["version", "party", "given_on", "reference"]


@admin.register(PlannedRevision)
class PlannedRevisionAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "planned_for", "case"]


@admin.register(Withdrawal)
class WithdrawalAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "notice_on", "takes_effect_on", "reference"]
