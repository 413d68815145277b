"""The columns every support table has. Each domain app keeps its own concrete table: a subclass
that adds the foreign key to its item and a unique constraint on (item, user), so the keys and
cascades stay real and the database decides that a resident supports an item once."""

from django.conf import settings
from django.db import models


class SupportBase(models.Model):
    """One resident's support of one item; the subclass names the item (docs/architecture.md,
    "Supports")."""

    # "reports_supports", "ideas_supports": one reverse name per app (a subclass may keep its own).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="%(app_label)s_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
