"""Editors' changes: create or edit any content item, publish (now or at a set moment),
withdraw, attach files; appoint and remove content editors."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from veche.events.services import record_event
from veche.media.documents import ProcessedDocument
from veche.media.uploads import ProcessedMedia
from veche.staff.services import audit_log

from ..models import ContentEditor, MaterialFile, News, Page, Status
from ..rules import Scope
from ._common import kind_of, plain, recorded, require, rich

# Fields holding rich text (sanitized) per kind; every other text field is plain.
RICH = {"news": {"body"}, "page": {"body"}, "material": {"body"}, "kbentry": {"answer"}}
RICH["event"] = {"description"}
PLAIN = {"title", "lead", "question", "place", "byline", "cover_alt", "slug"}
NOT_APPOINTER = gettext_lazy("Only the administration of this territory appoints its editors.")


def _lock(item):
    return type(item).objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def item_save(
    *,
    actor,
    item,
    changes: dict,
    cover: ProcessedMedia | None = None,
    files: Sequence[ProcessedDocument] = (),
    related: Sequence | None = None,
):
    """Create (`item` unsaved) or edit an item: the editor must keep its territory before and
    after the change (a Surgut editor cannot move a news item to Urai). Rich text is sanitized,
    a page's path follows its parent and slug, its subtree is re-pathed."""
    kind = kind_of(item)
    creating = item.pk is None
    if not creating:
        item = _lock(item)
        require(actor, "content.change_item", item)
    for field, value in changes.items():
        if field in RICH.get(kind, ()):
            value = rich(value)
        elif field in PLAIN:
            value = plain(value)
        setattr(item, field, value)
    require(actor, "content.change_item", item)
    if cover is not None:
        item.cover, item.cover_thumbnail = cover.file, cover.thumbnail or cover.file
    if isinstance(item, News) and creating:
        item.author = actor
    if isinstance(item, Page):
        _place_page(item)
    item.full_clean()
    item.save()
    if related is not None:
        item.related.set(related)
    for document in files:
        MaterialFile.objects.create(
            material=item,
            file=document.file,
            name=document.name[:200],
            content_type=document.content_type,
            size=document.size,
        )
    if isinstance(item, Page) and not creating:
        _repath_children(item)
    recorded(actor=actor, item=item, action="created" if creating else "changed")
    return item


def _place_page(page: Page) -> None:
    if page.parent_id:  # read afresh: the caller's copy may hold an older path
        page.parent = Page.objects.get(pk=page.parent_id)
    parent = page.parent
    seen = set()
    while parent is not None:
        if page.pk and parent.pk == page.pk or parent.pk in seen:
            raise ValidationError(
                {"parent": [gettext_lazy("A page cannot be placed inside itself.")]}
            )
        seen.add(parent.pk)
        parent = parent.parent
    page.path = f"{page.parent.path}/{page.slug}" if page.parent else page.slug
    clash = Page.objects.filter(path=page.path).exclude(pk=page.pk).exists()
    if clash:
        raise ValidationError(
            {"slug": [gettext_lazy("Another page already has this address here.")]}
        )


def _repath_children(page: Page) -> None:
    for child in page.children.all():
        child.path = f"{page.path}/{child.slug}"
        child.save(update_fields=["path"])
        _repath_children(child)


@transaction.atomic
def item_publish(*, actor, item, at: datetime | None = None):
    """Publish now, or at `at` (the item stays invisible until then)."""
    item = _lock(item)
    require(actor, "content.change_item", item)
    item.status = Status.PUBLISHED
    item.published_at = at or timezone.now()
    item.full_clean()
    item.save(update_fields=["status", "published_at", "updated_at"])
    scheduled = item.published_at > timezone.now()
    recorded(
        actor=actor,
        item=item,
        action="published",
        details={"at": item.published_at.isoformat(), "scheduled": scheduled},
    )
    return item


@transaction.atomic
def item_withdraw(*, actor, item):
    """Back to a draft: no longer public."""
    item = _lock(item)
    require(actor, "content.change_item", item)
    item.status = Status.DRAFT
    item.published_at = None
    item.save(update_fields=["status", "published_at", "updated_at"])
    recorded(actor=actor, item=item, action="withdrawn")
    return item


@transaction.atomic
def editor_appoint(*, actor, user, municipality=None) -> ContentEditor:
    """Make `user` a content editor of the municipality (None: the whole region); appointed by
    that territory's admin. A second appointment to the same scope changes nothing."""
    require(actor, "content.appoint_editor", Scope(municipality), NOT_APPOINTER)
    membership, created = ContentEditor.objects.get_or_create(
        user=user, municipality=municipality, defaults={"granted_by": actor}
    )
    if created:
        record_event(
            kind="content.editor_appointed",
            subject=membership,
            actor=actor,
            territory=municipality,
        )
        audit_log(
            actor=actor,
            action="content.editor_appoint",
            target=membership,
            details={"user": user.pk, "municipality": getattr(municipality, "pk", None)},
        )
    return membership


@transaction.atomic
def editor_remove(*, actor, membership: ContentEditor) -> None:
    require(actor, "content.appoint_editor", Scope(membership.municipality), NOT_APPOINTER)
    record_event(
        kind="content.editor_removed",
        subject=membership,
        actor=actor,
        territory=membership.municipality_id,
    )
    audit_log(
        actor=actor,
        action="content.editor_remove",
        target=membership,
        details={"user": membership.user_id},
    )
    membership.delete()
