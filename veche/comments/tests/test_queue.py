"""Comments in the shared moderation queue (veche/moderation): the source lists what this
moderator may decide, approving restores a hidden comment, rejecting removes with the reason and
tells the writer the note; the page itself works on them."""

from veche.comments import queue, services
from veche.comments.models import Comment
from veche.moderation.registry import source
from veche.notifications.models import Notification

from .helpers import published, write


def hidden(world) -> Comment:
    comment = published(world, text="Спорное")
    for user, reason in ((world.neighbour, "Грубо"), (world.third, ""), (world.fourth, "")):
        comment, _created = services.comment_complain(user=user, comment=comment, reason=reason)
    return comment


def test_comments_are_a_registered_source():
    assert source("comments.comment") is not None


def test_the_source_lists_this_moderators_comments_with_flags(world, kind):
    waiting, complained = write(world, text="Новый"), hidden(world)
    items = queue.pending(world.moderator)
    assert [(i.id, i.territory, i.author) for i in items] == [
        (waiting.pk, "Сургут", "Борис С."),
        (complained.pk, "Сургут", "Борис С."),
    ]
    assert items[0].title == f"Сообщение: Сообщение № {world.report.pk}"
    assert items[0].flags == []
    assert items[1].flags == ["скрыт после 3 жалоб", "Грубо"]
    assert queue.pending(world.urai_moderator) == []
    assert ("insults", "Оскорбления или нецензурная лексика") in queue.reasons()


def test_approve_publishes_or_restores_and_reject_removes_with_a_note(world, kind):
    waiting, complained = write(world), hidden(world)
    assert queue.approve(world.moderator, waiting.pk) == "Комментарий опубликован."
    assert "жалобы на него сняты" in queue.approve(world.moderator, complained.pk)
    complained.refresh_from_db()
    assert complained.status == "published" and complained.complaint_count == 0
    queue.reject(world.moderator, waiting.pk, "insults", "Без оскорблений, пожалуйста")
    waiting.refresh_from_db()
    assert waiting.status == "removed"
    notice = Notification.objects.filter(user=world.writer).order_by("-pk").first()
    assert "Модератор добавляет: Без оскорблений, пожалуйста" in notice.body_text


def test_the_moderation_page_decides_comments(client, world, kind):
    waiting = write(world, text="Комментарий на проверке")
    client.force_login(world.moderator)
    html = client.get("/moderation/?kind=comments.comment").content.decode()
    assert "Комментарий на проверке" in html
    response = client.post(f"/moderation/comments.comment/{waiting.pk}/approve/")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "published"
    client.force_login(world.urai_moderator)
    assert "Комментарий на проверке" not in client.get("/moderation/").content.decode()
