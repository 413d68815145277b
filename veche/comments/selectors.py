"""Reads of comments, each at a constant number of queries.

- `thread_for(user, kind, target_id)`: the tree a page shows (three queries: the comments with
  their authors, the viewer's likes, the viewer's complaints; plus the viewer's roles, read once
  per request).
- `comment_counts(kind, ids)` and `published_count(kind)`: published comments per item, for
  lists and the "most discussed" order.
- `pending_for(user)`, `pending_count(user)`: what waits for this moderator's decision.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from veche.core.participation import people_per_day
from veche.staff.models import Role
from veche.staff.predicates import is_moderator, is_regional_admin, municipality_scope

from .kinds import get_kind
from .models import Comment, CommentComplaint, CommentLike, RemovalReason

Status = Comment.Status

# What the thread shows in place of a comment once public that others may not read now.
PLACEHOLDERS = {
    Status.REMOVED: gettext_lazy("Comment removed by a moderator."),
    Status.HIDDEN: gettext_lazy(
        "The comment is hidden after complaints until a moderator decides."
    ),
    Status.PENDING: gettext_lazy("The comment was edited and awaits a moderator's check."),
}
# What its author (and a moderator) read beside a comment others do not see as it is.
NOTES = {
    Status.PENDING: gettext_lazy("Awaits moderation: others do not see it yet."),
    Status.HIDDEN: gettext_lazy("Hidden after complaints until a moderator decides."),
    Status.REMOVED: gettext_lazy("Removed by a moderator."),
}


@dataclass
class Node:
    """One comment in a thread as one viewer sees it.

    `shown`: whether its text is shown; otherwise the page shows the placeholder of its status
    («комментарий удалён модератором»). `own` and `moderated` say why a viewer sees a comment
    others do not (the page then notes its status: «ожидает модерации»)."""

    comment: Comment
    replies: list["Node"] = field(default_factory=list)
    shown: bool = True
    own: bool = False
    moderated: bool = False
    liked: bool = False
    complained: bool = False
    quote: str = ""  # what the comment quotes from the item (CommentableKind.quotes_of)

    @property
    def status(self) -> str:
        return self.comment.status

    @property
    def placeholder(self) -> str:
        return "" if self.shown else str(PLACEHOLDERS.get(self.status, ""))

    @property
    def note(self) -> str:
        """The status note its author or moderator reads; "" for a published comment."""
        return str(NOTES.get(self.status, "")) if self.shown else ""

    @property
    def can_reply(self) -> bool:
        return self.comment.status == Status.PUBLISHED and self.comment.depth < 2


@dataclass
class Thread:
    kind: str
    target_id: int
    nodes: list[Node]
    count: int  # published comments, as lists count them

    def __iter__(self):
        return iter(self.nodes)


def _moderates(user, comment: Comment, scope: set[int] | None | bool) -> bool:
    if scope is False:
        return False
    return scope is None or comment.municipality_id in scope


def moderation_scope(user) -> set[int] | None | bool:
    """Municipality ids whose comments the user decides; None: all; False: none."""
    if is_regional_admin(user):
        return None
    if not is_moderator(user):
        return False
    return municipality_scope(user, Role.MODERATOR)


def thread_for(user, kind: str, target_id: int) -> Thread:
    """The comments on one item, as a tree, for `user`.

    Everyone sees published comments; a comment once public that is hidden, removed or waiting
    again after an edit keeps its place as a placeholder, so its replies keep theirs. Its
    author and its moderators also see comments that await moderation (never published)."""
    scope = moderation_scope(user)
    comments = Comment.objects.filter(target_kind=kind, target_id=target_id).select_related(
        "author", "removal_reason"
    )
    visible = Q(published_at__isnull=False)
    if user.is_authenticated:
        visible |= Q(author_id=user.pk)
    if scope is None:
        visible |= Q(status=Status.PENDING)
    elif scope:
        visible |= Q(status=Status.PENDING, municipality_id__in=scope)
    comments = list(comments.filter(visible).order_by("created_at", "pk"))
    liked, complained = _reactions(user, kind, target_id)
    nodes: dict[int, Node] = {}
    top: list[Node] = []
    for comment in comments:
        own = user.is_authenticated and comment.author_id == user.pk
        moderated = _moderates(user, comment, scope)
        node = Node(
            comment,
            shown=comment.status == Status.PUBLISHED or own or moderated,
            own=own,
            moderated=moderated,
            liked=comment.pk in liked,
            complained=comment.pk in complained,
        )
        nodes[comment.pk] = node
        if comment.parent_id is None:
            top.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(node)
        # A reply whose parent this viewer cannot see is left out with it.
    count = sum(1 for c in comments if c.status == Status.PUBLISHED)
    return Thread(kind=kind, target_id=target_id, nodes=top, count=count)


def _reactions(user, kind: str, target_id: int) -> tuple[set[int], set[int]]:
    if not user.is_authenticated:
        return set(), set()
    on_target = {"comment__target_kind": kind, "comment__target_id": target_id, "user": user}
    liked = set(CommentLike.objects.filter(**on_target).values_list("comment_id", flat=True))
    complained = set(
        CommentComplaint.objects.filter(**on_target).values_list("comment_id", flat=True)
    )
    return liked, complained


def comment_counts(kind: str, ids: Iterable[int]) -> dict[int, int]:
    """Published comments per item id (items without any are left out): one query."""
    rows = (
        Comment.objects.filter(target_kind=kind, target_id__in=list(ids), status=Status.PUBLISHED)
        .values("target_id")
        .annotate(n=Count("pk"))
        .values_list("target_id", "n")
    )
    return dict(rows)


def published_count(kind: str, outer: str = "pk") -> Coalesce:
    """An expression counting the published comments of each row of a domain queryset, for
    `.annotate(comment_count=published_count("ideas.idea")).order_by("-comment_count")`."""
    counted = (
        Comment.objects.filter(target_kind=kind, target_id=OuterRef(outer), status=Status.PUBLISHED)
        .order_by()
        .values("target_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# --- The moderation queue ----------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    """A comment waiting for a moderator, ready for the shared moderation queue."""

    comment: Comment
    reason: str  # "pending" (new or edited) or "complaints" (hidden by complaints)
    kind: str
    kind_label: str
    excerpt: str
    author_name: str
    territory: str  # the municipality's name ("" for content of no municipality)
    target_title: str
    target_url: str  # the item's page at the comment
    complaints: list[str]  # the reasons residents gave, where they gave one


def _queue(user) -> QuerySet[Comment]:
    scope = moderation_scope(user)
    waiting = Comment.objects.filter(status__in=[Status.PENDING, Status.HIDDEN])
    if scope is False:
        return waiting.none()
    if scope is not None:
        waiting = waiting.filter(municipality_id__in=scope)
    return waiting


def pending_count(user) -> int:
    return _queue(user).count()


def pending_for(user, *, limit: int | None = None) -> list[QueueItem]:
    """Comments awaiting moderation or hidden by complaints that `user` may decide, oldest
    first, scoped by territory. Queries: the comments, their complaints, one per kind of
    content for the titles (plus the roles)."""
    comments = list(
        _queue(user)
        .select_related("author", "municipality")
        .prefetch_related("complaints")
        .order_by("created_at", "pk")[:limit]
    )
    by_kind: dict[str, set[int]] = defaultdict(set)
    for comment in comments:
        by_kind[comment.target_kind].add(comment.target_id)
    items: dict[str, dict] = {}
    for kind, ids in by_kind.items():
        commentable = get_kind(kind)
        items[kind] = commentable.in_bulk(ids) if commentable else {}
    queue = []
    for comment in comments:
        commentable = get_kind(comment.target_kind)
        item = items[comment.target_kind].get(comment.target_id)
        if commentable is None or item is None:
            continue  # a kind no longer installed, or its item deleted
        queue.append(
            QueueItem(
                comment=comment,
                reason="complaints" if comment.status == Status.HIDDEN else "pending",
                kind=comment.target_kind,
                kind_label=commentable.name,
                excerpt=comment.excerpt,
                author_name=comment.author.public_name,
                territory=comment.municipality.name if comment.municipality else "",
                target_title=str(commentable.title_of(item)),
                target_url=f"{commentable.url_of(item)}#comment-{comment.pk}",
                complaints=[c.reason for c in comment.complaints.all() if c.reason],
            )
        )
    return queue


def removal_reasons() -> QuerySet[RemovalReason]:
    return RemovalReason.objects.filter(is_active=True)


def commenters_by_day(*, since, until) -> list[tuple]:
    """(local day, municipality id, distinct authors, comments) of the comments written on the
    days from `since` to `until` on any kind of content that were published (those hidden later
    after complaints included; pending and removed ones left out); analytics' participation."""
    shown = Comment.objects.filter(status__in=(Comment.Status.PUBLISHED, Comment.Status.HIDDEN))
    return people_per_day(
        shown, moment="created_at", municipality="municipality_id", person="author_id",
        since=since, until=until,
    )  # fmt: skip
