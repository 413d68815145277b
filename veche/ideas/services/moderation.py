"""Moderation before publication: publish, reject with a listed reason, edit out personal data,
merge duplicates (their supports carried over, nobody counted twice)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from veche.core.text import clean_text
from veche.reports.search import stems
from veche.supports.services import move_supports

from ..models import OPEN, Idea, IdeaRejectionReason, IdeaTimelineEntry, Status
from ._common import audit_log, idea_event, lock, move, record, require, require_status
from .filing import clean_words
from .supports import IDEA_SUPPORTS

NOT_MODERATOR = gettext_lazy("You do not moderate ideas of this municipality.")


def idea_publish(*, user, idea: Idea) -> Idea:
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.moderate_idea", idea, NOT_MODERATOR)
        require_status(idea, "publish")
        idea.published_at = timezone.now()
        move(idea, Status.PUBLISHED, actor=user, event="published", fields=("published_at",))
        return idea


def idea_reject(*, user, idea: Idea, reason: IdeaRejectionReason, note: str = "") -> Idea:
    """Reject with a reason from the list; `note` adds the moderator's own words."""
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.moderate_idea", idea, NOT_MODERATOR)
        require_status(idea, "reject")
        if reason is None or not reason.is_active:
            raise ValidationError({"reason": [_("Choose a reason from the list.")]})
        idea.rejection_reason = reason
        note = clean_text(note or "").strip()
        move(
            idea,
            Status.REJECTED,
            actor=user,
            event="rejected",
            payload={"reason": reason.code},
            text=reason.text + (f" {note}" if note else ""),
            fields=("rejection_reason",),
        )
        return idea


def idea_edit_by_moderator(*, user, idea: Idea, title: str, text: str) -> Idea:
    """Replace the public title and text (to remove personal data); the timeline says a
    moderator edited it, the staff audit log says who. The old words are kept nowhere."""
    title, text, errors = clean_words(title=title, text=text)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        idea = lock(idea)
        require(user, "ideas.moderate_idea", idea, NOT_MODERATOR)
        require_status(idea, "edit")
        changed = [
            name for name, new in (("title", title), ("text", text)) if getattr(idea, name) != new
        ]
        if not changed:
            return idea
        idea.title, idea.text = title, text
        idea.search_stems = stems(title, text)
        idea.full_clean(exclude=["client_token"])
        idea.save(update_fields=["title", "text", "search_stems", "updated_at"])
        record(
            idea,
            kind=IdeaTimelineEntry.Kind.EDIT,
            actor=user,
            message=gettext_noop("Personal data removed by a moderator."),
        )
        idea_event("edited", idea, actor=user, payload={"fields": changed})
        audit_log(actor=user, action="ideas.edited", target=idea, details={"fields": changed})
        return idea


def ideas_merge(*, user, duplicate: Idea, into: Idea) -> Idea:
    """Merge a duplicate into an open idea: its supporters and its author support that idea
    from now on (each person once, the author of `into` never); returns `into`."""
    with transaction.atomic():
        # Locked in id order, so two merges of the same pair cannot wait for each other.
        first, second = sorted([duplicate, into], key=lambda i: i.pk)
        locked = {first.pk: lock(first), second.pk: lock(second)}
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        require(user, "ideas.moderate_idea", duplicate, NOT_MODERATOR)
        require(user, "ideas.moderate_idea", into, NOT_MODERATOR)
        require_status(duplicate, "merge")
        if into.pk == duplicate.pk or into.status not in OPEN:
            raise ValidationError(
                {"into": [_("Merge into another published idea that is still open.")]}
            )
        carried = move_supports(
            IDEA_SUPPORTS,
            source=duplicate,
            target=into,
            also=[duplicate.author_id],
            skip=[into.author_id],
        )
        into.save(update_fields=["updated_at"])
        duplicate.merged_into = into
        move(
            duplicate,
            Status.MERGED,
            actor=user,
            event="merged",
            payload={"into": into.pk, "supports_carried": carried},
            message=gettext_noop("Merged into idea № %(number)s."),
            params={"number": into.pk},
            fields=("merged_into",),
        )
        record(
            into,
            kind=IdeaTimelineEntry.Kind.MERGE,
            actor=user,
            message=gettext_noop("Idea № %(number)s is merged into this one with its supports."),
            params={"number": duplicate.pk},
        )
        return into
