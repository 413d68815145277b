"""Totals by source equal the database's own sums, with and without filters; the map's
settlements add up to the list; the completeness table compares entered with realized."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from veche.realized import selectors
from veche.realized.models import Project
from veche.realized.services import realized_count_set

from .factories import ProjectFactory


@pytest.fixture
def registry(world):
    ProjectFactory(
        municipality=world.surgut,
        settlement=world.lyantor,
        year=2019,
        direction="roads",
        amount_region=Decimal("100.10"),
        amount_residents=Decimal("7.01"),
    )
    ProjectFactory(
        municipality=world.surgut, settlement=world.lyantor, year=2020, direction="sport"
    )
    ProjectFactory(
        municipality=world.surgut, year=2020, direction="sport", amount_sponsors=Decimal("0.99")
    )
    ProjectFactory(
        municipality=world.urai, settlement=world.urai_town, year=2020, direction="culture"
    )
    return world


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"year": 2020},
        {"direction": "sport"},
        {"municipality": "surgut"},
        {"year": 2019, "direction": "sport"},
    ],
)
def test_totals_by_source_equal_the_database(registry, filters):
    if "municipality" in filters:
        filters = {**filters, "municipality": registry.surgut.pk}
    found = selectors.projects(**filters)
    totals = selectors.totals(found)
    expected = Project.objects.filter(
        **{{"municipality": "municipality_id"}.get(k, k): v for k, v in filters.items()}
    )
    assert totals["count"] == expected.count()
    for source in ("region", "municipality", "residents", "sponsors"):
        assert totals[source] == (expected.aggregate(s=Sum(f"amount_{source}"))["s"] or Decimal(0))
    assert totals["total"] == sum(p.total for p in expected)


def test_the_map_groups_by_settlement_and_adds_up(registry):
    points = selectors.by_settlement(selectors.projects())
    assert sum(p["count"] for p in points) == Project.objects.count()
    lyantor = next(p for p in points if p["settlement_id"] == registry.lyantor.pk)
    assert lyantor["count"] == 2
    assert (lyantor["lat"], lyantor["lon"]) == (
        registry.lyantor.centre_lat,
        registry.lyantor.centre_lon,
    )
    without = next(p for p in points if p["settlement_id"] is None)
    assert without["name"] == "Сургут"


def test_completeness_compares_entered_with_realized(registry):
    realized_count_set(
        user=registry.surgut_admin, municipality=registry.surgut, year=2020, realized=5
    )
    realized_count_set(
        user=registry.surgut_admin, municipality=registry.surgut, year=2018, realized=3
    )
    rows = selectors.completeness(scope={registry.surgut.pk})
    assert [(r["year"], r["entered"], r["realized"]) for r in rows] == [
        (2018, 0, 3),
        (2019, 1, None),
        (2020, 2, 5),
    ]
    assert selectors.completeness_total(rows) == {"entered": 3, "realized": 8}
    assert len(selectors.completeness(scope=None)) == 4
