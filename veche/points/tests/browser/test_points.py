"""In chromium, without JavaScript: a resident who earned points (the consumer run over his
support's event) orders a reward and sees the balance; axe on the catalogue, the resident's
points page, the cabinet and the rewards desk."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from veche.points.models import Order

from ..factories import RewardFactory, UserFactory, desk_operator, give_points, happen, process

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.browser


def logged_in(new_page, live_server, user, **options):
    client = Client()
    client.force_login(user)
    page = new_page(**options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


@pytest.fixture(autouse=True)
def _default_rules(live_server):
    """The rules a migration loads: a live server's test before this one flushed them."""
    from veche.points.defaults import load_default_rules
    from veche.points.models import Rule

    load_default_rules(Rule)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_a_resident_earns_points_orders_a_reward_and_sees_the_balance(
    new_page, live_server, axe_check
):
    anna = UserFactory(first_name="Анна")
    RewardFactory(title="Значок «Активный житель Югры»", price=3, stock=2)
    for idea in range(4):
        happen("ideas.supported", ("ideas.idea", str(idea)), anna)
    process()
    page = logged_in(new_page, live_server, anna, javascript=False)
    page.goto(live_server.url + "/points/")
    expect(page.get_by_text("У вас 4 балла.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Заказать «Значок «Активный житель Югры»»").click()
    expect(page.get_by_text("Заказ №")).to_be_visible()
    expect(page.get_by_text("У вас 1 балл.")).to_be_visible()
    assert Order.objects.filter(user=anna, status="reserved").count() == 1
    axe_check(page)
    page.goto(live_server.url + reverse("accounts:cabinet"))
    expect(page.get_by_text("Заработано: Поддержка идеи").first).to_be_visible()
    axe_check(page)


def test_the_rewards_desk_has_no_axe_violations(new_page, live_server, axe_check):
    anna = UserFactory()
    give_points(anna, 100)
    from veche.points.services import order_place

    order_place(user=anna, reward=RewardFactory(price=50))
    page = logged_in(new_page, live_server, desk_operator())
    page.goto(live_server.url + "/points/desk/")
    expect(page.get_by_role("button", name="Выдать № ")).to_be_visible()
    axe_check(page)


def test_the_referral_link_and_the_ambassadors_are_axe_clean(
    new_page, live_server, axe_check, settings
):
    from django.utils import timezone

    from veche.points.models import Referral

    settings.POINTS_AMBASSADOR_FROM = 1
    anna = UserFactory(first_name="Анна", last_name="Петрова")
    Referral.objects.create(inviter=anna, invited=UserFactory(), confirmed_at=timezone.now())
    page = logged_in(new_page, live_server, anna, javascript=False)
    page.goto(live_server.url + "/points/invite/")
    expect(page.get_by_label("Ваша ссылка")).to_have_value(re_link(live_server))
    axe_check(page)
    page.get_by_role("link", name="Амбассадоры").click()
    expect(page.get_by_role("cell", name="Анна П.")).to_be_visible()
    axe_check(page)


def re_link(live_server):
    import re

    return re.compile(re.escape(live_server.url) + r"/points/invite/[\w-]+/")
