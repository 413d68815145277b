"""The shared components with logic: numbered pagination (keeps the list's filters), breadcrumbs,
tabs with counts."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from veche.core.components import Step, Tab, page_window


@pytest.mark.parametrize(
    ("number", "total", "expected"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (1, 20, [1, 2, 3, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
    ],
)
def test_page_window_shows_the_ends_and_the_neighbours(number, total, expected):
    assert page_window(number, total) == expected


def render(source: str, **context) -> str:
    return Template("{% load components %}" + source).render(Context(context))


def test_pagination_numbers_pages_and_keeps_the_filters():
    request = RequestFactory().get("/reports/", {"status": "closed", "q": "яма", "page": "3"})
    page = Paginator(range(100), 10).page(3)
    html = render("{% pagination page %}", page=page, request=request)
    assert 'href="?status=closed&amp;q=%D1%8F%D0%BC%D0%B0&amp;page=4" rel="next"' in html
    assert 'href="?status=closed&amp;q=%D1%8F%D0%BC%D0%B0&amp;page=2" rel="prev"' in html
    current = '<span aria-current="page"><span class="visually-hidden">Страница </span>3</span>'
    assert current in html
    assert "page=10" in html  # the last page is always offered
    assert "21–30 из 100" in html


def test_a_single_page_needs_no_pagination():
    page = Paginator(range(5), 10).page(1)
    assert "pagination" not in render("{% pagination page %}", page=page, request=None)


@pytest.mark.django_db
def test_breadcrumbs_start_at_home_and_end_at_the_current_page():
    html = render('{% breadcrumbs "Сообщения" "/reports/" "Сообщение № 7" %}')
    assert '<li><a href="/">Главная</a></li>' in html
    assert '<li><a href="/reports/">Сообщения</a></li>' in html
    assert '<span aria-current="page">Сообщение № 7</span>' in html


def test_tabs_carry_their_counts_and_mark_the_current_one():
    tabs = [Tab("новые", "?tab=new", 1402, current=True), Tab("в работе", "?tab=work", 0)]
    html = Template('{% include "core/components/tabs.html" with label="Вкладки" %}').render(
        Context({"tabs": tabs})
    )
    assert 'aria-current="page">Новые <span class="tab-count">1\u00a0402</span>' in html
    assert '<span class="tab-count">0</span>' in html


def test_stages_say_their_state_in_words_and_mark_the_current_one():
    from datetime import UTC, datetime

    moment = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    steps = [
        Step("сбор идей", moment, moment, "done"),
        Step("обсуждение", moment, moment, "current"),
        Step("итоги", moment, moment),
    ]
    html = Template('{% include "core/components/stages.html" with label="Этапы" %}').render(
        Context({"steps": steps})
    )
    assert '<ol class="stages" aria-label="Этапы">' in html
    assert html.count('aria-current="step"') == 1
    assert 'class="stage stage-current" aria-current="step"' in html
    assert "Сбор идей" in html and "завершён" in html and "идёт сейчас" in html
    assert "впереди" in html and "1 марта 2026, 12:00" in html
