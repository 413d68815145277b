"""SPEC §13's definitions on hand-counted rows (veche/analytics/definitions.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from veche.analytics import definitions as d

ZONE = ZoneInfo("Asia/Yekaterinburg")
NOW = datetime(2026, 2, 1, 12, tzinfo=ZONE)


def at(y, m, day, hour=10):
    return datetime(y, m, day, hour, tzinfo=ZONE)


def row(
    status="answered",
    *,
    routed=None,
    due=None,
    answered=None,
    final_at=None,
    kind="resolved",
    verdict="",
    rating=None,
    topic=1,
):
    routed = routed or at(2026, 1, 12)
    return {
        "pk": 0,
        "municipality_id": 1,
        "agency_id": 1,
        "topic_id": topic,
        "category_id": 1,
        "status": status,
        "lat": 61.25,
        "lon": 73.4,
        "created_at": routed,
        "routed_at": None if status in ("submitted", "rejected") else routed,
        "due_at": due,
        "answered_at": answered,
        "final_kind": kind if answered else None,
        "final_at": final_at or answered,
        "final_verdict": verdict,
        "final_rating": rating,
    }


def test_accepted_excludes_unmoderated_rejected_duplicates_and_ideas():
    rows = [row(s) for s in ("submitted", "rejected", "duplicate", "idea")]
    rows += [row(s) for s in ("routed", "declined", "in_progress", "answered", "closed")]
    assert [d.is_accepted(r) for r in rows] == [False] * 4 + [True] * 5


def test_share_resolved_counts_accepted_reports_whose_final_answer_is_resolved():
    rows = [
        row("answered", answered=at(2026, 1, 13)),  # resolved
        row("closed", answered=at(2026, 1, 13), verdict="confirmed"),  # resolved, confirmed
        row("answered", answered=at(2026, 1, 13), kind="scheduled"),  # answered, not resolved
        row("in_progress", answered=at(2026, 1, 13)),  # disputed: sent back, not counted
        row("routed"),  # waiting
        row("duplicate", answered=at(2026, 1, 13)),  # its original's answer: not accepted
        row("rejected"),
    ]
    accepted = sum(map(d.is_accepted, rows))
    resolved = sum(map(d.is_resolved, rows))
    confirmed = sum(map(d.is_confirmed, rows))
    assert (accepted, resolved, confirmed) == (5, 2, 1)
    assert d.share(resolved, accepted) == pytest.approx(0.4)
    assert d.share(confirmed, accepted) == pytest.approx(0.2)


def test_answer_days_across_the_new_year_holidays(calendar):
    # 31.12.2025 and 1–11.01.2026 are days off; 29 and 30.12 and 12.01 are working days.
    rows = [
        row(routed=at(2025, 12, 29), answered=at(2026, 1, 12), final_at=at(2026, 1, 16)),  # 2, 6
        row(routed=at(2025, 12, 30), answered=at(2026, 1, 14)),  # 12, 13, 14 → 3
        row(routed=at(2025, 12, 26), answered=at(2026, 1, 13)),  # 29, 30, 12, 13 → 4
        row(routed=at(2025, 12, 30), answered=at(2026, 1, 20)),  # 12–16, 19, 20 → 7
        row("routed", routed=at(2025, 12, 30)),  # not answered: not counted
    ]
    first = d.histogram(map(d.first_answer_days, rows))
    final = d.histogram(map(d.final_answer_days, rows))
    assert sorted(first.elements()) == [2, 3, 4, 7]
    assert (d.median_of(first), d.mean_of(first)) == (3.5, 4.0)
    assert sorted(final.elements()) == [3, 4, 6, 7]
    assert (d.median_of(final), d.mean_of(final)) == (5.0, 5.0)


def test_histograms_merge_exactly_like_the_rows_they_came_from():
    merged = d.merge([{"2": 1, "3": 1}, {4: 1, 7: 1}])
    assert d.median_of(merged) == 3.5


def test_overdue_and_timely():
    due = at(2026, 1, 20)
    rows = [
        row(due=due, answered=at(2026, 1, 19)),  # in time
        row(due=due, answered=at(2026, 1, 21)),  # late
        row("routed", due=due),  # past due, unanswered
        row("routed", due=at(2026, 2, 10)),  # not yet due
        row("rejected", due=due),
    ]
    assert [d.is_overdue(r, NOW) for r in rows] == [False, True, True, False, False]
    assert sum(d.is_timely(r) for r in rows) == 1
    assert sum(d.is_due(r, NOW) for r in rows) == 3


def test_satisfaction_is_the_share_of_ratings_4_and_5_and_the_mean():
    ratings = d.histogram(
        d.rating(r)
        for r in [
            row(rating=5),
            row(rating=4),
            row(rating=2),
            row(rating=None),
            row("duplicate", rating=1),
        ]
    )
    good, mean = d.satisfaction(ratings)
    assert good == pytest.approx(2 / 3)
    assert mean == pytest.approx(11 / 3)


def test_an_empty_period_has_no_shares_and_no_medians():
    assert d.share(0, 0) is None
    assert d.median_of({}) is None and d.mean_of({}) is None
    assert d.satisfaction({}) == (None, None)
    assert d.change(5, 0) is None


def test_top_topics_with_their_shares():
    top = d.top_topics({1: 17, 2: 9, 3: 9, 4: 65}, limit=3)
    assert top == [(4, 65, 0.65), (1, 17, 0.17), (2, 9, 0.09)]


def test_trends_by_week_and_month():
    by_day = {date(2025, 12, 29): 1, date(2026, 1, 4): 2, date(2026, 1, 5): 4}
    assert d.trend(by_day) == [(date(2025, 12, 29), 3), (date(2026, 1, 5), 4)]
    assert d.trend(by_day, key=d.month_of) == [(date(2025, 12, 1), 1), (date(2026, 1, 1), 6)]


def test_the_change_over_the_last_seven_days():
    last, before = d.last_two_weeks(date(2026, 1, 14))
    assert last == (date(2026, 1, 8), date(2026, 1, 14))
    assert before == (date(2026, 1, 1), date(2026, 1, 7))
    assert d.change(150, 100) == pytest.approx(0.5)


def test_seed_004_votes_are_a_sum_of_counters():
    assert d.votes_total({"ideas": 114_570, "polls": 50_148}) == 164_718


def test_the_median_of_a_histogram_is_the_median_of_its_values():
    """Every multiset of up to 4 values from 0..4 (the median walks the histogram, never
    expanding it)."""
    import itertools
    import statistics
    from collections import Counter

    from veche.analytics.definitions import median_of

    for size in range(1, 5):
        for values in itertools.combinations_with_replacement(range(5), size):
            histogram = {str(k): n for k, n in Counter(values).items()}
            assert median_of(histogram) == statistics.median(values), values
    assert median_of({}) is None and median_of({"3": 0}) is None
