"""Step 2 of 3 of the generic notices: old rows carried over (see 0002)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Subscription = apps.get_model("notifications", "Subscription")
    for row in Notification.objects.all().iterator():
        row.title = row.legacy_title
        row.text = [row.legacy_body] if row.legacy_body else []
        if row.report_id is not None:
            row.subject_type, row.subject_id = "reports.report", str(row.report_id)
        row.save(update_fields=["title", "text", "subject_type", "subject_id"])
    for row in Subscription.objects.filter(category__isnull=False).iterator():
        row.category_key = f"reports:{row.category_id}"
        row.save(update_fields=["category_key"])


def backwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Subscription = apps.get_model("notifications", "Subscription")
    for row in Notification.objects.all().iterator():
        row.legacy_title = _plain(row.title)[:300]
        row.legacy_body = "\n".join(_plain(line) for line in row.text or [])
        if row.subject_type == "reports.report" and row.subject_id.isdigit():
            row.report_id = int(row.subject_id)
        row.save()
    for row in Subscription.objects.exclude(category_key="").iterator():
        prefix, _sep, rest = row.category_key.partition(":")
        if prefix == "reports" and rest.isdigit():
            row.category_id = int(rest)
            row.save(update_fields=["category"])


def _plain(spec) -> str:
    return spec if isinstance(spec, str) else (spec or {}).get("msgid", "")


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_generic_notices")]

    operations = [migrations.RunPython(forwards, backwards)]
