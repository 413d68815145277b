"""Notifications know no domain app: a notice's title and text become message specs (a plain
string is kept as written, so old notices read as before), its report becomes a generic subject
("reports.report", id), and a subscription's category becomes a key that reports registered
("reports:<category id>").

Step 1 of 3, each its own transaction (PostgreSQL refuses to alter a table that has pending
trigger events from rows changed in the same transaction): the new columns."""

from django.conf import settings
from django.db import migrations, models


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
    ]
