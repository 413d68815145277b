"""Bar charts drawn on the server: the data side of `{% load charts %}{% bar_chart %}`.

A chart row has a label, a count and a share (0..1). Callers pass objects or dicts with
`label`, `count` and optionally `share`; a missing share is the row's part of the rows' total,
rounded so the percentages shown add up to exactly 100 (largest remainder). Pass shares of your
own when they should not add up to one (a multiple-choice question: the share of ballots).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

# Percentages are shown with one decimal: 42,5 %.
PERCENT_DECIMALS = 1
_STEP = Decimal(1).scaleb(-PERCENT_DECIMALS)


@dataclass(frozen=True)
class BarRow:
    label: str
    count: int
    share: float  # 0..1
    percent: Decimal  # share × 100, rounded to PERCENT_DECIMALS

    @property
    def width(self) -> str:
        """The bar's width as an SVG percentage ("42.5%"), never past the chart."""
        return f"{min(max(self.share, 0.0), 1.0) * 100:.2f}%"


def _field(row, name: str):
    if isinstance(row, Mapping):
        return row.get(name)
    return getattr(row, name, None)


def bar_rows(rows: Iterable) -> list[BarRow]:
    """The rows as BarRows; shares missing (None) are computed from the counts."""
    items = [(str(_field(r, "label") or ""), int(_field(r, "count") or 0), _field(r, "share"))
             for r in rows]  # fmt: skip
    total = sum(count for _, count, _ in items)
    computed = _percents([count for _, count, _ in items], total)
    result = []
    for (label, count, share), percent in zip(items, computed, strict=True):
        if share is None:
            share = count / total if total else 0.0
        else:
            share = float(share)
            percent = (Decimal(str(share)) * 100).quantize(_STEP)
        result.append(BarRow(label=label, count=count, share=share, percent=percent))
    return result


def _percents(counts: list[int], total: int) -> list[Decimal]:
    """Percentages of the total with PERCENT_DECIMALS digits that add up to exactly 100 (the
    largest remainders get the leftover steps); all zero when the total is zero."""
    if not total:
        return [Decimal(0).quantize(_STEP) for _ in counts]
    units = 100 * 10**PERCENT_DECIMALS  # steps of one tenth of a percent
    exact = [count * units / total for count in counts]
    floors = [int(value) for value in exact]
    leftover = units - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: exact[i] - floors[i], reverse=True)
    for index in by_remainder[:leftover]:
        floors[index] += 1
    return [Decimal(value).scaleb(-PERCENT_DECIMALS) for value in floors]
