from django.db import migrations
from django.db.models import F


def count_a_change(apps, schema_editor):
    """The stored warnings now hold each body's name: those stored before are out of date,
    and the next page works them out again. Backwards too, for the version before, which
    cannot read the names."""
    StoredWarnings = apps.get_model("meetings", "StoredWarnings")
    StoredWarnings.objects.update(generation=F("generation") + 1)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0013_minutes_due_index"),
    ]

    operations = [
        migrations.RunPython(count_a_change, count_a_change),
    ]
