"""manage.py import_boundaries on small OpenStreetMap-like GeoJSON files in tests/data/."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from veche.territory import demo
from veche.territory.importing import normalize_name
from veche.territory.models import Municipality, Settlement
from veche.territory.selectors import resolve_point

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def yugra():
    return demo.seed()


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_boundaries", *args, stdout=out)
    return out.getvalue()


def boundaries() -> dict[str, dict]:
    return dict(Municipality.objects.values_list("name", "boundary"))


@pytest.mark.parametrize(
    ("osm", "ours"),
    [
        ("городской округ Сургут", "Сургут"),
        ("Городской округ г. Сургут", "Сургут"),
        ("Березовский район", "Берёзовский район"),
        ("Ханты-Мансийский район", "Ханты-Мансийский район"),
        ("город Ханты-Мансийск", "Ханты-Мансийск"),
        ("муниципальное образование «Город Пыть-Ях»", "Пыть-Ях"),
        ("Сургутский район Ханты-Мансийского автономного округа – Югры", "Сургутский район"),
        ("посёлок городского типа Фёдоровский", "Фёдоровский"),
    ],
)
def test_names_are_normalized_for_matching(osm, ours):
    assert normalize_name(osm) == normalize_name(ours)


def test_normalizing_keeps_a_city_apart_from_its_district():
    assert normalize_name("Сургутский район") != normalize_name("городской округ Сургут")


def test_matched_boundaries_are_updated_and_the_rest_reported(yugra):
    before = boundaries()
    output = run(str(DATA / "osm_municipalities.geojson"), "--region", "yugra")

    after = boundaries()
    geojson = json.loads((DATA / "osm_municipalities.geojson").read_text())["features"]
    assert after["Сургут"] == geojson[0]["geometry"]
    assert after["Сургутский район"] == geojson[1]["geometry"]
    assert after["Урай"] == geojson[2]["geometry"]
    assert after["Берёзовский район"] == geojson[3]["geometry"]
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"Сургут", "Сургутский район", "Урай", "Берёзовский район"}
    # The bounding box follows the new boundary.
    uray = Municipality.objects.get(name="Урай")
    assert (uray.min_lon, uray.min_lat, uray.max_lon, uray.max_lat) == (64.65, 60.05, 64.95, 60.2)

    assert "Обновлено: 4" in output
    assert "«городской округ Сургут» → Сургут" in output
    assert "«Тазовский район»: в регионе" in output and "нет места с таким названием" in output
    assert "«Ханты-Мансийск»: геометрия Point — не Polygon и не MultiPolygon." in output
    assert "Остались без границы из этого файла: 18" in output


def test_a_point_in_the_imported_hole_resolves_to_the_city(yugra):
    run(str(DATA / "osm_municipalities.geojson"))  # the only region: --region may be left out
    assert resolve_point(lat=61.26, lon=73.40).municipality.name == "Сургут"
    assert resolve_point(lat=61.26, lon=73.20).municipality.name == "Сургутский район"
    assert resolve_point(lat=62.7, lon=71.4).municipality.name == "Сургутский район"


def test_dry_run_changes_nothing(yugra):
    before = boundaries()
    output = run(str(DATA / "osm_municipalities.geojson"), "--dry-run")
    assert boundaries() == before
    assert "Обновлено: 4" in output
    assert "Пробный запуск: ничего не сохранено." in output


def test_a_broken_geometry_aborts_the_whole_import(yugra):
    before = boundaries()
    with pytest.raises(CommandError) as error:
        run(str(DATA / "osm_broken.geojson"))
    # The first feature (Surgut) was fine, yet it is not saved either.
    assert boundaries() == before
    assert "Объект № 2 «городской округ Урай»" in str(error.value)
    assert "Кольцо 1 не замкнуто" in str(error.value)
    assert "Ничего не изменено." in str(error.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "не файл JSON"),
        ('{"type": "Feature", "geometry": null}', "не GeoJSON FeatureCollection"),
        ("[1, 2]", "не GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": [1]}', "должен быть объектом"),
    ],
)
def test_a_file_that_is_not_a_feature_collection_is_rejected(yugra, tmp_path, content, message):
    before = boundaries()
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(str(path))
    assert boundaries() == before


def test_a_missing_file_is_a_clear_error(yugra, tmp_path):
    with pytest.raises(CommandError, match="Не удаётся прочитать"):
        run(str(tmp_path / "nowhere.geojson"))


def test_an_unknown_region_is_a_clear_error(yugra):
    with pytest.raises(CommandError, match="Нет региона с кодом «tver»"):
        run(str(DATA / "osm_municipalities.geojson"), "--region", "tver")


def test_admin_level_filter_skips_other_levels(yugra):
    before = boundaries()
    output = run(str(DATA / "osm_settlements.geojson"), "--admin-level", "6")
    assert boundaries() == before
    assert "«Лянтор»: admin_level 8, а не 6." in output


def test_settlement_level_updates_settlements_and_skips_unknown_ones(yugra):
    output = run(str(DATA / "osm_settlements.geojson"), "--level", "settlement")
    lyantor = Settlement.objects.get(name="Лянтор")
    assert lyantor.boundary["coordinates"][0][0] == [72.10, 61.59]
    assert not Settlement.objects.filter(name__icontains="Солнечный").exists()
    assert "«посёлок Солнечный»: в регионе" in output


def test_settlement_level_with_create_adds_the_missing_settlement(yugra):
    output = run(str(DATA / "osm_settlements.geojson"), "--level", "settlement", "--create")
    created = Settlement.objects.get(name="посёлок Солнечный")
    assert created.municipality.name == "Сургутский район"
    assert created.population == 10500
    assert created.kind == Settlement.Kind.VILLAGE
    assert 61.40 < created.centre_lat < 61.44 and 73.20 < created.centre_lon < 73.26
    assert "Создано: 1" in output
    resolved = resolve_point(lat=61.42, lon=73.23)
    assert resolved.settlement == created


def test_create_needs_the_settlement_level(yugra):
    with pytest.raises(CommandError, match="--create"):
        run(str(DATA / "osm_municipalities.geojson"), "--create")
