"""The registries at seed 002's scale (issue 15): 86,825 activists, 4,820 NGOs, 9,457 community
projects and 10,624 links between them — their lists and Russian search.

    python bench/registries.py [--scale 1.0] [--requests 100]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_community2 python bench/registries.py

Builds a throw-away test database (migrations, the territory's demo; not timed), loads the rows
in bulk — PostgreSQL's COPY, SQLite's `executemany` in one transaction — with their search stems
computed as the services compute them (every activist is a user of his own, as a resident opts
into a profile), then requests in process, through Django's test client, one after another:

- each registry's list page (first page; a deep page; a municipality; a direction),
- the list with a Russian search (a word many rows hold, a rare one; the words rotate so no
  answer is reused), and the REST lists with and without a search.

The page count is computed on every request (the test settings keep no count cache: the worst
case; production keeps it for `LIST_COUNT_CACHE_SECONDS`), except where a list without a text
search is longer than `LIST_COUNT_ESTIMATE_ABOVE` (PostgreSQL's estimate; the activists).
Templates render as in production (no test instrumentation). Prints one line per figure, e.g.
`db=sqlite activists list: n=100 rps=80 p50_ms=11.0 p95_ms=14.2`. Target (issue 15): p95 under
100 ms. Figures, not assertions (docs/benchmarks.md).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veche.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

ACTIVISTS, ORGANIZATIONS, PROJECTS, LINKS = 86_825, 4_820, 9_457, 10_624
FIRST = "Анна Иван Мария Олег Елена Сергей Ольга Дмитрий Наталья Андрей Ирина Алексей".split()
LAST = (
    "Петров Иванов Сидоров Кузнецов Смирнов Попов Лебедев Козлов Новиков Морозов Волков "
    "Соловьёв Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров "
    "Михайлов Беляев Тарасов Белов Комаров Орлов Киселёв Макаров Андреев Ковалёв Ильин Гусев "
    "Титов Кузьмин Кудрявцев Баранов Куликов Алексеев Степанов Яковлев Сорокин Сергеев Романов"
).split()
ABOUT = [
    "Провожу субботники и чищу берега рек",
    "Собираю книги для сельских библиотек",
    "Учу детей хантыйскому орнаменту",
    "Организую лыжные походы для школьников",
    "Помогаю пожилым соседям с покупками",
    "Снимаю видео о волонтёрах округа",
    "Веду кружок робототехники",
    "Восстанавливаю историю своего посёлка",
    "Ухаживаю за бездомными животными в приюте",
    "Тренирую детскую хоккейную команду",
]
NGO_WORDS = [
    "Добрые соседи",
    "Волонтёры",
    "Северное сияние",
    "Родники Югры",
    "Забота",
    "Молодёжный центр",
    "Экодозор",
    "Память поколений",
    "Спорт для всех",
    "Наследие",
]
SEARCHES = {
    "common": ["волонтёры", "субботник", "библиотек", "походы", "соседям", "орнамент"],
    "rare": ["Кудрявцев", "Виноградова", "робототехники", "хоккейную", "приюте", "посёлка"],
}


def rows_of(model, objects) -> tuple[list[str], list[tuple]]:
    fields = model._meta.concrete_fields
    columns = [f.column for f in fields]
    rows = [
        tuple(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields)
        for obj in objects
    ]
    return columns, rows


def load(model, objects) -> None:
    """COPY on PostgreSQL, executemany on SQLite; every primary key given."""
    columns, rows = rows_of(model, objects)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(f'"{c}"' for c in columns)
            with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("%s" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


def build(scale: float) -> None:
    from django.utils import timezone

    from veche.accounts.models import User
    from veche.community.models import (
        Activist,
        Direction,
        Link,
        Membership,
        Organization,
        OrganizationKind,
        Project,
        Review,
    )
    from veche.community.services.registry import entry_stems
    from veche.territory.models import Municipality

    rng = random.Random(2)
    now = timezone.now()
    municipalities = list(Municipality.objects.order_by("pk"))
    directions = [d.value for d in Direction]
    kinds = [k.value for k in OrganizationKind]
    n_act, n_org, n_proj, n_link = (
        int(ACTIVISTS * scale),
        int(ORGANIZATIONS * scale),
        int(PROJECTS * scale),
        int(LINKS * scale),
    )
    base = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    start = time.perf_counter()
    users, activists = [], []
    for n in range(n_act):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if first in ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина"):
            last = last + "а"
        joined = now - timedelta(days=rng.random() * 400)
        users.append(
            User(
                pk=base + n,
                email=f"act{n}@bench.veche",
                first_name=first,
                last_name=last,
                password="!",
                date_joined=joined,
                email_confirmed_at=joined,
                is_active=True,
            )
        )
        activist = Activist(
            pk=n + 1,
            user_id=base + n,
            name=f"{first} {last}",
            about=rng.choice(ABOUT),
            municipality=rng.choice(municipalities),
            direction=rng.choice(directions),
            status=Review.APPROVED if rng.random() < 0.98 else Review.PENDING,
            verified_at=joined if rng.random() < 0.3 else None,
            created_at=joined,
        )
        activist.search_stems = entry_stems(activist)
        activists.append(activist)
    organizations = []
    for n in range(n_org):
        created = now - timedelta(days=rng.random() * 400)
        org = Organization(
            pk=n + 1,
            name=f"{rng.choice(NGO_WORDS)} {rng.choice(municipalities).name} № {n}",
            kind=rng.choice(kinds),
            direction=rng.choice(directions),
            municipality=rng.choice(municipalities),
            description=rng.choice(ABOUT),
            leader_id=rng.randint(1, n_act) if rng.random() < 0.21 else None,
            member_count=0,
            status=Review.APPROVED,
            created_at=created,
            verified_at=created if rng.random() < 0.5 else None,
            contacts_public=True,
        )
        org.search_stems = entry_stems(org)
        organizations.append(org)
    memberships, seen = [], set()
    for org in organizations:
        if rng.random() < 0.6:  # seed 002: 4,795 of 4,820 "with members" counted loosely
            for _ in range(rng.randint(1, 6)):
                pair = (org.pk, rng.randint(1, n_act))
                if pair not in seen:
                    seen.add(pair)
                    org.member_count += 1
                    memberships.append(
                        Membership(
                            pk=len(memberships) + 1,
                            organization_id=pair[0],
                            activist_id=pair[1],
                            created_at=org.created_at,
                        )
                    )
    projects = []
    for n in range(n_proj):
        created = now - timedelta(days=rng.random() * 400)
        project = Project(
            pk=n + 1,
            title=f"{rng.choice(ABOUT)} — проект {n}",
            description=rng.choice(ABOUT),
            owner_id=base + rng.randrange(n_act),
            goal=rng.choice([800, 2000, 3000, 5000]),
            deadline=(created + timedelta(days=rng.randint(20, 90))).date(),
            status="open",
            municipality=rng.choice(municipalities),
            direction=rng.choice(directions),
            created_at=created,
            organization_id=rng.randint(1, n_org) if rng.random() < 0.6 else None,
            activist_id=rng.randint(1, n_act) if rng.random() < 0.2 else None,
        )
        project.search_stems = entry_stems(project)
        projects.append(project)
    links, pairs = [], set()
    sizes = {"activist": n_act, "organization": n_org, "project": n_proj}
    while len(links) < n_link:
        a_kind, b_kind = sorted(rng.sample(list(sizes), 2))
        pair = (a_kind, rng.randint(1, sizes[a_kind]), b_kind, rng.randint(1, sizes[b_kind]))
        if pair in pairs:
            continue
        pairs.add(pair)
        links.append(
            Link(
                pk=len(links) + 1,
                a_kind=pair[0],
                a_id=pair[1],
                b_kind=pair[2],
                b_id=pair[3],
                created_at=now - timedelta(days=rng.random() * 400),
            )
        )
    print(f"rows built in {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    with transaction.atomic():
        for model, objects in (
            (User, users),
            (Activist, activists),
            (Organization, organizations),
            (Membership, memberships),
            (Project, projects),
            (Link, links),
        ):
            load(model, objects)
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        models = [User, Activist, Organization, Membership, Project, Link]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        with connection.cursor() as cursor:  # outside the transaction: VACUUM needs that
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"db={connection.vendor} load: activists={len(activists)} ngos={len(organizations)} "
        f"projects={len(projects)} links={len(links)} memberships={len(memberships)} "
        f"seconds={time.perf_counter() - start:.1f}",
        flush=True,
    )


def timed(client, urls: list[str], count: int) -> list[float]:
    client.get(urls[0])  # warm: templates compiled, caches filled
    times = []
    for n in range(count):
        url = urls[n % len(urls)]
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return times


def report(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"db={connection.vendor} {label}: n={len(times)} rps={len(times) / sum(times):.0f} "
        f"p50_ms={statistics.median(times) * 1000:.1f} p95_ms={p95 * 1000:.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--count-cache",
        type=int,
        default=0,
        help="seconds a list's count is kept (production: 60); 0 counts on every request",
    )
    args = parser.parse_args()
    from django.conf import settings

    settings.LIST_COUNT_CACHE_SECONDS = args.count_cache
    # No `setup_test_environment()`: it makes every template send a signal whose receiver, the
    # test client, copies the context — on a list page's hundred-odd templates (the filters'
    # widgets) that was a third to a half of the time measured, and production does none of it.
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client

        from veche.core.demo import demos_in_order
        from veche.territory.models import Municipality

        for entry in demos_in_order():
            if entry.app_label == "territory":
                entry.seed()
        build(args.scale)
        client = Client(HTTP_HOST="localhost")
        municipality = Municipality.objects.order_by("-population").first().pk
        n = args.requests
        for path, label in (
            ("/community/activists/", "activists"),
            ("/community/ngos/", "ngos"),
            ("/community/projects/", "projects"),
        ):
            report(f"{label} list", timed(client, [path], n))
            report(f"{label} list, page 200", timed(client, [f"{path}?page=200"], n))
            report(
                f"{label} list, a municipality",
                timed(client, [f"{path}?municipality={municipality}"], n),
            )
            report(f"{label} list, a direction", timed(client, [f"{path}?direction=sport"], n))
            for kind, words in SEARCHES.items():
                report(
                    f"{label} search ({kind} words)",
                    timed(client, [f"{path}?q={word}" for word in words], n),
                )
        report("api activists", timed(client, ["/api/v1/community/activists"], n))
        report(
            "api activists search",
            timed(client, [f"/api/v1/community/activists?q={w}" for w in SEARCHES["common"]], n),
        )
        report("registries home (counters, cached 5 min)", timed(client, ["/community/"], n))
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
