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
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.events.models import Event
from veche.events.services import actor_pseudonym
from veche.staff.models import Role, RoleAssignment
from veche.territory.models import Municipality

from . import demo_photos, demo_walk
from .demo_walk import Story
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
from .search import stems

REPORTS_PER_MUNICIPALITY = 14
TOKEN = "year-{slug}-{n}"
RESIDENTS = 40


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
                story.events[-1][4]["original"] = story.report.duplicate_of.pk
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
        text=f"{topic.name}. {rng.choice(demo_walk.TEXTS)}",
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
    outcome = demo_walk.outcome(rng, now - created)
    demo_walk.walk(
        story, outcome, rng, moderator=moderator, official_for=_official, reasons=reasons, now=now
    )
    report.updated_at = max(e.created_at for e in story.entries)
    pool = [r for r in residents if r != author]
    if report.status not in (Status.SUBMITTED, Status.REJECTED, Status.DUPLICATE):
        story.supporters = rng.sample(pool, rng.choice([0, 0, 1, 2, 3, 5, 8, 13]))
        report.support_count = len(story.supporters)
    return story


def _official(agency: Agency) -> User:
    return _staff(Role.OFFICIAL, f"official.{agency.pk}.demo@demo.veche", agency=agency)
