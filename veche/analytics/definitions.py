"""SPEC §13's figures as code: every definition the dashboards and ratings state on the page.

Each function takes plain report rows (dicts of `reports.selectors.ANALYTICS_COLUMNS`) or plain
counts, so the tests count them by hand. A share is `None` when its denominator is zero: the page
says «нет данных», never divides by zero.

- **accepted** — published and routed to an agency: routed, not awaiting moderation, not
  rejected, not a duplicate, not turned into an idea;
- **resolved** — accepted, and the current (final) answer says «resolved» while the report stands
  answered or closed (a disputed answer sent it back); **confirmed** — resolved and the author
  confirmed it (citizen control);
- **answer time** — working days (`workdays` calendar) from routing to the first answer, and to
  the final one, over the accepted reports answered; median and mean;
- **overdue** — accepted and answered after its deadline, or still unanswered past it;
  **timely** — answered by the deadline, out of the accepted reports whose deadline has passed or
  which are answered;
- **satisfaction** — the share of the authors' ratings of the final answer that are 4 or 5, and
  the mean rating;
- **top topics** — a topic's share of the accepted reports.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from veche.reports.selectors import ACCEPTED_EXCLUDED, ANSWERED_STATUSES
from veche.workdays.calendar import count_working_days

GOOD_RATINGS = (4, 5)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def is_accepted(row: Mapping) -> bool:
    return row["routed_at"] is not None and row["status"] not in ACCEPTED_EXCLUDED


def is_resolved(row: Mapping) -> bool:
    return (
        is_accepted(row) and row["status"] in ANSWERED_STATUSES and row["final_kind"] == "resolved"
    )


def is_confirmed(row: Mapping) -> bool:
    return is_resolved(row) and row["final_verdict"] == "confirmed"


def is_overdue(row: Mapping, now: datetime) -> bool:
    due = row["due_at"]
    if not is_accepted(row) or due is None:
        return False
    answered = row["answered_at"]
    return answered > due if answered else due < now


def is_due(row: Mapping, now: datetime) -> bool:
    """Counts towards timeliness: answered, or its deadline has passed."""
    return (
        is_accepted(row)
        and row["due_at"] is not None
        and (row["answered_at"] is not None or row["due_at"] < now)
    )


def is_timely(row: Mapping) -> bool:
    return (
        is_accepted(row)
        and row["due_at"] is not None
        and row["answered_at"] is not None
        and row["answered_at"] <= row["due_at"]
    )


def first_answer_days(row: Mapping) -> int | None:
    if not is_accepted(row) or row["answered_at"] is None:
        return None
    return count_working_days(row["routed_at"], row["answered_at"])


def final_answer_days(row: Mapping) -> int | None:
    if not is_accepted(row) or row["final_at"] is None:
        return None
    return count_working_days(row["routed_at"], row["final_at"])


def rating(row: Mapping) -> int | None:
    return row["final_rating"] if is_accepted(row) else None


# --- Distributions kept as histograms (days → how many), so daily aggregates merge exactly.


def histogram(values: Iterable[int | None]) -> Counter:
    return Counter(v for v in values if v is not None)


def merge(histograms: Iterable[Mapping]) -> Counter:
    total: Counter = Counter()
    for h in histograms:
        total.update({int(k): v for k, v in h.items()})
    return total


def median_of(hist: Mapping) -> float | None:
    """The median of a histogram value → how many, walking the sorted values (never expanding
    them: a region's decade is a million answers)."""
    size = sum(hist.values())
    if not size:
        return None
    middle = ((size - 1) // 2, size // 2)  # the 0-based positions averaged
    found, seen = [], 0
    for value, n in sorted((int(k), n) for k, n in hist.items() if n):
        found += [value for position in middle if seen <= position < seen + n]
        seen += n
    return found[0] if found[0] == found[1] else (found[0] + found[1]) / 2


def mean_of(hist: Mapping) -> float | None:
    n = sum(hist.values())
    return sum(int(k) * v for k, v in hist.items()) / n if n else None


# --- Satisfaction and the votes of every module.


def satisfaction(ratings: Mapping) -> tuple[float | None, float | None]:
    """(share of ratings 4–5, mean rating) from a histogram rating → how many."""
    good = sum(n for r, n in ratings.items() if int(r) in GOOD_RATINGS)
    return share(good, sum(ratings.values())), mean_of(ratings)


def votes_total(counters: Mapping[str, int]) -> int:
    """Votes of every module (idea supports, poll ballots, draft ratings, contest votes, votes on
    objects): a sum of their counters, never a count of rows."""
    return sum(counters.values())


# --- Topics, trends and participation.


def top_topics(
    accepted_by_topic: Mapping[int, int], limit: int = 5
) -> list[tuple[int, int, float]]:
    """(topic id, accepted, share of all accepted) for the most frequent topics."""
    total = sum(accepted_by_topic.values())
    ranked = sorted(accepted_by_topic.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(topic, n, n / total) for topic, n in ranked]


def week_of(day: date) -> date:
    """The Monday of the day's week: the key of a weekly trend."""
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


def trend(by_day: Mapping[date, int], key=week_of) -> list[tuple[date, int]]:
    """Daily counts folded into weeks (or months with key=month_of), oldest first."""
    folded: Counter = Counter()
    for day, n in by_day.items():
        folded[key(day)] += n
    return sorted(folded.items())


def change(current: int, previous: int) -> float | None:
    """The relative change of the last 7 days against the 7 before; None when there were none."""
    return share(current - previous, previous)


def last_two_weeks(today: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(the last 7 days up to today, the 7 days before them), both ends included."""
    last = (today - timedelta(days=6), today)
    before = (today - timedelta(days=13), today - timedelta(days=7))
    return last, before
