"""resolve_point: a point on the map → its municipality and, where one is drawn, settlement."""

import pytest

from veche.territory import demo, selectors
from veche.territory.selectors import Resolved, resolve_point
from veche.territory.tests.factories import (
    MunicipalityFactory,
    RegionFactory,
    SettlementFactory,
    square,
)

pytestmark = pytest.mark.django_db


class TestOnTheDemoTerritory:
    @pytest.fixture(autouse=True)
    def yugra(self):
        return demo.seed()

    def test_a_point_in_surgut_city_is_surgut(self):
        resolved = resolve_point(lat=61.2500, lon=73.4000)
        assert resolved.municipality.name == "Сургут"
        assert resolved.settlement.name == "Сургут"

    def test_a_point_in_the_surgut_district_cell_is_the_district(self):
        resolved = resolve_point(lat=62.2, lon=71.5)
        assert resolved.municipality.name == "Сургутский район"
        assert resolved.settlement is None  # open taiga: no settlement drawn there

    def test_a_point_in_uray(self):
        assert resolve_point(lat=60.13, lon=64.80).municipality.name == "Урай"

    def test_a_point_near_lyantor_is_in_lyantor(self):
        resolved = resolve_point(lat=61.62, lon=72.16)
        assert (resolved.municipality.name, resolved.settlement.name) == (
            "Сургутский район",
            "Лянтор",
        )

    @pytest.mark.parametrize(
        ("lat", "lon"),
        [(55.7558, 37.6173), (66.8, 78.0), (57.15, 65.53)],  # Moscow, Tazovsky, Tyumen
        ids=["moscow", "yamal", "tyumen"],
    )
    def test_a_point_outside_the_region_resolves_to_nothing(self, yugra, lat, lon):
        assert resolve_point(lat=lat, lon=lon) == Resolved(municipality=None, settlement=None)
        assert resolve_point(lat=lat, lon=lon, region=yugra).municipality is None


def test_a_point_in_a_hole_of_a_multipolygon_is_not_in_it():
    # A district drawn as a square with a city-shaped hole, and an exclave.
    outer = square(61.0, 70.0, 1.0)["coordinates"][0]
    hole = square(61.0, 70.0, 0.2)["coordinates"][0][::-1]
    exclave = square(64.0, 75.0, 0.3)["coordinates"][0]
    district = MunicipalityFactory(
        centre_lat=61.5,
        centre_lon=70.5,
        boundary={"type": "MultiPolygon", "coordinates": [[outer, hole], [exclave]]},
    )
    assert resolve_point(lat=61.5, lon=70.5).municipality == district
    assert resolve_point(lat=64.1, lon=75.1).municipality == district
    assert resolve_point(lat=61.05, lon=70.05).municipality is None

    city = MunicipalityFactory(region=district.region, boundary=square(61.0, 70.0, 0.2))
    assert resolve_point(lat=61.05, lon=70.05).municipality == city


def test_settlement_resolution_inside_and_outside_the_settlement():
    municipality = MunicipalityFactory(centre_lat=60.0, centre_lon=70.0, half_size=0.5)
    village = SettlementFactory(municipality=municipality, centre_lat=60.2, centre_lon=70.2)
    SettlementFactory(municipality=municipality, centre_lat=59.8, centre_lon=69.8)
    assert resolve_point(lat=60.21, lon=70.21) == Resolved(municipality, village)
    assert resolve_point(lat=60.0, lon=70.0) == Resolved(municipality, None)


def test_region_filter_ignores_other_regions():
    here = MunicipalityFactory(centre_lat=60.0, centre_lon=70.0)
    other_region = RegionFactory()
    assert resolve_point(lat=60.0, lon=70.0, region=other_region).municipality is None
    assert resolve_point(lat=60.0, lon=70.0, region=here.region).municipality == here


def test_overlapping_imported_boundaries_prefer_the_smaller_one():
    big = MunicipalityFactory(centre_lat=60.0, centre_lon=70.0, half_size=1.0)
    small = MunicipalityFactory(region=big.region, centre_lat=60.1, centre_lon=70.1)
    assert resolve_point(lat=60.1, lon=70.1).municipality == small
    assert resolve_point(lat=60.8, lon=70.8).municipality == big


def test_a_municipality_without_a_boundary_is_never_found():
    MunicipalityFactory(centre_lat=60.0, centre_lon=70.0, boundary=None)
    assert resolve_point(lat=60.0, lon=70.0).municipality is None


def test_candidates_are_narrowed_by_bounding_box_in_sql(monkeypatch):
    # Off the factory's grid of centres (every 0.5° from 52°N 62°E, boxes ±0.2°), so that none
    # of the others can be drawn on the same square, whatever the factory's sequence has reached.
    target = MunicipalityFactory(centre_lat=60.25, centre_lon=70.25)
    MunicipalityFactory.create_batch(5, region=target.region)
    checked = []
    real_contains = selectors.geometry.contains

    def counting_contains(boundary, lat, lon):
        checked.append(boundary)
        return real_contains(boundary, lat, lon)

    monkeypatch.setattr(selectors.geometry, "contains", counting_contains)
    assert resolve_point(lat=60.25, lon=70.25).municipality == target
    assert checked == [target.boundary]  # the five others never left the database
