"""The demo: drafts in every period with hundreds of comments and ratings whose counters agree
with the rows, a second version, reports published; seeding again creates nothing."""

import pytest
from django.db.models import Count

from veche.comments.models import Comment
from veche.discussions import demo
from veche.discussions.models import Draft, DraftComment, Phase, Rating


@pytest.mark.django_db
def test_the_demo_discussions_look_in_use_and_are_seeded_once():
    from veche.agencies import demo as agencies_demo
    from veche.staff import demo as staff_demo
    from veche.territory import demo as territory_demo

    territory_demo.seed()
    agencies_demo.seed()
    staff_demo.seed()
    assert demo.seed() == len(demo.DRAFTS)
    assert {d.phase for d in Draft.objects.all()} == {Phase.OPEN, Phase.UPCOMING, Phase.CLOSED}
    assert Comment.objects.filter(target_kind__startswith="discussions.").count() >= 600
    assert Rating.objects.count() >= 1500
    for draft in Draft.objects.annotate(n=Count("ratings")):
        assert draft.rating_count == draft.n
    reported = Draft.objects.filter(report_published_at__isnull=False)
    assert reported.count() == 2
    assert not DraftComment.objects.filter(
        draft__in=reported, is_proposal=True, outcome=""
    ).exists()
    assert Draft.objects.filter(current_version=2).count() == 1
    before = (Draft.objects.count(), Comment.objects.count())
    assert demo.seed() == 0
    assert (Draft.objects.count(), Comment.objects.count()) == before
