"""The shared mechanism, through the reports' kind with recording callbacks: a support counts once
(the unique constraint decides, also under concurrency), withdrawal counts down and never below
zero, carried-over supports count once and tell every threshold they jump over, and a failing
callback leaves nothing half-written."""

from dataclasses import dataclass, field, replace
from functools import partial

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from veche.accounts.tests.factories import UserFactory
from veche.reports.models import Report, Support
from veche.reports.services.supports import REPORT_SUPPORTS
from veche.reports.tests.factories import RoutedReportFactory
from veche.supports.kinds import supportable
from veche.supports.services import (
    give_support,
    move_supports,
    tell_thresholds,
    withdraw_support,
)
from veche.testing.concurrency import at_once


@dataclass
class Told:
    given: list = field(default_factory=list)
    withdrawn: list = field(default_factory=list)
    thresholds: list = field(default_factory=list)

    def spec(self, thresholds=(2, 3, 5)):
        return replace(
            REPORT_SUPPORTS,
            thresholds=thresholds,
            on_given=lambda item, user, count: self.given.append((item.pk, user.pk, count)),
            on_withdrawn=lambda item, user, count: self.withdrawn.append((user.pk, count)),
            on_threshold=lambda item, threshold: self.thresholds.append(threshold),
        )


def _count(report) -> int:
    return Report.objects.values_list("support_count", flat=True).get(pk=report.pk)


@pytest.fixture
def report(db):
    return RoutedReportFactory()


def test_the_same_user_twice_counts_once_and_is_told_once(report):
    told, user = Told(), UserFactory()
    spec = told.spec()
    assert give_support(spec, user=user, item=report) == (1, True)
    assert give_support(spec, user=user, item=report) == (1, False)
    assert report.support_count == 1 == _count(report) == Support.objects.count()
    assert told.given == [(report.pk, user.pk, 1)]


def test_the_unique_constraint_decides_not_the_code(report):
    user = UserFactory()
    Support.objects.create(report=report, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(report=report, user=user)


def test_the_item_gets_its_count_and_columns_back_from_the_one_write(report):
    # The caller may have read only what its permission needs.
    item, user = Report.objects.only("id").get(pk=report.pk), UserFactory()
    with CaptureQueriesContext(connection) as queries:
        give_support(Told().spec(), user=user, item=item)
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    # PostgreSQL: the support, the count and the event in one; SQLite: three statements.
    assert len(statements) == (1 if connection.vendor == "postgresql" else 3)
    assert 'INSERT INTO "events_event"' in statements[-1]
    with CaptureQueriesContext(connection) as queries:
        assert (item.status, item.municipality_id) == (report.status, report.municipality_id)
    assert len(queries) == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_the_support_statement_is_planned_once_per_connection(report):
    # Django turns psycopg's prepared statements off unless OPTIONS say otherwise (settings);
    # unprepared, planning this statement cost more than running it.
    spec = REPORT_SUPPORTS
    for user in UserFactory.create_batch(2):
        give_support(spec, user=user, item=report)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('INSERT INTO "reports_support"' in statement for statement in prepared)


def test_withdrawal_counts_down_and_only_what_was_given(report):
    told, stays, leaves = Told(), UserFactory(), UserFactory()
    spec = told.spec()
    give_support(spec, user=stays, item=report)
    give_support(spec, user=leaves, item=report)
    assert withdraw_support(spec, user=leaves, item=report) == (1, True)
    assert withdraw_support(spec, user=leaves, item=report) == (1, False)
    assert told.withdrawn == [(leaves.pk, 1)]
    assert list(Support.objects.values_list("user_id", flat=True)) == [stays.pk]
    assert _count(report) == 1


def test_the_count_never_goes_below_zero(report):
    # A count that went wrong (edited by hand) still cannot turn negative.
    user = UserFactory()
    Support.objects.create(report=report, user=user)
    assert withdraw_support(Told().spec(), user=user, item=report) == (0, True)
    assert _count(report) == 0 and not Support.objects.exists()


def test_a_threshold_is_told_when_reached_not_when_left(report):
    told = Told()
    spec = told.spec(thresholds=(2,))
    first, second = UserFactory.create_batch(2)
    give_support(spec, user=first, item=report)
    assert told.thresholds == []
    give_support(spec, user=second, item=report)
    assert told.thresholds == [2]
    withdraw_support(spec, user=second, item=report)
    assert told.thresholds == [2]


def test_thresholds_may_come_from_a_callable_read_when_asked(report, settings):
    settings.REPORT_SUPPORT_THRESHOLDS = (1,)
    assert REPORT_SUPPORTS.threshold_counts() == [1]
    report.support_count = 7
    assert tell_thresholds(replace(REPORT_SUPPORTS, on_threshold=None), report, before=0) == [1]


def test_a_merge_counts_a_supporter_of_both_once_and_tells_each_threshold_jumped(report):
    told = Told()
    spec = told.spec(thresholds=(2, 3, 5, 10))
    duplicate = RoutedReportFactory(municipality=report.municipality)
    both, only_duplicate, author = UserFactory.create_batch(3)
    for user in (both, only_duplicate):
        give_support(spec, user=user, item=duplicate)
    give_support(spec, user=both, item=report)
    assert told.thresholds == [2]  # the duplicate reached 2
    told.thresholds.clear()

    carried = move_supports(spec, source=duplicate, target=report, also=[author.pk])
    assert carried == 2  # only_duplicate, and the author given as `also`
    assert report.support_count == 3 == _count(report)
    assert told.thresholds == [2, 3]  # 1 → 3 passes both at once
    assert Support.objects.filter(report=duplicate).count() == 2  # the source keeps its rows


def test_a_merge_leaves_out_the_skipped_and_adds_nothing_twice(report):
    told = Told()
    spec = told.spec(thresholds=(1, 2, 3, 4, 5))
    duplicate = RoutedReportFactory(municipality=report.municipality)
    supporters = UserFactory.create_batch(4)
    for user in supporters:
        give_support(spec, user=user, item=duplicate)
    told.thresholds.clear()
    skipped = supporters[0].pk
    assert move_supports(spec, source=duplicate, target=report, skip=[skipped]) == 3
    assert told.thresholds == [1, 2, 3]
    assert move_supports(spec, source=duplicate, target=report, skip=[skipped]) == 0
    assert _count(report) == 3 and told.thresholds == [1, 2, 3]
    assert not Support.objects.filter(report=report, user_id=skipped).exists()


def test_supports_move_to_an_item_of_another_kind_counting_a_supporter_of_both_once(report):
    """A report turned into an idea: the report's kind is `source_spec`, the idea's the target's;
    the idea's own callbacks and thresholds apply."""
    from veche.ideas.models import Idea, IdeaSupport
    from veche.ideas.tests.factories import PublishedIdeaFactory

    told = Told()
    idea_spec = replace(
        supportable(Idea),
        thresholds=(2, 3),
        on_threshold=lambda item, threshold: told.thresholds.append(threshold),
    )
    idea = PublishedIdeaFactory(municipality=report.municipality)
    both, only_report, author = UserFactory.create_batch(3)
    for user in (both, only_report, author):
        give_support(REPORT_SUPPORTS, user=user, item=report)
    give_support(idea_spec, user=both, item=idea)

    carried = move_supports(
        idea_spec, source=report, target=idea, skip=[author.pk], source_spec=REPORT_SUPPORTS
    )
    assert carried == 1  # only_report: `both` is counted once, the skipped author not at all
    assert idea.support_count == 2 == Idea.objects.get(pk=idea.pk).support_count
    assert set(IdeaSupport.objects.filter(idea=idea).values_list("user_id", flat=True)) == {
        both.pk,
        only_report.pk,
    }
    assert told.thresholds == [2]
    assert _count(report) == 3  # the source keeps its rows and count


def test_a_failing_callback_leaves_nothing_half_written(report):
    def broken(item, user, count):
        raise RuntimeError("the event could not be written")

    spec = replace(Told().spec(), on_given=broken)
    with pytest.raises(RuntimeError):
        give_support(spec, user=UserFactory(), item=report)
    assert _count(report) == 0 and not Support.objects.exists()


def test_the_reports_kind_is_registered(report):
    assert supportable(Report) is REPORT_SUPPORTS is supportable(report)
    with pytest.raises(LookupError):
        supportable(Support)


@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_count_each_person_once():
    report = RoutedReportFactory()
    people = UserFactory.create_batch(4)
    attempts = [person for person in people for _ in range(3)]
    outcome = at_once(
        [
            partial(give_support, REPORT_SUPPORTS, user=person, item=Report(pk=report.pk))
            for person in attempts
        ]
    )
    assert outcome.errors == []
    assert [created for _, created in outcome.done].count(True) == len(people)
    assert _count(report) == len(people) == Support.objects.filter(report=report).count()


# --- A kind whose only Python is its thresholds (the reports'): no transaction but the told one


def _quiet(thresholds, told=None):
    """The reports' kind with its own thresholds and no other callback (the real kind's shape)."""
    on_threshold = (lambda item, threshold: told.append(threshold)) if told is not None else None
    return replace(REPORT_SUPPORTS, thresholds=thresholds, on_threshold=on_threshold)


def _in_a_transaction_when_run(monkeypatch) -> list[bool]:
    """Whether each support's statement ran inside a transaction (PostgreSQL's one statement)."""
    from veche.supports import services

    seen, run = [], services.run_prepared

    def watched(statement, params, **kwargs):
        seen.append(connection.in_atomic_block)
        return run(statement, params, **kwargs)

    monkeypatch.setattr(services, "run_prepared", watched)
    return seen


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_support_short_of_a_threshold_is_its_own_statement_without_a_transaction(monkeypatch):
    # BEGIN and COMMIT would triple a support's round trips; only a support that is told needs
    # them (the notice must commit with it). Withdrawal tells nothing either.
    report, told = RoutedReportFactory(), []
    seen = _in_a_transaction_when_run(monkeypatch)
    spec = _quiet((2,), told)
    first, second = UserFactory.create_batch(2)
    assert give_support(spec, user=first, item=Report(pk=report.pk)) == (1, True)
    assert seen == [False] and told == []
    assert give_support(spec, user=second, item=Report(pk=report.pk)) == (2, True)
    # The quiet statement refused to reach the threshold; the support was given again, told.
    assert seen == [False, False, True] and told == [2]
    assert withdraw_support(spec, user=second, item=Report(pk=report.pk)) == (1, True)
    assert seen[-1] is False
    assert _count(report) == 1 == Support.objects.filter(report=report).count()


def test_the_support_that_reaches_a_threshold_commits_with_its_notice(report):
    told, (first, second, third) = [], UserFactory.create_batch(3)
    spec = _quiet((2,), told)
    give_support(spec, user=first, item=report)

    def broken(item, threshold):
        raise RuntimeError("the notice could not be enqueued")

    with pytest.raises(RuntimeError):
        give_support(replace(spec, on_threshold=broken), user=second, item=report)
    assert _count(report) == 1 == Support.objects.count()  # nothing of the second support
    assert give_support(spec, user=second, item=report) == (2, True) and told == [2]
    assert give_support(spec, user=third, item=report) == (3, True) and told == [2]
    assert give_support(spec, user=third, item=report) == (3, False)  # again: nothing, no fall
    assert _count(report) == 3 == Support.objects.count()


@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_tell_each_threshold_once_and_count_exactly(settings):
    # Supports racing across thresholds: each count is reached by one support, and only that
    # one's transaction records the threshold's timeline entry and enqueues its notice.
    from veche.reports.models import TimelineEntry

    settings.REPORT_SUPPORT_THRESHOLDS = (3, 5, 7)
    report = RoutedReportFactory()
    people = UserFactory.create_batch(8)
    attempts = [person for person in people for _ in range(2)]
    outcome = at_once(
        [
            partial(give_support, REPORT_SUPPORTS, user=person, item=Report(pk=report.pk))
            for person in attempts
        ]
    )
    assert outcome.errors == []
    assert [created for _, created in outcome.done].count(True) == len(people)
    assert _count(report) == 8 == Support.objects.filter(report=report).count()
    entries = TimelineEntry.objects.filter(report=report, kind=TimelineEntry.Kind.SUPPORT_THRESHOLD)
    assert sorted(e.params["count"] for e in entries) == [3, 5, 7]
