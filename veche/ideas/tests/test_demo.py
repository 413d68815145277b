"""The demo: ideas in every municipality and every status, with photos, supports, progress, a
few reports turned into ideas and comments on the ideas open to them; seeding again creates
nothing."""

import pytest
from django.core.management import call_command

from veche.comments.models import Comment
from veche.ideas.discussion import COMMENTABLE, KIND
from veche.ideas.models import Idea, IdeaPhoto, IdeaProgress, IdeaSupport, IdeaTimelineEntry, Status
from veche.territory.models import Municipality


def counts() -> tuple:
    models = (Idea, IdeaPhoto, IdeaProgress, IdeaSupport, IdeaTimelineEntry, Comment)
    return tuple(model.objects.count() for model in models)


@pytest.mark.django_db
def test_the_demo_ideas_are_alive_and_seeded_once():
    call_command("seed_demo", stdout=None)
    demo = Idea.objects.filter(client_token__startswith="demo-idea-")
    assert demo.count() >= 60
    assert demo.values("municipality").distinct().count() == Municipality.objects.count()
    assert set(Idea.objects.values_list("status", flat=True)) == set(Status.values)
    assert not demo.filter(photos__isnull=True).exists()
    assert IdeaProgress.objects.filter(photos__isnull=False).exists()
    assert Idea.objects.filter(from_report__isnull=False).count() >= 1
    for idea in Idea.objects.exclude(status=Status.SUBMITTED):
        assert idea.support_count == idea.supports.count()
    discussed = set(Comment.objects.filter(target_kind=KIND).values_list("target_id", flat=True))
    assert discussed == set(
        Idea.objects.filter(status__in=COMMENTABLE).values_list("pk", flat=True)
    )
    before = counts()
    call_command("seed_demo", stdout=None)
    assert counts() == before
