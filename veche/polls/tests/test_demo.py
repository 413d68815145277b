"""The demo: polls in every period with many ballots whose counters agree with the rows, a
satisfaction survey with its figures, results published; seeding again creates nothing."""

import pytest

from veche.polls import demo, selectors
from veche.polls.models import Ballot, Phase, Poll


@pytest.mark.django_db
def test_the_demo_polls_look_in_use_and_are_seeded_once():
    from veche.agencies import demo as agencies_demo
    from veche.staff import demo as staff_demo
    from veche.territory import demo as territory_demo

    territory_demo.seed()
    agencies_demo.seed()
    staff_demo.seed()
    assert demo.seed() == len(demo.POLLS)
    phases = {poll.phase for poll in Poll.objects.all()}
    assert phases == {Phase.OPEN, Phase.UPCOMING, Phase.CLOSED}
    assert Ballot.objects.count() > 500
    for poll in Poll.objects.all():
        assert selectors.counter_mismatches(poll) == []
    figures = selectors.satisfaction_figures()
    assert {f.measure for f in figures} == {"satisfaction", "loyalty"}
    assert all(0 < f.share < 1 for f in figures)
    assert Poll.objects.filter(results_published_at__isnull=False).count() == 1
    before = (Poll.objects.count(), Ballot.objects.count())
    assert demo.seed() == 0
    assert (Poll.objects.count(), Ballot.objects.count()) == before
