"""Ideas in the shared moderation queue (veche/moderation, `/moderation/?kind=ideas.idea`): the
ideas awaiting moderation that this moderator may publish (selectors.ideas_pending_for, scoped by
territory), approved with `idea_publish`, rejected with `idea_reject` and one of the listed
`IdeaRejectionReason`s. The services check the rule and write the event and the staff audit row.
The idea's own page keeps its staff forms (editing out personal data, merging) for the same
services."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.moderation.registry import ModerationItem, ModerationSource

from . import selectors, services
from .discussion import KIND
from .models import Idea, IdeaPhoto, IdeaRejectionReason

# The page pages through what a source returns; more than this waits for the next visit.
QUEUE_LIMIT = 500
EXCERPT = 300


def _photo_url(photo: IdeaPhoto | None) -> str:
    if photo is None:
        return ""
    return (photo.thumbnail or photo.file).url


def pending(user) -> list[ModerationItem]:
    """Three queries: the ideas with their authors and municipalities, their own photos."""
    return [
        ModerationItem(
            kind=KIND,
            id=idea.pk,
            title=idea.title,
            excerpt=Truncator(idea.text).chars(EXCERPT),
            url=reverse("ideas:detail", args=[idea.pk]),
            territory=idea.municipality.name,
            author=idea.author.public_name,
            created_at=idea.created_at,
            photo_url=_photo_url(idea.own_photos[0] if idea.own_photos else None),
        )
        for idea in selectors.ideas_pending_for(user)[:QUEUE_LIMIT]
    ]


def count(user) -> int:
    return selectors.ideas_pending_for(user).count()


def approve(user, item_id: int) -> str:
    idea = services.idea_publish(user=user, idea=get_object_or_404(Idea, pk=item_id))
    return _("Idea № %(number)s is published.") % {"number": idea.pk}


def reject(user, item_id: int, reason_code: str, note: str) -> str:
    idea = get_object_or_404(Idea, pk=item_id)
    reason = _reasons().filter(code=reason_code).first()  # None: the service asks for one
    idea = services.idea_reject(user=user, idea=idea, reason=reason, note=note)
    return _("Idea № %(number)s is rejected.") % {"number": idea.pk}


def _reasons():
    return IdeaRejectionReason.objects.filter(is_active=True)


def reasons() -> list[tuple[str, str]]:
    return [(reason.code, reason.text) for reason in _reasons()]


def source() -> ModerationSource:
    return ModerationSource(
        kind=KIND,
        label=gettext_lazy("ideas"),
        pending=pending,
        count=count,
        approve=approve,
        reject=reject,
        reasons=reasons,
        order=10,
    )
