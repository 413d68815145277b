"""The import of past years: idempotent by the natural key, every bad row reported with its
line number and nothing written, a municipal admin limited to his municipalities."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from veche.events.models import Event
from veche.realized.models import Project, ProjectUpdate
from veche.realized.services import ImportRefused, projects_import
from veche.staff.models import StaffAuditLog

HEADER = [
    "Название",
    "Муниципальное образование",
    "Населённый пункт",
    "Год",
    "Направление",
    "Бюджет округа",
    "Бюджет муниципалитета",
    "Средства жителей",
    "Средства спонсоров",
    "Широта",
    "Долгота",
]
GOOD = [
    [
        "Сквер Победы",
        "Сургут",
        "Лянтор",
        "2019",
        "yards",
        "1 200 000,50",
        "300000",
        "15000",
        "0",
        "61.62",
        "72.15",
    ],
    ["Каток", "Урай", "Урай", "2020", "sport", "800000", "200000", "10000", "5000", "", ""],
    ["Библиотека", "Урай", "", "2018", "культура", "500000", "100000", "0", "0", "", ""],
]


def csv_bytes(rows) -> bytes:
    lines = [";".join(HEADER)] + [";".join(row) for row in rows]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


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
        list(Project.objects.order_by("pk").values()),
        ProjectUpdate.objects.count(),
    )


@pytest.mark.parametrize(("filename", "make"), [("past.csv", csv_bytes), ("past.xlsx", xlsx_bytes)])
def test_import_creates_projects_and_a_second_import_changes_nothing(world, filename, make):
    data = make(GOOD)
    result = projects_import(user=world.regional_admin, data=data, filename=filename)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    square = Project.objects.get(name="Сквер Победы")
    assert square.amount_region == Decimal("1200000.50")
    assert square.settlement == world.lyantor
    assert (square.lat, square.lon) == (61.62, 72.15)
    assert Project.objects.get(name="Библиотека").direction == "culture"
    before = snapshot()

    again = projects_import(user=world.regional_admin, data=data, filename=filename)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot() == before


def test_a_changed_row_updates_its_project_found_by_the_natural_key(world):
    projects_import(user=world.regional_admin, data=csv_bytes(GOOD), filename="a.csv")
    changed = [row[:] for row in GOOD]
    changed[1][7] = "12000"
    result = projects_import(user=world.regional_admin, data=csv_bytes(changed), filename="a.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Project.objects.get(name="Каток").amount_residents == Decimal("12000")
    assert Project.objects.count() == 3


def test_bad_rows_are_reported_with_their_line_numbers_and_nothing_is_written(world):
    rows = [
        GOOD[0],
        ["Фонтан", "Нягань", "", "2019", "yards", "1", "1", "1", "1", "", ""],
        GOOD[1],
        ["Стадион", "Урай", "", "2016", "sport", "1", "1", "1", "1", "", ""],
        ["Парк", "Урай", "", "2019", "yards", "-5", "1", "1", "1", "", ""],
        ["", "Урай", "", "2019", "yards", "1", "1", "1", "1", "", ""],
        ["Мост", "Урай", "", "2019", "bridges", "1", "1", "1", "1", "", ""],
        ["Каток", "Урай", "Урай", "2020", "sport", "1", "1", "1", "1", "", ""],
    ]
    events = Event.objects.count()
    with pytest.raises(ImportRefused) as refused:
        projects_import(user=world.regional_admin, data=csv_bytes(rows), filename="bad.csv")
    lines = [line for line, _message in refused.value.errors]
    assert lines == [3, 5, 6, 7, 8, 9]
    messages = dict(refused.value.errors)
    assert "Нягань" in messages[3]
    assert "2017" in messages[5]
    assert "строке 4" in messages[9] or "line 4" in messages[9]
    assert snapshot() == ([], 0)
    assert Event.objects.count() == events


def test_bad_xlsx_row_reports_the_sheet_line(world):
    rows = [
        GOOD[0],
        GOOD[1],
        ["Каток 2", "Урай", "Нет такого", 2020, "sport", 1, 1, 1, 1, None, None],
    ]
    with pytest.raises(ImportRefused) as refused:
        projects_import(user=world.regional_admin, data=xlsx_bytes(rows), filename="bad.xlsx")
    assert [line for line, _m in refused.value.errors] == [4]
    assert not Project.objects.exists()


def test_a_municipal_admin_imports_only_his_municipality(world):
    with pytest.raises(ImportRefused) as refused:
        projects_import(user=world.surgut_admin, data=csv_bytes(GOOD), filename="a.csv")
    assert [line for line, _m in refused.value.errors] == [3, 4]
    assert not Project.objects.exists()
    result = projects_import(user=world.surgut_admin, data=csv_bytes(GOOD[:1]), filename="a.csv")
    assert result.created == 1


def test_a_resident_may_not_import(world):
    with pytest.raises(PermissionDenied):
        projects_import(user=world.resident, data=csv_bytes(GOOD), filename="a.csv")
    assert not Project.objects.exists()


def test_missing_columns_and_other_files_are_refused_in_words(world):
    with pytest.raises(ImportRefused) as refused:
        projects_import(user=world.regional_admin, data=b"name;year\nX;2019\n", filename="a.csv")
    assert refused.value.errors[0][0] == 1
    with pytest.raises(ImportRefused):
        projects_import(user=world.regional_admin, data=b"%PDF-1.4", filename="a.pdf")
    with pytest.raises(ImportRefused):
        projects_import(user=world.regional_admin, data=b"not a zip", filename="a.xlsx")


def test_the_import_is_audited_and_logged(world):
    projects_import(user=world.regional_admin, data=csv_bytes(GOOD), filename="a.csv")
    audit = StaffAuditLog.objects.get(action="realized.projects_import")
    assert audit.details["created"] == 3
    assert Event.objects.filter(kind="realized.projects_import").count() == 1
    assert ProjectUpdate.objects.filter(kind="entered").count() == 3
