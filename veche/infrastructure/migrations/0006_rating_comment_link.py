"""Ratings' comments move to the shared comments (1/3): the old text column steps aside and the
rating gains its link to one shared comment."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_removal_reasons"),
        ("infrastructure", "0005_paper_votes"),
    ]

    operations = [
        migrations.RenameField(model_name="rating", old_name="comment", new_name="comment_text"),
        migrations.AddField(
            model_name="rating",
            name="comment",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="infrastructure_rating",
                to="comments.comment",
                verbose_name="comment",
            ),
        ),
    ]
