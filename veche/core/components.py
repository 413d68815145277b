"""Data the shared components take from a view (templates in core/templates/core/components/)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.html import format_html
from django.utils.safestring import SafeString

BADGE_TONES = ("neutral", "info", "success", "warning", "error", "accent")


@dataclass(frozen=True)
class Tab:
    """One tab of `core/components/tabs.html`: a link to a page of its own, with a count."""

    label: str
    url: str
    count: int | None = None
    current: bool = False


@dataclass(frozen=True)
class Step:
    """One stage of `core/components/stages.html`: a dated step of a process (a campaign's,
    a poll's, a budget's); `state` is "done", "current" or "upcoming"."""

    label: str
    start: datetime
    end: datetime
    state: str = "upcoming"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def page_window(number: int, total: int, *, around: int = 2) -> list[int | None]:
    """Page numbers to show: the first, the last and `around` either side of the current one;
    None stands for a gap («…»). 1 … 4 5 [6] 7 8 … 20."""
    shown = {1, total, *range(number - around, number + around + 1)}
    pages = sorted(p for p in shown if 1 <= p <= total)
    window: list[int | None] = []
    for page in pages:
        if window and page - window[-1] == 2:  # a gap of one page: show the page, not «…»
            window.append(page - 1)
        elif window and page - window[-1] > 2:
            window.append(None)
        window.append(page)
    return window


def badge(text: str, tone: str = "") -> SafeString:
    """A status badge: the text says it, the colour only repeats it (a tone of BADGE_TONES).
    Python rather than an included template: lists show one on every row."""
    return format_html('<span class="badge{}">{}</span>', f" badge-{tone}" if tone else "", text)
