"""The catalogue's import: a bad row is reported with its line number and nothing of the file
is imported; a good file twice changes nothing; CSV and XLSX; a municipal admin's own rows only."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from veche.accounts.tests.factories import UserFactory
from veche.activities.models import Organization, Programme
from veche.activities.services import ImportRefused, catalogue_import
from veche.events.models import Event
from veche.staff.models import StaffAuditLog

pytestmark = pytest.mark.django_db

HEADER = (
    "Организация;Муниципальное образование;Адрес;Широта;Долгота;Программа;Направление;"
    "Возраст от;Возраст до;Стоимость в месяц;Расписание"
)
GOOD = [
    "ЦДТ «Радуга»;Сургут;ул. Гагарина, 10;61.25;73.38;Изостудия;художественная;6;14;;Пн 16:00",
    "ЦДТ «Радуга»;Сургут;ул. Гагарина, 10;61.25;73.38;Театр;arts;9;17;1800;Сб 11:00",
    "Лыжная база;Урай;мкр. 2;60.13;64.79;Лыжные гонки;sport;7;17;0;Вт, чт",
]


def csv_file(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode("utf-8-sig")


def test_a_good_file_imports_everything(world):
    result = catalogue_import(user=world.regional_admin, data=csv_file(*GOOD), filename="a.csv")
    assert (result.organizations_created, result.created) == (2, 3)
    theatre = Programme.objects.get(title="Театр")
    assert theatre.price == Decimal("1800.00") and theatre.direction == "arts"
    assert Programme.objects.get(title="Лыжные гонки").is_free
    assert Organization.objects.get(name="ЦДТ «Радуга»").lat == 61.25
    assert StaffAuditLog.objects.filter(action="activities.catalogue_import").count() == 1
    assert Event.objects.filter(kind="activities.catalogue_import").count() == 1


def test_the_same_file_twice_changes_nothing(world):
    catalogue_import(user=world.regional_admin, data=csv_file(*GOOD), filename="a.csv")
    again = catalogue_import(user=world.regional_admin, data=csv_file(*GOOD), filename="a.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [GOOD[0].replace("Пн 16:00", "Пн, ср 16:00"), *GOOD[1:]]
    third = catalogue_import(user=world.regional_admin, data=csv_file(*changed), filename="a.csv")
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert Programme.objects.count() == 3


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(world):
    lines = [
        GOOD[0],
        "ЦДТ «Радуга»;Сургут;ул. Гагарина, 10;61.25;73.38;Шахматы;спорт;12;7;;",  # line 3
        "Клуб;Атлантида;;;;Шахматы;sport;5;9;;",  # line 4
        "Клуб;Сургут;;61.2;;Шахматы;sport;5;9;;",  # line 5
        "Клуб;Сургут;;;;Шахматы;ракетостроение;5;9;;",  # line 6
        "Клуб;Сургут;;;;Шахматы;sport;5;19;;",  # line 7
        "Клуб;Сургут;;;;Шахматы;sport;5;9;дорого;",  # line 8
        GOOD[0],  # line 9: the same programme as on line 2
    ]
    with pytest.raises(ImportRefused) as refused:
        catalogue_import(user=world.regional_admin, data=csv_file(*lines), filename="a.csv")
    lines_reported = [line for line, _message in refused.value.errors]
    assert lines_reported == [3, 4, 5, 6, 7, 8, 9]
    messages = dict(refused.value.errors)
    assert "Атлантида" in messages[4]
    assert "line 2" in messages[9] or "строке 2" in messages[9]
    assert Organization.objects.count() == 0 and Programme.objects.count() == 0


def test_missing_columns_and_empty_files_are_refused(world):
    with pytest.raises(ImportRefused) as refused:
        catalogue_import(
            user=world.regional_admin, data="Организация;Программа\nА;Б".encode(), filename="a.csv"
        )
    assert refused.value.errors[0][0] == 1
    with pytest.raises(ImportRefused):
        catalogue_import(user=world.regional_admin, data=b"", filename="a.csv")
    with pytest.raises(ImportRefused):
        catalogue_import(user=world.regional_admin, data=b"x", filename="a.pdf")


def test_xlsx(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["organization", "municipality", "programme", "direction", "age_from", "age_to"])
    sheet.append(["Кванториум", "Сургут", "Робототехника", "technical", 10, 17])
    sheet.append(["Кванториум", "Сургут", "Python", "technical", 12, "x"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRefused) as refused:
        catalogue_import(user=world.regional_admin, data=buffer.getvalue(), filename="c.xlsx")
    assert [line for line, _m in refused.value.errors] == [3]
    assert Programme.objects.count() == 0


def test_a_municipal_admin_imports_his_municipality_only(world):
    with pytest.raises(ImportRefused) as refused:
        catalogue_import(user=world.surgut_admin, data=csv_file(*GOOD), filename="a.csv")
    assert [line for line, _m in refused.value.errors] == [4]
    result = catalogue_import(user=world.surgut_admin, data=csv_file(*GOOD[:2]), filename="a.csv")
    assert result.created == 2


def test_a_resident_may_not_import(world):
    with pytest.raises(PermissionDenied):
        catalogue_import(user=UserFactory(), data=csv_file(*GOOD), filename="a.csv")
    assert Programme.objects.count() == 0
