"""Shared steps of the comment services: authorize, lock, check the text, record, notify."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.accounts.predicates import can_participate
from veche.core.formats import number
from veche.core.text import clean_text
from veche.events.services import record_event
from veche.staff.services import audit_log

from ..kinds import Target, target_of
from ..models import MAX_LENGTH, Comment

NOT_MODERATOR = gettext_lazy("You do not moderate comments of this territory.")
NOT_AVAILABLE = gettext_lazy("This content is not available.")


def require(user, perm: str, obj, message) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(str(message))


def lock(comment: Comment) -> Comment:
    """Re-read the comment under a row lock: the state we check is the state we change."""
    return Comment.objects.select_for_update().get(pk=comment.pk)


def visible_target(user, kind: str, target_id: int) -> Target:
    """The item the comment is about, when the user may see it; otherwise a refusal."""
    target = target_of(kind, target_id)
    if target is None or not target.kind.can_view(user, target.item):
        raise PermissionDenied(str(NOT_AVAILABLE))
    return target


def participation_refusal(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return _("Log in to take part in the discussion.")
    if not can_participate(user):
        return _("Confirm your e-mail to take part in the discussion.")
    return ""


def checked_text(text: str) -> str:
    """The text as stored: cleaned (core.text), not blank, at most MAX_LENGTH characters."""
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the text of the comment.")]}, code="blank")
    if len(text) > MAX_LENGTH:
        message = _(
            "A comment may be at most %(max)s characters long; this one has %(length)s."
        ) % {"max": number(MAX_LENGTH), "length": number(len(text))}
        raise ValidationError({"text": [message]}, code="too_long")
    return text


def comment_event(kind: str, comment: Comment, *, actor, payload: dict | None = None) -> None:
    """Record "comments.<kind>" in the event log, inside the change's transaction."""
    record_event(
        kind=f"comments.{kind}",
        subject=comment,
        actor=actor,
        territory=comment.municipality_id,
        payload={
            "target": f"{comment.target_kind}:{comment.target_id}",
            "status": comment.status,
            **(payload or {}),
        },
    )


def comment_notice(notice: str, comment: Comment, *, note: str = "") -> None:
    """Enqueue the notices of one change in its transaction (notices.py decides who hears)."""
    from ..tasks import deliver_comment_notices

    deliver_comment_notices.enqueue(notice=notice, comment_id=comment.pk, note=note)


def audit(moderator, action: str, comment: Comment, **details) -> None:
    audit_log(
        actor=moderator,
        action=f"comments.{action}",
        target=comment,
        details={"target": f"{comment.target_kind}:{comment.target_id}", **details},
    )
