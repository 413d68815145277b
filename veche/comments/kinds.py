"""The registry of commentable content kinds.

A domain app makes its content commentable from its AppConfig.ready():

    register_commentable(CommentableKind(
        kind="ideas.idea",
        model=Idea,
        moderation="pre",                       # or "post": published at once, checked later
        can_view=lambda user, idea: ...,        # may the user read the item (and its thread)?
        can_comment=lambda user, idea: ...,     # None when he may comment, else the refusal text
        author_of=lambda idea: idea.author,     # told of new comments (None: nobody)
        url_of=lambda idea: idea.get_absolute_url(),
        title_of=lambda idea: idea.title,
        territory_of=lambda idea: idea.municipality_id,  # scopes the moderators (None: region)
        quotes_of=lambda comment_ids: {...},    # optional: the passage each comment quotes
        rows=lambda: Idea.objects.select_related(...),  # optional: what title_of and
    ))                                          # territory_of read, in the same query

This app never imports the domain apps: it reads their rows through `model` and asks them
everything else through these callables.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import models
from django.utils.translation import gettext_lazy as _

Moderation = Literal["pre", "post"]


def _always(user, item) -> bool:
    return True


def _open(user, item) -> str | None:
    return None


def _author(item):
    return getattr(item, "author", None)


def _url(item) -> str:
    return item.get_absolute_url()


def _territory(item) -> int | None:
    return getattr(item, "municipality_id", None)


def _no_quotes(comment_ids: list[int]) -> dict[int, str]:
    return {}


@dataclass(frozen=True)
class CommentableKind:
    kind: str  # "<app>.<model>", as events name subjects
    model: type[models.Model]
    moderation: Moderation = "pre"  # SPEC §1: comments are checked before they are public
    can_view: Callable[[Any, Any], bool] = _always
    can_comment: Callable[[Any, Any], str | None] = _open
    author_of: Callable[[Any], Any] = _author
    url_of: Callable[[Any], str] = _url
    title_of: Callable[[Any], str] = str
    territory_of: Callable[[Any], int | None] = _territory
    label: Any = field(default=None)  # what the moderation queue calls the kind («Идея»)
    # The text each comment quotes from the item (a passage of a draft's section), shown above
    # the comment in the thread: comment ids → quote, one query for the whole thread.
    quotes_of: Callable[[list[int]], dict[int, str]] = _no_quotes
    # The items' rows with what title_of and territory_of read (the moderation queue asks them of
    # every pending comment): None reads the model's own rows.
    rows: Callable[[], models.QuerySet] | None = None

    def __post_init__(self) -> None:
        if self.moderation not in ("pre", "post"):
            raise ValueError(f"moderation must be 'pre' or 'post', not {self.moderation!r}")

    @property
    def name(self) -> str:
        return str(self.label or self.model._meta.verbose_name)

    def queryset(self) -> models.QuerySet:
        return self.rows() if self.rows else self.model._default_manager.all()

    def get(self, target_id: int):
        """The item, or None when it does not exist."""
        return self.queryset().filter(pk=target_id).first()

    def in_bulk(self, ids: Iterable[int]) -> dict[int, Any]:
        return self.queryset().in_bulk(list(ids))


@dataclass(frozen=True)
class Target:
    """One commentable item: what `comments.post_comment` is asked about."""

    kind: CommentableKind
    item: Any

    @property
    def id(self) -> int:
        return self.item.pk


_kinds: dict[str, CommentableKind] = {}


def register_commentable(kind: CommentableKind) -> None:
    """Make a kind of content commentable; registering a kind again replaces it."""
    _kinds[kind.kind] = kind


def unregister_commentable(kind: str) -> None:
    """Forget a kind (tests register their own and remove it afterwards)."""
    _kinds.pop(kind, None)


def kinds() -> dict[str, CommentableKind]:
    return dict(_kinds)


def get_kind(kind: str) -> CommentableKind | None:
    return _kinds.get(kind)


def target_of(kind: str, target_id: int) -> Target | None:
    """The registered kind's item with this id, or None (unknown kind or no such item)."""
    commentable = get_kind(kind)
    if commentable is None:
        return None
    item = commentable.get(target_id)
    return Target(commentable, item) if item is not None else None


UNKNOWN_KIND = _("Comments are not possible here.")
