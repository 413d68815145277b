"""Participation by filing, supporting, voting and commenting: hand-counted rows through the
modules' selectors into `ParticipationDay`, then the period's figures (services.py, selectors.py).

The fixture, all in January 2026 (Asia/Yekaterinburg, UTC+5), as (people, times):

- poll_voted, Surgut, 12 Jan: the author (2 polls), the neighbour, one anonymised ballot: (3, 4);
  13 Jan: the neighbour at 00:30 local (19:30 UTC on the 12th): (1, 1); Urai, 12 Jan: a Surgut
  poll's voter living in Urai: (1, 1).
- idea_supported, Surgut, 12 Jan: the author, the neighbour (2 ideas): (2, 3).
- contest_voted, Surgut, 12 Jan: the author (2 projects): (1, 2).
- commented, Surgut, 12 Jan: the author twice, the neighbour's hidden one: (2, 3); a pending and
  a removed comment are left out.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.analytics import selectors
from veche.analytics.models import ParticipationDay
from veche.analytics.selectors import Scope
from veche.analytics.services import analytics_refresh
from veche.analytics.views import PARTICIPATION
from veche.budgeting.models import PublicVote, VoteTally
from veche.budgeting.tests.factories import voting_contest
from veche.comments.models import Comment, RemovalReason
from veche.ideas.models import IdeaSupport
from veche.ideas.tests.factories import PublishedIdeaFactory
from veche.polls.models import Ballot
from veche.polls.tests.factories import PollFactory

ZONE = ZoneInfo("Asia/Yekaterinburg")
NOW = datetime(2026, 2, 1, 12, tzinfo=ZONE)
JANUARY = (date(2026, 1, 1), date(2026, 1, 31))


def at(day, hour=10, minute=0):
    return datetime(2026, 1, day, hour, minute, tzinfo=ZONE)


def _ballots(world):
    first, second = PollFactory(municipality=world.surgut), PollFactory(municipality=world.surgut)
    anonymised = UserFactory()
    for poll, voter, moment, place in (
        (first, world.author, at(12), world.surgut),
        (second, world.author, at(12, 15), world.surgut),
        (first, world.neighbour, at(12, 23, 30), world.surgut),
        (first, anonymised, at(12, 11), world.surgut),
        (second, world.neighbour, at(13, 0, 30), world.surgut),  # 19:30 UTC on the 12th
        (second, UserFactory(), at(12), world.urai),  # a voter of Urai: counted in Urai
    ):
        Ballot.objects.create(poll=poll, voter=voter, cast_at=moment, municipality=place)
    Ballot.objects.filter(voter=anonymised).update(voter=None)  # his account was deleted


def _supports(world):
    one, two = (PublishedIdeaFactory(municipality=world.surgut) for _ in range(2))
    for idea, user in ((one, world.author), (one, world.neighbour), (two, world.neighbour)):
        support = IdeaSupport.objects.create(idea=idea, user=user)
        IdeaSupport.objects.filter(pk=support.pk).update(created_at=at(12))


def _contest_votes(world):
    _contest, applications = voting_contest(projects=(100, 200))
    tallies = VoteTally.objects.filter(application__in=applications)
    tallies.update(municipality=world.surgut)
    for tally in tallies:
        vote = PublicVote.objects.create(tally=tally, user=world.author)
        PublicVote.objects.filter(pk=vote.pk).update(created_at=at(12))


def _comments(world):
    S = Comment.Status
    reason = RemovalReason.objects.create(code="spam", text="Реклама")
    for author, status in (
        (world.author, S.PUBLISHED),
        (world.author, S.PUBLISHED),
        (world.neighbour, S.HIDDEN),
        (world.neighbour, S.PENDING),
        (UserFactory(), S.REMOVED),
    ):
        comment = Comment.objects.create(
            target_kind="ideas.idea", target_id=1, author=author, text="Поддерживаю.",
            municipality=world.surgut, status=status,
            removal_reason=reason if status == S.REMOVED else None,
        )  # fmt: skip
        Comment.objects.filter(pk=comment.pk).update(created_at=at(12))


def _world(world):
    _ballots(world)
    _supports(world)
    _contest_votes(world)
    _comments(world)
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 1, 31), now=NOW)


def rows():
    return {
        (r.day.day, r.municipality_id, r.kind): (r.people, r.actions)
        for r in ParticipationDay.objects.all()
    }


def test_each_module_counts_distinct_people_and_their_acts_per_local_day(world):
    _world(world)
    s, u = world.surgut.pk, world.urai.pk
    assert rows() == {
        (12, s, "poll_voted"): (3, 4),
        (13, s, "poll_voted"): (1, 1),
        (12, u, "poll_voted"): (1, 1),
        (12, s, "idea_supported"): (2, 3),
        (12, s, "contest_voted"): (1, 2),
        (12, s, "commented"): (2, 3),
    }


def test_the_period_sums_the_days_and_the_territory_filters(world):
    _world(world)
    region = selectors.participation(Scope(), *JANUARY)
    assert region["poll_voted"] == (5, 6)
    surgut = selectors.participation(Scope(municipality_id=world.surgut.pk), *JANUARY)
    assert surgut == {
        "poll_voted": (4, 5),
        "idea_supported": (2, 3),
        "contest_voted": (1, 2),
        "commented": (2, 3),
    }
    assert selectors.participation(Scope(), date(2026, 1, 13), date(2026, 1, 13)) == {
        "poll_voted": (1, 1)
    }


def test_a_second_refresh_gives_the_same_rows(world):
    _world(world)
    before = rows()
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 1, 31), now=NOW)
    assert rows() == before


def test_the_public_dashboard_shows_participation_by_module(world, client):
    _world(world)
    answer = client.get(
        reverse("analytics:public"),
        {"first": "2026-01-01", "last": "2026-01-31", "municipality": world.surgut.pk},
    )
    table = answer.context["tables"]["participation"]["rows"]
    rows = {kind: row[1:3] for kind, row in zip(PARTICIPATION, table, strict=True)}
    assert rows == {
        "filed": (0, 0),
        "supported": (0, 0),
        "idea_supported": (2, 3),
        "poll_voted": (4, 5),
        "contest_voted": (1, 2),
        "commented": (2, 3),
    }
    assert "проголосовали в опросе" in answer.content.decode()
