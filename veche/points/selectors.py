"""Reads of points and rewards: the catalogue, a resident's balance, history and orders, and the
rewards desk's queue. Each costs a constant number of queries."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from veche.ledger.models import Currency, Kind
from veche.ledger.selectors import account_of, history

from .models import Order, OrderStatus, Referral, Reward, Rule

# What a history line says for each kind of ledger transaction the points app posts.
TRANSACTION_LABELS = {
    "points.grant": "grant",
    "points.revoke": "revoke",
    "points.order": "order",
    "points.refund": "refund",
}


def catalogue() -> QuerySet[Reward]:
    return Reward.objects.filter(active=True).order_by("price", "title")


def active_rules() -> QuerySet[Rule]:
    return Rule.objects.filter(active=True).order_by("-points", "label")


def balance(user) -> int:
    account = _account(user)
    return account.balance if account else 0


def _account(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return account_of(currency=Currency.POINTS, kind=Kind.PERSONAL, owner=user)


@dataclass(frozen=True)
class Line:
    at: datetime
    amount: int
    balance_after: int
    kind: str  # grant, revoke, order, refund or other
    what: str  # the rule's label or the reward's title


def points_history(user, *, limit: int = 30) -> list[Line]:
    """The resident's latest movements, newest first (two queries)."""
    entries = list(history(_account(user))[:limit])
    labels = dict(Rule.objects.values_list("action", "label"))
    return [
        Line(
            at=entry.transaction.created_at,
            amount=entry.amount,
            balance_after=entry.balance_after,
            kind=TRANSACTION_LABELS.get(entry.transaction.kind, "other"),
            what=labels.get(entry.transaction.memo, entry.transaction.memo),
        )
        for entry in entries
    ]


def my_orders(user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).select_related("reward").order_by("-created_at")


def desk_queue() -> QuerySet[Order]:
    """Orders waiting for the rewards desk, oldest first."""
    return (
        Order.objects.filter(status=OrderStatus.RESERVED)
        .select_related("reward", "user")
        .order_by("created_at")
    )


@dataclass(frozen=True)
class Referrals:
    registered: int  # registrations the link brought
    confirmed: int  # of them, with the e-mail confirmed (these count)


def my_referrals(user) -> Referrals:
    """What the resident's link brought (one query)."""
    counts = Referral.objects.filter(inviter=user).aggregate(
        registered=Count("pk"), confirmed=Count("pk", filter=Q(confirmed_at__isnull=False))
    )
    return Referrals(registered=counts["registered"], confirmed=counts["confirmed"])


def ambassadors(*, least: int):
    """Active residents whose links brought at least `least` confirmed registrations, the most
    first (one query)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            confirmed=Count(
                "points_referrals", filter=Q(points_referrals__confirmed_at__isnull=False)
            )
        )
        .filter(confirmed__gte=least)
        .order_by("-confirmed", "pk")
    )
