"""News of a territory: a new poll, draft, contest… published in a municipality (or for the whole
region) reaches the residents subscribed to that municipality or to the whole region, with no
category or the item's own category key. Domain apps give the item and its words; the
subscriptions and the letter's shape are the same for all of them."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop

from veche.accounts.models import User

from .messages import Message, subject
from .models import Subscription
from .text import Spec, msg

NEWS_REASON = gettext_noop(
    "You receive this letter because you subscribed to news of your territory."
)


def territory_subscribers(
    *, municipality_id: int | None, category_key: str, besides: tuple[int | None, ...] = ()
) -> list[User]:
    """Active residents subscribed to news of the municipality (a region-wide item: of any) with
    no category or this one, except `besides` (the organizer who published it)."""
    where = Q()
    if municipality_id is not None:
        where = Q(municipality__isnull=True) | Q(municipality_id=municipality_id)
    ids = (
        Subscription.objects.filter(where, Q(category_key="") | Q(category_key=category_key))
        .values_list("user_id", flat=True)
        .distinct()
    )
    return list(_active(ids).exclude(pk__in=[pk for pk in besides if pk]).order_by("pk"))


def news_message(*, kind: str, title: Spec, item, municipality, link: str) -> Message:
    """The letter of a new item: its title, its territory, the link, why the reader gets it."""
    where = municipality.name if municipality else msg(gettext_noop("the whole region"))
    return Message(
        kind=kind,
        title=title,
        text=[msg(gettext_noop("Territory: %(where)s"), where=where)],
        link=link,
        reason=msg(NEWS_REASON),
        **subject(item),
    )


def _active(ids) -> QuerySet[User]:
    return User.objects.filter(pk__in=ids, is_active=True, deleted_at__isnull=True)
