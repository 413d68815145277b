"""A resident's comments, likes and complaints are in his export; when he deletes his account
the public discussion keeps his published comments (as «Удалённый пользователь»), what never
became public goes, and the words of his complaints and removed comments are blanked."""

import json

from veche.accounts.privacy import deletion_hooks, export_sections
from veche.accounts.services import account_delete
from veche.accounts.tests.factories import DEMO_PASSWORD
from veche.comments import services
from veche.comments.models import Comment, CommentComplaint
from veche.comments.selectors import thread_for

from .conftest import KIND
from .helpers import published, write


def test_export_holds_comments_likes_and_complaints(world, kind):
    mine = published(world, author=world.neighbour, text="Мой комментарий")
    other = published(world)
    services.comment_like(user=world.neighbour, comment=other)
    services.comment_complain(user=world.neighbour, comment=other, reason="Грубо")
    section = export_sections()["comments"](world.neighbour)
    json.dumps(section)
    assert [(c["id"], c["text"], c["status"]) for c in section["comments"]] == [
        (mine.pk, "Мой комментарий", "published")
    ]
    assert section["liked_comments"] == [other.pk]
    assert [(c["comment"], c["reason"]) for c in section["complaints"]] == [(other.pk, "Грубо")]


def test_deletion_keeps_the_public_record_and_erases_the_rest(world, kind):
    public = published(world, author=world.neighbour, text="Публичный")
    reply = published(world, parent=public)
    waiting = write(world, author=world.neighbour, text="Не опубликован")
    removed = published(world, author=world.neighbour, text="Удалённый")
    services.comment_remove(moderator=world.moderator, comment=removed, reason=world.reason)
    services.comment_complain(user=world.neighbour, comment=reply, reason="Личное мнение")

    account_delete(user=world.neighbour, password=DEMO_PASSWORD)

    assert not Comment.objects.filter(pk=waiting.pk).exists()
    public.refresh_from_db()
    removed.refresh_from_db()
    assert public.text == "Публичный" and removed.text == ""
    assert CommentComplaint.objects.get(comment=reply).reason == ""
    node = thread_for(world.third, KIND, world.report.pk).nodes[0]
    assert node.comment.author.public_name == "Удалённый пользователь"
    assert [r.comment.pk for r in node.replies] == [reply.pk]


def test_the_hook_is_registered():
    assert "comments" in deletion_hooks()
