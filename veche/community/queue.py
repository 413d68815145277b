"""NGOs, activists and NGOs' news waiting for a moderator in the shared queue
(veche/moderation): approved or rejected with `entry_review` or `news_review`, which check the
rule and write the audit row and the event. A moderator of any scope sees the whole region's
registries."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from veche.moderation.registry import ModerationItem, ModerationSource

from . import selectors, services
from .models import Activist, News, Organization, Review

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
        text = _refusal(REASONS, reason_code, note)
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


NEWS_REASONS = [
    ("offensive", gettext_lazy("Offensive or advertising content")),
    ("not_news", gettext_lazy("Not news of this NGO")),
    ("other", pgettext_lazy("rejection reason", "Other")),
]


def _news_source() -> ModerationSource:
    """Members' news of NGOs, published or rejected with `news_review`."""

    def pending(user) -> list[ModerationItem]:
        if not _may(user):
            return []
        return [
            ModerationItem(
                kind="community.news",
                id=news.pk,
                title=news.title,
                excerpt=Truncator(strip_tags(news.body)).chars(300),
                url=reverse("community:organization", args=[news.owner_id])
                if news.owner_kind == "organization"
                else "",
                territory="",
                author=news.author.public_name if news.author else "",
                created_at=news.published_at,
            )
            for news in selectors.pending_news(QUEUE_LIMIT)
        ]

    def count(user) -> int:
        return News.objects.filter(status=Review.PENDING).count() if _may(user) else 0

    def approve(user, item_id: int) -> str:
        news = services.news_review(
            moderator=user, news=get_object_or_404(News, pk=item_id), approve=True
        )
        return _("«%(name)s» is published.") % {"name": news.title}

    def reject(user, item_id: int, reason_code: str, note: str) -> str:
        text = _refusal(NEWS_REASONS, reason_code, note)
        news = services.news_review(
            moderator=user,
            news=get_object_or_404(News, pk=item_id),
            approve=False,
            reason=str(text),
        )
        return _("«%(name)s» is rejected.") % {"name": news.title}

    return ModerationSource(
        kind="community.news",
        label=gettext_lazy("NGO news"),
        pending=pending,
        count=count,
        approve=approve,
        reject=reject,
        reasons=lambda: [(code, str(text)) for code, text in NEWS_REASONS],
        order=62,
    )


def sources() -> list[ModerationSource]:
    return [
        _source(Organization, kind="community.organization", label=gettext_lazy("NGOs"), order=60),
        _source(Activist, kind="community.activist", label=gettext_lazy("activists"), order=61),
        _news_source(),
    ]


def _refusal(reasons, reason_code: str, note: str) -> str:
    """The listed reason and the moderator's note, as the author reads them."""
    reason = dict(reasons).get(reason_code, "")
    return f"{reason}. {note}".strip(". ") if reason or note else ""
