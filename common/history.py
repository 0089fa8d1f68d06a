"""Who changed what and when: saved with its author into django-simple-history's tables,
with a line in the change log (common.models.Activity) for the latest changes across them."""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.dispatch import Signal, receiver
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.models import registered_models
from simple_history.signals import post_create_historical_record
from simple_history.utils import bulk_create_with_history

from .compiled import CompiledQuery
from .links import url_filler
from .models import Activity


def save_by(instance, acting_user, **kwargs):
    """Save `instance` with `acting_user` as the author of its history entry; every
    state-change function saves through here."""
    instance._history_user = acting_user
    instance.save(**kwargs)
    return instance


def delete_by(instance, acting_user):
    """Delete `instance` with `acting_user` as the author of the deletion's history entry.
    Rows are deleted one by one, never as a QuerySet: a bulk delete names no author."""
    instance._history_user = acting_user
    instance.delete()


TRACKED_APPS = {"members", "meetings", "agreements", "finance"}
LABEL_LENGTH = Activity._meta.get_field("label").max_length


@transaction.atomic
def save_form_by(form, acting_user):
    """Save a valid model form's object (and its many-to-many choices) through save_by."""
    instance = save_by(form.save(commit=False), acting_user)
    form.save_m2m()
    return instance


# Sent with the model as sender after bulk_create_by, which sends no post_save.
created_in_bulk = Signal()


def bulk_create_by(model, objects, acting_user):
    """Insert many new objects at once with `acting_user` as their author, each with the
    history entry and change-log line that saving it through save_by would give (imports,
    the benchmark's large partnership)."""
    objects = _bulk_create_by(model, objects, acting_user)
    created_in_bulk.send(sender=model)
    return objects


def _bulk_create_by(model, objects, acting_user):
    if not getattr(model._meta, "simple_history_manager_attribute", None):
        return model.objects.bulk_create(objects)
    now = timezone.now()
    objects = bulk_create_with_history(objects, model, default_user=acting_user,
                                       default_date=now)
    if model._meta.app_label in TRACKED_APPS:
        Activity.objects.bulk_create([
            Activity(at=now, actor=acting_user, kind=Activity.Kind.CREATED,
                     app_label=model._meta.app_label, model_name=model._meta.model_name,
                     object_id=obj.pk, label=str(obj)[:LABEL_LENGTH])
            for obj in objects], batch_size=2000)
    return objects


def tracked_models():
    return [model for model in registered_models.values()
            if model._meta.app_label in TRACKED_APPS]


def label(record):
    """What a historical record is about, without a query for each of its foreign keys."""
    obj = record.history_object
    for field in obj._meta.concrete_fields:
        if field.many_to_one and field.is_cached(record):
            field.set_cached_value(obj, field.get_cached_value(record))
    return str(obj)


@receiver(post_create_historical_record, dispatch_uid="common_activity")
def add_to_change_log(sender, instance, history_instance, **kwargs):
    """Every history entry of a tracked model gets its line in the change log, in the same
    transaction. The label is made now, while the object's relations are at hand."""
    meta = instance._meta
    if meta.app_label not in TRACKED_APPS:
        return
    Activity.objects.create(
        at=history_instance.history_date, actor_id=history_instance.history_user_id,
        kind=history_instance.history_type, app_label=meta.app_label,
        model_name=meta.model_name, object_id=instance.pk,
        label=str(instance)[:LABEL_LENGTH])


@dataclass
class Change:
    activity: Activity
    type_name: str
    kind_name: str
    url: str


# The latest `limit` changes, one query for each limit the pages show, compiled once
# (common.compiled): every secretariat start page reads them.
_latest = {}


def recent_changes(limit=50):
    """The latest changes across every tracked model: one query, whatever the amount of
    history. Each kind of object is named once, and the link is filled in without reverse().
    Of the actor only the name is read (not the rest of the user's row)."""
    if limit not in _latest:
        _latest[limit] = CompiledQuery(lambda: Activity.objects.select_related("actor").only(
            "at", "kind", "app_label", "model_name", "object_id", "label",
            "actor__name")[:limit])
    lines = _latest[limit]()
    history_url = url_filler("members:history_object", 3)
    kind_names = {kind: str(name) for kind, name in Activity.Kind.choices}
    type_names = {}
    changes = []
    for line in lines:
        key = (line.app_label, line.model_name)
        if key not in type_names:
            model = apps.get_model(*key)
            type_names[key] = capfirst(model._meta.verbose_name)
        changes.append(Change(line, type_names[key], kind_names[line.kind],
                              history_url(line.app_label, line.model_name, line.object_id)))
    return changes


def _with_relations(queryset):
    """Join every foreign key so that a record's __str__ never queries (no N+1)."""
    relations = [field.name for field in queryset.model._meta.fields
                 if field.many_to_one and field.name != "history_relation"]
    return queryset.select_related(*relations)


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
