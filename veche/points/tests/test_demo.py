"""The demo turns the other demos' events into points, fills the catalogue and places orders
once; run twice, it adds nothing."""

import pytest

from veche.events.services import record_event
from veche.points import demo
from veche.points.models import Order, Reward

from .factories import UserFactory, balance, give_points


@pytest.mark.django_db
def test_the_demo_is_idempotent_and_earns_from_events():
    from django.db import transaction

    residents = [UserFactory() for _ in range(3)]
    with transaction.atomic():
        for n, resident in enumerate(residents):
            for poll in range(5):
                record_event(
                    kind="polls.ballot_cast", subject=("polls.poll", f"{n}{poll}"), actor=resident
                )
    give_points(residents[0], 100)  # more than a day's caps allow
    demo.seed()
    assert Reward.objects.count() == len(demo.REWARDS)
    assert all(balance(r) > 0 for r in residents)
    orders = Order.objects.count()
    assert orders >= 1
    demo.seed()
    assert Order.objects.count() == orders
    assert Reward.objects.count() == len(demo.REWARDS)
