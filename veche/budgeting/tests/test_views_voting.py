"""The voting pages without JavaScript: the ballot form, the receipt check, the results with
their reasoning, the organizer's pages, and exports that carry no personal data."""

import io

import pytest
from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.budgeting import stages
from veche.budgeting.models import PublicVote, VoteReceipt, VoteTally
from veche.budgeting.services.voting import vote_cast
from veche.budgeting.tests.factories import voting_contest

pytestmark = pytest.mark.django_db


def test_a_resident_votes_for_three_and_withdraws_one(client):
    contest, apps = voting_contest(projects=(1, 2, 3, 4))
    voter = UserFactory()
    client.force_login(voter)
    page = client.get(reverse("budgeting:voting", args=[contest.pk]))
    assert page.status_code == 200
    url = reverse("budgeting:ballot", args=[contest.pk])
    response = client.post(url, {"project": [apps[0].pk, apps[1].pk, apps[2].pk]})
    assert response.status_code == 302
    assert PublicVote.objects.filter(user=voter).count() == 3
    client.post(url, {"project": [apps[0].pk, apps[2].pk]})
    assert sorted(PublicVote.objects.filter(user=voter).values_list("tally_id", flat=True)) == [
        apps[0].pk,
        apps[2].pk,
    ]
    withdrawn = VoteReceipt.objects.get(user=voter, application=apps[1])
    page = client.get(reverse("budgeting:voting", args=[contest.pk]), {"receipt": withdrawn.code})
    assert "отозван" in page.content.decode()


def test_over_the_cap_the_page_says_so_and_nothing_changes(client):
    contest, apps = voting_contest(projects=(1, 2, 3), max_choices=2)
    client.force_login(UserFactory())
    response = client.post(
        reverse("budgeting:ballot", args=[contest.pk]), {"project": [a.pk for a in apps]}
    )
    assert response.status_code == 400
    assert PublicVote.objects.count() == 0


def test_an_anonymous_visitor_sees_the_ballot_and_cannot_post(client):
    contest, _apps = voting_contest()
    page = client.get(reverse("budgeting:voting", args=[contest.pk]))
    assert page.status_code == 200
    response = client.post(reverse("budgeting:ballot", args=[contest.pk]), {"project": [1]})
    assert response.status_code == 302 and "login" in response["Location"]


def test_results_are_hidden_during_voting_and_public_after(client):
    contest, _apps = voting_contest()
    assert client.get(reverse("budgeting:voting_results", args=[contest.pk])).status_code == 403
    closed, _apps = voting_contest(stage=stages.RESULTS)
    assert client.get(reverse("budgeting:voting_results", args=[closed.pk])).status_code == 200


def test_the_organizer_computes_and_the_reasoning_is_shown(client):
    contest, apps = voting_contest(projects=(600, 500, 300), budget=1000)
    for n, app in enumerate(apps):
        for _voter in range(3 - n):
            vote_cast(voter=UserFactory(), application=app)
    contest.stages.filter(kind=stages.PUBLIC_VOTING).update(
        ends_at=contest.stages.get(kind=stages.PUBLIC_VOTING).starts_at
        + (
            contest.stages.get(kind=stages.PUBLIC_VOTING).ends_at
            - contest.stages.get(kind=stages.PUBLIC_VOTING).starts_at
        )
        / 20
    )
    from veche.staff.models import Role
    from veche.staff.tests.factories import RegionWideRoleFactory

    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    client.force_login(admin)
    client.post(reverse("budgeting:results_compute", args=[contest.pk]))
    page = client.get(reverse("budgeting:voting_results", args=[contest.pk])).content.decode()
    assert "Пропущен" in page or "Skipped" in page
    client.post(
        reverse("budgeting:result_override", args=[contest.pk]),
        {"application": apps[1].pk, "won": "1", "reason": "Софинансирование спонсора"},
    )
    page = client.get(reverse("budgeting:voting_results", args=[contest.pk])).content.decode()
    assert "Софинансирование спонсора" in page


def test_exports_carry_no_personal_data(client):
    contest, apps = voting_contest(stage=stages.RESULTS)
    voter = UserFactory(first_name="Зинаида", last_name="Уникальная", email="zina@example.org")
    VoteTally.objects.filter(pk=apps[0].pk).update(votes=1)
    PublicVote.objects.create(tally_id=apps[0].pk, user=voter)
    for name, args in (
        ("votes_export", ["csv"]),
        ("votes_export", ["xlsx"]),
        ("results_export", ["csv"]),
        ("pabulib_export", []),
    ):
        response = client.get(reverse(f"budgeting:{name}", args=[contest.pk, *args]))
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        if args == ["xlsx"]:
            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(body)).active
            body = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row).encode()
        text = body.decode("utf-8-sig")
        for personal in ("Зинаида", "Уникальная", "zina@example.org", voter.phone):
            assert personal not in text
    assert "v" in text
