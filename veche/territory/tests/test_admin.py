"""The territory in the Django admin: boundaries are GeoJSON text, validated in Russian."""

import json

import pytest

from veche.territory.models import Municipality
from veche.territory.tests.factories import MunicipalityFactory, RegionFactory, square

pytestmark = pytest.mark.django_db


def post_municipality(admin_client, region, boundary) -> object:
    return admin_client.post(
        "/admin/territory/municipality/add/",
        {
            "region": region.pk,
            "kind": "city_okrug",
            "name": "Покачи",
            "slug": "pokachi",
            "admin_centre": "Покачи",
            "population": "17000",
            "centre_lat": "61.7422",
            "centre_lon": "75.5942",
            "boundary": boundary if isinstance(boundary, str) else json.dumps(boundary),
            "settlements-TOTAL_FORMS": "0",
            "settlements-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.parametrize(
    ("boundary", "message"),
    [
        (
            {"type": "Polygon", "coordinates": [[[75, 61], [76, 61], [76, 62], [75, 62]]]},
            "Кольцо 1 не замкнуто: последняя точка должна повторять первую.",
        ),
        (
            {"type": "Point", "coordinates": [75.5, 61.7]},
            "Граница должна быть геометрией GeoJSON типа Polygon или MultiPolygon",
        ),
        (
            {"type": "Polygon", "coordinates": [[[61, 75], [61, 95], [62, 95], [61, 75]]]},
            "Кольцо 1: точка [61, 95] вне допустимых значений",
        ),
        (
            {"type": "Polygon", "coordinates": [[[75, 61], [76, 62], [75, 61]]]},
            "Кольцо 1 должно содержать не меньше четырёх точек",
        ),
        ("{not json", "Введите корректный JSON."),
    ],
    ids=["unclosed", "point", "out-of-range", "too-short", "not-json"],
)
def test_a_bad_boundary_is_refused_with_a_russian_message(admin_client, boundary, message):
    region = RegionFactory()
    response = post_municipality(admin_client, region, boundary)
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert not Municipality.objects.exists()


def test_a_valid_boundary_is_saved_with_its_bounding_box(admin_client):
    region = RegionFactory()
    response = post_municipality(admin_client, region, square(61.74, 75.59, 0.1))
    assert response.status_code == 302
    pokachi = Municipality.objects.get(name="Покачи")
    assert round(pokachi.min_lat, 2) == 61.64 and round(pokachi.max_lon, 2) == 75.69


def test_admin_pages_are_in_russian_and_searchable(admin_client):
    MunicipalityFactory(name="Нягань")
    MunicipalityFactory(name="Урай")
    response = admin_client.get("/admin/territory/municipality/", {"q": "Нягань"})
    page = response.content.decode()
    assert "Муниципалитеты" in page
    assert "Нягань" in page and "Урай" not in page
    for url in ("/admin/territory/region/", "/admin/territory/settlement/"):
        assert admin_client.get(url).status_code == 200
