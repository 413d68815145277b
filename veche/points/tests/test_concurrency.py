"""Orders at the same moment: the reward's row lock gives the last item to one of twenty, and the
account's lock lets one balance pay for only as many orders as it covers. Run on PostgreSQL too."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from veche.points.models import Order, Reward
from veche.points.services import order_place
from veche.points.services._common import reserve_account

from .factories import RewardFactory, UserFactory, balance, give_points


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    done, refused, errors = [], [], []

    def run(n):
        try:
            barrier.wait()
            done.append(work(n))
        except ValidationError as refusal:
            refused.append(refusal)
        except Exception as error:  # noqa: BLE001 - surfaced by the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, refused, errors


@pytest.mark.django_db(transaction=True)
def test_twenty_orders_for_the_last_item_one_succeeds():
    residents = [UserFactory() for _ in range(20)]
    for resident in residents:
        give_points(resident, 100)
    ticket = RewardFactory(price=60, stock=1)
    reserve_account()

    def order(n):
        user = type(residents[n]).objects.get(pk=residents[n].pk)
        return order_place(user=user, reward=ticket)

    done, refused, errors = run_at_once(20, order)
    assert errors == []
    assert (len(done), len(refused)) == (1, 19)
    assert Reward.objects.get(pk=ticket.pk).stock == 0
    assert Order.objects.count() == 1
    assert sorted(balance(r) for r in residents) == [40] + [100] * 19


@pytest.mark.django_db(transaction=True)
def test_one_balance_pays_for_only_the_orders_it_covers():
    anna = UserFactory()
    give_points(anna, 100)
    mug = RewardFactory(price=10, stock=50)
    reserve_account()

    def order(n):
        return order_place(user=type(anna).objects.get(pk=anna.pk), reward=mug)

    done, refused, errors = run_at_once(20, order)
    assert errors == []
    assert (len(done), len(refused)) == (10, 10)
    assert balance(anna) == 0
    assert Reward.objects.get(pk=mug.pk).stock == 40
