"""The REST side: a domain router mounts the thread with `comment_endpoints` (here a test router
at /test-api/items/), and /api/v1/comments acts on one comment. Same services, same rules."""

import pytest

from veche.api.services import api_token_create
from veche.comments.models import Comment, CommentLike

from .helpers import published, write

pytestmark = pytest.mark.urls("veche.comments.tests.urls")


def bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="test app", created_by=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def thread_url(world) -> str:
    return f"/test-api/items/{world.report.pk}/comments"


def test_the_thread_is_public_and_shows_placeholders(client, world, kind):
    top = published(world, text="Первый")
    reply = published(world, author=world.neighbour, parent=top, text="Ответ")
    write(world, author=world.third, text="Ждёт")
    from veche.comments import services

    services.comment_remove(moderator=world.moderator, comment=top, reason=world.reason)
    body = client.get(thread_url(world)).json()
    assert body["count"] == 1 and body["can_post"] is False
    assert [(c["id"], c["text"], c["placeholder"]) for c in body["comments"]] == [
        (top.pk, None, "Комментарий удалён модератором."),
        (reply.pk, "Ответ", None),
    ]
    assert body["comments"][1]["parent_id"] == top.pk
    assert body["comments"][1]["author"] == "Вера О."


def test_write_a_comment_and_a_reply(client, world, post_moderated):
    response = client.post(
        thread_url(world),
        {"text": "Через API"},
        content_type="application/json",
        **bearer(world.writer),
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "published" and created["can_edit"] is True
    reply = client.post(
        thread_url(world),
        {"text": "Ответ", "parent_id": created["id"]},
        content_type="application/json",
        **bearer(world.neighbour),
    )
    assert reply.status_code == 201 and reply.json()["depth"] == 1


def test_errors_name_the_field_in_russian(client, world, kind):
    headers = bearer(world.writer)
    too_long = client.post(
        thread_url(world), {"text": "я" * 2001}, content_type="application/json", **headers
    )
    assert too_long.status_code == 422
    [error] = too_long.json()["detail"]
    assert error["loc"][-1] == "text" and "2000" in error["msg"]
    blank = client.post(
        thread_url(world), {"text": "   "}, content_type="application/json", **headers
    )
    assert blank.status_code == 422
    assert (
        client.post(thread_url(world), {"text": "x"}, content_type="application/json").status_code
        == 401
    )
    unconfirmed = client.post(
        thread_url(world),
        {"text": "Текст"},
        content_type="application/json",
        **bearer(world.unconfirmed),
    )
    assert unconfirmed.status_code == 403
    assert unconfirmed.json()["detail"] == "Подтвердите e-mail, чтобы участвовать в обсуждении."
    assert not Comment.objects.exists()


def test_an_item_the_reader_cannot_see_is_404(client, world, kind):
    from veche.reports.tests.factories import ReportFactory

    hidden = ReportFactory(municipality=world.surgut)
    assert client.get(f"/test-api/items/{hidden.pk}/comments").status_code == 404


def test_like_and_unlike_through_the_api(client, world, kind):
    comment = published(world)
    headers = bearer(world.neighbour)
    liked = client.post(f"/api/v1/comments/{comment.pk}/like", **headers).json()
    assert liked == {"like_count": 1, "liked": True, "changed": True}
    again = client.post(f"/api/v1/comments/{comment.pk}/like", **headers).json()
    assert again["changed"] is False and CommentLike.objects.count() == 1
    own = client.post(f"/api/v1/comments/{comment.pk}/like", **bearer(world.writer))
    assert own.status_code == 403
    assert own.json()["detail"] == "Нельзя отметить собственный комментарий."
    gone = client.delete(f"/api/v1/comments/{comment.pk}/like", **headers).json()
    assert gone == {"like_count": 0, "liked": False, "changed": True}


def test_complaints_and_moderation_through_the_api(client, world, kind):
    comment = published(world)
    for user in (world.neighbour, world.third, world.fourth):
        response = client.post(
            f"/api/v1/comments/{comment.pk}/complaint",
            {"reason": "Спам"},
            content_type="application/json",
            **bearer(user),
        )
    assert response.json() == {"status": "hidden", "changed": True}
    refused = client.post(f"/api/v1/comments/{comment.pk}/restore", **bearer(world.urai_moderator))
    assert refused.status_code == 403
    restored = client.post(f"/api/v1/comments/{comment.pk}/restore", **bearer(world.moderator))
    assert restored.json()["status"] == "published"
    bad = client.post(
        f"/api/v1/comments/{comment.pk}/remove",
        {"reason": "nope"},
        content_type="application/json",
        **bearer(world.moderator),
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "reason"
    removed = client.post(
        f"/api/v1/comments/{comment.pk}/remove",
        {"reason": "advertising"},
        content_type="application/json",
        **bearer(world.moderator),
    )
    assert removed.json()["status"] == "removed"
    reasons = client.get("/api/v1/comments/removal-reasons").json()
    assert {"code": "advertising", "text": "Реклама или спам"} in reasons


def test_edit_through_the_api(client, world, kind):
    comment = write(world)
    response = client.patch(
        f"/api/v1/comments/{comment.pk}",
        {"text": "Исправлено"},
        content_type="application/json",
        **bearer(world.writer),
    )
    assert response.status_code == 200 and response.json()["text"] == "Исправлено"
    other = client.patch(
        f"/api/v1/comments/{comment.pk}",
        {"text": "Чужое"},
        content_type="application/json",
        **bearer(world.neighbour),
    )
    assert other.status_code == 403


def test_the_comment_endpoints_are_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/comments/{comment_id}/like" in paths
    assert "/api/v1/comments/removal-reasons" in paths
