"""Who hears of a comment: the item's author and the author of the comment replied to, once it
is public, never of his own; the writer on approval and on removal."""

from veche.comments import services
from veche.notifications.models import Notification

from .helpers import write


def titles(user) -> list[str]:
    return [n.title_text for n in Notification.objects.filter(user=user).order_by("pk")]


def test_under_pre_moderation_nobody_hears_of_a_comment_before_approval(world, kind):
    comment = write(world)
    assert Notification.objects.count() == 0
    services.comment_approve(moderator=world.moderator, comment=comment)
    report = f"Сообщение № {world.report.pk}"
    assert titles(world.author) == [f"Новый комментарий: {report}"]
    assert titles(world.writer) == [f"Ваш комментарий опубликован: {report}"]
    assert titles(world.moderator) == []
    notice = Notification.objects.get(user=world.author)
    assert notice.link == f"/test-item/{world.report.pk}/#comment-{comment.pk}"
    assert "Борис С. пишет:" in notice.body_text


def test_a_reply_tells_the_author_of_the_comment_replied_to_and_of_the_item(world, post_moderated):
    top = write(world)  # the writer comments the author's report
    Notification.objects.all().delete()
    write(world, author=world.neighbour, parent=top)
    report = f"Сообщение № {world.report.pk}"
    assert titles(world.writer) == [f"Ответ на ваш комментарий: {report}"]
    assert titles(world.author) == [f"Новый комментарий: {report}"]
    assert titles(world.neighbour) == []


def test_nobody_is_told_of_his_own_comment_and_the_reply_wins_over_the_new_comment(
    world, post_moderated
):
    top = write(world, author=world.author)  # the report's author comments himself
    assert titles(world.author) == []
    write(world, author=world.neighbour, parent=top)
    assert titles(world.author) == [f"Ответ на ваш комментарий: Сообщение № {world.report.pk}"]
    write(world, author=world.author, parent=top)  # he answers in his own thread
    assert len(titles(world.author)) == 1


def test_removal_tells_the_writer_the_reason(world, post_moderated):
    comment = write(world)
    services.comment_remove(moderator=world.moderator, comment=comment, reason=world.reason)
    notice = Notification.objects.get(user=world.writer)
    assert notice.title_text.startswith("Ваш комментарий удалён модератором")
    assert "Причина: Оскорбления или нецензурная лексика" in notice.body_text


def test_a_moderator_deciding_his_own_comment_is_not_told(world, kind):
    comment = write(world, author=world.moderator)
    services.comment_remove(moderator=world.moderator, comment=comment, reason=world.reason)
    assert titles(world.moderator) == []
