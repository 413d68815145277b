"""The infrastructure objects' second rating table: agencies and contractors on time, read from
the infrastructure app's selector (selectors.object_ratings, the ratings page).

Hand count, period 2026, today 1 July 2026 — Surgut's administration (A):
on time: objects 1, 5, 6, 7; late: 2; unfinished past the planned end: 3; not yet due: 4 (in the
objects, not in the score); 8 is due in 2025 (outside). Due = 6, on time 4 → 66.7.
The roads department (B): five finished on time → 100.0, ranked first.
Contractors: «Дорстрой» (1–4) has 3 due and «Мост» (5–7) 3: fewer than 5, not enough data.
"""

from datetime import date

from django.urls import reverse

from veche.analytics import selectors
from veche.infrastructure.models import Status
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
        _object(a, contractor, planned, actual, m)
    for _n in range(5):
        _object(b, "", date(2026, 4, 1), date(2026, 3, 1), m)
    _object(None, "", date(2026, 4, 1), date(2026, 5, 1), m)  # nobody's: in no table


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
