"""The drawn heat map: classes of the hexagons' counts, the cells' polygons, and the page's
map with its table and no-JS fallback (heatmap.py, views.py)."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import h3
import pytest
from django.urls import reverse

from veche.analytics import heatmap, selectors
from veche.analytics.selectors import Scope
from veche.analytics.services import HEAT_RESOLUTION, analytics_refresh, cell_of
from veche.community.models import Organization, Review
from veche.reports.models import Report
from veche.reports.tests.factories import RoutedReportFactory
from veche.staff.models import Role
from veche.staff.tests.factories import RegionWideRoleFactory

ZONE = ZoneInfo("Asia/Yekaterinburg")


def test_five_quantile_classes_of_ten_cells():
    # Ten cells: each fifth of them closes a class at its largest count.
    assert heatmap.breaks([1, 1, 2, 3, 5, 8, 13, 21, 34, 55]) == [1, 3, 8, 21, 55]


def test_classes_are_distinct_when_counts_repeat():
    assert heatmap.breaks([4, 4, 4, 4, 9]) == [4, 9]
    assert heatmap.breaks([]) == []


def test_hexagons_carry_the_cells_boundary_and_a_legend_of_ranges():
    cell = h3.latlng_to_cell(61.25, 73.4, HEAT_RESOLUTION)
    other = h3.latlng_to_cell(60.94, 76.55, HEAT_RESOLUTION)
    heat = heatmap.hexagons([(cell, 61.25, 73.4, 7), (other, 60.94, 76.55, 2)])
    first = heat["cells"][0]
    assert first["n"] == 7 and len(first["b"]) == 6  # a hexagon
    assert first["c"] == heatmap.COLOURS[1] and heat["cells"][1]["c"] == heatmap.COLOURS[0]
    assert heat["legend"] == [(0, "1–2"), (1, "3–7")]


def _filed_in(world, lat, lon, count):
    for _n in range(count):
        made = RoutedReportFactory(municipality=world.surgut, lat=lat, lon=lon)
        Report.objects.filter(pk=made.pk).update(created_at=datetime(2026, 1, 12, tzinfo=ZONE))


def test_the_busiest_cells_first_with_their_counts(world):
    _filed_in(world, 61.25, 73.40, 3)
    _filed_in(world, 61.26, 73.41, 1)  # the same hexagon (a few hundred metres away)
    _filed_in(world, 61.00, 73.00, 2)
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 1, 31))
    cells = selectors.cells(Scope(), date(2026, 1, 1), date(2026, 1, 31))
    busy, quiet = cell_of(61.25, 73.40)[0], cell_of(61.00, 73.00)[0]
    assert [(c, n) for c, _lat, _lon, n in cells] == [(busy, 4), (quiet, 2)]


def test_the_dashboard_draws_the_map_with_its_table_and_fallback(client, world):
    _filed_in(world, 61.25, 73.40, 2)
    analytics_refresh(first=date(2026, 1, 1), last=date(2026, 1, 31))
    page = client.get(reverse("analytics:public"), {"first": "2026-01-12", "last": "2026-01-31"})
    html = page.content.decode()
    assert 'id="heat-map"' in html and "hidden" in html.split('id="heat-map"')[1][:200]
    assert 'id="heat-map-fallback"' in html and "analytics/heatmap.js" in html
    start = html.index('<script id="heat-cells" type="application/json">')
    heat = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert "<" not in html[html.index(">", start) + 1 : html.index("</script>", start)]
    assert [c["n"] for c in heat] == [2] and len(heat[0]["b"]) == 6
    assert page.context["tables"]["cells"]["rows"][0][2] == 2


# --- The NGO sector's heat map ------------------------------------------------------------------
# Hand count: Сургут 3 approved NGOs (+1 awaiting a moderator, +1 rejected: not in the registry);
# Урай 2 approved, one of them registered on 20 January 2026. As of 10 January: Сургут 3, Урай 1;
# as of today: 3 and 2. Each in the hexagon of its municipality's centre.


def _ngo(municipality, status=Review.APPROVED, registered=datetime(2026, 1, 5, tzinfo=ZONE)):
    made = Organization.objects.create(
        name=f"НКО {Organization.objects.count() + 1}", kind="so_nko", direction="volunteering",
        municipality=municipality, status=status,
    )  # fmt: skip
    Organization.objects.filter(pk=made.pk).update(created_at=registered)


def _ngos(world):
    for _n in range(3):
        _ngo(world.surgut)
    _ngo(world.surgut, status=Review.PENDING)
    _ngo(world.surgut, status=Review.REJECTED)
    _ngo(world.urai)
    _ngo(world.urai, registered=datetime(2026, 1, 20, tzinfo=ZONE))


def _centre_cell(municipality):
    return cell_of(municipality.centre_lat, municipality.centre_lon)[0]


def test_ngos_per_hexagon_of_their_municipalitys_centre(world):
    _ngos(world)
    surgut, urai = _centre_cell(world.surgut), _centre_cell(world.urai)
    cells = selectors.ngo_cells(Scope(), date(2026, 12, 31))
    assert [(c, n) for c, _lat, _lon, n in cells] == [(surgut, 3), (urai, 2)]
    cells = selectors.ngo_cells(Scope(), date(2026, 1, 10))
    assert [(c, n) for c, _lat, _lon, n in cells] == [(surgut, 3), (urai, 1)]
    mine = selectors.ngo_cells(Scope(municipality_id=world.urai.pk), date(2026, 12, 31))
    assert [(c, n) for c, _lat, _lon, n in mine] == [(urai, 2)]
    assert h3.get_resolution(surgut) == HEAT_RESOLUTION
    assert (cells[0][1], cells[0][2]) == pytest.approx(h3.cell_to_latlng(surgut))


def test_the_dashboard_draws_the_ngo_map_with_its_table(client, world):
    _ngos(world)
    page = client.get(reverse("analytics:public"), {"first": "2026-01-01", "last": "2026-01-31"})
    html = page.content.decode()
    assert 'id="ngo-map"' in html and 'id="ngo-map-fallback"' in html
    start = html.index('<script id="ngo-cells" type="application/json">')
    heat = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert [c["n"] for c in heat] == [3, 2] and heat[0]["t"] == "3 НКО"
    assert [row[2] for row in page.context["tables"]["ngos"]["rows"]] == [3, 2]
    csv = client.get(reverse("analytics:public"), {"download": "ngos", "format": "csv"})
    assert csv.status_code == 200


def test_an_agency_dashboard_has_no_ngo_map(client, world):
    _ngos(world)
    client.force_login(RegionWideRoleFactory(role=Role.REGIONAL_HEAD).user)
    page = client.get(reverse("analytics:agency", args=[world.surgut_admin.pk]))
    assert page.status_code == 200
    assert "ngos" not in page.context["tables"] and 'id="ngo-map"' not in page.content.decode()
