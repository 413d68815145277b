"""The voting API: a vote with its receipt, a second vote 409, withdrawal, the whole ballot,
the receipt check and the results."""

import pytest

from veche.accounts.tests.factories import UserFactory
from veche.budgeting import stages
from veche.budgeting.tests.factories import voting_contest

pytestmark = pytest.mark.django_db


def test_vote_twice_withdraw_and_check_the_receipt(client):
    contest, (first, second, _third) = voting_contest(max_choices=2)
    client.force_login(UserFactory())
    url = f"/api/v1/budgeting/applications/{first.pk}/vote"
    response = client.post(url)
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    assert client.post(url).status_code == 409
    status = client.get(f"/api/v1/budgeting/contests/{contest.pk}/receipts/{code}").json()
    assert "учтён" in status["status"]
    assert client.delete(url).json()["withdrawn_at"] is not None
    response = client.put(
        f"/api/v1/budgeting/contests/{contest.pk}/ballot",
        {"projects": [first.pk, second.pk, _third.pk]},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_results_after_voting(client):
    contest, _apps = voting_contest(stage=stages.RESULTS)
    response = client.get(f"/api/v1/budgeting/contests/{contest.pk}/results")
    assert response.status_code == 200
    assert len(response.json()["projects"]) == 3
    open_contest, _apps = voting_contest()
    assert client.get(f"/api/v1/budgeting/contests/{open_contest.pk}/results").status_code == 403
