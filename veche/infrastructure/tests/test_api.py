"""/api/v1/objects/: the list with filters, an object with its history, categories."""

import pytest

from veche.infrastructure.models import HistoryEntry

from .factories import FacilityFactory


@pytest.fixture
def objects(world):
    road = FacilityFactory(
        municipality=world.surgut, category=world.roads, name="Ремонт дороги на улице Мира"
    )
    yard = FacilityFactory(municipality=world.urai, category=world.yards, status="completed")
    HistoryEntry.objects.create(
        facility=road,
        source="staff",
        author=world.surgut_admin,
        changes={"progress": ["10", "25"]},
    )
    return road, yard


def test_the_list_filters_and_searches(client, objects, world):
    road, yard = objects
    data = client.get("/api/v1/objects/").json()
    assert data["count"] == 2
    data = client.get("/api/v1/objects/", {"municipality": world.urai.pk}).json()
    assert [item["id"] for item in data["items"]] == [yard.pk]
    data = client.get("/api/v1/objects/", {"q": "дороги", "status": "in_progress"}).json()
    assert [item["id"] for item in data["items"]] == [road.pk]
    assert client.get("/api/v1/objects/", {"status": "lost"}).status_code == 422


def test_an_object_carries_history_without_its_author(client, objects, world):
    road, _yard = objects
    data = client.get(f"/api/v1/objects/{road.pk}/").json()
    assert data["history"][0]["changes"] == {"progress": ["10", "25"]}
    assert data["municipalities"] == [world.surgut.pk]
    assert world.surgut_admin.email not in str(data) and "author" not in data["history"][0]
    assert client.get("/api/v1/objects/999999/").status_code == 404


def test_categories(client, objects):
    names = [c["name"] for c in client.get("/api/v1/objects/categories/").json()]
    assert set(names) >= {"Дороги", "Дворы"}
