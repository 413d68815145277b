"""Ideas are discussed with the shared comments: pre-moderated, open while the idea is published,
under consideration, taken or implemented, closed otherwise with a message; the thread on the
idea's page and in the API; the idea's author hears of new comments; the list counts published
comments on its cards and orders by them."""

import pytest
from django.core.exceptions import PermissionDenied

from veche.comments.kinds import Target, get_kind
from veche.comments.models import Comment
from veche.ideas.discussion import KIND
from veche.ideas.models import Idea, Status
from veche.ideas.tests.factories import IdeaFactory, PublishedIdeaFactory, comment_on, idea_in
from veche.notifications.models import Notification

pytestmark = pytest.mark.django_db

OPEN = [Status.PUBLISHED, Status.UNDER_CONSIDERATION, Status.TAKEN, Status.IMPLEMENTED]


def test_ideas_are_a_pre_moderated_commentable_kind(world):
    idea = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    kind = get_kind(KIND)
    assert kind.model is Idea and kind.moderation == "pre"
    assert kind.author_of(idea) == world.author
    assert kind.url_of(idea) == f"/ideas/{idea.pk}/"
    assert kind.title_of(idea) == idea.title
    assert kind.territory_of(idea) == world.surgut.pk


@pytest.mark.parametrize("status", OPEN)
def test_open_ideas_take_comments_awaiting_moderation(world, status):
    idea = idea_in(status, municipality=world.surgut)
    comment = comment_on(idea, author=world.neighbour)
    assert comment.status == Comment.Status.PENDING
    assert comment.municipality_id == world.surgut.pk


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Status.DECLINED, "Идея отклонена: её обсуждение закрыто."),
        (Status.MERGED, "Эта идея объединена с другой: обсуждайте её там."),
    ],
)
def test_closed_ideas_refuse_comments_with_a_message(world, status, words):
    idea = idea_in(status, municipality=world.surgut)
    with pytest.raises(PermissionDenied, match=words):
        comment_on(idea, author=world.neighbour)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED])
def test_an_unpublished_idea_takes_no_comments(world, status):
    idea = idea_in(status, municipality=world.surgut, author=world.author)
    with pytest.raises(PermissionDenied, match="Комментарии открываются после публикации"):
        comment_on(idea, author=world.author)
    with pytest.raises(PermissionDenied, match="недоступен"):
        comment_on(idea, author=world.neighbour)  # he does not even see it
    assert not Comment.objects.exists()


def test_only_residents_with_a_confirmed_email_comment(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    target = Target(get_kind(KIND), idea)
    assert world.neighbour.has_perm("comments.post_comment", target)
    assert not world.unconfirmed.has_perm("comments.post_comment", target)
    with pytest.raises(PermissionDenied, match="Подтвердите e-mail"):
        comment_on(idea, author=world.unconfirmed)


def test_moderators_of_the_ideas_municipality_decide_its_comments(world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    comment = comment_on(idea, author=world.neighbour)
    assert world.moderator.has_perm("comments.moderate_comment", comment)
    assert not world.urai_moderator.has_perm("comments.moderate_comment", comment)


def test_the_ideas_author_hears_of_an_approved_comment_and_the_writer_of_a_reply(world):
    idea = PublishedIdeaFactory(municipality=world.surgut, author=world.author)
    top = comment_on(idea, author=world.neighbour, moderator=world.moderator)
    reply = comment_on(idea, author=world.official, parent=top, moderator=world.moderator)
    to_author = Notification.objects.filter(user=world.author, kind="comments.new_comment")
    assert sorted(n.link for n in to_author) == [
        f"/ideas/{idea.pk}/#comment-{top.pk}",
        f"/ideas/{idea.pk}/#comment-{reply.pk}",
    ]
    assert to_author.first().title_text == f"Новый комментарий: {idea.title}"
    reply_notice = Notification.objects.get(user=world.neighbour, kind="comments.reply")
    assert reply_notice.link == f"/ideas/{idea.pk}/#comment-{reply.pk}"


def test_the_idea_page_shows_the_thread_and_its_form(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    shown = comment_on(
        idea, author=world.neighbour, text="Хорошая идея.", moderator=world.moderator
    )
    comment_on(idea, author=world.author, text="Жду модератора.")
    page = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert f'id="comment-{shown.pk}"' in page and "Хорошая идея." in page
    assert "Жду модератора." not in page
    client.force_login(world.neighbour)
    page = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert f'action="/comments/on/{KIND}/{idea.pk}/"' in page


def test_a_comment_written_without_javascript_comes_back_to_the_idea(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    client.force_login(world.neighbour)
    response = client.post(
        f"/comments/on/{KIND}/{idea.pk}/",
        {"text": "Поддерживаю, нужен сквер.", "next": f"/ideas/{idea.pk}/"},
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ideas/{idea.pk}/#comment-{comment.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Ожидает модерации: другие его пока не видят." in page
    assert f'id="comment-{comment.pk}"' in page and "Поддерживаю, нужен сквер." in page


def test_a_declined_idea_shows_its_thread_and_why_it_is_closed(client, world):
    idea = idea_in(Status.DECLINED, municipality=world.surgut)
    client.force_login(world.neighbour)
    page = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Идея отклонена: её обсуждение закрыто." in page
    assert f'action="/comments/on/{KIND}/{idea.pk}/"' not in page


def test_an_unpublished_idea_shows_no_thread(client, world):
    idea = IdeaFactory(municipality=world.surgut, author=world.author)
    client.force_login(world.author)
    assert 'id="comments"' not in client.get(f"/ideas/{idea.pk}/").content.decode()


def test_the_list_cards_count_published_comments(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    comment_on(idea, author=world.neighbour, moderator=world.moderator)
    comment_on(idea, author=world.author, moderator=world.moderator)
    comment_on(idea, author=world.official)  # awaiting moderation
    page = client.get("/ideas/").content.decode()
    assert "2 комментария" in page


def test_the_api_reads_and_writes_an_ideas_comments(client, world):
    idea = PublishedIdeaFactory(municipality=world.surgut)
    comment_on(idea, author=world.author, moderator=world.moderator)
    body = client.get(f"/api/v1/ideas/{idea.pk}/comments").json()
    assert body["count"] == 1 and body["can_post"] is False
    assert client.get(f"/api/v1/ideas/{idea.pk}").json()["comment_count"] == 1
    client.force_login(world.neighbour)
    response = client.post(
        f"/api/v1/ideas/{idea.pk}/comments",
        {"text": "Согласен."},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "pending"


def test_the_api_refuses_a_comment_on_a_declined_idea_in_russian(client, world):
    idea = idea_in(Status.DECLINED, municipality=world.surgut)
    client.force_login(world.neighbour)
    response = client.post(
        f"/api/v1/ideas/{idea.pk}/comments",
        {"text": "Согласен."},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Идея отклонена: её обсуждение закрыто."
    assert not Comment.objects.exists()


def test_the_api_hides_an_unpublished_ideas_thread(client, world):
    idea = IdeaFactory(municipality=world.surgut)
    assert client.get(f"/api/v1/ideas/{idea.pk}/comments").status_code == 404
