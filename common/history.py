"""Who changed what and when: saved with its author, read from django-simple-history's
tables."""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db.models import IntegerField, Value
from django.urls import reverse
from simple_history.models import registered_models


def save_by(instance, acting_user, **kwargs):
    """Save `instance` with `acting_user` as the author of its history entry; every
    state-change function saves through here."""
    instance._history_user = acting_user
    instance.save(**kwargs)
    return instance


def tracked_models():
    return [model for model in registered_models.values()
            if model._meta.app_label in {"members", "meetings", "agreements", "finance"}]


@cache
def _history_tables():
    # Each `model.history` builds a new manager class; the historical models never change.
    return [model.history.model._default_manager for model in tracked_models()]


def label(record):
    """What a historical record is about, without a query for each of its foreign keys."""
    obj = record.history_object
    for field in obj._meta.concrete_fields:
        if field.many_to_one and field.is_cached(record):
            field.set_cached_value(obj, field.get_cached_value(record))
    return str(obj)


@dataclass
class Change:
    record: object

    @property
    def model(self):
        return self.record.instance_type

    @property
    def label(self):
        return label(self.record)

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    @property
    def url(self):
        meta = self.model._meta
        return reverse("members:history_object",
                       args=[meta.app_label, meta.model_name, self.record.id])


def _with_relations(queryset):
    """Join every foreign key so that a record's __str__ never queries (no N+1)."""
    relations = [field.name for field in queryset.model._meta.fields
                 if field.many_to_one and field.name != "history_relation"]
    return queryset.select_related(*relations)


def recent_changes(limit=50):
    """The latest changes across every tracked model.

    One query finds the newest rows over all history tables; then one query per model that
    has rows among them loads those rows with their relations. The count is bounded by
    `limit`, whatever the amount of history.
    """
    tables = _history_tables()
    newest = [
        table.annotate(history_model_index=Value(index, output_field=IntegerField()))
        .values_list("history_date", "history_id", "history_model_index").order_by()
        for index, table in enumerate(tables)
    ]
    if not newest:
        return []
    latest = newest[0].union(*newest[1:], all=True).order_by("-history_date")[:limit]
    wanted = {}
    for _date, history_id, kind in latest:
        wanted.setdefault(kind, []).append(history_id)
    records = []
    for kind, ids in wanted.items():
        records.extend(_with_relations(tables[kind].filter(history_id__in=ids)))
    records.sort(key=lambda record: (record.history_date, record.history_id), reverse=True)
    return [Change(record) for record in records]


def model_for(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model if model in tracked_models() else None


def object_history(model, pk):
    """An object's history, newest first, each entry with its changes from the one before."""
    records = model.history.filter(**{model._meta.pk.attname: pk})
    records = list(_with_relations(records).order_by("history_date", "history_id"))
    entries = []
    previous = None
    for record in records:
        changes = record.diff_against(previous).changes if previous is not None else []
        entries.append({"record": record, "changes": [
            {"field": model._meta.get_field(change.field).verbose_name,
             "old": change.old, "new": change.new}
            for change in changes
        ]})
        previous = record
    return entries[::-1]
