"""The gazetteer: its import (CSV and GeoJSON, idempotent, all or nothing) and its search."""

import json

import pytest
from django.core.management import CommandError, call_command

from veche.territory.gazetteer import import_gazetteer, read_rows
from veche.territory.models import Place
from veche.territory.selectors import gazetteer_search

from .factories import MunicipalityFactory, PlaceFactory, SettlementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    surgut = SettlementFactory(name="Сургут", municipality=MunicipalityFactory(name="Сургут"))
    uray = SettlementFactory(name="Урай", municipality=MunicipalityFactory(name="Урай"))
    return surgut, uray


def write_csv(tmp_path, text: str):
    path = tmp_path / "streets.csv"
    path.write_text(text, encoding="utf-8")
    return path


CSV = (
    "settlement,name,kind,lat,lon\n"
    "Сургут,улица Ленина,street,61.25,73.39\n"
    "Урай,улица Ленина,street,60.13,64.80\n"
    "Урай,площадь Первооткрывателей,square,60.12,64.79\n"
    "Нигде,улица Мира,street,60.0,64.0\n"
)


def test_csv_import_creates_places_and_skips_unknown_settlements(towns, tmp_path):
    report = import_gazetteer(read_rows(write_csv(tmp_path, CSV)))
    assert (report.created, report.updated) == (3, 0)
    assert report.skipped == ["улица Мира (Нигде)"]
    square = Place.objects.get(name="площадь Первооткрывателей")
    assert (square.settlement, square.kind) == (towns[1], Place.Kind.SQUARE)


def test_import_is_idempotent_and_updates_points(towns, tmp_path):
    call_command("import_gazetteer", str(write_csv(tmp_path, CSV)))
    moved = CSV.replace("61.25,73.39", "61.26,73.40")
    report = import_gazetteer(read_rows(write_csv(tmp_path, moved)))
    assert (report.created, report.updated) == (0, 3)
    assert Place.objects.count() == 3
    assert Place.objects.get(settlement=towns[0]).lat == 61.26


def test_geojson_line_becomes_its_centroid(towns, tmp_path):
    path = tmp_path / "streets.geojson"
    feature = {
        "type": "Feature",
        "properties": {"name:ru": "улица Мира", "highway": "residential", "addr:city": "Урай"},
        "geometry": {"type": "LineString", "coordinates": [[64.78, 60.12], [64.80, 60.14]]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    import_gazetteer(read_rows(path))
    place = Place.objects.get()
    assert (place.name, place.settlement) == ("улица Мира", towns[1])
    assert place.lat == pytest.approx(60.13) and place.lon == pytest.approx(64.79)


def test_a_bad_row_loads_nothing(towns, tmp_path):
    broken = CSV + "Урай,улица Садовая,street,160.0,64.8\n"
    with pytest.raises(CommandError, match="Садовая"):
        call_command("import_gazetteer", str(write_csv(tmp_path, broken)))
    assert not Place.objects.exists()


def test_missing_columns_are_named(tmp_path):
    with pytest.raises(CommandError, match="lat, lon"):
        call_command("import_gazetteer", str(write_csv(tmp_path, "settlement,name\nУрай,x\n")))


def test_search_by_word_prefix_ignores_case_and_yo(towns):
    surgut, uray = towns
    PlaceFactory(settlement=surgut, name="улица Семёна Билецкого")
    PlaceFactory(settlement=uray, name="улица Ленина")
    PlaceFactory(settlement=surgut, name="проспект Ленина")
    assert [m.name for m in gazetteer_search("БИЛЕЦ")] == ["улица Семёна Билецкого"]
    assert [m.name for m in gazetteer_search("семен")] == ["улица Семёна Билецкого"]
    assert {m.context.split(",")[0] for m in gazetteer_search("ленина")} == {"Сургут", "Урай"}
    # The settlement's name narrows the streets; a word inside another word does not match.
    assert [m.name for m in gazetteer_search("ленина урай")] == ["улица Ленина"]
    assert gazetteer_search("енина") == []


def test_search_finds_settlements_first(towns):
    PlaceFactory(settlement=towns[1], name="улица Урайская")
    matches = gazetteer_search("урай")
    assert [(m.name, m.lat) for m in matches][0] == ("Урай", towns[1].centre_lat)
    assert [m.name for m in matches] == ["Урай", "улица Урайская"]


def test_empty_or_unmatched_search_finds_nothing(towns):
    assert gazetteer_search("  ,. ") == []
    assert gazetteer_search("Несуществующая") == []


def test_search_costs_two_queries(towns, django_assert_num_queries):
    for n in range(5):
        PlaceFactory(settlement=towns[0], name=f"улица Лесная {n}")
    with django_assert_num_queries(2):
        assert len(gazetteer_search("лесная")) == 5
