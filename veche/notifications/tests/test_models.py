"""Database constraints back the rules, whatever path the data takes."""

import pytest
from django.db import IntegrityError, transaction

from veche.accounts.tests.factories import UserFactory
from veche.notifications.models import SentNotice, Subscription
from veche.notifications.services import claim
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_a_subscription_needs_a_condition():
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=UserFactory())


@pytest.mark.parametrize(
    "area",
    [
        {"min_lat": 61.0},  # one edge only
        {"min_lat": 62.0, "min_lon": 73.0, "max_lat": 61.0, "max_lon": 74.0},  # south of north
        {"min_lat": 61.0, "min_lon": 75.0, "max_lat": 62.0, "max_lon": 74.0},  # east of west
        {"min_lat": -91.0, "min_lon": 73.0, "max_lat": 62.0, "max_lon": 74.0},
    ],
)
def test_a_map_area_must_be_a_real_rectangle(area):
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=UserFactory(), **area)


def test_the_same_subscription_is_stored_once_even_with_empty_fields():
    user, municipality = UserFactory(), MunicipalityFactory()
    Subscription.objects.create(user=user, municipality=municipality)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=user, municipality=municipality)
    Subscription.objects.create(user=UserFactory(), municipality=municipality)  # someone else


def test_a_notice_key_is_claimed_once():
    with transaction.atomic():
        assert claim("reminder:1:2025-01-01T00:00:00+00:00") is True
        assert claim("reminder:1:2025-01-01T00:00:00+00:00") is False
    with pytest.raises(IntegrityError), transaction.atomic():
        SentNotice.objects.create(key="reminder:1:2025-01-01T00:00:00+00:00")
