"""The lifecycle of a demo report, step by step, as the services write it (demo_activity.py
writes the rows): one timeline entry per transition of `transitions.py` with the same msgids,
the answer and the rating, and the event each service records, at believable moments."""

from dataclasses import dataclass, field
from datetime import timedelta

from veche.workdays.calendar import add_working_days

from .deadlines import due_for
from .models import Answer, Report, Status, TimelineEntry
from .routing import agency_for

# How far a report got, and how often (weights); recent reports are still early in the flow.
OUTCOMES = [
    ("closed", 30),
    ("answered", 14),
    ("scheduled", 6),
    ("refused", 5),
    ("in_progress", 10),
    ("disputed", 3),
    ("routed", 10),
    ("declined", 2),
    ("submitted", 5),
    ("rejected", 8),
    ("duplicate", 5),
]
TEXTS = [
    "Проблема повторяется уже не первую неделю, просим разобраться.",
    "Жители дома неоднократно обращались в управляющую компанию, результата нет.",
    "Особенно опасно вечером, когда темно. Фото прилагаю.",
    "Рядом школа и детский сад, ходят дети.",
    "Просим принять меры до начала холодов.",
]
ANSWERS = {
    Answer.Kind.RESOLVED: "Работы выполнены, дефект устранён. Спасибо за обращение.",
    Answer.Kind.SCHEDULED: "Работы включены в план, подрядчик выйдет на место в указанный срок.",
    Answer.Kind.REFUSED: "Участок не находится на балансе муниципалитета; обращение передано "
    "собственнику, ответ будет направлен дополнительно.",
}
ANSWER_MESSAGES = {
    Answer.Kind.RESOLVED: "resolved",
    Answer.Kind.SCHEDULED: "scheduled",
    Answer.Kind.REFUSED: "refused with reasons",
}


@dataclass
class Story:
    """One report being written: the report and what happened to it, in order."""

    report: Report
    entries: list = field(default_factory=list)
    events: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    supporters: list = field(default_factory=list)


def outcome(rng, age: timedelta) -> str:
    if age < timedelta(days=1):
        return rng.choice(["submitted", "routed"])
    if age < timedelta(days=5):
        return rng.choice(["submitted", "routed", "in_progress", "rejected"])
    names, weights = zip(*OUTCOMES, strict=True)
    return rng.choices(names, weights)[0]


def walk(story: Story, outcome: str, rng, *, moderator, official_for, reasons, now) -> None:
    """Move the report along the lifecycle up to `outcome`, writing what the services write."""
    report = story.report
    moment = report.created_at
    _step(story, report.author, moment, Status.SUBMITTED, "submitted", {"channel": report.channel})
    if outcome == "submitted":
        return
    moment = min(moment + timedelta(hours=rng.uniform(1, 20)), now)
    if outcome == "rejected":
        report.rejection_reason = reason = rng.choice(reasons)
        _step(
            story,
            moderator,
            moment,
            Status.REJECTED,
            "rejected",
            {"reason": reason.code},
            text=reason.text,
        )
        return
    if outcome == "duplicate":
        _step(
            story,
            moderator,
            moment,
            Status.DUPLICATE,
            "merged",
            {"supports_carried": 0},
            message="Merged into report № %(number)s.",
        )
        return
    agency = agency_for(topic=report.topic, municipality=report.municipality)
    report.agency, report.routed_at = agency, moment
    report.due_at = due_for(report.topic, moment)
    _step(
        story,
        moderator,
        moment,
        Status.ROUTED,
        "published",
        {"agency": agency.pk},
        message="Sent to %(agency)s.",
        params={"agency": agency.name},
    )
    official = official_for(agency)
    if outcome == "routed":
        return
    if outcome == "declined":
        moment += timedelta(hours=rng.uniform(2, 30))
        _step(
            story,
            official,
            min(moment, now),
            Status.DECLINED,
            "declined",
            {},
            text="Вопрос не относится к ведению нашего ведомства, просим перенаправить.",
        )
        return
    moment = min(moment + timedelta(hours=rng.uniform(2, 40)), now)
    _step(story, official, moment, Status.IN_PROGRESS, "taken", {})
    if outcome == "in_progress":
        return
    kind = {"scheduled": Answer.Kind.SCHEDULED, "refused": Answer.Kind.REFUSED}.get(
        outcome, Answer.Kind.RESOLVED
    )
    answered = min(add_working_days(report.routed_at, rng.randint(1, 11)), now)
    moment = max(answered, moment + timedelta(minutes=30))
    _answer(story, official, moment, kind, rng)
    if outcome in ("answered", "scheduled", "refused"):
        return
    moment = min(moment + timedelta(days=rng.uniform(0.5, 4)), now)
    if outcome == "disputed":
        _rate(story, rng.randint(1, 2), moment, Answer.Verdict.DISPUTED)
        report.due_at = due_for(report.topic, moment)
        _step(
            story,
            report.author,
            moment,
            Status.IN_PROGRESS,
            "disputed",
            {"rating": story.answers[-1].rating},
            text="Работы не выполнены, проблема осталась.",
        )
        return
    _rate(story, rng.choice([3, 4, 4, 5, 5, 5]), moment, Answer.Verdict.CONFIRMED)
    report.closed_at = moment
    _step(
        story,
        report.author,
        moment,
        Status.CLOSED,
        "confirmed",
        {"rating": story.answers[-1].rating},
    )


def _step(story, actor, moment, to, event, payload, *, text="", message="", params=None) -> None:
    was = story.report.status
    story.report.status = to
    story.entries.append(
        TimelineEntry(
            kind=TimelineEntry.Kind.STATUS,
            actor=actor,
            status_from="" if to == Status.SUBMITTED else was,
            status_to=to,
            text=text,
            message=message,
            params=params or {},
            created_at=moment,
        )
    )
    # As the services record them: no "from" on filing, nor on an answer (its own event).
    extra = {} if event in ("submitted", "answered") else {"from": was}
    story.events.append((event, actor, moment, to, {**extra, **payload}))


def _answer(story, official, moment, kind, rng) -> None:
    report = story.report
    planned = (moment + timedelta(days=rng.randint(20, 90))).date()
    story.answers.append(
        Answer(
            agency=report.agency,
            author=official,
            kind=kind,
            text=ANSWERS[kind],
            planned_date=planned if kind == Answer.Kind.SCHEDULED else None,
            created_at=moment,
        )
    )
    report.answered_at = moment
    story.entries.append(
        TimelineEntry(
            kind=TimelineEntry.Kind.ANSWER, actor=official, text=ANSWERS[kind], created_at=moment
        )
    )
    _step(
        story,
        official,
        moment,
        Status.ANSWERED,
        "answered",
        {"answer": kind},
        message=ANSWER_MESSAGES[kind],
    )


def _rate(story, rating: int, moment, verdict) -> None:
    answer = story.answers[-1]
    answer.verdict, answer.rating, answer.rated_at = verdict, rating, moment
    story.entries.append(
        TimelineEntry(
            kind=TimelineEntry.Kind.RATING,
            actor=story.report.author,
            message="Rated the answer %(rating)d of 5.",
            params={"rating": rating},
            created_at=moment,
        )
    )
