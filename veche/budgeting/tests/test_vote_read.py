"""A vote reads its project, contest, terms and stages in one statement and gets the values the
ORM would give (decimals, aware moments, booleans — on SQLite too)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from veche.budgeting.models import Application, ContestStage, VotingTerms
from veche.budgeting.rules import terms_of
from veche.budgeting.selectors_voting import application_for_vote
from veche.budgeting.tests.factories import voting_contest

pytestmark = pytest.mark.django_db

TERMS = [f.attname for f in VotingTerms._meta.concrete_fields]
STAGE = ("pk", "kind", "position", "starts_at", "ends_at")


def test_one_statement_gives_what_the_orm_gives():
    contest, (_first, project, _third) = voting_contest(max_choices=2, verified_only=True)
    with CaptureQueriesContext(connection) as queries:
        read = application_for_vote(project.pk)
        terms, stages = read.contest.voting_terms, read.contest.ordered_stages()
        rule_checked = read.contest.stage_of_kind("public_voting")
    assert len(queries) == 1
    stored = Application.objects.select_related("contest").get(pk=project.pk)
    assert (read.pk, read.title, read.cost, read.contest_id) == (
        stored.pk,
        stored.title,
        stored.cost,
        stored.contest_id,
    )
    assert (read.contest.budget, read.contest.status, read.contest.municipality_id) == (
        stored.contest.budget,
        stored.contest.status,
        stored.contest.municipality_id,
    )
    expected = VotingTerms.objects.get(contest=contest)
    assert [getattr(terms, n) for n in TERMS] == [getattr(expected, n) for n in TERMS]
    assert terms.verified_only is True and terms.max_choices == 2
    ordered = ContestStage.objects.filter(contest=contest).order_by("position")
    assert [tuple(getattr(s, n) for n in STAGE) for s in stages] == [
        tuple(getattr(s, n) for n in STAGE) for s in ordered
    ]
    assert rule_checked is not None and rule_checked.starts_at.tzinfo is not None


def test_a_contest_without_terms_reads_none_and_an_unknown_project_raises():
    contest, (project, *_rest) = voting_contest()
    VotingTerms.objects.filter(contest=contest).delete()
    assert terms_of(application_for_vote(project.pk)) is None
    with pytest.raises(Application.DoesNotExist):
        application_for_vote(10**9)
