"""Ratings' comments move to the shared comments (3/3): the old text and state columns go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("infrastructure", "0007_rating_comments_to_shared")]

    operations = [
        migrations.RemoveConstraint(
            model_name="rating", name="infrastructure_rating_comment_status"
        ),
        migrations.RemoveIndex(model_name="rating", name="rating_comment"),
        migrations.RemoveField(model_name="rating", name="comment_status"),
        migrations.RemoveField(model_name="rating", name="comment_text"),
    ]
