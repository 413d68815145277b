"""`demo_comments`: plausible published discussions a domain demo adds, idempotent, within the
rules (two levels of replies, no like of one's own comment, counters equal to the rows)."""

from django.db.models import Count

from veche.comments.demo import demo_comments
from veche.comments.models import Comment
from veche.events.models import Event
from veche.reports.tests.factories import RoutedReportFactory

from .conftest import KIND


def test_demo_comments_are_published_within_the_rules_and_idempotent(world, kind):
    reports = [world.report, RoutedReportFactory(municipality=world.urai)]
    people = [world.writer, world.neighbour, world.third, world.fourth, world.author]
    written = demo_comments(KIND, reports, people, per_item=4)
    assert written == Comment.objects.count() >= 2
    assert demo_comments(KIND, reports, people) == 0
    assert set(Comment.objects.values_list("status", flat=True)) == {"published"}
    assert max(Comment.objects.values_list("depth", flat=True)) <= 2
    for comment in Comment.objects.annotate(n=Count("likes")):
        assert comment.like_count == comment.n
        assert not comment.likes.filter(user=comment.author).exists()
        assert comment.municipality_id == (
            world.surgut.pk if comment.target_id == world.report.pk else world.urai.pk
        )
    assert Event.objects.filter(kind="comments.posted").count() == written


def test_an_unregistered_kind_gets_nothing(world):
    assert demo_comments("no.kind", [world.report], [world.writer]) == 0
