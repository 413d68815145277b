"""Writes of the index: one item after its change, or every item of a kind (reindex_search)."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from .kinds import Document, SearchKind, searchable, searchable_kinds
from .models import SearchEntry
from .text import stems

_FIELDS = ["municipality", "title", "excerpt", "url", "stems", "title_stems", "public", "moment"]
EXCERPT_CHARS = 400


def entry_for(spec: SearchKind, pk: int, document: Document) -> SearchEntry:
    excerpt = " ".join((document.excerpt or document.text).split())
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return SearchEntry(
        kind=spec.kind,
        object_id=pk,
        municipality_id=document.municipality_id,
        title=document.title[:300],
        excerpt=excerpt,
        url=document.url,
        stems=stems(document.title, document.text),
        title_stems=stems(document.title),
        public=document.public,
        moment=document.moment,
        indexed_at=timezone.now(),
    )


def _upsert(entries: list[SearchEntry]) -> None:
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=[*_FIELDS, "indexed_at"],
    )


def document_of(spec: SearchKind, item) -> Document:
    """The item's document in the portal's language (a label read by the document is stemmed
    the same whoever saved the item)."""
    with translation.override(settings.LANGUAGE_CODE):
        return spec.document(item)


def index_item(spec: SearchKind, item) -> None:
    """Write (or replace) the item's entry."""
    _upsert([entry_for(spec, item.pk, document_of(spec, item))])


def index_by_id(kind: str, pk: int) -> None:
    """The item as it is now: indexed, or its entry removed when it is gone."""
    spec = searchable(kind)
    if spec is None:
        return
    item = spec.queryset().filter(pk=pk).first()
    if item is None:
        remove_entry(kind, pk)
    else:
        index_item(spec, item)


def remove_entry(kind: str, pk: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()


def reindex(kinds: Iterable[str] | None = None, *, batch: int = 1000) -> dict[str, int]:
    """Rebuild the entries of these kinds (every registered kind by default), each kind in one
    transaction: readers see the old entries until it commits. Returns entries per kind."""
    wanted = set(kinds) if kinds else None
    counts = {}
    for spec in searchable_kinds():
        if wanted is not None and spec.kind not in wanted:
            continue
        with transaction.atomic():
            SearchEntry.objects.filter(kind=spec.kind).delete()
            pending: list[SearchEntry] = []
            count = 0
            for item in spec.queryset().order_by("pk").iterator(chunk_size=batch):
                pending.append(entry_for(spec, item.pk, document_of(spec, item)))
                if len(pending) >= batch:
                    SearchEntry.objects.bulk_create(pending)
                    count += len(pending)
                    pending = []
            SearchEntry.objects.bulk_create(pending)
            counts[spec.kind] = count + len(pending)
    # Entries of kinds no longer registered (an app removed) would be found by nobody's page.
    if wanted is None:
        SearchEntry.objects.exclude(kind__in=[spec.kind for spec in searchable_kinds()]).delete()
    return counts
