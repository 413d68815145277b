"""What ideas plug into: the home page, the cabinet, the staff dashboard and the staff's lists,
personal data export and deletion, subscription categories."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.ideas import services
from veche.ideas.models import Idea, Status
from veche.ideas.notices.recipients import category_key
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory, TakenIdeaFactory
from veche.notifications.categories import category_choices, category_label

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_latest_ideas_in_constant_queries(client, world):
    PublishedIdeaFactory(municipality=world.surgut, title="Первая идея")

    def queries() -> int:
        cache.clear()  # the reports' figures are cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    few = queries()
    PublishedIdeaFactory.create_batch(8, municipality=world.urai)
    assert queries() == few
    html = client.get("/").content.decode()
    assert "Идеи жителей" in html and "Предложить идею" in html


def test_the_cabinet_lists_my_ideas_whatever_their_state(client, world):
    IdeaFactory(municipality=world.surgut, author=world.author, title="Ещё на модерации")
    PublishedIdeaFactory(municipality=world.surgut, author=world.author, title="Уже видна")
    PublishedIdeaFactory(municipality=world.surgut, title="Чужая")
    client.force_login(world.author)
    html = client.get("/accounts/cabinet/").content.decode()
    assert "Мои идеи" in html and "Ещё на модерации" in html and "Уже видна" in html
    assert "Чужая" not in html


def test_the_staff_see_their_lists_on_the_dashboard_and_the_work_page(client, world):
    IdeaFactory(municipality=world.surgut, title="Ждёт модератора")
    IdeaFactory(municipality=world.urai, title="Уральская")
    PublishedIdeaFactory(municipality=world.surgut, title="Ждёт решения")
    TakenIdeaFactory(municipality=world.surgut, agency=world.parks, title="В работе у парков")
    client.force_login(world.moderator)
    assert "Ждут модерации:" in client.get("/staff/").content.decode()
    page = client.get("/ideas/work/").content.decode()
    assert "Ждёт модератора" in page and "Уральская" not in page
    client.force_login(world.mayor_office)
    assert "Ждёт решения" in client.get("/ideas/work/").content.decode()
    client.force_login(world.parks_official)
    assert "В работе у парков" in client.get("/ideas/work/").content.decode()
    client.force_login(world.neighbour)
    assert client.get("/ideas/work/").status_code == 403


def test_pending_for_a_moderator_is_his_territory_oldest_first(world):
    from veche.ideas.selectors import ideas_pending_for

    first = IdeaFactory(municipality=world.surgut)
    second = IdeaFactory(municipality=world.surgut)
    IdeaFactory(municipality=world.urai)
    PublishedIdeaFactory(municipality=world.surgut)
    assert list(ideas_pending_for(world.moderator)) == [first, second]
    assert ideas_pending_for(world.regional_admin).count() == 3
    assert not ideas_pending_for(world.neighbour).exists()


def test_export_and_deletion(world):
    kept = PublishedIdeaFactory(municipality=world.surgut, author=world.author, title="Сквер")
    pending = IdeaFactory(municipality=world.surgut, author=world.author, title="Каток")
    other = PublishedIdeaFactory(municipality=world.surgut)
    services.idea_support(user=world.author, idea=other)
    exported = json.loads(json.dumps(export_sections()["ideas"](world.author)))
    assert {i["title"] for i in exported["ideas"]} == {"Сквер", "Каток"}
    assert exported["supported_ideas"] == [other.pk]
    deletion_hooks()["ideas"](world.author)
    assert Idea.objects.filter(pk=kept.pk, status=Status.PUBLISHED).exists()
    assert not Idea.objects.filter(pk=pending.pk).exists()


def test_subscription_categories_are_registered(world):
    groups = dict(category_choices())
    assert (category_key(world.category.pk), "Благоустройство") in groups["Идеи"]
    assert category_label(category_key(world.category.pk)) == "Благоустройство"
