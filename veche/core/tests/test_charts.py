"""The bar chart: an SVG hidden from screen readers over a table with the same figures; shares
computed from the counts add up to 100 %, a poll without answers draws no bars, labels are
escaped."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.template import Context, Template

from veche.core.charts import bar_rows


def render(rows, **options) -> str:
    source = "{% load charts %}{% bar_chart rows caption=caption" + "".join(
        f" {name}={name}" for name in options
    )
    return Template(source + " %}").render(Context({"rows": rows, "caption": "Итоги", **options}))


@dataclass
class Option:
    label: str
    count: int
    share: float | None = None


def test_a_row_per_option_in_the_svg_and_the_table():
    html = render([{"label": "Стадион", "count": 7432}, {"label": "Парк", "count": 2568}])
    assert '<figure class="bar-chart" aria-labelledby="' in html
    assert '<svg class="bar-chart-svg" aria-hidden="true" focusable="false"' in html
    assert html.count('class="bar-chart-bar"') == 2
    assert 'width="74.32%"' in html and 'width="25.68%"' in html
    # The table says it in words, with the project's number format.
    assert '<th scope="row">Стадион</th><td class="num">7\u00a0432</td>' in html
    assert '<td class="num">74,3&#160;%</td>' in html
    assert '<caption class="visually-hidden">Итоги</caption>' in html


def test_computed_shares_add_up_to_exactly_one_hundred_percent():
    rows = bar_rows([Option("a", 1), Option("b", 1), Option("c", 1)])
    assert [row.percent for row in rows] == [Decimal("33.4"), Decimal("33.3"), Decimal("33.3")]
    assert sum(row.percent for row in rows) == 100
    assert abs(sum(row.share for row in rows) - 1) < 1e-9
    html = render([Option("a", 1), Option("b", 1), Option("c", 1)])
    shown = re.findall(r'<td class="num">([\d,]+)&#160;%</td>', html)
    assert sum(Decimal(value.replace(",", ".")) for value in shown) == 100


def test_given_shares_are_kept_as_they_are():
    """A multiple-choice question: each share is of the ballots, so they need not add up."""
    rows = bar_rows([Option("a", 60, 0.6), {"label": "b", "count": 70, "share": 0.7}])
    assert [row.percent for row in rows] == [Decimal("60.0"), Decimal("70.0")]
    assert rows[1].width == "70.00%"


def test_a_poll_without_answers_says_so_and_draws_no_bars():
    html = render([Option("Стадион", 0), Option("Парк", 0)])
    assert "<svg" not in html
    assert "Ответов пока нет." in html
    assert html.count('<td class="num">0,0&#160;%</td>') == 2
    assert [row.share for row in bar_rows([Option("x", 0)])] == [0.0]


def test_labels_are_escaped_everywhere():
    html = render([Option('<script>alert("x")</script>', 3)])
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") == 2  # in the SVG's text and in the table


def test_headings_and_id_may_be_given():
    html = render([Option("a", 1)], count_heading="Голоса", id="votes")
    assert 'id="votes-caption"' in html and ">Голоса</th>" in html
    assert ">Ответ</th>" in html  # the default label heading


def test_two_charts_on_a_page_get_different_ids():
    first, second = render([Option("a", 1)]), render([Option("a", 1)])
    ids = {re.search(r'id="([^"]+)-caption"', html).group(1) for html in (first, second)}
    assert len(ids) == 2
