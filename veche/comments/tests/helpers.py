"""Shortcuts for comment tests."""

from veche.comments import services
from veche.comments.models import Comment

from .conftest import KIND


def write(world, *, author=None, text="Поддерживаю, давно пора.", parent=None, report=None):
    report = report or world.report
    return services.comment_post(
        author=author or world.writer,
        kind=KIND,
        target_id=report.pk,
        text=text,
        parent_id=parent.pk if parent else None,
    )


def published(world, **kwargs) -> Comment:
    """A comment a moderator has approved."""
    comment = write(world, **kwargs)
    if comment.status == Comment.Status.PENDING:
        comment = services.comment_approve(moderator=world.moderator, comment=comment)
    return comment


def snapshot() -> list:
    """Every comment's row, to show that a refusal changed nothing."""
    return list(Comment.objects.order_by("pk").values())
