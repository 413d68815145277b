"""Reports keep their own queue in the workspace; the staff moderation page shows its count, scoped
like the queue itself, and links to it (reports/moderation.py)."""

import pytest
from django.conf import settings

from veche.reports.moderation import queue_count
from veche.reports.tests.factories import ReportFactory, RoutedReportFactory

QUEUE = "/workspace/reports/moderation/"


@pytest.fixture
def waiting(world):
    ReportFactory(municipality=world.surgut)
    ReportFactory(municipality=world.surgut)
    ReportFactory(municipality=world.urai)
    RoutedReportFactory(municipality=world.surgut)  # routed: not waiting for a moderator


def external(client, user) -> list[tuple[str, int]]:
    client.force_login(user)
    response = client.get("/moderation/")
    assert response.status_code == 200
    return [(queue.href(), number) for queue, number in response.context["external"]]


@pytest.mark.parametrize(("who", "count"), [("moderator", 2), ("region_moderator", 3)])
def test_the_reports_queue_shows_its_count_and_link(client, world, waiting, who, count):
    assert external(client, getattr(world, who)) == [(QUEUE, count)]
    html = client.get("/moderation/").content.decode()
    assert f'<a href="{QUEUE}">Сообщения о проблемах</a> — на модерации: {count}' in html


def test_the_count_is_the_workspace_queue_s(client, world, waiting):
    client.force_login(world.urai_moderator)
    workspace = client.get(QUEUE).context["page"].paginator.count
    assert external(client, world.urai_moderator) == [(QUEUE, workspace)] == [(QUEUE, 1)]


@pytest.mark.parametrize("who", ["official", "operator", "author"])
def test_it_is_not_the_queue_of_who_cannot_moderate_reports(world, waiting, who):
    assert queue_count(getattr(world, who)) is None


def test_the_english_page_names_the_queue_in_english(client, world, waiting):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.moderator)
    html = client.get("/moderation/").content.decode()
    assert f'<a href="{QUEUE}">Problem reports</a> — awaiting moderation: 2' in html
