"""When an answer is due: the topic's days, counted in working days by default, and never later
than the 30 calendar days the law on citizens' appeals (59-ФЗ, art. 12) allows."""

from datetime import datetime

from veche.workdays.calendar import add_calendar_days, add_working_days

from .models import Topic
from .models.catalogue import LEGAL_LIMIT_CALENDAR_DAYS


def legal_limit(start: datetime) -> datetime:
    return add_calendar_days(start, LEGAL_LIMIT_CALENDAR_DAYS)


def due_for(topic: Topic, start: datetime) -> datetime:
    if topic.deadline_kind == Topic.DeadlineKind.CALENDAR:
        due = add_calendar_days(start, topic.deadline_days)
    else:
        due = add_working_days(start, topic.deadline_days)
    return min(due, legal_limit(start))


def extended_due(topic: Topic, current_due: datetime) -> datetime:
    """One extension: as many days again from the current deadline, at most 30 calendar days
    more (59-ФЗ, art. 12 part 2)."""
    return min(due_for(topic, current_due), legal_limit(current_due))
