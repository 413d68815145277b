"""Step 3 of 3 of the generic notices: the old columns and foreign keys go (see 0002)."""


import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_generic_notices_data")]

    operations = [
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
