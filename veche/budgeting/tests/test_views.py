"""The pages: the list groups contests by time and hides others' drafts; the builder works with
plain form posts (no JavaScript); refusals come back with the form's errors and save nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from veche.budgeting import stages
from veche.budgeting.models import Contest, ContestStage
from veche.budgeting.tests.factories import ContestFactory, DraftContestFactory, add_stages

LIST = reverse("budgeting:list")


def test_the_list_groups_open_upcoming_and_past(client, world):
    ContestFactory(municipality=world.surgut, title="Открытый")
    upcoming = ContestFactory(municipality=world.surgut, title="Будущий", stage="")
    add_stages(upcoming, (stages.APPLICATIONS,), start=timezone.now() + timedelta(days=3))
    past = ContestFactory(municipality=world.urai, title="Прошедший", stage="")
    add_stages(past, (stages.APPLICATIONS,), start=timezone.now() - timedelta(days=40))
    groups = client.get(LIST).context["groups"]
    assert [c.title for c in groups.open] == ["Открытый"]
    assert [c.title for c in groups.upcoming] == ["Будущий"]
    assert [c.title for c in groups.past] == ["Прошедший"]


def test_an_organizer_of_surgut_never_sees_urais_drafts(client, world):
    mine = DraftContestFactory(municipality=world.surgut, title="Черновик Сургута")
    theirs = DraftContestFactory(municipality=world.urai, title="Черновик Урая")
    client.force_login(world.surgut_admin)
    page = client.get(LIST).content.decode()
    assert "Черновик Сургута" in page and "Черновик Урая" not in page
    assert client.get(reverse("budgeting:contest", args=[mine.pk])).status_code == 200
    assert client.get(reverse("budgeting:contest", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("budgeting:stages", args=[theirs.pk])).status_code == 404
    assert client.get(f"/api/v1/budgeting/contests/{theirs.pk}").status_code == 404


def test_the_list_costs_the_same_for_one_and_ten_contests(
    client, world, django_assert_max_num_queries
):
    ContestFactory(municipality=world.surgut)
    client.force_login(world.surgut_admin)
    with django_assert_max_num_queries(12) as one:
        client.get(LIST)
    for _ in range(9):
        DraftContestFactory(municipality=world.surgut)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(LIST)


def test_the_contest_page_shows_stages_and_the_current_one(client, world):
    contest = ContestFactory(municipality=world.surgut)
    page = client.get(reverse("budgeting:contest", args=[contest.pk]))
    assert page.status_code == 200
    steps = page.context["steps"]
    assert [s.state for s in steps] == ["current", "upcoming", "upcoming", "upcoming"]


def _terms_post(**changes):
    data = {
        "title": "Твой бюджет — Сургут",
        "rules": "<p>Дворы</p>",
        "budget": "12000000",
        "min_share_residents": "5",
        "accepts_groups": "on",
    }
    return {**data, **changes}


def test_a_contest_is_built_and_published_with_plain_posts(client, world):
    client.force_login(world.surgut_admin)
    response = client.post(reverse("budgeting:new"), _terms_post(municipality=world.surgut.pk))
    contest = Contest.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "budgeting:stages", args=[contest.pk]
    )
    start = timezone.localtime() + timedelta(days=2)
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "stage-applications-use": "on",
        "stage-applications-order": "1",
        "stage-applications-start": start.strftime(fmt),
        "stage-applications-end": (start + timedelta(days=20)).strftime(fmt),
        "stage-public_voting-use": "on",
        "stage-public_voting-order": "2",
        "stage-public_voting-start": (start + timedelta(days=30)).strftime(fmt),
        "stage-public_voting-end": (start + timedelta(days=40)).strftime(fmt),
    }
    assert client.post(reverse("budgeting:stages", args=[contest.pk]), data).status_code == 302
    assert [s.kind for s in contest.ordered_stages()] == [stages.APPLICATIONS, stages.PUBLIC_VOTING]
    field = {"kind": "text", "label": "Название проекта", "required": "on"}
    assert client.post(reverse("budgeting:template", args=[contest.pk]), field).status_code == 302
    client.post(reverse("budgeting:publish", args=[contest.pk]))
    contest.refresh_from_db()
    assert contest.is_published


def test_overlapping_stages_come_back_with_the_error_on_the_field(client, world):
    contest = DraftContestFactory(municipality=world.surgut, stage="")
    client.force_login(world.surgut_admin)
    start = timezone.localtime() + timedelta(days=2)
    fmt = "%Y-%m-%dT%H:%M"
    data = {
        "stage-applications-use": "on",
        "stage-applications-order": "1",
        "stage-applications-start": start.strftime(fmt),
        "stage-applications-end": (start + timedelta(days=20)).strftime(fmt),
        "stage-technical_review-use": "on",
        "stage-technical_review-order": "2",
        "stage-technical_review-start": (start + timedelta(days=10)).strftime(fmt),
        "stage-technical_review-end": (start + timedelta(days=40)).strftime(fmt),
    }
    response = client.post(reverse("budgeting:stages", args=[contest.pk]), data)
    assert response.status_code == 400
    assert "stage-technical_review-start" in response.context["form"].errors
    assert not ContestStage.objects.exists()


def test_a_municipal_admin_is_offered_only_his_municipality(client, world):
    client.force_login(world.surgut_admin)
    response = client.post(reverse("budgeting:new"), _terms_post(municipality=world.urai.pk))
    assert response.status_code == 400
    assert "municipality" in response.context["form"].errors
    assert not Contest.objects.exists()


def test_a_bad_budget_is_named_in_the_users_language(client, world):
    client.force_login(world.regional_admin)
    response = client.post(reverse("budgeting:new"), _terms_post(budget="0"))
    assert response.status_code == 400
    assert "budget" in response.context["form"].errors
    assert not Contest.objects.exists()


@pytest.mark.parametrize("person", ["resident", "surgut_moderator"])
def test_residents_cannot_open_the_builder(client, world, person):
    client.force_login(getattr(world, person))
    assert client.get(reverse("budgeting:new")).status_code == 403


def test_the_api_lists_published_contests_and_the_organizers_drafts(client, world):
    ContestFactory(municipality=world.surgut, title="Опубликованный")
    DraftContestFactory(municipality=world.urai, title="Черновик Урая")
    titles = [c["title"] for c in client.get("/api/v1/budgeting/contests/").json()["items"]]
    assert titles == ["Опубликованный"]
    client.force_login(world.urai_admin)
    titles = {c["title"] for c in client.get("/api/v1/budgeting/contests/").json()["items"]}
    assert titles == {"Опубликованный", "Черновик Урая"}


def test_the_api_gives_a_contest_with_its_stages(client, world):
    contest = ContestFactory(municipality=world.surgut)
    body = client.get(f"/api/v1/budgeting/contests/{contest.pk}").json()
    assert body["stage"] == "applications"
    assert [s["kind"] for s in body["stages"]][:2] == ["applications", "technical_review"]
    assert body["min_shares"]["residents"] == "5.00"
    assert client.get("/api/v1/budgeting/contests/999999").status_code == 404


def test_the_api_gives_admitted_applications_and_their_answers(client, world):
    from veche.budgeting.models import Application
    from veche.budgeting.tests.factories import add_group, add_template

    contest = ContestFactory(municipality=world.surgut)
    version = add_template(contest)
    group = add_group(world.resident, world.surgut)

    def made(status):
        return Application.objects.create(
            contest=contest,
            version=version,
            kind="group",
            group=group,
            municipality=world.surgut,
            author=world.resident,
            title=status,
            status=status,
            answers={"field-1": "Двор"},
            submitted_at=timezone.now(),
        )

    admitted, submitted = made("admitted"), made("submitted")
    url = f"/api/v1/budgeting/contests/{contest.pk}/applications"
    assert [a["title"] for a in client.get(url).json()["items"]] == ["admitted"]
    body = client.get(f"/api/v1/budgeting/applications/{admitted.pk}").json()
    assert body["answers"][0] == {
        "key": "field-1",
        "label": "Название проекта",
        "kind": "text",
        "value": "Двор",
        "file_url": None,
    }
    assert client.get(f"/api/v1/budgeting/applications/{submitted.pk}").status_code == 404
    client.force_login(world.surgut_admin)
    assert len(client.get(url).json()["items"]) == 2
