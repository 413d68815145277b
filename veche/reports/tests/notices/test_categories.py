"""Reports register their categories for subscriptions: the form offers the active ones, and a
subscription keeps its category's name even after the category is closed."""

import pytest
from django.urls import reverse
from django.utils import translation

from veche.accounts.tests.factories import UserFactory
from veche.notifications.categories import category_choices, category_label
from veche.notifications.models import Subscription
from veche.reports.notices.recipients import category_key
from veche.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_active_report_categories_under_the_apps_name():
    roads = CategoryFactory(name="Дороги")
    closed = CategoryFactory(name="Архив", is_active=False)
    with translation.override("en"):
        options = dict(dict(category_choices())["Problem reports"])
    assert options.get(category_key(roads.pk)) == "Дороги"
    assert category_key(closed.pk) not in options


def test_a_closed_category_keeps_its_name_and_a_vanished_one_shows_its_key():
    closed = CategoryFactory(name="Архив", is_active=False)
    assert category_label(category_key(closed.pk)) == "Архив"
    assert category_label("reports:999999") == "reports:999999"
    assert category_label("polls:1") == "polls:1"  # no app registered "polls"


def test_a_resident_subscribes_to_a_report_category(client):
    roads = CategoryFactory(name="Дороги")
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("notifications:subscriptions"),
        {"category_key": category_key(roads.pk)},
        follow=True,
    )
    assert "Подписка оформлена." in response.text and "Дороги" in response.text
    assert Subscription.objects.get(user=user).category_key == f"reports:{roads.pk}"
