"""Who hears what about a comment, and in which words (message ids, notifications.text).

- When a comment becomes public (at once under post-moderation, on approval under
  pre-moderation): the author of the item hears of a new comment, the author of the comment
  replied to of a reply — each once, the reply winning when he is both; nobody of his own.
- On approval and on removal: the comment's author (not when he decided himself), removal with
  its listed reason.

The services enqueue `tasks.deliver_comment_notices` in their own transaction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop

from veche.notifications.messages import Message, subject
from veche.notifications.services import notify
from veche.notifications.text import msg

from .kinds import get_kind
from .models import Comment

DISCUSSION = msg(gettext_noop("You receive this letter because you take part in this discussion."))


@dataclass(frozen=True)
class Context:
    comment: Comment
    item: object
    title: str
    link: str
    note: str = ""  # the moderator's words to the writer, with a removal


def _active(user) -> bool:
    return user is not None and user.is_active and user.deleted_at is None


def recipients(notice: str, comment: Comment, item) -> list[tuple[object, str]]:
    """(user, message kind) pairs for one change, never the one who made it."""
    writer = comment.author
    if notice == "published":
        told: dict[int, tuple[object, str]] = {}
        content_author = get_kind(comment.target_kind).author_of(item)
        if _active(content_author):
            told[content_author.pk] = (content_author, "new_comment")
        if comment.parent_id is not None and _active(comment.parent.author):
            told[comment.parent.author_id] = (comment.parent.author, "reply")
        told.pop(writer.pk, None)
        return list(told.values())
    if notice in ("approved", "removed"):
        decided_by_self = comment.moderated_by_id == writer.pk
        return [] if decided_by_self or not _active(writer) else [(writer, notice)]
    return []


def build(kind: str, context: Context) -> Message:
    comment = context.comment
    titles = {
        "new_comment": gettext_noop("New comment: %(title)s"),
        "reply": gettext_noop("A reply to your comment: %(title)s"),
        "approved": gettext_noop("Your comment is published: %(title)s"),
        "removed": gettext_noop("Your comment was removed by a moderator: %(title)s"),
    }
    lines: list = []
    if kind in ("new_comment", "reply"):
        lines.append(msg(gettext_noop("%(name)s wrote:"), name=comment.author.public_name))
    if kind == "removed" and comment.removal_reason is not None:
        reason = msg(comment.removal_reason.text)
        lines.append(msg(gettext_noop("Reason: %(reason)s"), reason=reason))
        if context.note:
            lines.append(msg(gettext_noop("The moderator adds: %(note)s"), note=context.note))
    lines.append(comment.excerpt)
    return Message(
        kind=f"comments.{kind}",
        title=msg(titles[kind], title=context.title),
        text=lines,
        link=f"{context.link}#comment-{comment.pk}",
        reason=DISCUSSION,
        **subject(comment),
    )


def _once_key(notice: str, comment: Comment, user) -> str:
    moment = comment.moderated_at.timestamp() if notice == "removed" and comment.moderated_at else 0
    return f"comments:{notice}:{comment.pk}:{user.pk}:{moment}"


def deliver(*, notice: str, comment_id: int, note: str = "") -> int:
    """Tell everyone concerned; returns how many. A retried task sends nothing twice."""
    with transaction.atomic():
        comment = (
            Comment.objects.select_related("author", "parent__author", "removal_reason")
            .filter(pk=comment_id)
            .first()
        )
        kind = get_kind(comment.target_kind) if comment else None
        item = kind.get(comment.target_id) if kind else None
        if item is None:
            return 0
        context = Context(comment, item, str(kind.title_of(item)), kind.url_of(item), note)
        told = 0
        for user, message_kind in recipients(notice, comment, item):
            told += notify(
                recipients=[user],
                message=build(message_kind, context),
                once_key=_once_key(message_kind, comment, user),
            )
        return told
