"""Sections of the staff dashboard that higher apps provide (their work lists with counts), so the
dashboard links to them without importing them.

An app registers from its `AppConfig.ready()`:

    register_dashboard_section("reports", template="reports/workspace/_dashboard.html",
                               context=dashboard_context, order=10)

`context(user)` returns the template's context, or None when the section is not for this user.
"""

from collections.abc import Callable
from dataclasses import dataclass

ContextBuilder = Callable[[object], dict | None]


@dataclass(frozen=True)
class DashboardSection:
    name: str
    template: str
    context: ContextBuilder
    order: int


_sections: dict[str, DashboardSection] = {}


def register_dashboard_section(
    name: str, *, template: str, context: ContextBuilder, order: int = 100
) -> None:
    _sections[name] = DashboardSection(name, template, context, order)


def sections_for(user) -> list[tuple[str, dict]]:
    """(template, context) of each registered section that is for this user, in order."""
    shown = []
    for section in sorted(_sections.values(), key=lambda item: (item.order, item.name)):
        context = section.context(user)
        if context is not None:
            shown.append((section.template, context))
    return shown
