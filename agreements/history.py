"""Who changed what in an agreement and when (R-AG-1), read from simple_history's tables with
one query per model, however long the history."""

from django.utils.translation import gettext_lazy as _

from .models import Agreement, ChangeProposal, Consent, PlannedRevision, ProposedSection, Version

KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
SKIPPED = {"history_id", "history_date", "history_change_reason", "history_type",
           "history_user", "history_user_id", "created", "updated", "id"}


def _describe(model, record):
    if model is Version:
        return _("Version %(number)s") % {"number": record.number}
    if model is ProposedSection:
        return f"§ {record.number} {record.heading}"
    if model is Consent:
        return _("Consent")
    if model is PlannedRevision:
        return f"{record.planned_for:%d.%m.%Y}"
    return record.title


def _changed_fields(model, record, previous):
    if previous is None:
        return []
    return [str(model._meta.get_field(field.name).verbose_name)
            for field in model._meta.concrete_fields
            if field.attname not in SKIPPED
            and getattr(record, field.attname) != getattr(previous, field.attname)]


def change_log(agreement):
    """The agreement's changes and those of its versions, proposals, consents and revisions,
    newest first."""
    proposal_ids = list(agreement.proposals.values_list("pk", flat=True))
    sources = [
        (Agreement, Agreement.history.filter(id=agreement.pk)),
        (Version, Version.history.filter(agreement_id=agreement.pk)),
        (ChangeProposal, ChangeProposal.history.filter(agreement_id=agreement.pk)),
        (ProposedSection, ProposedSection.history.filter(proposal_id__in=proposal_ids)),
        (Consent, Consent.history.filter(version__agreement=agreement)),
        (PlannedRevision, PlannedRevision.history.filter(agreement_id=agreement.pk)),
    ]
    entries = []
    for model, records in sources:
        previous = {}
        for record in records.select_related("history_user").order_by("history_date",
                                                                        "history_id"):
            entries.append({
                "when": record.history_date, "who": record.history_user,
                "model": model._meta.verbose_name, "what": _describe(model, record),
                "kind": KINDS[record.history_type],
                "fields": _changed_fields(model, record, previous.get(record.id)),
            })
            previous[record.id] = record
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries
