"""/api/v1/objects/: rating (once per person, completed only), proposals and supports."""

import json

from veche.accounts.tests.factories import UserFactory
from veche.infrastructure.models import Proposal, Rating, Status
from veche.infrastructure.models.residents import ProposalStatus

from .factories import FacilityFactory


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_rating_through_the_api_counts_once(client, world):
    facility = FacilityFactory(municipality=world.surgut, status=Status.COMPLETED)
    url = f"/api/v1/objects/{facility.pk}/rating"
    assert post(client, url, {"score": 4}).status_code == 401
    client.force_login(world.resident)
    assert post(client, url, {"score": 4}).status_code == 200
    answer = post(client, url, {"score": 2, "comment": "Плохо"})
    assert answer.status_code == 200
    assert answer.json()["comment_status"] == "pending"
    assert Rating.objects.count() == 1
    summary = client.get(f"/api/v1/objects/{facility.pk}/ratings").json()
    assert summary == {"count": 1, "average": 2.0}
    assert post(client, url, {"score": 9}).status_code == 422


def test_rating_works_in_progress_is_403(client, world):
    facility = FacilityFactory(municipality=world.surgut, status=Status.IN_PROGRESS)
    client.force_login(world.resident)
    answer = post(client, f"/api/v1/objects/{facility.pk}/rating", {"score": 4})
    assert answer.status_code == 403
    assert "завершённые" in answer.json()["detail"]


def test_proposals_through_the_api(client, world):
    client.force_login(world.resident)
    body = {
        "title": "Сквер",
        "reason": "Негде гулять",
        "lat": world.surgut.centre_lat,
        "lon": world.surgut.centre_lon,
        "category_id": world.yards.pk,
    }
    answer = post(client, "/api/v1/objects/proposals", body)
    assert answer.status_code == 201, answer.content
    again = post(client, "/api/v1/objects/proposals", body)
    assert again.status_code == 422
    outside = post(client, "/api/v1/objects/proposals", {**body, "lat": 10.0, "lon": 10.0})
    assert outside.status_code == 422
    assert outside.json()["detail"][0]["loc"] == ["body", "lat"]
    proposal = Proposal.objects.get()
    # Pending proposals are not public yet.
    assert client.get("/api/v1/objects/proposals").json()["count"] == 0
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.PUBLISHED)
    assert client.get("/api/v1/objects/proposals").json()["count"] == 1
    client.force_login(UserFactory())
    url = f"/api/v1/objects/proposals/{proposal.pk}/support"
    assert client.post(url).json() == {"support_count": 1, "changed": True}
    assert client.post(url).json() == {"support_count": 1, "changed": False}
    assert client.delete(url).json() == {"support_count": 0, "changed": True}


def test_residents_writes_are_rate_limited(client, world, settings):
    settings.RATE_LIMIT_INFRASTRUCTURE_RESIDENT = "2/600"
    facility = FacilityFactory(municipality=world.surgut, status=Status.COMPLETED)
    client.force_login(world.resident)
    url = f"/api/v1/objects/{facility.pk}/rating"
    assert post(client, url, {"score": 3}).status_code == 200
    assert post(client, url, {"score": 4}).status_code == 200
    limited = post(client, url, {"score": 5})
    assert limited.status_code == 429
    assert Rating.objects.get().score == 4
    # The page's rating shares the person's limit and says so.
    page = client.post(f"/objects/{facility.pk}/rate/", {"score": "1"}, follow=True)
    assert "Слишком много действий" in page.content.decode()
    assert Rating.objects.get().score == 4


def test_a_refused_write_gives_its_slot_back(client, world, settings):
    settings.RATE_LIMIT_INFRASTRUCTURE_RESIDENT = "1/600"
    running = FacilityFactory(municipality=world.surgut, status=Status.IN_PROGRESS)
    done = FacilityFactory(municipality=world.surgut, status=Status.COMPLETED)
    client.force_login(world.resident)
    assert post(client, f"/api/v1/objects/{running.pk}/rating", {"score": 3}).status_code == 403
    assert post(client, f"/api/v1/objects/{done.pk}/rating", {"score": 3}).status_code == 200


# Votes on objects the administration puts to the vote.


def _put_to_vote(facility, *, days=(-1, 6), anyone=False):
    import datetime

    from django.utils import timezone

    from veche.infrastructure.models import Facility

    now = timezone.now()
    Facility.objects.filter(pk=facility.pk).update(
        vote_opens=now + datetime.timedelta(days=days[0]),
        vote_closes=now + datetime.timedelta(days=days[1]),
        vote_anyone=anyone,
    )


def _resident_of(municipality):
    from veche.territory.tests.factories import SettlementFactory

    return UserFactory(settlement=SettlementFactory(municipality=municipality))


def test_open_votes_are_listed(client, world):
    voting = FacilityFactory(municipality=world.surgut, status=Status.PLANNED)
    closed = FacilityFactory(municipality=world.surgut)
    elsewhere = FacilityFactory(municipality=world.urai)
    FacilityFactory(municipality=world.surgut)  # never put to the vote
    _put_to_vote(voting)
    _put_to_vote(closed, days=(-9, -1))
    _put_to_vote(elsewhere, anyone=True)
    answer = client.get("/api/v1/objects/votes").json()
    assert [item["id"] for item in answer["items"]] == [voting.pk, elsewhere.pk]
    assert answer["items"][1]["vote_anyone"] is True
    only = client.get(f"/api/v1/objects/votes?municipality={world.surgut.pk}").json()
    assert [item["id"] for item in only["items"]] == [voting.pk]
    assert client.get("/api/v1/objects/votes?municipality=0").status_code == 422


def test_a_vote_through_the_api_once_and_taken_back_while_open(client, world):
    from veche.events.models import Event

    facility = FacilityFactory(municipality=world.surgut, status=Status.PLANNED)
    url = f"/api/v1/objects/{facility.pk}/vote"
    assert client.post(url).status_code == 401
    voter = _resident_of(world.surgut)
    client.force_login(voter)
    refused = client.post(url)
    assert refused.status_code == 403
    assert "не вынесен" in refused.json()["detail"]
    _put_to_vote(facility)
    assert client.post(url).status_code == 201
    again = client.post(url)
    assert again.status_code == 409
    assert "уже" in again.json()["detail"]
    facility.refresh_from_db()
    assert facility.vote_count == 1 == facility.votes.count()
    assert client.delete(url).json() == {"vote_count": 0}
    assert client.delete(url).status_code == 409
    assert client.post(url).json() == {"vote_count": 1}
    kinds = Event.objects.filter(kind__startswith="infrastructure.vote").values_list("kind")
    assert sorted(k for (k,) in kinds) == ["infrastructure.vote_withdrawn"]
    assert Event.objects.filter(kind="infrastructure.facility_voted").count() == 2
    # Another municipality's resident may not vote; a closed vote keeps its count.
    client.force_login(_resident_of(world.urai))
    other = client.post(url)
    assert other.status_code == 403
    assert "жители" in other.json()["detail"]
    _put_to_vote(facility, days=(-9, -1))
    client.force_login(voter)
    closed = client.delete(url)
    assert closed.status_code == 403
    assert "закрыто" in closed.json()["detail"]
    facility.refresh_from_db()
    assert facility.vote_count == 1
    assert client.post("/api/v1/objects/999999/vote").status_code == 404


def test_votes_are_rate_limited_and_a_refusal_gives_the_slot_back(client, world, settings):
    settings.RATE_LIMIT_INFRASTRUCTURE_RESIDENT = "2/600"
    facility = FacilityFactory(municipality=world.surgut, status=Status.PLANNED)
    _put_to_vote(facility)
    client.force_login(_resident_of(world.surgut))
    url = f"/api/v1/objects/{facility.pk}/vote"
    assert client.post(url).status_code == 201
    assert client.post(url).status_code == 409  # refused: its slot is given back
    assert client.delete(url).status_code == 200
    limited = client.post(url)
    assert limited.status_code == 429
    facility.refresh_from_db()
    assert facility.vote_count == 0
