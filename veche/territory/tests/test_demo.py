"""The demo territory: 22 municipalities from the reference CSV with approximate polygons."""

import pytest

from veche.territory import demo, geometry
from veche.territory.demo_data import REGION_OUTLINE, SETTLEMENTS
from veche.territory.models import Municipality, Region, Settlement
from veche.territory.selectors import resolve_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def yugra():
    return demo.seed()


def test_all_22_municipalities_are_loaded_with_kinds_from_the_csv(yugra):
    assert yugra.slug == "yugra"
    assert yugra.timezone == "Asia/Yekaterinburg"
    assert yugra.municipalities.count() == 22
    assert yugra.municipalities.filter(kind=Municipality.Kind.CITY_OKRUG).count() == 13
    assert yugra.municipalities.filter(kind=Municipality.Kind.DISTRICT).count() == 9
    assert not yugra.municipalities.filter(boundary__isnull=True).exists()
    assert not yugra.municipalities.filter(population__isnull=True).exists()


def test_every_csv_point_resolves_to_its_own_municipality(yugra):
    for row in demo.municipality_rows():
        resolved = resolve_point(lat=float(row["point_lat"]), lon=float(row["point_lon"]))
        assert resolved.municipality is not None, row["name"]
        assert resolved.municipality.name == row["name"]


def test_every_settlement_centre_resolves_to_that_settlement(yugra):
    settlements = Settlement.objects.select_related("municipality")
    assert settlements.count() == sum(len(s) for s in SETTLEMENTS.values())
    for settlement in settlements:
        resolved = resolve_point(lat=settlement.centre_lat, lon=settlement.centre_lon)
        assert resolved.municipality == settlement.municipality, settlement.name
        assert resolved.settlement == settlement, settlement.name


def test_city_okrugs_have_their_city_and_districts_several_settlements(yugra):
    for municipality in yugra.municipalities.prefetch_related("settlements"):
        names = {s.name for s in municipality.settlements.all()}
        if municipality.kind == Municipality.Kind.CITY_OKRUG:
            assert municipality.name in names
        else:
            assert 2 <= len(names) <= 5
            assert municipality.admin_centre in names


def _sample_points(step: float = 0.25):
    lon = 59.0
    while lon <= 86.0:
        lat = 58.5
        while lat <= 66.0:
            yield lat + 0.0123, lon + 0.0071  # off the grid of round coordinates
            lat += step
        lon += step


def test_municipality_cells_cover_the_region_without_overlapping(yugra):
    municipalities = list(yugra.municipalities.all())
    outline = {"type": "Polygon", "coordinates": [geometry.close(REGION_OUTLINE)]}
    inside_region = 0
    for lat, lon in _sample_points():
        hits = [m.name for m in municipalities if geometry.contains(m.boundary, lat, lon)]
        if geometry.contains(outline, lat, lon):
            inside_region += 1
            assert len(hits) == 1, (lat, lon, hits)
        else:
            assert hits == [], (lat, lon, hits)
    assert inside_region > 1000


def test_settlement_polygons_lie_inside_their_municipality(yugra):
    for settlement in Settlement.objects.select_related("municipality"):
        ring = settlement.boundary["coordinates"][0]
        # Vertices may sit on the municipality's border: test points pulled towards the centre.
        for lon, lat in ring:
            lat_in = lat + (settlement.centre_lat - lat) * 0.01
            lon_in = lon + (settlement.centre_lon - lon) * 0.01
            assert geometry.contains(settlement.municipality.boundary, lat_in, lon_in)


def test_seeding_twice_creates_nothing_new(yugra):
    before = (
        list(Region.objects.values_list("id", flat=True)),
        list(Municipality.objects.order_by("id").values_list("id", "boundary")),
        list(Settlement.objects.order_by("id").values_list("id", flat=True)),
    )
    demo.seed()
    after = (
        list(Region.objects.values_list("id", flat=True)),
        list(Municipality.objects.order_by("id").values_list("id", "boundary")),
        list(Settlement.objects.order_by("id").values_list("id", flat=True)),
    )
    assert after == before


def test_populations_add_up_to_the_okrugs_about_1_7_million(yugra):
    total = sum(m.population for m in yugra.municipalities.all())
    assert 1_600_000 < total < 1_850_000
