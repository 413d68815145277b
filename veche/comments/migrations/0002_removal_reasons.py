"""The default removal reasons (comments/reasons.py), as English message ids the catalogues
translate. A copy rather than an import: a migration must not change when the code does."""

from django.db import migrations

REASONS = [
    ("insults", "Insults or obscene language"),
    ("off-topic", "Off the topic of the discussion"),
    ("advertising", "Advertising or spam"),
    ("personal-data", "Personal data of other people"),
    ("illegal", "Breaks the law (extremism, calls to violence)"),
    ("flood", "Repeated messages (flood)"),
]


def load(apps, schema_editor):
    RemovalReason = apps.get_model("comments", "RemovalReason")
    for order, (code, text) in enumerate(REASONS):
        RemovalReason.objects.get_or_create(code=code, defaults={"text": text, "order": order})


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
