"""Fill a database for the benchmark: the demo territory and catalogue, N reports spread over
the 22 municipalities (points inside each one's boundary), residents with API keys, the
ideas with their comments (bench/prepare_ideas.py), a 40-section draft under discussion with
1,000 comments (bench/prepare_discussions.py) and the polls (bench/prepare_polls.py: open ones to
vote in, closed ones with 150 and 150,000 ballots) and the initiative-budgeting contests
(bench/prepare_budgeting.py: four regional ones with 543 applications, a grants contest with
1,162).

    DATABASE_URL=… python bench/prepare.py --reports 20000 --residents 300 --keys var/keys.txt

Bulk inserts, not the services: this is data generation. Idempotent per database: it tops up to
the asked number of reports, ideas, comments and residents.
"""

import argparse
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, F, Value  # noqa: E402
from django.db.models.functions import Greatest  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import (  # noqa: E402
    prepare_budgeting,
    prepare_discussions,
    prepare_ideas,
    prepare_polls,
    prepare_voting,
)
from veche.accounts.models import User  # noqa: E402
from veche.agencies.models import Agency  # noqa: E402
from veche.api.models import ApiToken  # noqa: E402
from veche.api.services import KEY_PREFIX  # noqa: E402
from veche.api.tokens import hash_key  # noqa: E402
from veche.reports.models import Report, Status, Support, TimelineEntry, Topic  # noqa: E402
from veche.reports.search import stems  # noqa: E402
from veche.territory.geometry import contains  # noqa: E402
from veche.territory.models import Municipality  # noqa: E402

STATUSES = (
    [Status.ROUTED] * 8
    + [Status.IN_PROGRESS] * 5
    + [Status.ANSWERED] * 3
    + [Status.CLOSED] * 3
    + [Status.SUBMITTED]
)
TEXTS = [
    "Яма на проезжей части, колёса бьются",
    "Не горят фонари во дворе уже неделю",
    "Мусор у остановки не вывозят",
    "Сломана скамейка на детской площадке",
    "Наледь на тротуаре, люди падают",
    "Выбоины у въезда во двор",
]


def random_point(rng: random.Random, municipality: Municipality) -> tuple[float, float]:
    for _ in range(200):
        lat = rng.uniform(municipality.min_lat, municipality.max_lat)
        lon = rng.uniform(municipality.min_lon, municipality.max_lon)
        if contains(municipality.boundary, lat, lon):
            return lat, lon
    return municipality.centre_lat, municipality.centre_lon


def residents(count: int) -> list[User]:
    have = User.objects.filter(email__endswith="@bench.veche").count()
    password = make_password("bench-password")
    now = timezone.now()
    User.objects.bulk_create(
        User(
            email=f"r{n}@bench.veche",
            last_name="Житель",
            first_name=f"Бенч{n}",
            password=password,
            email_confirmed_at=now,
            personal_data_consent_at=now,
        )
        for n in range(have, count)
    )
    return list(User.objects.filter(email__endswith="@bench.veche").order_by("pk")[:count])


def keys(users: list[User], path: Path) -> None:
    """One API key per resident, written one per line (the plain keys exist only in this file)."""
    ApiToken.objects.filter(user__in=users, name="bench").delete()
    plain = [f"{KEY_PREFIX}bench{user.pk:08d}{random.randrange(10**12):012d}" for user in users]
    ApiToken.objects.bulk_create(
        ApiToken(user=user, name="bench", key_prefix=key[:12], key_hash=hash_key(key))
        for user, key in zip(users, plain, strict=True)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(plain) + "\n")


def reset_report_supports(supporters: list[User]) -> None:
    """Take back the key holders' supports of reports (each run gives them anew) and lower each
    report's count by what was taken back."""
    with transaction.atomic():
        taken = (
            Support.objects.filter(user__in=supporters)
            .values("report")
            .annotate(n=Count("pk"))
            .values_list("report", "n")
        )
        for report_id, n in taken:
            Report.objects.filter(pk=report_id).update(
                support_count=Greatest(F("support_count") - n, Value(0))
            )
        Support.objects.filter(user__in=supporters).delete()


def reports(count: int, authors: list[User], seed: int = 7) -> None:
    missing = count - Report.objects.count()
    if missing <= 0:
        return
    rng = random.Random(seed + missing)
    municipalities = list(Municipality.objects.all())
    administrations = {
        a.administers_id: a for a in Agency.objects.filter(administers__isnull=False)
    }
    topics = list(Topic.objects.select_related("category"))
    now = timezone.now()
    batch: list[Report] = []
    for n in range(missing):
        municipality = rng.choice(municipalities)
        lat, lon = random_point(rng, municipality)
        topic, status = rng.choice(topics), rng.choice(STATUSES)
        text = f"{rng.choice(TEXTS)} (№ {n})"
        routed = status != Status.SUBMITTED
        created = now - timedelta(minutes=rng.randrange(60 * 24 * 300))
        batch.append(
            Report(
                author=rng.choice(authors),
                channel="web",
                topic=topic,
                text=text,
                municipality=municipality,
                lat=lat,
                lon=lon,
                address=f"ул. Тестовая, {n % 200}",
                status=status,
                agency=administrations.get(municipality.pk) if routed else None,
                routed_at=created if routed else None,
                due_at=created + timedelta(days=14) if routed else None,
                support_count=rng.randrange(40),
                search_stems=stems(text, topic.name),
            )
        )
        if len(batch) == 2000:
            _save(batch)
            batch = []
    _save(batch)


@transaction.atomic
def _save(batch: list[Report]) -> None:
    created = Report.objects.bulk_create(batch)
    if created and created[0].pk is None:  # backends that do not return ids (none we use)
        return
    TimelineEntry.objects.bulk_create(
        TimelineEntry(report=r, kind="status", status_to=r.status) for r in created
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--ideas", type=int, default=300, help="public ideas, the demo's included")
    parser.add_argument("--comments", type=int, default=1_500, help="published, on ideas")
    parser.add_argument(
        "--discussion-comments", type=int, default=1_000, help="on the 40-section draft"
    )
    parser.add_argument(
        "--open-polls",
        type=int,
        default=40,
        help="open polls × key holders = ballots a run may cast",
    )
    parser.add_argument(
        "--votes",
        type=int,
        default=100_000,
        help="votes stored in the closed bench contest (seed 002: 802,034)",
    )
    parser.add_argument("--keys", type=Path, default=ROOT / "var" / "bench-keys.txt")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    people = residents(args.residents)
    # The first fifty write the reports; the others hold the keys (nobody supports his own).
    authors, supporters = people[:50], people[50:]
    keys(supporters, args.keys)
    reports(args.reports, authors)
    prepare_ideas.ideas(args.ideas, authors)
    prepare_ideas.comments(args.comments, people)
    prepare_ideas.reset_supports(supporters)
    reset_report_supports(supporters)
    prepare_discussions.discussion(args.discussion_comments, people)
    opened, closed = prepare_polls.polls(args.open_polls, supporters)
    contests = prepare_budgeting.prepare(authors)
    prepare_voting.voting(args.votes, supporters)
    print(
        f"prepared: {Report.objects.count()} reports, {prepare_ideas.public_ideas()} public ideas,"
        f" {prepare_ideas.published_comments()} published comments on ideas,"
        f" {prepare_discussions.published_comments()} comments on the 40-section draft,"
        f" {len(opened)} open polls, closed polls with"
        f" {' and '.join(str(p.ballot_count) for p in closed)} ballots,"
        f" {sum(c.applications.count() for c in contests)} applications in"
        f" {len(contests)} budgeting contests,"
        f" {len(supporters)} residents with keys"
    )


if __name__ == "__main__":
    main()
