"""Comments in the shared moderation queue (veche/moderation): one source of the kind
"comments.comment" — comments awaiting moderation and those hidden by complaints, scoped by
territory (selectors.pending_for). Approving a hidden comment restores it (its complaints are
cleared); rejecting removes it with the listed reason and tells the writer the note."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from veche.moderation.registry import ModerationItem, ModerationSource

from . import selectors, services
from .models import Comment

KIND = "comments.comment"
# The page pages through what a source returns; more than this waits for the next visit.
QUEUE_LIMIT = 500


def _flags(entry: selectors.QueueItem) -> list[str]:
    comment = entry.comment
    flags = []
    if entry.reason == "complaints":
        flags.append(
            ngettext(
                "hidden after %(count)d complaint",
                "hidden after %(count)d complaints",
                comment.complaint_count,
            )
            % {"count": comment.complaint_count}
        )
        flags += entry.complaints
    elif comment.published_at is not None:
        flags.append(_("edited after publication"))
    return flags


def pending(user) -> list[ModerationItem]:
    return [
        ModerationItem(
            kind=KIND,
            id=entry.comment.pk,
            title=f"{entry.kind_label}: {entry.target_title}",
            excerpt=entry.excerpt,
            url=entry.target_url,
            territory=entry.territory,
            author=entry.author_name,
            created_at=entry.comment.created_at,
            flags=_flags(entry),
        )
        for entry in selectors.pending_for(user, limit=QUEUE_LIMIT)
    ]


def approve(user, item_id: int) -> str:
    comment = get_object_or_404(Comment, pk=item_id)
    if comment.status == Comment.Status.HIDDEN:
        services.comment_restore(moderator=user, comment=comment)
        return _("The comment is back in the thread; its complaints are cleared.")
    services.comment_approve(moderator=user, comment=comment)
    return _("The comment is published.")


def reject(user, item_id: int, reason_code: str, note: str) -> str:
    comment = get_object_or_404(Comment, pk=item_id)
    reason = selectors.removal_reasons().filter(code=reason_code).first()
    services.comment_remove(moderator=user, comment=comment, reason=reason, note=note)
    return _("The comment is removed.")


def reasons() -> list[tuple[str, str]]:
    return [(reason.code, reason.label) for reason in selectors.removal_reasons()]


def source() -> ModerationSource:
    return ModerationSource(
        kind=KIND,
        label=gettext_lazy("comments"),
        pending=pending,
        count=selectors.pending_count,
        approve=approve,
        reject=reject,
        reasons=reasons,
        order=20,
    )
