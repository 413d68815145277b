"""GET /api/v1/territory/…: public, no authentication."""

import pytest

from veche.territory import demo
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def yugra():
    return demo.seed()


def test_municipalities_lists_all_with_centre_and_kind(client, yugra):
    response = client.get("/api/v1/territory/municipalities")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 22
    surgut = next(m for m in body if m["slug"] == "surgut")
    assert surgut["name"] == "Сургут"
    assert surgut["kind"] == "city_okrug"
    assert surgut["region"] == "yugra"
    assert surgut["centre"] == {"lat": 61.254, "lon": 73.3962}
    names = [m["name"] for m in body]
    assert (
        names.index("Белоярский район") < names.index("Берёзовский район") < names.index("Когалым")
    )


def test_resolve_returns_municipality_and_settlement(client, yugra):
    response = client.get("/api/v1/territory/resolve", {"lat": 61.62, "lon": 72.16})
    assert response.status_code == 200
    body = response.json()
    assert body["municipality"]["slug"] == "surgutsky-district"
    assert body["settlement"]["name"] == "Лянтор"


def test_resolve_outside_every_municipality_is_404_with_a_russian_message(client, yugra):
    response = client.get("/api/v1/territory/resolve", {"lat": 55.75, "lon": 37.62})
    assert response.status_code == 404
    assert "не входит ни в один муниципалитет" in response.json()["detail"]


def test_resolve_rejects_coordinates_out_of_range(client, yugra):
    response = client.get("/api/v1/territory/resolve", {"lat": 161, "lon": 72})
    assert response.status_code == 422


def test_resolve_in_an_unknown_region_is_404(client, yugra):
    response = client.get(
        "/api/v1/territory/resolve", {"lat": 61.25, "lon": 73.4, "region": "tver"}
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Нет региона с кодом «tver»."


def test_boundary_is_a_geojson_feature(client, yugra):
    response = client.get("/api/v1/territory/municipalities/uray/boundary")
    assert response.status_code == 200
    feature = response.json()
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["properties"]["name"] == "Урай"


def test_boundary_of_an_unknown_municipality_is_404(client, yugra):
    response = client.get("/api/v1/territory/municipalities/atlantis/boundary")
    assert response.status_code == 404
    assert response.json()["detail"] == "Нет муниципалитета с кодом «atlantis»."


def test_boundary_not_drawn_yet_is_404(client):
    municipality = MunicipalityFactory(boundary=None, name="Покачи")
    response = client.get(f"/api/v1/territory/municipalities/{municipality.slug}/boundary")
    assert response.status_code == 404
    assert response.json()["detail"] == "У муниципалитета Покачи ещё нет границы."


def test_the_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/territory/municipalities",
        "/api/v1/territory/resolve",
        "/api/v1/territory/municipalities/{slug}/boundary",
    } <= set(paths)


def test_places_finds_settlements_and_streets_of_the_gazetteer(client, yugra):
    response = client.get("/api/v1/territory/places", {"q": "билецк"})
    assert response.status_code == 200
    (street,) = response.json()
    assert street["name"] == "улица Семёна Билецкого"
    assert street["kind"] == "улица"
    assert street["address"] == "Сургут, улица Семёна Билецкого"
    assert set(street["point"]) == {"lat", "lon"}
    assert client.get("/api/v1/territory/places", {"q": "Урай"}).json()[0]["name"] == "Урай"
    assert client.get("/api/v1/territory/places", {"q": "Несуществующая"}).json() == []


def test_places_needs_a_query(client, yugra):
    assert client.get("/api/v1/territory/places").status_code == 422
    assert client.get("/api/v1/territory/places", {"q": "x" * 101}).status_code == 422
