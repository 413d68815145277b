"""Reads at a constant number of queries: the thread, the counts for lists, the moderators'
queue scoped by territory."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.comments import selectors, services
from veche.comments.models import Comment
from veche.reports.models import Report
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory

from .conftest import KIND
from .helpers import published, write


def conversation(world, size: int) -> None:
    """`size` top-level comments, each with a reply and a reply to it, all liked."""
    people = [world.neighbour, world.third, world.fourth]
    for n in range(size):
        top = published(world, text=f"Комментарий {n}")
        reply = published(world, author=world.neighbour, parent=top)
        second = published(world, author=world.third, parent=reply)
        for comment in (top, reply, second):
            for user in people:
                if user.pk != comment.author_id:
                    services.comment_like(user=user, comment=comment)
        write(world, author=world.fourth, text=f"Ждёт модерации {n}")


def queries_of_thread(user, world) -> int:
    user = type(user).objects.get(pk=user.pk) if user.is_authenticated else user  # a new request
    with CaptureQueriesContext(connection) as captured:
        thread = selectors.thread_for(user, KIND, world.report.pk)
        names = [name for node in thread.nodes for name in _names(node)]
    assert names  # what the page reads of every comment, replies included
    return len(captured)


def _names(node):
    yield node.comment.author.public_name, node.comment.removal_reason
    for reply in node.replies:
        yield from _names(reply)


@pytest.mark.parametrize("who", ["anonymous", "neighbour", "moderator"])
def test_the_thread_costs_the_same_queries_for_3_and_30_comments(world, kind, who):
    user = AnonymousUser() if who == "anonymous" else getattr(world, who)
    conversation(world, 1)
    small = queries_of_thread(user, world)
    conversation(world, 10)
    assert queries_of_thread(user, world) == small
    assert small <= (1 if who == "anonymous" else 4)


def test_the_thread_marks_the_viewers_likes_and_complaints(world, kind):
    liked, complained = published(world), published(world, author=world.third)
    services.comment_like(user=world.neighbour, comment=liked)
    services.comment_complain(user=world.neighbour, comment=complained)
    nodes = selectors.thread_for(world.neighbour, KIND, world.report.pk).nodes
    assert [(n.liked, n.complained) for n in nodes] == [(True, False), (False, True)]


def test_counts_for_lists_count_published_comments(world, kind):
    other = RoutedReportFactory(municipality=world.surgut)
    published(world)
    published(world)
    write(world)  # waiting: not counted
    published(world, report=other)
    counts = selectors.comment_counts(KIND, [world.report.pk, other.pk, 999])
    assert counts == {world.report.pk: 2, other.pk: 1}
    ranked = Report.objects.annotate(n=selectors.published_count(KIND)).order_by("-n", "pk")
    assert [(r.pk, r.n) for r in ranked] == [(world.report.pk, 2), (other.pk, 1)]


def test_the_queue_holds_waiting_and_hidden_comments_of_the_moderators_territory(world, kind):
    waiting = write(world)
    complained = published(world, text="Спорный комментарий")
    for user, reason in ((world.neighbour, "Оскорбление"), (world.third, ""), (world.fourth, "")):
        services.comment_complain(user=user, comment=complained, reason=reason)
    published(world)  # published: nothing to decide
    urai_report = RoutedReportFactory(municipality=world.urai)
    in_urai = write(world, report=urai_report)

    queue = selectors.pending_for(world.moderator)
    assert [(item.comment.pk, item.reason) for item in queue] == [
        (waiting.pk, "pending"),
        (complained.pk, "complaints"),
    ]
    first = queue[0]
    assert first.kind_label == "Сообщение"
    assert first.target_title == f"Сообщение № {world.report.pk}"
    assert first.target_url == f"/test-item/{world.report.pk}/#comment-{waiting.pk}"
    assert first.author_name == "Борис С." and first.excerpt == waiting.text
    assert queue[1].complaints == ["Оскорбление"]
    assert selectors.pending_count(world.moderator) == 2

    assert [i.comment.pk for i in selectors.pending_for(world.urai_moderator)] == [in_urai.pk]
    assert selectors.pending_count(world.region_moderator) == 3
    admin = RegionWideRoleFactory(role=Role.REGIONAL_ADMIN).user
    assert selectors.pending_count(admin) == 3
    assert selectors.pending_for(world.neighbour) == []


def test_the_queue_costs_the_same_queries_for_1_and_10_comments(world, kind):
    write(world)
    moderator = type(world.moderator).objects.get(pk=world.moderator.pk)
    with CaptureQueriesContext(connection) as few:
        selectors.pending_for(moderator)
    for _n in range(9):
        write(world)
    moderator = type(world.moderator).objects.get(pk=world.moderator.pk)
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.pending_for(moderator)) == 10
    assert len(many) == len(few)


def test_a_comment_of_a_kind_no_longer_registered_is_left_out_of_the_queue(world, kind):
    Comment.objects.create(
        target_kind="gone.kind",
        target_id=1,
        author=world.writer,
        text="Старый",
        municipality=world.surgut,
    )
    assert selectors.pending_for(world.moderator) == []
