"""`iso_datetime`: the `datetime` attribute of `<time>`, valid HTML, in the current time zone."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import timezone


def render(value) -> str:
    return Template("{% load datetimes %}{{ value|iso_datetime }}").render(
        Context({"value": value})
    )


def test_to_the_second_in_the_current_time_zone():
    moment = datetime(2026, 11, 30, 5, 15, 42, 123456, tzinfo=UTC)
    with timezone.override("Asia/Yekaterinburg"):
        assert render(moment) == "2026-11-30T10:15:42+05:00"


def test_dates_and_nothing():
    assert render(date(2026, 11, 30)) == "2026-11-30"
    assert render(None) == ""
