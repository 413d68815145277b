"""The registry's pages: the list and its filters without JavaScript, the map's feed, a
project's page, and the staff's pages refused to others and refusing bad input in words."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from veche.realized.models import Project, RealizedCount

from .factories import ProjectFactory
from .test_import import GOOD, csv_bytes


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def registry(world):
    ProjectFactory(
        municipality=world.surgut,
        settlement=world.lyantor,
        year=2019,
        direction="roads",
        name="Дорога в Лянторе",
    )
    ProjectFactory(
        municipality=world.urai,
        settlement=world.urai_town,
        year=2020,
        direction="sport",
        name="Каток в Урае",
    )
    return world


def test_the_list_filters_without_javascript(registry, client):
    page = client.get(reverse("realized:list"), {"year": 2020}).content.decode()
    assert "Каток в Урае" in page
    assert "Дорога в Лянторе" not in page
    assert "<caption" in page
    everything = client.get(reverse("realized:list")).content.decode()
    assert "Дорога в Лянторе" in everything


def test_a_bad_filter_is_ignored_not_a_500(registry, client):
    assert (
        client.get(reverse("realized:list"), {"year": "x", "direction": "<b>"}).status_code == 200
    )


def test_the_map_page_and_its_feed(registry, client):
    page = client.get(
        reverse("realized:map"), {"municipality": registry.surgut.pk}
    ).content.decode()
    assert "Лянтор" in page and "realized/map.js" in page
    feed = client.get(reverse("realized:map_geojson")).json()
    assert sorted(f["properties"]["name"] for f in feed["features"]) == ["Лянтор", "Урай"]
    assert sum(f["properties"]["count"] for f in feed["features"]) == 2


def test_the_project_page(registry, client):
    project = Project.objects.get(name="Каток в Урае")
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Каток в Урае" in page
    assert reverse("realized:manage", args=[project.pk]) not in page
    assert client.get(reverse("realized:detail", args=[99999])).status_code == 404


@pytest.mark.parametrize("name", ["import", "completeness", "new"])
def test_staff_pages_are_refused_to_residents(registry, name):
    assert _login(registry.resident).get(reverse(f"realized:{name}")).status_code == 403
    assert Client().get(reverse(f"realized:{name}")).status_code == 302


def test_an_urai_admin_cannot_open_or_post_to_a_surgut_project(registry):
    project = Project.objects.get(name="Дорога в Лянторе")
    urai = _login(registry.urai_admin)
    assert urai.get(reverse("realized:edit", args=[project.pk])).status_code == 403
    response = urai.post(
        reverse("realized:refund", args=[project.pk]), {"residents": "1", "sponsors": "0"}
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.refund_residents == 0


def test_the_import_page_reports_bad_rows_and_imports_good_files(registry):
    admin = _login(registry.regional_admin)
    bad = [GOOD[0], ["Фонтан", "Нягань", "", "2019", "yards", "1", "1", "1", "1", "", ""]]
    upload = SimpleUploadedFile("bad.csv", csv_bytes(bad), content_type="text/csv")
    response = admin.post(reverse("realized:import"), {"file": upload})
    assert response.status_code == 400
    assert "Нягань" in response.content.decode()
    assert Project.objects.count() == 2
    upload = SimpleUploadedFile("good.csv", csv_bytes(GOOD), content_type="text/csv")
    response = admin.post(reverse("realized:import"), {"file": upload})
    assert response.status_code == 200
    assert Project.objects.count() == 5


def test_the_completeness_page_sets_a_figure_for_ones_own_municipality(registry):
    surgut = _login(registry.surgut_admin)
    response = surgut.post(
        reverse("realized:completeness"),
        {"municipality": registry.surgut.pk, "year": 2019, "realized": 4},
    )
    assert response.status_code == 302
    assert RealizedCount.objects.get().realized == 4
    response = surgut.post(
        reverse("realized:completeness"),
        {"municipality": registry.urai.pk, "year": 2019, "realized": 4},
    )
    assert response.status_code == 400
    assert RealizedCount.objects.count() == 1
    page = surgut.get(reverse("realized:completeness")).content.decode()
    assert "Сургут" in page and "Урай" not in page.split("<table")[1].split("</table>")[0]


def test_a_municipal_admin_enters_and_manages_a_project(registry):
    surgut = _login(registry.surgut_admin)
    data = {
        "name": "Спортплощадка",
        "municipality": registry.surgut.pk,
        "settlement": registry.lyantor.pk,
        "year": 2021,
        "direction": "sport",
        "status": "in_implementation",
        "amount_region": "100000",
        "amount_municipality": "20000",
        "amount_residents": "5000",
        "amount_sponsors": "0",
    }
    response = surgut.post(reverse("realized:new"), data)
    project = Project.objects.get(name="Спортплощадка")
    assert response.status_code == 302
    response = surgut.post(
        reverse("realized:progress", args=[project.pk]), {"text": "", "stage": "during"}
    )
    assert response.status_code == 400
    response = surgut.post(
        reverse("realized:abandon", args=[project.pk]), {"reason": "Нет подрядчика"}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "not_carried_out"
    assert project.refund_residents == Decimal("5000")
    assert "Нет подрядчика" in surgut.get(project.get_absolute_url()).content.decode()


def test_the_api_lists_totals_and_details(registry, client):
    listing = client.get("/api/v1/realized/projects/", {"year": 2019}).json()
    assert [p["name"] for p in listing["items"]] == ["Дорога в Лянторе"]
    totals = client.get("/api/v1/realized/totals/").json()
    assert totals["count"] == 2
    assert Decimal(totals["region"]) == Decimal("2000000")
    project = Project.objects.get(name="Каток в Урае")
    detail = client.get(f"/api/v1/realized/projects/{project.pk}/").json()
    assert detail["money"]["residents"] in ("50000.00", 50000.0, "50000")
    assert client.get("/api/v1/realized/projects/99999/").status_code == 404


def test_the_pages_speak_russian_by_default_and_english_on_request(registry, client):
    assert (
        "Реализованные инициативные проекты"
        in client.get(reverse("realized:list")).content.decode()
    )
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("realized:list")).content.decode()
    assert "Realized initiative projects" in page
    assert "sport" in page


def test_the_list_and_a_project_cost_constant_queries(registry):
    """Rendered for a signed-in resident (guests' pages may come from the page cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from veche.realized.models import ProjectUpdate

    client = _login(registry.resident)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    project = Project.objects.get(name="Каток в Урае")
    ProjectUpdate.objects.create(project=project, kind="entered")
    few = (
        count(reverse("realized:list")),
        count(reverse("realized:map")),
        count(project.get_absolute_url()),
    )
    for n in range(15):
        ProjectFactory(municipality=registry.surgut, settlement=registry.lyantor, year=2018 + n % 5)
        ProjectUpdate.objects.create(project=project, kind="progress", text=str(n))
    many = (
        count(reverse("realized:list")),
        count(reverse("realized:map")),
        count(project.get_absolute_url()),
    )
    assert many == few


def test_the_home_page_shows_the_registry(registry, client):
    page = client.get("/").content.decode()
    assert reverse("realized:map") in page
    assert "realized-title" in page


def test_the_admin_starts_a_winner_s_implementation_from_the_waiting_list(world, client):
    from django.urls import reverse

    from .factories import winner_application

    ours = winner_application(world, title="Сквер у школы")
    theirs = winner_application(world, title="Чужой сквер")
    theirs.municipality = world.urai
    theirs.save(update_fields=["municipality"])
    client.force_login(world.surgut_admin)
    page = client.get(reverse("realized:winners")).content.decode()
    assert "Сквер у школы" in page and "Чужой сквер" not in page
    refused = client.post(
        reverse("realized:winners"), {"application": theirs.pk, "direction": "yards"}
    )
    assert refused.status_code == 404
    response = client.post(
        reverse("realized:winners"), {"application": ours.pk, "direction": "yards"}
    )
    project = Project.objects.get(application=ours)
    assert response["Location"] == reverse("realized:detail", args=[project.pk])
    assert project.direction == "yards" and project.status == "in_implementation"
    assert "Сквер у школы" not in client.get(reverse("realized:winners")).content.decode()


def test_residents_do_not_see_the_waiting_winners(world, client):
    from django.urls import reverse

    client.force_login(world.resident)
    assert client.get(reverse("realized:winners")).status_code == 403
