"""The catalogue, a resident's points, ordering without JavaScript, the rewards desk, the cabinet
section, the API and the personal-data hooks."""

import json

import pytest
from django.urls import reverse

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.points.models import Order
from veche.points.services import order_place

from .factories import (
    RewardFactory,
    UserFactory,
    balance,
    desk_operator,
    give_points,
    happen,
    process,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_the_catalogue_shows_rewards_rules_and_the_balance(client):
    anna = UserFactory()
    give_points(anna, 70)
    RewardFactory(title="Кружка «Живём на Севере»", price=50)
    client.force_login(anna)
    page = client.get(reverse("points:catalogue")).content.decode()
    assert "Кружка «Живём на Севере»" in page
    assert "<strong>70</strong>" in page
    assert "Поддержка идеи" in page


def test_a_guest_sees_the_catalogue_without_order_buttons(client):
    reward = RewardFactory()
    page = client.get(reverse("points:catalogue")).content.decode()
    assert reward.title in page
    assert reverse("points:order", args=[reward.pk]) not in page


def test_ordering_by_a_plain_form_reserves_and_shows_the_order(client):
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 60)
    client.force_login(anna)
    response = client.post(reverse("points:order", args=[mug.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("points:mine")
    page = response.content.decode()
    assert "Заказ №" in page and mug.title in page
    assert balance(anna) == 10


def test_an_order_without_enough_points_says_so_and_changes_nothing(client):
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 10)
    client.force_login(anna)
    response = client.post(reverse("points:order", args=[mug.pk]), follow=True)
    assert "не хватает баллов" in response.content.decode()
    assert not Order.objects.exists()


def test_ordering_is_rate_limited(client, settings):
    settings.RATE_LIMIT_POINTS_ORDER = "2/3600"
    anna, mug = UserFactory(), RewardFactory(price=1, stock=10)
    give_points(anna, 10)
    client.force_login(anna)
    for _ in range(3):
        response = client.post(reverse("points:order", args=[mug.pk]), follow=True)
    assert "Слишком много заказов" in response.content.decode()
    assert Order.objects.count() == 2


def test_the_desk_page_is_for_the_desk_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("points:desk")).status_code == 403


def test_the_desk_hands_over_by_a_plain_form(client):
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 50)
    order = order_place(user=anna, reward=mug)
    client.force_login(desk_operator())
    assert mug.title in client.get(reverse("points:desk")).content.decode()
    client.post(reverse("points:fulfil", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == "fulfilled"


def test_the_desk_cancels_with_a_reason(client):
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 50)
    order = order_place(user=anna, reward=mug)
    client.force_login(desk_operator())
    client.post(reverse("points:cancel", args=[order.pk]), {"note": "Нет размера"})
    order.refresh_from_db()
    assert (order.status, order.note, balance(anna)) == ("cancelled", "Нет размера", 50)


def test_the_cabinet_shows_the_balance_and_history(client):
    anna = UserFactory()
    happen("ideas.supported", ("ideas.idea", "1"), anna)
    process()
    client.force_login(anna)
    page = client.get(reverse("accounts:cabinet")).content.decode()
    assert "Заработано: Поддержка идеи" in page
    assert "<strong>1</strong>" in page


def test_the_api_gives_balance_history_catalogue_and_orders(client):
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 80)
    assert client.get("/api/v1/points/rewards").json()[0]["title"] == mug.title
    assert client.get("/api/v1/points/balance").status_code == 401
    client.force_login(anna)
    placed = client.post(
        "/api/v1/points/orders", json.dumps({"reward": mug.pk}), content_type="application/json"
    )
    assert placed.status_code == 201 and placed.json()["status"] == "reserved"
    assert client.get("/api/v1/points/balance").json() == {"balance": 30}
    assert [line["kind"] for line in client.get("/api/v1/points/history").json()] == [
        "order",
        "other",
    ]
    assert client.get("/api/v1/points/orders").json()[0]["reward"] == mug.title
    refused = client.post(
        "/api/v1/points/orders", json.dumps({"reward": mug.pk}), content_type="application/json"
    )
    assert refused.status_code == 422


def test_the_export_lists_history_and_orders():
    anna, mug = UserFactory(), RewardFactory(price=50)
    give_points(anna, 50)
    order_place(user=anna, reward=mug)
    section = export_sections()["points"](anna)
    assert section["balance"] == 0
    assert section["orders"][0]["reward"] == mug.title
    assert len(section["history"]) == 2


def test_deletion_keeps_the_entries_and_returns_waiting_orders():
    from veche.ledger.models import Entry

    anna, mug = UserFactory(), RewardFactory(price=50, stock=1)
    give_points(anna, 50)
    order = order_place(user=anna, reward=mug)
    entries = Entry.objects.count()
    deletion_hooks()["points"](anna)
    order.refresh_from_db()
    mug.refresh_from_db()
    assert (order.status, mug.stock, balance(anna)) == ("cancelled", 1, 50)
    assert Entry.objects.count() == entries + 2  # the refund; nothing deleted
