"""Notifications know no domain app: a notice's title and text become message specs (a plain
string is kept as written, so old notices read as before), its report becomes a generic subject
("reports.report", id), and a subscription's category becomes a key that reports registered
("reports:<category id>")."""

import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


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
    dependencies = [
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="subscription", name="subscription_has_a_condition"),
        migrations.RemoveConstraint(model_name="subscription", name="subscription_unique"),
        migrations.RenameField(model_name="notification", old_name="title", new_name="legacy_title"),
        migrations.RenameField(model_name="notification", old_name="body", new_name="legacy_body"),
        migrations.RenameField(model_name="notification", old_name="url", new_name="link"),
        migrations.AddField(
            model_name="notification",
            name="title",
            field=models.JSONField(null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="notification",
            name="text",
            field=models.JSONField(blank=True, default=list, verbose_name="text"),
        ),
        migrations.AddField(
            model_name="notification",
            name="subject_type",
            field=models.CharField(blank=True, default="", max_length=60, verbose_name="subject type"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="subject_id",
            field=models.CharField(blank=True, default="", max_length=40, verbose_name="subject id"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="subscription",
            name="category_key",
            field=models.CharField(blank=True, default="", max_length=100, verbose_name="category"),
            preserve_default=False,
        ),
        migrations.RunPython(forwards, backwards),
        # Defaults only so that a rollback can add the columns back to filled tables.
        migrations.AlterField(
            model_name="notification",
            name="legacy_title",
            field=models.CharField(default="", max_length=300, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="legacy_body",
            field=models.TextField(blank=True, default="", verbose_name="text"),
        ),
        migrations.RemoveField(model_name="notification", name="legacy_title"),
        migrations.RemoveField(model_name="notification", name="legacy_body"),
        migrations.RemoveField(model_name="notification", name="report"),
        migrations.RemoveField(model_name="subscription", name="category"),
        migrations.AlterField(
            model_name="notification",
            name="title",
            field=models.JSONField(verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(max_length=60, verbose_name="kind"),
        ),
        migrations.AlterField(
            model_name="subscription",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notification_subscriptions",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.AddField(
            model_name="preference",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("ru", "Russian"), ("en", "English")],
                max_length=10,
                verbose_name="language of notifications",
            ),
        ),
        migrations.AddConstraint(
            model_name="subscription",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("municipality__isnull", False),
                    models.Q(("category_key", ""), _negated=True),
                    ("min_lat__isnull", False),
                    _connector="OR",
                ),
                name="subscription_has_a_condition",
                violation_error_message="Choose a municipality, a category or a map area.",
            ),
        ),
        migrations.AddConstraint(
            model_name="subscription",
            constraint=models.UniqueConstraint(
                models.F("user"),
                django.db.models.functions.comparison.Coalesce(
                    models.F("municipality"), models.Value(0)
                ),
                models.F("category_key"),
                django.db.models.functions.comparison.Coalesce(
                    models.F("min_lat"), models.Value(-999.0)
                ),
                django.db.models.functions.comparison.Coalesce(
                    models.F("min_lon"), models.Value(-999.0)
                ),
                django.db.models.functions.comparison.Coalesce(
                    models.F("max_lat"), models.Value(-999.0)
                ),
                django.db.models.functions.comparison.Coalesce(
                    models.F("max_lon"), models.Value(-999.0)
                ),
                name="subscription_unique",
                violation_error_message="You already have this subscription.",
            ),
        ),
    ]
