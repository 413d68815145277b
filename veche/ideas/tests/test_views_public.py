"""The public pages: the list (filters, search in word forms, sorts, 15 per page), the idea's page
(supports, timeline, progress with photos), the map's GeoJSON; each page reads with a constant
number of queries; authors shown as «Имя Ф.»."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veche.accounts.tests.factories import UserFactory
from veche.ideas import services
from veche.ideas.models import Idea, Status
from veche.ideas.tests.factories import (
    IdeaFactory,
    PublishedIdeaFactory,
    TakenIdeaFactory,
    comment_on,
)
from veche.media.tests.files import jpeg_with_gps
from veche.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def numbers(response) -> list[int]:
    assert response.status_code == 200
    return [int(n) for n in re.findall(r'href="/ideas/(\d+)/"', response.content.decode())]


def test_the_list_shows_published_ideas_newest_first(client, world):
    older = PublishedIdeaFactory(municipality=world.surgut)
    newer = PublishedIdeaFactory(municipality=world.urai)
    IdeaFactory(municipality=world.surgut)  # awaiting moderation
    assert numbers(client.get("/ideas/")) == [newer.pk, older.pk]


def test_filters_and_sorts(client, world):
    parks = CategoryFactory(name="Парки")
    quiet = PublishedIdeaFactory(municipality=world.surgut, category=parks, support_count=1)
    loud = PublishedIdeaFactory(municipality=world.surgut, category=parks, support_count=9)
    talked = PublishedIdeaFactory(municipality=world.surgut, category=parks)
    for writer in (world.neighbour, world.author):
        comment_on(talked, author=writer, moderator=world.moderator)
    comment_on(loud, author=world.neighbour)  # awaiting moderation: not counted
    urai = PublishedIdeaFactory(municipality=world.urai, support_count=50)
    assert numbers(client.get("/ideas/", {"category": parks.pk})) == [talked.pk, loud.pk, quiet.pk]
    assert numbers(client.get("/ideas/", {"order": "support"}))[:2] == [urai.pk, loud.pk]
    assert numbers(client.get("/ideas/", {"order": "discussed"}))[0] == talked.pk
    assert numbers(client.get("/ideas/", {"municipality": world.urai.pk})) == [urai.pk]
    taken = TakenIdeaFactory(municipality=world.surgut)
    assert numbers(client.get("/ideas/", {"status": "taken"})) == [taken.pk]


@pytest.mark.parametrize("query", ["парк", "парки", "парками", "ПАРКОВ"])
def test_search_finds_every_form_of_a_russian_word(client, world, query):
    one = PublishedIdeaFactory(title="Новый парк", text="Разбить парк у реки.")
    two = PublishedIdeaFactory(title="Скамейки", text="Поставить скамейки в парках.")
    PublishedIdeaFactory(title="Каток", text="Залить каток.")
    assert set(numbers(client.get("/ideas/", {"q": query}))) == {one.pk, two.pk}


def test_fifteen_per_page_with_numbered_pages(client, world):
    PublishedIdeaFactory.create_batch(16, municipality=world.surgut)
    page = client.get("/ideas/")
    assert len(numbers(page)) == 15
    assert 'href="?page=2"' in page.content.decode()
    assert len(numbers(client.get("/ideas/", {"page": 2}))) == 1


def test_the_list_reads_with_the_same_number_of_queries_for_3_or_30_ideas(client, world):
    def queries_for(count: int) -> int:
        Idea.objects.all().delete()
        for idea in PublishedIdeaFactory.create_batch(count, municipality=world.surgut):
            services.idea_support(user=world.neighbour, idea=idea)
            comment_on(idea, author=world.neighbour, moderator=world.moderator)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/ideas/")
        assert len(numbers(response)) == min(count, 15)
        return len(queries)

    assert queries_for(3) == queries_for(30)


def _busy_idea(world, updates: int) -> Idea:
    idea = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    for supporter in UserFactory.create_batch(updates):
        services.idea_support(user=supporter, idea=idea)
        comment_on(idea, author=supporter, moderator=world.moderator)
    services.idea_take(
        user=world.mayor_office,
        idea=idea,
        agency=world.parks,
        planned_date=timezone.localdate() + timedelta(days=30),
        answer="Сделаем.",
    )
    for number in range(updates):
        services.idea_add_progress(
            user=world.parks_official, idea=idea, text=f"Шаг {number}", photos=[jpeg_with_gps()]
        )
    return idea


@pytest.mark.parametrize("who", ["guest", "neighbour", "parks_official", "mayor_office"])
def test_the_idea_page_reads_with_the_same_number_of_queries(client, world, who):
    if who != "guest":
        client.force_login(getattr(world, who))

    def queries_for(updates: int) -> int:
        idea = _busy_idea(world, updates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/ideas/{idea.pk}/")
        assert response.status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(4)


def test_the_idea_page_shows_timeline_progress_and_author_as_name_and_initial(client, world):
    idea = _busy_idea(world, 2)
    page = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Анна П." in page and "Петрова" not in page and world.author.email not in page
    assert "Шаг 0" in page and "Шаг 1" in page
    assert "Взята в реализацию" in page or "взята в реализацию" in page
    assert "Комментарии" in page and page.count('class="comment ') >= 2


def test_an_unpublished_idea_is_not_found_for_others(client, world):
    idea = IdeaFactory(municipality=world.surgut, author=world.author)
    assert client.get(f"/ideas/{idea.pk}/").status_code == 404
    client.force_login(world.author)
    assert client.get(f"/ideas/{idea.pk}/").status_code == 200


def test_supporting_without_javascript_redirects_back(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    response = client.post(f"/ideas/{idea.pk}/support/")
    assert response.status_code == 302 and response["Location"] == f"/ideas/{idea.pk}/"
    idea.refresh_from_db()
    assert idea.support_count == 1
    client.post(f"/ideas/{idea.pk}/support/withdraw/")
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_the_geojson_has_ideas_with_a_point_only(client, world):
    placed = PublishedIdeaFactory(
        municipality=world.surgut, lat=world.surgut.centre_lat, lon=world.surgut.centre_lon
    )
    PublishedIdeaFactory(municipality=world.surgut)
    body = client.get("/ideas/map.geojson").json()
    assert [f["properties"]["id"] for f in body["features"]] == [placed.pk]
    assert body["features"][0]["properties"]["url"] == f"/ideas/{placed.pk}/"
    assert client.get("/ideas/map.geojson", {"bbox": "1,2"}).status_code == 400


def test_the_map_clusters_ideas_on_the_server_and_sends_them_zoomed_in(client, world):
    m = world.surgut
    for n in range(12):
        lat = m.min_lat + (m.max_lat - m.min_lat) * (n + 0.5) / 12
        lon = m.min_lon + (m.max_lon - m.min_lon) * ((n * 5) % 12 + 0.5) / 12
        made = TakenIdeaFactory if n < 4 else PublishedIdeaFactory
        made(municipality=m, lat=lat, lon=lon)
    box = f"{m.min_lon - 3},{m.min_lat - 3},{m.max_lon + 3},{m.max_lat + 3}"

    def drawn(**params):
        body = client.get("/ideas/map.geojson", {"bbox": box, **params}).json()
        clusters = [f for f in body["features"] if f["properties"].get("cluster")]
        total = sum(f["properties"].get("count", 1) for f in body["features"])
        return len(clusters), total

    clusters, total = drawn(zoom=5)
    assert clusters >= 1 and total == 12
    assert drawn(zoom=5, status=Status.TAKEN)[1] == 4
    assert drawn(zoom=17) == (0, 12)
    with CaptureQueriesContext(connection) as queries:
        client.get("/ideas/map.geojson", {"bbox": box, "zoom": 5})
    assert len(queries) <= 2
    assert client.get("/ideas/map.geojson", {"zoom": "x"}).status_code == 400


@pytest.mark.parametrize("path", ["/ideas/", "/ideas/map/", "/ideas/new/", "/ideas/mine/"])
def test_pages_open(client, world, path):
    client.force_login(world.author)
    assert client.get(path).status_code == 200


def test_the_staff_act_from_the_idea_page(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    client.force_login(world.moderator)
    page = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert f'action="/ideas/{idea.pk}/publish/"' in page
    assert f'action="/ideas/{idea.pk}/consider/"' not in page
    response = client.post(f"/ideas/{idea.pk}/publish/")
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Status.PUBLISHED


def test_a_refused_staff_form_comes_back_with_its_errors(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    client.force_login(world.mayor_office)
    response = client.post(f"/ideas/{idea.pk}/decline/", {"reason": ""})
    assert response.status_code == 400
    assert "Объясните, почему идея отклонена" in response.content.decode()


def test_the_urai_admin_gets_a_403_in_russian(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    client.force_login(world.urai_mayor_office)
    response = client.post(f"/ideas/{idea.pk}/consider/")
    assert response.status_code == 403
    assert "администрация её муниципалитета" in response.content.decode()
