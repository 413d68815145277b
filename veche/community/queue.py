"""NGOs and activists waiting for a moderator in the shared queue (veche/moderation): approved
or rejected with `entry_review` (which checks the rule and writes the audit row and the event).
A moderator of any scope sees the whole region's registries."""

from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from veche.moderation.registry import ModerationItem, ModerationSource

from . import selectors, services
from .models import Activist, Organization, Review

QUEUE_LIMIT = 200
REASONS = [
    ("not_real", gettext_lazy("Not a real organization or person")),
    ("duplicate", gettext_lazy("Already in the registry")),
    ("offensive", gettext_lazy("Offensive or advertising content")),
    ("other", pgettext_lazy("rejection reason", "Other")),
]


def _may(user) -> bool:
    return user.has_perm("community.moderate_registry")


def _source(model, *, kind: str, label, order: int) -> ModerationSource:
    def pending(user) -> list[ModerationItem]:
        if not _may(user):
            return []
        return [
            ModerationItem(
                kind=kind,
                id=entry.pk,
                title=entry.name,
                excerpt=Truncator(
                    getattr(entry, "about", "") or getattr(entry, "description", "")
                ).chars(300),
                url=entry.get_absolute_url(),
                territory=entry.municipality.name,
                author=entry.get_direction_display(),
                created_at=entry.created_at,
            )
            for entry in selectors.pending(model, QUEUE_LIMIT)
        ]

    def count(user) -> int:
        return model.objects.filter(status=Review.PENDING).count() if _may(user) else 0

    def approve(user, item_id: int) -> str:
        entry = services.entry_review(
            moderator=user, entry=get_object_or_404(model, pk=item_id), approve=True
        )
        return _("«%(name)s» is in the registry.") % {"name": entry.name}

    def reject(user, item_id: int, reason_code: str, note: str) -> str:
        reason = dict(REASONS).get(reason_code, "")
        text = f"{reason}. {note}".strip(". ") if reason or note else ""
        entry = services.entry_review(
            moderator=user,
            entry=get_object_or_404(model, pk=item_id),
            approve=False,
            reason=str(text),
        )
        return _("«%(name)s» is rejected.") % {"name": entry.name}

    return ModerationSource(
        kind=kind,
        label=label,
        pending=pending,
        count=count,
        approve=approve,
        reject=reject,
        reasons=lambda: [(code, str(text)) for code, text in REASONS],
        order=order,
    )


def sources() -> list[ModerationSource]:
    return [
        _source(Organization, kind="community.organization", label=gettext_lazy("NGOs"), order=60),
        _source(Activist, kind="community.activist", label=gettext_lazy("activists"), order=61),
    ]
