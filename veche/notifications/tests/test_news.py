"""News of a territory: who hears of a new item published in a municipality or for the region."""

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.notifications.news import news_message, territory_subscribers
from veche.notifications.text import render
from veche.territory.tests.factories import MunicipalityFactory

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_a_municipal_item_reaches_its_municipality_and_the_region_wide_subscribers():
    surgut, urai = MunicipalityFactory(name="Сургут"), MunicipalityFactory(name="Урай")
    of_surgut = SubscriptionFactory(municipality=surgut).user
    of_region = SubscriptionFactory(municipality=None, category_key="polls:new").user
    of_polls = SubscriptionFactory(municipality=surgut, category_key="polls:new").user
    SubscriptionFactory(municipality=urai)  # another municipality
    SubscriptionFactory(municipality=surgut, category_key="ideas:category:1")  # another topic
    organizer = SubscriptionFactory(municipality=surgut).user
    gone = SubscriptionFactory(municipality=surgut, user=UserFactory(is_active=False)).user
    found = territory_subscribers(
        municipality_id=surgut.pk, category_key="polls:new", besides=(organizer.pk,)
    )
    assert found == sorted([of_surgut, of_region, of_polls], key=lambda u: u.pk)
    assert gone not in found


def test_a_region_wide_item_reaches_every_municipality_s_subscribers():
    surgut, urai = MunicipalityFactory(), MunicipalityFactory()
    users = [
        SubscriptionFactory(municipality=m, category_key="polls:new").user
        for m in (surgut, urai, None)
    ]
    found = territory_subscribers(municipality_id=None, category_key="polls:new", besides=(None,))
    assert found == users


def test_the_letter_names_the_territory_and_why_it_came():
    surgut = MunicipalityFactory(name="Сургут")
    message = news_message(
        kind="polls.new_poll", title="Опрос", item=surgut, municipality=surgut, link="/polls/1/"
    )
    assert render(message.text[0]) == "Территория: Сургут"
    assert "подписаны на новости своей территории" in render(message.reason)
    regional = news_message(kind="k", title="t", item=None, municipality=None, link="/")
    assert render(regional.text[0]) == "Территория: весь регион"
