"""The search registry: each domain app describes its searchable kind once, from its
`AppConfig.ready()`, and the index (`SearchEntry`) follows its items.

    register_searchable(SearchKind(
        kind="ideas.idea", label=Idea._meta.verbose_name_plural, model=Idea,
        document=idea_document,            # (item) → Document: what is found and shown
        rows=lambda: Idea.objects.select_related("municipality"),   # what reindex reads
        watch=("status", "title", "text"), # saves of other fields leave the index alone
        order=20,
    ))

`register_searchable` connects the model's post_save and post_delete: after the transaction
commits, the item is read again through `rows()` and its entry written or deleted (a change
rolled back never reaches the index). Changes that bypass `save()` (`QuerySet.update`,
`bulk_create`, raw SQL) are caught up by `manage.py reindex_search`.

This module imports no domain app."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import services
from .kinds import KINDS, Document, SearchKind, searchable, searchable_kinds

__all__ = [
    "Document",
    "SearchKind",
    "register_searchable",
    "searchable",
    "searchable_kinds",
    "unregister_searchable",
]


def register_searchable(spec: SearchKind) -> None:
    KINDS[spec.kind] = spec
    uid = f"search:{spec.kind}"
    post_save.connect(partial(_saved, spec.kind), sender=spec.model, weak=False, dispatch_uid=uid)
    post_delete.connect(
        partial(_deleted, spec.kind), sender=spec.model, weak=False, dispatch_uid=uid
    )


def unregister_searchable(kind: str) -> None:
    spec = KINDS.pop(kind, None)
    if spec:
        post_save.disconnect(sender=spec.model, dispatch_uid=f"search:{kind}")
        post_delete.disconnect(sender=spec.model, dispatch_uid=f"search:{kind}")


def _saved(kind: str, sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    spec = KINDS.get(kind)
    if raw or spec is None:
        return
    if update_fields and spec.watch:
        # "topic_id" and "topic" name the same field.
        names = {sender._meta.get_field(name).name for name in update_fields}
        if not names & set(spec.watch):
            return
    transaction.on_commit(partial(services.index_by_id, kind, instance.pk), robust=True)


def _deleted(kind: str, sender, instance, **kwargs) -> None:
    transaction.on_commit(partial(services.remove_entry, kind, instance.pk), robust=True)
