"""The contest page and the reviewers' queue read with a constant number of queries: the same
for 5 applications as for 50 (bench/ measures them with seed 002's 1,162)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from veche.budgeting.models import Application
from veche.budgeting.tests.factories import ContestFactory, add_group, add_template
from veche.budgeting.views_applications import QUEUE_PER_PAGE

STATUSES = ["submitted", "revision", "admitted", "rejected", "draft"]


@pytest.fixture
def contest(world):
    made = ContestFactory(municipality=world.surgut)
    add_template(made)
    return made


def _applications(contest, world, count: int) -> None:
    from veche.budgeting.models import RejectionReason

    group = add_group(world.resident, world.surgut)
    reason = RejectionReason.objects.first()
    version = contest.template_versions.get()
    Application.objects.bulk_create(
        Application(
            contest=contest,
            version=version,
            kind="group",
            group=group,
            municipality=world.surgut,
            author=world.resident,
            title=f"Двор № {n}",
            status=STATUSES[n % len(STATUSES)],
            submitted_at=None if STATUSES[n % len(STATUSES)] == "draft" else timezone.now(),
            rejection_reason=reason if STATUSES[n % len(STATUSES)] == "rejected" else None,
        )
        for n in range(count)
    )


def _queries(client, url, django_assert_max_num_queries) -> int:
    client.get(url)  # per-process caches filled
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("who", ["anonymous", "organizer"])
def test_the_contest_page_costs_the_same_for_5_and_50_applications(
    world, contest, who, django_assert_max_num_queries, settings
):
    settings.GUEST_PAGE_CACHE_SECONDS = 0
    client = Client()
    if who == "organizer":
        client.force_login(world.surgut_admin)
    _applications(contest, world, 5)
    few = _queries(client, contest.get_absolute_url(), django_assert_max_num_queries)
    _applications(contest, world, 45)
    assert _queries(client, contest.get_absolute_url(), django_assert_max_num_queries) == few


@pytest.mark.parametrize("status", ["submitted", "rejected"])
def test_the_review_queue_costs_the_same_for_5_and_50_applications(
    world, contest, status, django_assert_max_num_queries
):
    client = Client()
    client.force_login(world.surgut_admin)
    url = reverse("budgeting:review", args=[contest.pk]) + f"?status={status}"
    _applications(contest, world, 5)
    few = _queries(client, url, django_assert_max_num_queries)
    _applications(contest, world, 45)
    assert _queries(client, url, django_assert_max_num_queries) == few


def test_the_queue_shows_one_status_a_page_at_a_time(world, contest):
    _applications(contest, world, 5 * (QUEUE_PER_PAGE + 5))
    client = Client()
    client.force_login(world.surgut_admin)
    url = reverse("budgeting:review", args=[contest.pk])
    first = client.get(url).content.decode()
    # The tabs count every status but drafts; the page lists the first 50 waiting.
    assert "?status=rejected" in first and ">55</span>" in first
    assert first.count('<th scope="row">') == QUEUE_PER_PAGE
    second = client.get(url + "?status=submitted&page=2").content.decode()
    assert second.count('<th scope="row">') == 5
    assert "Двор № 0<" not in client.get(url + "?status=revision").content.decode()
    # An unknown tab falls back to the waiting ones; no draft is ever listed.
    assert client.get(url + "?status=draft").content.decode().count('<th scope="row">') == 50
