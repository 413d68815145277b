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


@pytest.mark.django_db
def test_the_demo_resident_is_an_ambassador_once(settings):
    from veche.points.models import Grant, Referral

    settings.POINTS_AMBASSADOR_FROM = 5
    anna = UserFactory(email="resident@demo.veche")
    for n in range(7):
        UserFactory(email=f"resident{n}.demo@demo.veche")
    demo.seed()
    demo.seed()
    assert Referral.objects.filter(inviter=anna, confirmed_at__isnull=False).count() == 7
    assert Grant.objects.filter(user=anna, rule__action="referral").count() == 3
