"""A year of demo activity: every municipality gets reports in every state, spread over the last
365 days, with a photo each, answers, ratings and supports — so the home page, the list, the map
and the dashboards look like a portal in use (docs/demo.md).

The rows are written in bulk, not through the services (hundreds of reports in a few seconds),
but exactly as the services would leave them: each report's timeline has one entry per
transition of `transitions.py` (with the same msgids), its answer, rating and supports, and the
event log has the same events ("reports.submitted", "reports.published", …) at the same moments.
No notices are sent: these things happened in the past. Officials and moderators are demo staff
of each municipality and agency (`*.demo@demo.veche`, no password).

Idempotent: a report's natural key is its client token `year-<municipality>-<n>`; a municipality
that already has its demo reports is skipped.
"""

import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.events.models import Event
from veche.events.services import actor_pseudonym
from veche.staff.models import Role, RoleAssignment
from veche.territory.models import Municipality
from veche.workdays.calendar import add_working_days

from . import demo_photos
from .deadlines import due_for
from .models import (
    Answer,
    Channel,
    RejectionReason,
    Report,
    ReportMedia,
    Status,
    Support,
    TimelineEntry,
    Topic,
)
from .routing import agency_for
from .search import stems

REPORTS_PER_MUNICIPALITY = 14
TOKEN = "year-{slug}-{n}"
RESIDENTS = 40
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


def seed_activity(*, per_municipality: int = REPORTS_PER_MUNICIPALITY) -> int:
    """Seed every municipality that has no demo year yet; return the number of reports made."""
    topics = list(Topic.objects.filter(is_open=True).select_related("category"))
    reasons = list(RejectionReason.objects.filter(is_active=True))
    if not topics or not reasons:
        return 0
    done = set(
        Report.objects.filter(client_token__startswith="year-").values_list(
            "municipality_id", flat=True
        )
    )
    residents = _residents()
    made = 0
    for municipality in Municipality.objects.exclude(pk__in=done).order_by("pk"):
        made += _seed_municipality(municipality, topics, reasons, residents, per_municipality)
    return made


def _residents() -> list[User]:
    emails = [f"resident{n:02d}.demo@demo.veche" for n in range(1, RESIDENTS + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    names = [("Иванов", "Пётр"), ("Смирнова", "Анна"), ("Попов", "Игорь"), ("Козлова", "Ольга")]
    now = timezone.now()
    User.objects.bulk_create(
        [
            _demo_user(email, *names[n % len(names)], consent=now)
            for n, email in enumerate(emails)
            if email not in existing
        ]
    )
    return list(User.objects.filter(email__in=emails).order_by("email"))


def _demo_user(email: str, last_name: str, first_name: str, *, consent) -> User:
    user = User(
        email=email,
        last_name=last_name,
        first_name=first_name,
        personal_data_consent_at=consent,
        email_confirmed_at=consent,
    )
    user.set_unusable_password()
    return user


def _staff(role: str, email: str, **scope) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        now = timezone.now()
        user = _demo_user(email, "Сотрудник", "Демо", consent=now)
        user.save()
    RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
    return user


@contextmanager
def _timestamps_as_given(*models):
    """Let bulk_create keep the moments we give (auto_now/auto_now_add would stamp now)."""
    fields = [f for m in models for f in m._meta.concrete_fields if hasattr(f, "auto_now")]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def _seed_municipality(municipality, topics, reasons, residents, count: int) -> int:
    rng = random.Random(f"veche-demo-{municipality.slug}")
    moderator = _staff(
        Role.MODERATOR, f"moderator.{municipality.slug}.demo@demo.veche", municipality=municipality
    )
    now = timezone.now()
    stories = [
        _story(n, municipality, rng.choice(topics), rng, residents, moderator, reasons, now)
        for n in range(1, count + 1)
    ]
    with (
        transaction.atomic(),
        _timestamps_as_given(Report, TimelineEntry, Answer, Support, ReportMedia),
    ):
        originals = [s.report for s in stories if s.report.status != Status.DUPLICATE]
        Report.objects.bulk_create([s.report for s in stories if s.report in originals])
        for story in stories:
            if story.report.status == Status.DUPLICATE:
                story.report.duplicate_of = rng.choice(originals)
                story.entries[-1].params = {"number": story.report.duplicate_of.pk}
        Report.objects.bulk_create([s.report for s in stories if s.report not in originals])
        _write_rows(stories, municipality)
    return len(stories)


def _write_rows(stories: list[Story], municipality) -> None:
    entries, answers, supports, media, events = [], [], [], [], []
    for story in stories:
        report = story.report
        for entry in story.entries:
            entry.report = report
        entries += story.entries
        for answer in story.answers:
            answer.report = report
        answers += story.answers
        supports += [
            Support(report=report, user=user, created_at=report.created_at + timedelta(hours=h))
            for h, user in enumerate(story.supporters, 1)
        ]
        media.append(demo_photos.photo_for(report))
        events += [
            Event(
                kind=f"reports.{kind}",
                subject_type="reports.report",
                subject_id=str(report.pk),
                actor=actor_pseudonym(actor) if actor else "",
                territory_id=municipality.pk,
                occurred_at=moment,
                payload={"status": status, **payload},
            )
            for kind, actor, moment, status, payload in story.events
        ]
    TimelineEntry.objects.bulk_create(entries)
    Answer.objects.bulk_create(answers)
    Support.objects.bulk_create(supports, ignore_conflicts=True)
    ReportMedia.objects.bulk_create(media)
    Event.objects.bulk_create(sorted(events, key=lambda e: e.occurred_at))


def _story(n, municipality, topic, rng, residents, moderator, reasons, now) -> Story:
    created = now - timedelta(days=rng.uniform(0.2, 364), minutes=rng.randint(0, 600))
    author = rng.choice(residents)
    settlement_lat = municipality.centre_lat + rng.uniform(-0.02, 0.02)
    settlement_lon = municipality.centre_lon + rng.uniform(-0.04, 0.04)
    report = Report(
        author=author,
        channel=rng.choice([Channel.WEB, Channel.WEB, Channel.API, Channel.OPERATOR]),
        client_token=TOKEN.format(slug=municipality.slug, n=n),
        topic=topic,
        text=f"{topic.name}. {rng.choice(TEXTS)}",
        municipality=municipality,
        lat=settlement_lat,
        lon=settlement_lon,
        address=f"ул. {rng.choice(['Ленина', 'Мира', 'Гагарина', 'Советская', 'Школьная'])}, "
        f"{rng.randint(1, 60)}",
        status=Status.SUBMITTED,
        created_at=created,
        updated_at=created,
    )
    report.search_stems = stems(report.text, topic.name, report.address)
    story = Story(report)
    _walk(story, _outcome(rng, now - created), rng, moderator, reasons, now)
    report.updated_at = max(e.created_at for e in story.entries)
    pool = [r for r in residents if r != author]
    if report.status not in (Status.SUBMITTED, Status.REJECTED, Status.DUPLICATE):
        story.supporters = rng.sample(pool, rng.choice([0, 0, 1, 2, 3, 5, 8, 13]))
        report.support_count = len(story.supporters)
    return story


def _outcome(rng, age: timedelta) -> str:
    if age < timedelta(days=1):
        return rng.choice(["submitted", "routed"])
    if age < timedelta(days=5):
        return rng.choice(["submitted", "routed", "in_progress", "rejected"])
    names, weights = zip(*OUTCOMES, strict=True)
    return rng.choices(names, weights)[0]


def _walk(story: Story, outcome: str, rng, moderator, reasons, now) -> None:
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
    official = _official(agency)
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
    extra = {} if to == Status.SUBMITTED else {"from": was}
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


def _official(agency: Agency) -> User:
    return _staff(Role.OFFICIAL, f"official.{agency.pk}.demo@demo.veche", agency=agency)
