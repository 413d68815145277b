"""Who hears of a published poll (subscribers of its territory, or of any for a region-wide
poll) — told once, the organizer never."""

import pytest

from veche.notifications.models import Notification
from veche.notifications.tests.factories import SubscriptionFactory
from veche.polls import services
from veche.polls.notices import NEW_POLLS
from veche.polls.tests.factories import DraftPollFactory, add_question

pytestmark = pytest.mark.django_db


def _told(kind="polls.new_poll") -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def test_subscribers_of_the_territory_hear_of_a_new_poll(world):
    SubscriptionFactory(user=world.surgut_resident, municipality=world.surgut)
    SubscriptionFactory(user=world.urai_resident, municipality=world.urai)
    SubscriptionFactory(user=world.verified, municipality=None, category_key=NEW_POLLS)
    SubscriptionFactory(user=world.mayor_office, municipality=world.surgut)
    SubscriptionFactory(user=world.unconfirmed, municipality=world.surgut, category_key="ideas:1")
    poll = DraftPollFactory(municipality=world.surgut, organizer=world.mayor_office)
    add_question(poll)
    services.poll_publish(user=world.mayor_office, poll=poll)
    assert _told() == {world.surgut_resident.pk, world.verified.pk}


def test_a_region_wide_poll_reaches_every_territorys_subscribers(world):
    SubscriptionFactory(user=world.surgut_resident, municipality=world.surgut)
    SubscriptionFactory(user=world.urai_resident, municipality=world.urai)
    poll = DraftPollFactory(municipality=None, organizer=world.regional_admin)
    add_question(poll)
    services.poll_publish(user=world.regional_admin, poll=poll)
    assert _told() == {world.surgut_resident.pk, world.urai_resident.pk}
