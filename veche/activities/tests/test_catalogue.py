"""A parent's filters, the pages, the search kind and the demo."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from veche.activities import demo
from veche.activities.models import Programme
from veche.activities.selectors import Near, distance_km, nearest, programmes
from veche.search.selectors import search
from veche.territory import demo as territory_demo

from .factories import OrganizationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(world):
    centre = OrganizationFactory(municipality=world.surgut, lat=61.2540, lon=73.3962)
    far = OrganizationFactory(municipality=world.surgut, lat=61.3400, lon=73.3962)  # ~9.6 km
    urai = OrganizationFactory(municipality=world.urai, lat=60.1296, lon=64.8038)
    return {
        "robots": ProgrammeFactory(organization=centre, title="Робототехника", age_from=10),
        "dance": ProgrammeFactory(
            organization=centre,
            title="Танцы",
            direction="arts",
            age_from=5,
            age_to=9,
            price=Decimal("2000"),
        ),
        "chess": ProgrammeFactory(organization=far, title="Шахматы", direction="sport"),
        "skiing": ProgrammeFactory(organization=urai, title="Лыжи", direction="sport"),
    }


def titles(found) -> set[str]:
    return {p.title for p in found}


def test_the_childs_age_falls_within_the_range(catalogue):
    assert titles(programmes(age=6)) == {"Танцы"}
    assert titles(programmes(age=7)) == {"Танцы", "Шахматы", "Лыжи"}
    assert titles(programmes(age=12)) == {"Робототехника", "Шахматы", "Лыжи"}
    assert titles(programmes(age=17)) == set()


def test_municipality_direction_and_free(catalogue, world):
    assert titles(programmes(municipality=world.urai.pk)) == {"Лыжи"}
    assert titles(programmes(direction="sport")) == {"Шахматы", "Лыжи"}
    assert "Танцы" not in titles(programmes(free=True))


def test_near_me_keeps_what_is_within_the_radius_nearest_first(catalogue):
    assert 9 < distance_km(61.2540, 73.3962, 61.3400, 73.3962) < 10
    near = Near(61.2540, 73.3962, 5)
    assert [p.title for p in nearest(programmes(near=near), near)] == ["Робототехника", "Танцы"]
    wider = Near(61.2540, 73.3962, 10)
    found = nearest(programmes(near=wider), wider)
    assert [p.title for p in found][-1] == "Шахматы"
    assert found[0].distance_km == pytest.approx(0, abs=0.01)


def test_the_list_filters_by_age_and_municipality(client, catalogue, world):
    page = client.get("/activities/", {"age": 7, "municipality": world.surgut.pk}).content.decode()
    assert "Танцы" in page and "Шахматы" in page
    assert "Лыжи" not in page and "Робототехника" not in page


def test_the_list_with_a_point_and_bad_input(client, catalogue):
    page = client.get("/activities/", {"lat": 61.254, "lon": 73.3962, "radius": 1}).content.decode()
    assert "Робототехника" in page and "Шахматы" not in page
    response = client.get("/activities/", {"age": "сорок", "lat": "61"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_the_list_costs_a_constant_number_of_queries(
    client, catalogue, world, django_assert_max_num_queries
):
    for n in range(15):
        ProgrammeFactory(organization=catalogue["robots"].organization, title=f"Кружок {n}")
    with django_assert_max_num_queries(8):
        assert client.get("/activities/").status_code == 200


def test_a_programmes_page(client, catalogue):
    dance = catalogue["dance"]
    page = client.get(f"/activities/{dance.pk}/").content.decode()
    assert "Танцы" in page and "Робототехника" in page  # the organization's other programme
    assert client.get("/activities/999999/").status_code == 404


def test_the_import_page_is_for_admins(client, world):
    assert client.get("/activities/import/").status_code == 403
    client.force_login(world.surgut_admin)
    assert client.get("/activities/import/").status_code == 200
    upload = b"organization;municipality;programme;direction;age_from;age_to\nX;Nowhere;P;arts;1;2"

    response = client.post(
        "/activities/import/", {"file": SimpleUploadedFile("c.csv", upload, "text/csv")}
    )
    assert response.status_code == 400
    assert "Nowhere" in response.content.decode()
    assert Programme.objects.count() == 0


def test_programmes_are_found_by_the_site_search(catalogue):
    call_command("reindex_search", "activities.programme", verbosity=0)
    found = search("робототехнику")
    assert [hit.entry.title for hit in found.hits] == ["Робототехника"]
    assert found.facets[0].kind == "activities.programme"


def test_demo_is_idempotent(db):
    territory_demo.seed()
    demo.seed()
    count = Programme.objects.count()
    assert count >= 25
    demo.seed()
    assert Programme.objects.count() == count
