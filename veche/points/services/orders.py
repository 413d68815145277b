"""Ordering a reward: the points move into the reserve and one item of stock is set aside, in one
transaction under the reward's row lock (so the last item goes to one order however many come at
once) and the accounts' locks (so the balance covers it). The rewards desk then hands it over
(the reserve goes to spending) or cancels it (points and stock come back); both are audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veche.core.text import clean_text
from veche.events.services import record_event
from veche.ledger.services import InsufficientFunds, post
from veche.staff.services import audit_log

from ..models import Order, OrderStatus, Reward
from ._common import person_account, require, reserve_account, spending_account


def order_place(*, user, reward: Reward) -> Order:
    require(
        user,
        "points.order_reward",
        reward,
        _("Only residents with a confirmed e-mail order rewards."),
    )
    with transaction.atomic():
        reward = Reward.objects.select_for_update().get(pk=reward.pk)
        if not reward.active:
            raise ValidationError(_("This reward is no longer offered."), code="inactive")
        if reward.stock < 1:
            raise ValidationError(_("This reward is out of stock."), code="stock")
        order = Order(user=user, reward=reward, price=reward.price)
        order.full_clean()
        order.save()
        try:
            post(
                key=f"points.order:{order.pk}",
                kind="points.order",
                memo=reward.title,
                legs=[(person_account(user), -reward.price), (reserve_account(), reward.price)],
            )
        except InsufficientFunds:
            raise ValidationError(
                _("You do not have enough points for this reward."), code="insufficient"
            ) from None
        Reward.objects.filter(pk=reward.pk).update(stock=F("stock") - 1)
        record_event(
            kind="points.order_placed",
            subject=order,
            actor=user,
            payload={"reward": reward.pk, "price": reward.price},
        )
        return order


def order_fulfil(*, actor, order: Order) -> Order:
    """The desk hands the reward over: the reserved points are spent."""
    with transaction.atomic():
        order = _locked(order)
        require(actor, "points.decide_order", order, _("Only the rewards desk decides orders."))
        post(
            key=f"points.fulfil:{order.pk}",
            kind="points.fulfil",
            memo=order.reward.title,
            legs=[(reserve_account(), -order.price), (spending_account(), order.price)],
        )
        _close(order, actor=actor, status=OrderStatus.FULFILLED, note="")
        audit_log(
            actor=actor, action="points.order_fulfil", target=order, details={"price": order.price}
        )
        return order


def order_cancel(*, actor, order: Order, note: str = "") -> Order:
    """The desk cancels: the points come back to the person and the item to the stock."""
    note = clean_text(note or "").strip()
    with transaction.atomic():
        order = _locked(order)
        require(actor, "points.decide_order", order, _("Only the rewards desk decides orders."))
        Reward.objects.select_for_update().filter(pk=order.reward_id).update(stock=F("stock") + 1)
        post(
            key=f"points.refund:{order.pk}",
            kind="points.refund",
            memo=order.reward.title,
            legs=[(reserve_account(), -order.price), (person_account(order.user), order.price)],
        )
        _close(order, actor=actor, status=OrderStatus.CANCELLED, note=note)
        audit_log(
            actor=actor, action="points.order_cancel", target=order, details={"note": note[:200]}
        )
        return order


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().select_related("reward", "user").get(pk=order.pk)


def _close(order: Order, *, actor, status: str, note: str) -> None:
    """Expects the order locked by `_locked`."""
    order.status = status
    order.decided_at = timezone.now()
    order.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    order.note = note
    order.full_clean()
    order.save(update_fields=["status", "decided_at", "decided_by", "note"])
    record_event(
        kind=f"points.order_{status}", subject=order, actor=actor, payload={"status": status}
    )


def orders_cancel_for_deleted_account(user) -> int:
    """An account being deleted: its orders still waiting are cancelled by the system (points
    back on his account, which stays with its entries; items back in stock). Returns how many."""
    cancelled = 0
    with transaction.atomic():
        for order in Order.objects.filter(user=user, status=OrderStatus.RESERVED):
            order = _locked(order)
            Reward.objects.select_for_update().filter(pk=order.reward_id).update(
                stock=F("stock") + 1
            )
            post(
                key=f"points.refund:{order.pk}",
                kind="points.refund",
                memo=order.reward.title,
                legs=[(reserve_account(), -order.price), (person_account(user), order.price)],
            )
            _close(order, actor=None, status=OrderStatus.CANCELLED, note="")
            cancelled += 1
    return cancelled
