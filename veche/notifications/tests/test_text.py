"""Message specs: stored as msgids with parameters, rendered in the active language."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy

from veche.notifications.text import day, join, language, msg, plural, render, render_lines


def test_a_plain_string_is_kept_as_written_in_any_language():
    with translation.override("en"):
        assert render("Яма на месте") == "Яма на месте"


def test_a_message_is_translated_with_its_parameters_and_nested_labels():
    spec = msg(gettext_noop("new status «%(status)s»"), status=gettext_lazy("in progress"))
    status = {"msgid": "in progress"}
    assert spec == {"msgid": "new status «%(status)s»", "params": {"status": status}}
    with translation.override("en"):
        assert render(spec) == "new status «in progress»"
    with translation.override("ru"):
        assert render(spec) == "новый статус «в работе»"


@pytest.mark.parametrize(
    ("count", "russian"),
    [
        (1, "его поддержал 1 житель"),
        (2, "его поддержали 2 жителя"),
        (5, "его поддержали 5 жителей"),
        (21, "его поддержал 21 житель"),
    ],
)
def test_a_plural_picks_the_form_of_the_readers_language(count, russian):
    spec = plural(
        ngettext_lazy(
            "supported by %(count)d resident", "supported by %(count)d residents", "count"
        ),
        count=count,
    )
    with translation.override("en"):
        assert render(spec) == f"supported by {count} resident{'s' if count > 1 else ''}"
    with translation.override("ru"):
        assert render(spec) == russian


def test_a_plural_needs_the_name_of_its_number():
    with pytest.raises(TypeError):
        plural(ngettext_lazy("%d day", "%d days", 3))


def test_dates_follow_the_reader():
    spec = msg(gettext_noop("due %(date)s"), date=date(2025, 3, 7))
    with translation.override("ru"):
        assert render(spec) == "срок 7 марта 2025"
    with translation.override("en"):
        assert "March 7, 2025" in render(spec) or "7 March 2025" in render(spec)
    assert day(None) == ""


def test_parts_are_joined_and_lines_rendered():
    spec = join("№ 5", msg(gettext_noop("Overdue")), "")
    with translation.override("ru"):
        assert render(spec) == "№ 5 · Просроченные"
        assert render_lines(["a", msg(gettext_noop("Overdue"))]) == "a\nПросроченные"


def test_a_message_that_lost_a_parameter_still_reads():
    with translation.override("en"):
        assert render({"msgid": "due %(date)s", "params": {"other": 1}}) == "due %(date)s"


def test_an_unknown_language_falls_back_to_the_portals():
    with language("xx"):
        assert translation.get_language() == "ru"
    with language("en"):
        assert translation.get_language() == "en"
