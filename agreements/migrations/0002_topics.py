"""The minimum topics of helse- og omsorgstjenesteloven § 6-2 first paragraph (seed 003,
«Krav til avtalens innhold»). They are law, so they come with the schema."""

from django.db import migrations

from agreements.topics import TOPICS, ensure_topics


def load(apps, schema_editor):
    ensure_topics(apps.get_model("agreements", "Topic"))


def unload(apps, schema_editor):
    apps.get_model("agreements", "Topic").objects.filter(number__lte=len(TOPICS)).delete()


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
