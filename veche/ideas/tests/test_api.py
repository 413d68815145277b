"""The REST API: the same services as the web, with token auth, field-named 422 errors in
Russian, the staff's changes and rate limits on writes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from veche.api.services import api_token_create
from veche.ideas.models import Idea, Status
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory
from veche.media.tests.files import jpeg_with_gps

pytestmark = pytest.mark.django_db
URL = "/api/v1/ideas/"


def bearer(user) -> dict:
    _, key = api_token_create(user=user, name="test app", created_by=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def file_idea(client, world, **extra):
    data = {
        "title": "Сквер у школы",
        "text": "Разбить сквер.",
        "category_id": world.category.pk,
        "municipality_id": world.surgut.pk,
        **extra,
    }
    return client.post(URL, data, **bearer(world.author))


def test_file_an_idea_with_a_photo_and_read_it_back(client, world):
    response = file_idea(client, world, photos=[jpeg_with_gps()])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["municipality"] == "Сургут"
    assert body["author"] == "Анна П." and world.author.email not in response.content.decode()
    assert len(body["photos"]) == 1 and body["url"] == f"/ideas/{body['id']}/"


def test_validation_errors_name_the_field_in_russian(client, world):
    response = file_idea(
        client, world, title="\u0001", lat=world.urai.centre_lat, lon=world.urai.centre_lon
    )
    assert response.status_code == 422
    fields = {error["loc"][-1]: error["msg"] for error in response.json()["detail"]}
    assert set(fields) == {"title", "location"}
    assert "Дайте идее название" in fields["title"]
    assert "Урай" in fields["location"]
    missing = client.post(URL, {"text": "x"}, **bearer(world.author))
    assert missing.status_code == 422
    assert {"title", "category_id"} <= {e["loc"][-1] for e in missing.json()["detail"]}
    assert not Idea.objects.exists()


def test_the_list_is_public_searches_and_sorts(client, world):
    PublishedIdeaFactory(municipality=world.surgut, title="Новый парк", support_count=3)
    top = PublishedIdeaFactory(municipality=world.surgut, title="Парки у реки", support_count=9)
    IdeaFactory(municipality=world.surgut, title="Парк, не опубликован")
    body = client.get(URL, {"q": "парк", "order": "support"}).json()
    assert body["count"] == 2 and body["items"][0]["id"] == top.pk


def test_an_unpublished_idea_is_hidden_from_others(client, world):
    idea = IdeaFactory(municipality=world.surgut, author=world.author)
    assert client.get(f"{URL}{idea.pk}").status_code == 404
    assert client.get(f"{URL}{idea.pk}", **bearer(world.author)).status_code == 200


def test_support_and_withdraw(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    headers = bearer(world.neighbour)
    assert client.post(f"{URL}{idea.pk}/support", **headers).json() == {
        "support_count": 1,
        "changed": True,
    }
    assert client.post(f"{URL}{idea.pk}/support", **headers).json()["changed"] is False
    assert client.delete(f"{URL}{idea.pk}/support", **headers).json()["support_count"] == 0
    own = client.post(f"{URL}{idea.pk}/support", **bearer(idea.author))
    assert own.status_code == 403 and "Это ваша идея" in own.json()["detail"]


def test_the_staff_walk_an_idea_through(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    moderator, decider = bearer(world.moderator), bearer(world.mayor_office)
    assert client.post(f"{URL}{idea.pk}/publish", **moderator).json()["status"] == "published"
    refused = client.post(
        f"{URL}{idea.pk}/take",
        {"agency_id": world.parks.pk, "planned_date": later, "answer": "Да."},
        content_type="application/json",
        **bearer(world.urai_mayor_office),
    )
    assert refused.status_code == 403
    assert "администрация её муниципалитета" in refused.json()["detail"]
    taken = client.post(
        f"{URL}{idea.pk}/take",
        {"agency_id": world.parks.pk, "planned_date": later, "answer": "Да."},
        content_type="application/json",
        **decider,
    )
    assert taken.status_code == 200 and taken.json()["agency"] == world.parks.name
    progress = client.post(
        f"{URL}{idea.pk}/progress",
        {"text": "Начали.", "photos": [jpeg_with_gps()]},
        **bearer(world.parks_official),
    )
    assert progress.status_code == 200
    assert len(progress.json()["progress"][0]["photos"]) == 1
    done = client.post(
        f"{URL}{idea.pk}/implement",
        {"note": "Готово."},
        content_type="application/json",
        **bearer(world.parks_official),
    )
    assert done.json()["status"] == "implemented"
    assert [e["status"] for e in done.json()["timeline"] if e["kind"] == "status"][-1] == (
        "implemented"
    )


def test_a_past_planned_date_is_a_field_error(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    response = client.post(
        f"{URL}{idea.pk}/take",
        {"agency_id": world.parks.pk, "planned_date": "2001-01-01", "answer": "Да."},
        content_type="application/json",
        **bearer(world.mayor_office),
    )
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"][-1] == "planned_date" and "в прошлом" in error["msg"]
    idea.refresh_from_db()
    assert idea.status == Status.PUBLISHED


def test_reject_with_an_unknown_reason(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    response = client.post(
        f"{URL}{idea.pk}/reject",
        {"reason": "nope"},
        content_type="application/json",
        **bearer(world.moderator),
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "reason"
    ok = client.post(
        f"{URL}{idea.pk}/reject",
        {"reason": world.reason.code},
        content_type="application/json",
        **bearer(world.moderator),
    )
    assert ok.json()["status"] == "rejected"


def test_filing_is_rate_limited(client, world, settings):
    settings.RATE_LIMIT_IDEA_FILING = "2/3600"
    assert file_idea(client, world).status_code == 201
    assert file_idea(client, world, title="").status_code == 422  # refused: does not count
    assert file_idea(client, world).status_code == 201
    limited = file_idea(client, world)
    assert limited.status_code == 429 and Idea.objects.count() == 2
