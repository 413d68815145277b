"""The boundaries layer: every municipality's boundary as GeoJSON, cached, with an ETag."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_boundaries_are_a_feature_collection_of_the_municipalities(client):
    first, second = MunicipalityFactory(), MunicipalityFactory()
    response = client.get(reverse("territory:boundaries"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    by_id = {f["properties"]["id"]: f for f in data["features"]}
    assert set(by_id) == {first.pk, second.pk}
    assert by_id[first.pk]["geometry"] == first.boundary
    assert by_id[first.pk]["properties"]["name"] == first.name


def test_a_municipality_without_a_boundary_is_left_out(client):
    drawn = MunicipalityFactory()
    MunicipalityFactory(boundary=None)
    data = json.loads(client.get(reverse("territory:boundaries")).content)
    assert [f["properties"]["id"] for f in data["features"]] == [drawn.pk]


def test_boundaries_are_cached_and_answer_304_to_their_etag(client, django_assert_num_queries):
    MunicipalityFactory()
    url = reverse("territory:boundaries")
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
