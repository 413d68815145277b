"""Ordering reserves points and stock; the rewards desk hands over or cancels (refunds), audited;
a refusal writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from veche.accounts.tests.factories import UnconfirmedUserFactory
from veche.events.models import Event
from veche.ledger.models import Transaction
from veche.points.models import Order, Reward
from veche.points.services import order_cancel, order_fulfil, order_place
from veche.points.services._common import reserve_account, spending_account
from veche.staff.models import Role, StaffAuditLog
from veche.staff.tests.factories import RegionWideRoleFactory

from .factories import RewardFactory, UserFactory, balance, desk_operator, give_points

pytestmark = pytest.mark.django_db


def snapshot(user, reward):
    reward.refresh_from_db()
    return balance(user), reward.stock, Order.objects.count(), Transaction.objects.count()


def test_an_order_reserves_the_points_and_one_item():
    anna, mug = UserFactory(), RewardFactory(price=50, stock=2)
    give_points(anna, 80)
    order = order_place(user=anna, reward=mug)
    mug.refresh_from_db()
    assert (balance(anna), mug.stock, reserve_account().balance) == (30, 1, 50)
    assert order.status == "reserved" and order.price == 50
    assert Event.objects.filter(kind="points.order_placed").count() == 1


@pytest.mark.parametrize("case", ["poor", "out-of-stock", "withdrawn", "unconfirmed"])
def test_a_refused_order_writes_nothing(case):
    anna = UnconfirmedUserFactory() if case == "unconfirmed" else UserFactory()
    mug = RewardFactory(price=50, stock=0 if case == "out-of-stock" else 3)
    mug.active = case != "withdrawn"
    mug.save()
    give_points(anna, 10 if case == "poor" else 100)
    before = snapshot(anna, mug)
    with pytest.raises((ValidationError, PermissionDenied)):
        order_place(user=anna, reward=mug)
    assert snapshot(anna, mug) == before


def test_the_desk_hands_an_order_over_and_the_points_are_spent():
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 50)
    order = order_place(user=anna, reward=mug)
    operator = desk_operator()
    order_fulfil(actor=operator, order=order)
    order.refresh_from_db()
    assert order.status == "fulfilled" and order.decided_by == operator
    assert (balance(anna), reserve_account().balance, spending_account().balance) == (0, 0, 50)
    assert StaffAuditLog.objects.filter(action="points.order_fulfil", actor=operator).count() == 1


def test_the_desk_cancels_and_points_and_stock_come_back():
    anna, mug = UserFactory(), RewardFactory(price=50, stock=1)
    give_points(anna, 50)
    order = order_place(user=anna, reward=mug)
    order_cancel(actor=desk_operator(), order=order, note="Нет в пункте выдачи")
    mug.refresh_from_db()
    assert (balance(anna), mug.stock, reserve_account().balance) == (50, 1, 0)
    assert StaffAuditLog.objects.filter(action="points.order_cancel").count() == 1


def test_a_decided_order_is_not_decided_again():
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 50)
    order = order_place(user=anna, reward=mug)
    operator = desk_operator()
    order_fulfil(actor=operator, order=order)
    with pytest.raises(PermissionDenied):
        order_cancel(actor=operator, order=order)
    assert balance(anna) == 0


@pytest.mark.parametrize("who", ["resident", "operator-not-on-desk", "desk-without-role"])
def test_only_the_desk_decides(who):
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 50)
    order = order_place(user=anna, reward=mug)
    if who == "resident":
        actor = anna
    elif who == "operator-not-on-desk":
        actor = RegionWideRoleFactory(role=Role.OPERATOR).user
    else:
        actor = desk_operator()
        actor.role_assignments.all().delete()
        actor = type(actor).objects.get(pk=actor.pk)
    with pytest.raises(PermissionDenied):
        order_fulfil(actor=actor, order=order)
    order.refresh_from_db()
    assert order.status == "reserved"


def test_the_stock_never_goes_below_zero_in_the_database():
    from django.db import IntegrityError, transaction

    mug = RewardFactory(stock=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reward.objects.filter(pk=mug.pk).update(stock=-1)
