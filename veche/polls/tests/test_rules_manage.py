"""`polls.view_poll`, `polls.manage_poll`, `polls.view_results` and `polls.publish_results`:
drafts are seen only by their organizers; results only when the visibility rule allows."""

import datetime

import pytest
from django.utils import timezone

from veche.polls.models import ResultsVisibility
from veche.polls.tests.factories import DraftPollFactory, PollFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "territory", "manages"),
    [
        ("mayor_office", "surgut", True),
        ("urai_mayor_office", "surgut", False),
        ("regional_admin", "surgut", True),
        ("regional_admin", None, True),
        ("mayor_office", None, False),
        ("moderator", "surgut", False),
        ("surgut_resident", "surgut", False),
    ],
)
def test_drafts_are_seen_and_managed_by_their_organizers_only(world, who, territory, manages):
    draft = DraftPollFactory(municipality=getattr(world, territory) if territory else None)
    user = getattr(world, who)
    assert user.has_perm("polls.manage_poll", draft) is manages
    assert user.has_perm("polls.view_poll", draft) is manages
    assert user.has_perm("polls.view_poll", PollFactory())


def _poll(visibility, *, closed=False, published_results=False):
    now = timezone.now()
    return PollFactory(
        results_visibility=visibility,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=-1 if closed else 5),
        results_published_at=now if published_results else None,
    )


@pytest.mark.parametrize(
    ("visibility", "closed", "published_results", "visible"),
    [
        (ResultsVisibility.LIVE, False, False, True),
        (ResultsVisibility.AFTER_CLOSING, False, False, False),
        (ResultsVisibility.AFTER_CLOSING, True, False, True),
        (ResultsVisibility.ON_PUBLICATION, True, False, False),
        (ResultsVisibility.ON_PUBLICATION, True, True, True),
    ],
)
def test_results_stay_hidden_until_the_visibility_rule_allows(
    world, visibility, closed, published_results, visible
):
    poll = _poll(visibility, closed=closed, published_results=published_results)
    poll.municipality = world.surgut
    assert world.surgut_resident.has_perm("polls.view_results", poll) is visible
    # The organizers see them all along.
    assert world.mayor_office.has_perm("polls.view_results", poll)


def test_live_results_of_an_upcoming_poll_are_hidden(world):
    now = timezone.now()
    poll = PollFactory(
        results_visibility=ResultsVisibility.LIVE,
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=3),
    )
    assert not world.surgut_resident.has_perm("polls.view_results", poll)


def test_results_are_published_once_and_only_when_they_wait_for_it(world):
    waiting = _poll(ResultsVisibility.ON_PUBLICATION)
    waiting.municipality = world.surgut
    assert world.mayor_office.has_perm("polls.publish_results", waiting)
    assert not world.surgut_resident.has_perm("polls.publish_results", waiting)
    waiting.results_published_at = timezone.now()
    assert not world.mayor_office.has_perm("polls.publish_results", waiting)
    live = _poll(ResultsVisibility.LIVE)
    live.municipality = world.surgut
    assert not world.mayor_office.has_perm("polls.publish_results", live)
