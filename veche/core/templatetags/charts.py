"""`{% load charts %}`: bar charts drawn on the server (docs/design.md, "Bar chart").

{% bar_chart rows caption="Answers" %}
    A bar per row (an SVG, hidden from screen readers) and the same figures as a table that
    everyone can read: label, count, share. `rows` are objects or dicts with `label`, `count`
    and `share` (0..1, or None to compute it from the counts: veche.core.charts).
    Optional: label_heading=, count_heading= (the table's column headings), id= (unique on
    the page; made up when not given).
"""

import itertools

from django import template
from django.utils.translation import gettext as _

from ..charts import bar_rows

register = template.Library()

# Ids made up for charts on one page; a process-wide counter keeps them unique.
_ids = itertools.count(1)

# The SVG's geometry in em, so it grows with the text (the low-vision sizes): each row is a
# line of text above its bar.
ROW_HEIGHT = 3.0
TEXT_BASELINE = 1.2
BAR_TOP = 1.6
BAR_HEIGHT = 1.0


@register.inclusion_tag("core/components/bar_chart.html")
def bar_chart(
    rows, caption: str, label_heading: str = "", count_heading: str = "", id: str = ""
) -> dict:
    chart_rows = bar_rows(rows)
    drawn = [
        {
            "row": row,
            "text_y": f"{index * ROW_HEIGHT + TEXT_BASELINE:g}em",
            "bar_y": f"{index * ROW_HEIGHT + BAR_TOP:g}em",
        }
        for index, row in enumerate(chart_rows)
    ]
    return {
        "id": id or f"bar-chart-{next(_ids)}",
        "caption": caption,
        "rows": chart_rows,
        "drawn": drawn,
        "height": f"{max(len(chart_rows), 1) * ROW_HEIGHT:g}em",
        "bar_height": f"{BAR_HEIGHT:g}em",
        "label_heading": label_heading or _("Answer"),
        "count_heading": count_heading or _("Count"),
        "total": sum(row.count for row in chart_rows),
    }
