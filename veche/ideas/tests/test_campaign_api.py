"""The campaigns' REST API: the list and a campaign with its stages, counters and results; a
rating (field-named 422 in Russian for 6, a 403 in words outside the discussion); an expert's
verdict; filing into a campaign and the list's `campaign` filter; all in the OpenAPI schema."""

import pytest

from veche.ideas.models import CampaignAward, CampaignExpert, Idea, IdeaRating, Stage
from veche.ideas.tests.campaign_factories import campaign_idea, campaign_in, expert_of
from veche.ideas.tests.factories import PublishedIdeaFactory
from veche.ideas.tests.test_api import bearer

pytestmark = pytest.mark.django_db
URL = "/api/v1/ideas/"


def test_the_list_and_a_campaign(client, world):
    campaign = campaign_in(Stage.RESULTS, municipality=world.surgut, title="Парк у реки")
    winner = campaign_idea(campaign, author=world.author)
    campaign_in(Stage.COLLECTING, is_published=False)  # a draft: not listed
    IdeaRating.objects.create(idea=winner, user=world.neighbour, value=5)
    CampaignAward.objects.create(campaign=campaign, idea=winner, award="Диплом", reason="Лучшая.")
    campaign.results_published_at = campaign.results_start
    campaign.save()
    body = client.get(f"{URL}campaigns/").json()
    assert [(c["id"], c["idea_count"], c["stage"]) for c in body["items"]] == [
        (campaign.pk, 1, "results")
    ]
    detail = client.get(f"{URL}campaigns/{campaign.pk}").json()
    assert (
        detail["municipality"] == "Сургут" and detail["url"] == f"/ideas/campaigns/{campaign.pk}/"
    )
    assert [s["state"] for s in detail["stages"]] == ["done", "done", "done", "current"]
    assert detail["stages"][1]["name"] == "обсуждение и оценка"
    assert detail["counters"] == {"participants": 2, "ideas": 1, "comments": 0, "ratings": 1}
    assert detail["awards"] == [
        {
            "idea_id": winner.pk,
            "title": winner.title,
            "author": "Анна П.",
            "award": "Диплом",
            "reason": "Лучшая.",
        }
    ]
    assert detail["can_file"] is False
    assert client.get(f"{URL}campaigns/999").status_code == 404


def test_a_draft_is_not_found(client, world):
    draft = campaign_in(Stage.COLLECTING, is_published=False, municipality=world.surgut)
    assert client.get(f"{URL}campaigns/{draft.pk}").status_code == 404
    assert client.get(f"{URL}campaigns/{draft.pk}", **bearer(world.mayor_office)).status_code == 200


def test_rating_through_the_api(client, world):
    idea = campaign_idea(campaign_in(Stage.DISCUSSION))
    auth = bearer(world.neighbour)
    response = client.post(
        f"{URL}{idea.pk}/rating", {"value": 4}, content_type="application/json", **auth
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"value": 4, "changed": False, "average": 4.0, "count": 1}
    response = client.post(
        f"{URL}{idea.pk}/rating", {"value": 2}, content_type="application/json", **auth
    )
    assert response.json() == {"value": 2, "changed": True, "average": 2.0, "count": 1}


def test_a_rating_of_six_is_a_field_named_422_in_russian(client, world):
    idea = campaign_idea(campaign_in(Stage.DISCUSSION))
    response = client.post(
        f"{URL}{idea.pk}/rating",
        {"value": 6},
        content_type="application/json",
        **bearer(world.neighbour),
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == "value" and error["msg"] == "Значение должно быть не больше 5."
    assert not IdeaRating.objects.exists()


def test_rating_outside_the_discussion_is_a_403_in_words(client, world):
    idea = campaign_idea(campaign_in(Stage.COLLECTING))
    response = client.post(
        f"{URL}{idea.pk}/rating",
        {"value": 3},
        content_type="application/json",
        **bearer(world.neighbour),
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Оценивать идеи этого конкурса можно только")
    outside = PublishedIdeaFactory()
    response = client.post(
        f"{URL}{outside.pk}/rating",
        {"value": 3},
        content_type="application/json",
        **bearer(world.neighbour),
    )
    assert response.json()["detail"] == "Оценивают только идеи конкурсов."


def test_an_experts_verdict_through_the_api(client, world):
    campaign = campaign_in(Stage.SELECTION, municipality=world.surgut)
    idea = campaign_idea(campaign)
    expert = expert_of(world.surgut)
    CampaignExpert.objects.create(campaign=campaign, user=expert)
    url = f"{URL}{idea.pk}/verdict"
    body = {"selected": True, "comment": "Реалистично."}
    refused = client.post(url, body, content_type="application/json", **bearer(world.neighbour))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Только эксперты конкурса отбирают его идеи."
    empty = client.post(
        url, {"selected": True, "comment": " "}, content_type="application/json", **bearer(expert)
    )
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["loc"][-1] == "comment"
    done = client.post(url, body, content_type="application/json", **bearer(expert))
    assert done.json() == {"selected": True, "comment": "Реалистично.", "changed": False}


def test_filing_into_a_campaign_and_the_list_filter(client, world):
    campaign = campaign_in(Stage.COLLECTING, municipality=world.surgut)
    data = {
        "title": "Скейт-площадка",
        "text": "Построить.",
        "category_id": world.category.pk,
        "municipality_id": world.surgut.pk,
        "campaign_id": campaign.pk,
    }
    response = client.post(URL, data, **bearer(world.author))
    assert response.status_code == 201, response.content
    assert response.json()["campaign_id"] == campaign.pk
    missing = client.post(URL, {**data, "campaign_id": 999}, **bearer(world.author))
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"][-1] == "campaign_id"
    closed = campaign_in(Stage.DISCUSSION, municipality=world.surgut)
    refused = client.post(URL, {**data, "campaign_id": closed.pk}, **bearer(world.author))
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Приём идей в этом конкурсе закрыт")
    inside = campaign_idea(campaign)
    PublishedIdeaFactory()
    listed = client.get(URL, {"campaign": campaign.pk}).json()["items"]
    assert [item["id"] for item in listed] == [inside.pk]
    assert Idea.objects.filter(campaign=campaign).count() == 2


def test_the_schema_lists_the_campaign_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/ideas/campaigns/",
        "/api/v1/ideas/campaigns/{campaign_id}",
        "/api/v1/ideas/{idea_id}/rating",
        "/api/v1/ideas/{idea_id}/verdict",
    ):
        assert path in paths, path
