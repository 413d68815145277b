"""The site-wide search index: one row per searchable item of any registered kind."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from veche.territory.models import Municipality


class SearchEntry(models.Model):
    """What the search page needs of an item, kept by `services.index_item` after each change
    and rebuilt by `reindex_search`. Only `public` rows are ever shown."""

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=300)
    excerpt = models.CharField(_("excerpt"), max_length=400, blank=True)
    url = models.CharField(_("address"), max_length=300)
    # Snowball stems of the title and the text, space-delimited with spaces at both ends
    # (veche/search/text.py); the title's alone rank the hits whose title matches first.
    stems = models.TextField(_("stems"), blank=True)
    title_stems = models.TextField(_("title stems"), blank=True)
    public = models.BooleanField(_("public"), default=False)
    # The item's own moment (published or updated), newest first among equals.
    moment = models.DateTimeField(_("date"))
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once"),
        ]
        indexes = [
            models.Index(
                fields=["kind", "-moment"], condition=Q(public=True), name="search_public_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
