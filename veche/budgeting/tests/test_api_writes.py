"""REST writes under /api/v1/budgeting/: the issue's flow through the API with a token — a
group, an invitation accepted, a draft with answers and a file, submitted, returned with remarks
by field, resubmitted, admitted; refusals as 403, 409 and field-named 422 in Russian; rate
limits."""

import pytest
from django.core.cache import cache

from veche.accounts.tests.factories import UserFactory
from veche.api.services import api_token_create
from veche.budgeting.models import Application, FieldKind, InitiativeGroup, RejectionReason
from veche.budgeting.tests.factories import ContestFactory, add_group, add_template
from veche.media.tests.files import pdf

API = "/api/v1/budgeting"


def bearer(user) -> dict:
    _, key = api_token_create(user=user, name="test app", created_by=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "ru"}


@pytest.fixture
def contest(world):
    made = ContestFactory(municipality=world.surgut)
    version = add_template(made)
    version.fields.create(
        key="field-4", kind=FieldKind.LOCATION, label="Место", required=True, position=4
    )
    version.fields.create(
        key="field-5",
        kind=FieldKind.NUMBER,
        label="Число благополучателей",
        min_value=1,
        position=5,
    )
    return made


def _draft(client, contest, group, auth) -> int:
    response = client.post(
        f"{API}/applications",
        {"contest_id": contest.pk, "title": "Площадка", "group_id": group.pk},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


SAVE = {
    "title": "Площадка во дворе",
    "answers": {"field-1": "Двор на Ленина, 5", "field-2": "1000000", "field-4": "61.25, 73.39"},
    "cost": "1000000",
    "co_financing": {"residents": "100000", "municipality": "900000"},
}


def test_the_whole_flow_through_the_api(client, world, contest, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    leader = bearer(world.resident)
    response = client.post(
        f"{API}/groups",
        {"name": "Соседи с Ленина", "municipality_id": world.surgut.pk},
        content_type="application/json",
        **leader,
    )
    assert response.status_code == 201, response.json()
    group = InitiativeGroup.objects.get(pk=response.json()["id"])
    assert group.leader == world.resident

    invited = client.post(
        f"{API}/groups/{group.pk}/invitations", {}, content_type="application/json", **leader
    )
    assert invited.status_code == 201
    token = invited.json()["url"].rstrip("/").rsplit("/", 1)[-1]
    neighbour = UserFactory()
    joined = client.post(f"{API}/invitations/{token}/accept", **bearer(neighbour))
    assert joined.status_code == 200 and len(joined.json()["members"]) == 2
    again = client.post(f"{API}/invitations/{token}/accept", **bearer(UserFactory()))
    assert again.status_code == 409 and "уже использовано" in again.json()["detail"]

    pk = _draft(client, contest, group, bearer(neighbour))  # any member writes
    saved = client.put(f"{API}/applications/{pk}", SAVE, content_type="application/json", **leader)
    assert saved.status_code == 200, saved.json()
    attached = client.post(
        f"{API}/applications/{pk}/files/field-3",
        {"file": _pdf()},
        **leader,
    )
    assert attached.status_code == 200, attached.json()
    # Only the leader submits.
    assert client.post(f"{API}/applications/{pk}/submit", **bearer(neighbour)).status_code == 403
    submitted = client.post(f"{API}/applications/{pk}/submit", **leader)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"

    organizer = bearer(world.surgut_admin)
    returned = client.post(
        f"{API}/applications/{pk}/revision",
        {"remarks": {"field-1": "Уточните номер дома."}, "days": 5},
        content_type="application/json",
        **organizer,
    )
    assert returned.status_code == 200 and returned.json()["status"] == "revision"
    fixed = {**SAVE, "answers": {**SAVE["answers"], "field-1": "Двор дома № 5"}}
    client.put(f"{API}/applications/{pk}", fixed, content_type="application/json", **leader)
    assert client.post(f"{API}/applications/{pk}/submit", **leader).json()["status"] == "submitted"
    application = Application.objects.get(pk=pk)
    assert application.revisions.count() == 2

    admitted = client.post(
        f"{API}/applications/{pk}/admit", {}, content_type="application/json", **organizer
    )
    assert admitted.status_code == 200 and admitted.json()["status"] == "admitted"


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("protocol.pdf", pdf(), content_type="application/pdf")


def test_bad_answers_are_422_by_field_in_russian_and_save_nothing(client, world, contest):
    group = add_group(world.resident, world.surgut)
    leader = bearer(world.resident)
    pk = _draft(client, contest, group, leader)
    bad = {
        **SAVE,
        "answers": {**SAVE["answers"], "field-5": "0", "field-4": "север"},
        "co_financing": {"residents": "100"},
    }
    response = client.put(
        f"{API}/applications/{pk}", bad, content_type="application/json", **leader
    )
    assert response.status_code == 422
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["detail"]}
    assert "Число благополучателей" in errors[("body", "answers", "field-5")]
    assert ("body", "answers", "field-4") in errors
    assert any("1000000" in m.replace("\xa0", "").replace(" ", "") for m in errors.values())
    application = Application.objects.get(pk=pk)
    assert application.title == "Площадка" and application.answers == {}


def test_a_reviewer_rejects_with_a_listed_reason(client, world, contest):
    group = add_group(world.resident, world.surgut)
    leader = bearer(world.resident)
    pk = _draft(client, contest, group, leader)
    client.put(f"{API}/applications/{pk}", SAVE, content_type="application/json", **leader)
    client.post(f"{API}/applications/{pk}/files/field-3", {"file": _pdf()}, **leader)
    assert client.post(f"{API}/applications/{pk}/submit", **leader).status_code == 200
    reasons = client.get(f"{API}/rejection-reasons", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert reasons and all(r["text"] for r in reasons)
    organizer = bearer(world.surgut_admin)
    # A resident never decides; Urai's admin does not even see the application.
    assert (
        client.post(
            f"{API}/applications/{pk}/reject",
            {"reason_id": reasons[0]["id"]},
            content_type="application/json",
            **leader,
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/applications/{pk}/reject",
            {"reason_id": reasons[0]["id"]},
            content_type="application/json",
            **bearer(world.urai_admin),
        ).status_code
        == 404
    )
    rejected = client.post(
        f"{API}/applications/{pk}/reject",
        {"reason_id": reasons[0]["id"], "note": "Смета не приложена."},
        content_type="application/json",
        **organizer,
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert Application.objects.get(pk=pk).rejection_reason == RejectionReason.objects.get(
        pk=reasons[0]["id"]
    )


def test_the_leader_hands_over_through_the_api(client, world):
    group = add_group(world.resident, world.surgut)
    member = UserFactory()
    group.members.create(user=member)
    url = f"{API}/groups/{group.pk}/leader"
    assert (
        client.post(
            url, {"user_id": member.pk}, content_type="application/json", **bearer(member)
        ).status_code
        == 403
    )
    outsider = client.post(
        url,
        {"user_id": UserFactory().pk},
        content_type="application/json",
        **bearer(world.resident),
    )
    assert outsider.status_code == 422
    assert outsider.json()["detail"][0]["loc"] == ["body", "user_id"]
    done = client.post(
        url, {"user_id": member.pk}, content_type="application/json", **bearer(world.resident)
    )
    assert done.status_code == 200 and done.json()["leader_id"] == member.pk


def test_writes_are_rate_limited(client, world, settings):
    settings.RATE_LIMIT_BUDGETING_EDIT = "2/600"
    cache.clear()
    auth = bearer(world.resident)
    body = {"name": "Двор", "municipality_id": world.surgut.pk}
    codes = [
        client.post(f"{API}/groups", body, content_type="application/json", **auth).status_code
        for _ in range(3)
    ]
    assert codes == [201, 201, 429]


def test_writes_need_credentials(client, world, contest):
    body = {"name": "Двор", "municipality_id": world.surgut.pk}
    assert client.post(f"{API}/groups", body, content_type="application/json").status_code == 401
