"""The infrastructure objects' second rating table: agencies and contractors on time, read from
the infrastructure app's selector (selectors.object_ratings, the ratings page).

Hand count, period 2026, today 1 July 2026 — Surgut's administration (A):
on time: objects 1, 5, 6, 7; late: 2; unfinished past the planned end: 3; not yet due: 4 (in the
objects, not in the score); 8 is due in 2025 (outside). Due = 6, on time 4 → 66.7.
The roads department (B): five finished on time → 100.0, ranked first.
Contractors: «Дорстрой» (1–4) has 3 due and «Мост» (5–7) 3: fewer than 5, not enough data.

Residents' ratings (of the completed objects in the period, whenever given): object 1 rated 5
and 4, object 2 rated 2 → the administration and «Дорстрой»: 3 ratings, mean 11 / 3 = 3.67;
object 3 (unfinished) rated 1 and object 8 (due in 2025) rated 1: not counted; one of the
roads department's objects rated 3 → 1 rating, mean 3.0; «Мост» (5–7) unrated → none.
"""

from datetime import date

from django.urls import reverse

from veche.accounts.tests.factories import UserFactory
from veche.analytics import selectors
from veche.infrastructure.models import Rating, Status
from veche.infrastructure.tests.factories import FacilityFactory

PERIOD = (date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 7, 1)


def _object(agency, contractor, planned_end, actual_end=None, municipality=None):
    status = Status.COMPLETED if actual_end else Status.IN_PROGRESS
    return FacilityFactory(
        agency=agency, contractor=contractor, planned_end=planned_end, actual_end=actual_end,
        status=status, municipality=municipality,
    )  # fmt: skip


def _objects(world):
    a, b, m = world.surgut_admin, world.roads, world.surgut
    made = []
    for contractor, planned, actual in (
        ("ООО «Дорстрой»", date(2026, 3, 31), date(2026, 3, 1)),  # 1 on time
        ("ООО «Дорстрой»", date(2026, 4, 30), date(2026, 5, 10)),  # 2 late
        ("ООО «Дорстрой»", date(2026, 5, 31), None),  # 3 past the planned end
        ("ООО «Дорстрой»", date(2026, 9, 30), None),  # 4 not yet due
        ("ООО «Мост»", date(2026, 6, 30), date(2026, 6, 30)),  # 5 on time (the very day)
        ("ООО «Мост»", date(2026, 2, 28), date(2026, 1, 20)),  # 6
        ("ООО «Мост»", date(2026, 3, 31), date(2026, 3, 30)),  # 7
        ("ООО «Мост»", date(2025, 12, 31), date(2026, 2, 1)),  # 8 due in 2025
    ):
        made.append(_object(a, contractor, planned, actual, m))
    roads = [_object(b, "", date(2026, 4, 1), date(2026, 3, 1), m) for _n in range(5)]
    nobodys = _object(None, "", date(2026, 4, 1), date(2026, 5, 1), m)  # in no table
    return made, roads, nobodys


def _rate(facility, *scores):
    for score in scores:
        Rating.objects.create(facility=facility, user=UserFactory(), score=score)


def _ratings(world):
    made, roads, nobodys = _objects(world)
    _rate(made[0], 5, 4)
    _rate(made[1], 2)
    _rate(made[2], 1)  # unfinished: not counted (a rating stays if an object is reopened)
    _rate(made[7], 1)  # due in 2025: outside the period
    _rate(roads[0], 3)
    _rate(nobodys, 5)  # nobody's: in no table


def test_agencies_on_time_shares(world):
    _objects(world)
    ranked = selectors.object_ratings("agency", *PERIOD, TODAY)
    assert [r.key for r in ranked] == [world.roads.pk, world.surgut_admin.pk]
    roads, admin = ranked
    assert (roads.objects, roads.due, roads.score) == (5, 5, 100.0)
    assert (admin.objects, admin.on_time, admin.late, admin.overdue) == (7, 4, 1, 1)
    assert (admin.due, admin.score) == (6, 66.7)


def test_contractors_with_few_objects_due_are_not_ranked(world):
    _objects(world)
    ranked = {r.key: r for r in selectors.object_ratings("contractor", *PERIOD, TODAY)}
    assert set(ranked) == {"ООО «Дорстрой»", "ООО «Мост»"}
    assert (ranked["ООО «Дорстрой»"].due, ranked["ООО «Дорстрой»"].score) == (3, None)
    assert (ranked["ООО «Мост»"].objects, ranked["ООО «Мост»"].on_time) == (3, 3)
    assert not ranked["ООО «Мост»"].enough


def test_the_ratings_page_shows_both_tables_and_downloads_them(client, world):
    _objects(world)
    url = reverse("analytics:ratings")
    page = client.get(url, {"by": "agency", "first": "2026-01-01", "last": "2026-11-30"})
    tables = page.context["object_tables"]
    assert [row[0] for row in tables["objects-agency"]["rows"]] == [
        world.roads.name, world.surgut_admin.name,
    ]  # fmt: skip
    assert "недостаточно данных" in page.content.decode()
    csv = client.get(url, {"download": "objects-contractor", "format": "csv"})
    assert csv.status_code == 200
    assert "Дорстрой" in b"".join(csv.streaming_content).decode("utf-8-sig")


def test_residents_ratings_of_the_periods_completed_objects(world):
    _ratings(world)
    agencies = {r.key: r for r in selectors.object_ratings("agency", *PERIOD, TODAY)}
    admin, roads = agencies[world.surgut_admin.pk], agencies[world.roads.pk]
    assert (admin.ratings, round(admin.average, 2)) == (3, 3.67)
    assert (roads.ratings, roads.average) == (1, 3.0)
    contractors = {r.key: r for r in selectors.object_ratings("contractor", *PERIOD, TODAY)}
    builder = contractors["ООО «Дорстрой»"]
    assert (builder.ratings, round(builder.average, 2)) == (3, 3.67)
    assert (contractors["ООО «Мост»"].ratings, contractors["ООО «Мост»"].average) == (0, None)


def test_the_ratings_page_shows_the_residents_mean_and_count(client, world):
    _ratings(world)
    page = client.get(
        reverse("analytics:ratings"), {"by": "agency", "first": "2026-01-01", "last": "2026-11-30"}
    )
    table = page.context["object_tables"]["objects-agency"]
    assert "Оценки жителей" in [str(c) for c in table["columns"]]
    rows = {row[0]: row for row in table["rows"]}
    assert rows[world.surgut_admin.name][-2:] == (3, 3.67)
    assert rows[world.roads.name][-2:] == (1, 3.0)
