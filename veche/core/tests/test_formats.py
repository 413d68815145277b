"""One way to write dates, numbers and money (`veche.core.formats`, `{% load formats %}`), in
Russian and in English, public and staff pages alike."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

NBSP = "\u00a0"
MOMENT = datetime(2026, 11, 30, 4, 11, tzinfo=UTC)  # 09:11 in Asia/Yekaterinburg


def render(expression: str, value, language: str = "ru") -> str:
    template = Template("{% load formats %}{{ value|" + expression + " }}")
    with translation.override(language), timezone.override("Asia/Yekaterinburg"):
        return template.render(Context({"value": value}))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "30 ноября 2026, 09:11"), ("en", "30 November 2026, 09:11")],
)
def test_a_moment_in_the_local_time_zone_with_the_month_in_words(language, expected):
    assert render("local_datetime", MOMENT, language) == expected


@pytest.mark.parametrize(("language", "expected"), [("ru", "1 марта 2026"), ("en", "1 March 2026")])
def test_a_date(language, expected):
    assert render("local_date", date(2026, 3, 1), language) == expected


def test_a_moment_shown_as_a_date_is_its_local_day():
    late_evening_utc = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)  # 1 December, 01:00 local
    assert render("local_date", late_evening_utc) == "1 декабря 2026"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (402000, "ru", f"402{NBSP}000"),
        (402000, "en", "402,000"),
        (1234567, "ru", f"1{NBSP}234{NBSP}567"),
        (999, "ru", "999"),
        (Decimal("3.5"), "ru", "3,5"),
        (Decimal("3.5"), "en", "3.5"),
        ("12000", "ru", f"12{NBSP}000"),
        (-1500, "ru", f"-1{NBSP}500"),
    ],
)
def test_numbers_group_thousands_in_the_language_s_way(value, language, expected):
    assert render("number", value, language) == expected


def test_a_number_with_fixed_decimals():
    assert render("number:1", Decimal("2.26"), "ru") == "2,3"
    assert render("number:2", 1500, "en") == "1,500.00"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (402000, "ru", f"402{NBSP}000{NBSP}₽"),
        (402000, "en", f"402,000{NBSP}₽"),
        (Decimal("1250.50"), "ru", f"1{NBSP}250,50{NBSP}₽"),
        (Decimal("1250.00"), "ru", f"1{NBSP}250{NBSP}₽"),
    ],
)
def test_money_in_roubles_kopecks_only_when_there_are_any(value, language, expected):
    assert render("money", value, language) == expected


@pytest.mark.parametrize("expression", ["local_datetime", "local_date", "number", "money"])
def test_nothing_renders_as_nothing(expression):
    assert render(expression, None) == ""


def test_text_that_is_not_a_number_renders_as_nothing():
    assert render("number", "many") == ""
