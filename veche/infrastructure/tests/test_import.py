"""The import: idempotent on the source's id, a changed row → one history entry, every bad row
reported with its line and nothing written; CSV and XLSX alike (issue 14's acceptance)."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from veche.events.models import Event
from veche.infrastructure.models import Facility, FacilityMunicipality, HistoryEntry, Status
from veche.infrastructure.services import ImportRefused, facilities_import
from veche.staff.models import StaffAuditLog

HEADER = [
    "Идентификатор",
    "Наименование",
    "Категория",
    "Адрес",
    "Широта",
    "Долгота",
    "Геометрия",
    "Год",
    "Вид работ",
    "Статус",
    "Начало по плану",
    "Окончание по плану",
    "Подрядчик",
    "Бюджет план",
    "Освоено",
    "Готовность",
]
ROAD = json.dumps(
    {"type": "LineString", "coordinates": [[73.3, 61.2], [73.4, 61.25], [73.5, 61.3]]}
)
# Crosses from Surgut (73.2–73.6) to well outside it: only Surgut's vertices count.
GOOD = [
    [
        "A-1",
        "Сквер у школы № 5",
        "Дворы",
        "ул. Ленина, 5",
        "61.25",
        "73.40",
        "",
        "2024",
        "благоустройство",
        "в работе",
        "01.05.2024",
        "2024-09-30",
        "ООО «Стройдор»",
        "1 200 000,50",
        "300000",
        "25",
    ],
    [
        "A-2",
        "Ремонт улицы Мира",
        "roads",
        "ул. Мира",
        "",
        "",
        ROAD,
        "2024",
        "repair",
        "planned",
        "",
        "",
        "",
        "5000000",
        "0",
        "0",
    ],
    [
        "A-3",
        "Детская площадка",
        "Дворы",
        "",
        "60.13",
        "64.78",
        "",
        "2023",
        "construction",
        "завершён",
        "",
        "",
        "",
        "800000",
        "800000",
        "100",
    ],
]


def csv_bytes(rows) -> bytes:
    lines = [";".join(HEADER)] + [
        ";".join(f'"{c}"' if ";" in c or '"' in c else c for c in row) for row in rows
    ]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def csv_quoted(rows) -> bytes:
    out = io.StringIO()
    import csv

    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def snapshot():
    return (
        Facility.objects.count(),
        HistoryEntry.objects.count(),
        FacilityMunicipality.objects.count(),
        list(
            Facility.objects.order_by("pk").values_list(
                "status", "progress", "budget_spent", "updated_at"
            )
        ),
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_creates_objects_with_municipality_and_history(world, fmt):
    data = csv_quoted(GOOD) if fmt == "csv" else xlsx_bytes(GOOD)
    result = facilities_import(user=world.regional_admin, data=data, filename=f"f.{fmt}")
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    square = Facility.objects.get(source_id="A-1")
    assert square.municipality == world.surgut
    assert square.status == Status.IN_PROGRESS
    assert square.budget_planned == Decimal("1200000.50")
    assert square.planned_start.isoformat() == "2024-05-01"
    assert square.category == world.yards
    road = Facility.objects.get(source_id="A-2")
    assert (road.shape, road.municipality, road.lat, road.lon) == (
        "line",
        world.surgut,
        61.25,
        73.4,
    )
    assert (road.min_lon, road.max_lat) == (73.3, 61.3)
    assert Facility.objects.get(source_id="A-3").municipality == world.urai
    assert HistoryEntry.objects.filter(source="created").count() == 3
    assert StaffAuditLog.objects.filter(action="infrastructure.facilities_import").count() == 1
    assert Event.objects.filter(kind="infrastructure.facilities_import").count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reimporting_the_same_file_changes_nothing(world, fmt):
    data = csv_quoted(GOOD) if fmt == "csv" else xlsx_bytes(GOOD)
    facilities_import(user=world.regional_admin, data=data, filename=f"f.{fmt}")
    before = snapshot(), Event.objects.count(), StaffAuditLog.objects.count()
    result = facilities_import(user=world.regional_admin, data=data, filename=f"f.{fmt}")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert (snapshot(), Event.objects.count(), StaffAuditLog.objects.count()) == before


def test_a_changed_row_updates_its_object_and_adds_one_history_entry(world):
    facilities_import(user=world.regional_admin, data=csv_quoted(GOOD), filename="f.csv")
    changed = [row[:] for row in GOOD]
    changed[0][9] = "завершён"
    changed[0][14] = "1150000"
    changed[0][15] = "100"
    before = HistoryEntry.objects.count()
    result = facilities_import(
        user=world.regional_admin, data=csv_quoted(changed), filename="f.csv"
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert HistoryEntry.objects.count() == before + 1
    entry = HistoryEntry.objects.latest("pk")
    square = Facility.objects.get(source_id="A-1")
    assert entry.facility == square and entry.source == "import"
    assert entry.changes == {
        "status": ["in_progress", "completed"],
        "budget_spent": ["300000.00", "1150000.00"],
        "progress": ["25", "100"],
    }
    assert (square.status, square.progress) == (Status.COMPLETED, 100)


def test_bad_date_unknown_category_and_point_outside_region_import_nothing(world):
    bad = [row[:] for row in GOOD]
    bad[0][10] = "31.02.2024"
    bad[1][2] = "Космодромы"
    bad[2][4], bad[2][5] = "10.0", "10.0"
    facilities_import(user=world.regional_admin, data=csv_quoted(GOOD[1:2]), filename="f.csv")
    before = snapshot()
    with pytest.raises(ImportRefused) as refused:
        facilities_import(
            user=world.regional_admin, data=csv_quoted([*bad, GOOD[0]]), filename="f.csv"
        )
    lines = [line for line, _message in refused.value.errors]
    assert lines == [2, 3, 4]
    messages = dict(refused.value.errors)
    assert "31.02.2024" in messages[2]
    assert "Космодромы" in messages[3]
    assert "outside" in messages[4] or "вне" in messages[4]
    assert snapshot() == before


def test_same_id_twice_in_a_file_is_refused(world):
    with pytest.raises(ImportRefused) as refused:
        facilities_import(
            user=world.regional_admin, data=csv_quoted([GOOD[0], GOOD[0]]), filename="f.csv"
        )
    assert [line for line, _m in refused.value.errors] == [3]
    assert Facility.objects.count() == 0


def test_missing_columns_and_wrong_files_are_refused(world):
    with pytest.raises(ImportRefused) as refused:
        facilities_import(user=world.regional_admin, data=b"name;year\nx;2024\n", filename="f.csv")
    assert refused.value.errors[0][0] == 1
    with pytest.raises(ImportRefused):
        facilities_import(user=world.regional_admin, data=b"PK\x03\x04junk", filename="f.xlsx")
    with pytest.raises(ImportRefused):
        facilities_import(user=world.regional_admin, data=b"x", filename="f.txt")


def test_only_a_regional_admin_imports(world):
    for user in (world.surgut_admin, world.resident):
        with pytest.raises(PermissionDenied):
            facilities_import(user=user, data=csv_quoted(GOOD), filename="f.csv")
    assert Facility.objects.count() == 0


def test_xlsx_date_cells_and_numbers_are_read(world):
    import datetime

    row = GOOD[0][:]
    row[10] = datetime.date(2024, 5, 1)  # a real date cell: its serial number in the XML
    row[14] = 300000  # a number cell
    facilities_import(user=world.regional_admin, data=xlsx_bytes([row]), filename="f.xlsx")
    square = Facility.objects.get(source_id="A-1")
    assert square.planned_start == datetime.date(2024, 5, 1)
    assert square.budget_spent == Decimal("300000.00")
