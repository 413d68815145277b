"""The thread on a page and its plain POST forms: post/redirect/get to `next` at the comment,
a comment with an error back on a page of its own with the text kept, the rate limit."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from veche.comments.models import Comment, CommentLike

from .helpers import published, write

pytestmark = pytest.mark.urls("veche.comments.tests.urls")


def page(world) -> str:
    return f"/test-item/{world.report.pk}/"


def post_url(world) -> str:
    return f"/comments/on/reports.report/{world.report.pk}/"


def test_a_guest_reads_the_published_thread_and_is_asked_to_log_in(client, world, kind):
    shown = published(world, text="Видно всем")
    write(world, author=world.neighbour, text="Ждёт модерации")
    html = client.get(page(world)).content.decode()
    assert "Видно всем" in html and "Ждёт модерации" not in html
    assert f'id="comment-{shown.pk}"' in html
    assert 'Комментарии <span class="comments-count">(1)</span>' in html
    assert "Войдите</a>, чтобы участвовать в обсуждении." in html
    assert "<textarea" not in html


def test_a_resident_writes_a_comment_and_comes_back_to_it(client, world, kind):
    client.force_login(world.neighbour)
    html = client.get(page(world)).content.decode()
    assert 'for="comment-new-text"' in html and 'maxlength="2000"' in html
    response = client.post(post_url(world), {"text": "Мой отзыв", "next": page(world)})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{page(world)}#comment-{comment.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "Комментарий отправлен: другие увидят его после проверки модератором." in html
    assert "Мой отзыв" in html and "Ожидает модерации" in html


def test_a_foreign_next_is_not_followed(client, world, kind):
    client.force_login(world.neighbour)
    response = client.post(post_url(world), {"text": "Текст", "next": "https://evil.example/"})
    assert response["Location"].startswith(page(world))


def test_a_too_long_comment_comes_back_with_its_text_and_a_russian_message(client, world, kind):
    client.force_login(world.neighbour)
    text = "я" * 2001
    response = client.post(post_url(world), {"text": text, "next": page(world)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Комментарий может быть не длиннее 2\u00a0000 символов, а в этом 2\u00a0001." in html
    assert text in html and f'value="{page(world)}"' in html
    assert not Comment.objects.exists()


def test_a_reply_to_a_reply_of_a_reply_is_refused_on_the_page(client, world, kind):
    top = published(world)
    reply = published(world, author=world.third, parent=top)
    second = published(world, author=world.fourth, parent=reply)
    client.force_login(world.neighbour)
    html = client.get(page(world)).content.decode()
    assert f'id="reply-{reply.pk}-text"' in html and f'id="reply-{second.pk}-text"' not in html
    response = client.post(post_url(world), {"text": "Глубже", "parent": second.pk})
    assert response.status_code == 400
    assert "Ответы возможны только на два уровня вглубь" in response.content.decode()
    assert Comment.objects.count() == 3


def test_like_unlike_and_complain_through_the_page(client, world, kind):
    comment = published(world)
    client.force_login(world.neighbour)
    back = {"next": page(world)}
    response = client.post(f"/comments/{comment.pk}/like/", back)
    assert response["Location"] == f"{page(world)}#comment-{comment.pk}"
    assert CommentLike.objects.filter(comment=comment, user=world.neighbour).exists()
    html = client.get(page(world)).content.decode()
    assert 'aria-pressed="true"' in html and "1 отметка «нравится»" in html
    client.post(f"/comments/{comment.pk}/unlike/", back)
    assert not CommentLike.objects.exists()
    client.post(f"/comments/{comment.pk}/complain/", {"reason": "Оффтоп", **back})
    html = client.get(page(world)).content.decode()
    assert "Вы пожаловались на этот комментарий." in html
    assert comment.complaints.get().reason == "Оффтоп"


def test_an_own_like_is_refused_with_a_message(client, world, kind):
    comment = published(world)
    client.force_login(world.writer)
    response = client.post(f"/comments/{comment.pk}/like/", follow=True)
    assert "Нельзя отметить собственный комментарий." in response.content.decode()
    assert not CommentLike.objects.exists()


def test_the_author_edits_within_15_minutes_then_the_link_is_gone(client, world, kind):
    comment = write(world)
    client.force_login(world.writer)
    html = client.get(page(world)).content.decode()
    assert f"/comments/{comment.pk}/edit/" in html
    edit = client.get(f"/comments/{comment.pk}/edit/?next={page(world)}")
    assert edit.status_code == 200 and "Поддерживаю, давно пора." in edit.content.decode()
    response = client.post(
        f"/comments/{comment.pk}/edit/", {"text": "Исправил", "next": page(world)}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Исправил"
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert f"/comments/{comment.pk}/edit/" not in client.get(page(world)).content.decode()
        late = client.post(f"/comments/{comment.pk}/edit/", {"text": "Поздно"})
        assert late.status_code == 403
        assert "в течение 15 минут" in late.content.decode()


def test_a_moderator_approves_and_removes_on_the_page(client, world, kind):
    comment = write(world)
    client.force_login(world.moderator)
    html = client.get(page(world)).content.decode()
    assert f"/comments/{comment.pk}/approve/" in html
    assert "Оскорбления или нецензурная лексика" in html  # the reasons to remove with
    client.post(f"/comments/{comment.pk}/approve/", {"next": page(world)})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    response = client.post(f"/comments/{comment.pk}/remove/", {}, follow=True)
    assert "Выберите причину из списка." in response.content.decode()
    client.post(f"/comments/{comment.pk}/remove/", {"reason": world.reason.pk})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED
    client.force_login(world.neighbour)
    html = client.get(page(world)).content.decode()
    assert "Комментарий удалён модератором." in html and "Поддерживаю" not in html


def test_a_moderator_of_another_municipality_gets_a_refusal(client, world, kind):
    comment = write(world)
    client.force_login(world.urai_moderator)
    assert f"/comments/{comment.pk}/approve/" not in client.get(page(world)).content.decode()
    response = client.post(f"/comments/{comment.pk}/approve/", follow=True)
    assert "Вы не модерируете комментарии этой территории." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_writing_too_often_is_refused_with_the_wait(client, world, kind, settings):
    settings.RATE_LIMIT_COMMENT = "2/600"
    client.force_login(world.neighbour)
    for n in range(2):
        assert client.post(post_url(world), {"text": f"Комментарий {n}"}).status_code == 302
    response = client.post(post_url(world), {"text": "Третий"})
    assert response.status_code == 400
    assert "Вы пишете слишком часто. Попробуйте снова через" in response.content.decode()
    assert Comment.objects.count() == 2


def test_a_refused_comment_does_not_count_against_the_limit(client, world, kind, settings):
    settings.RATE_LIMIT_COMMENT = "1/600"
    client.force_login(world.neighbour)
    client.post(post_url(world), {"text": "я" * 2001})
    assert client.post(post_url(world), {"text": "Теперь коротко"}).status_code == 302


def test_an_item_the_reader_cannot_see_is_404(client, world, kind):
    from veche.reports.tests.factories import ReportFactory

    hidden = ReportFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    response = client.post(f"/comments/on/reports.report/{hidden.pk}/", {"text": "Текст"})
    assert response.status_code == 404
    assert client.post("/comments/on/no.kind/1/", {"text": "Текст"}).status_code == 404
    assert not Comment.objects.exists()
