"""The home page's sections: each module that has something to show on the home page (reports'
figures, latest reports and map; later ideas, polls) registers a section from its
`AppConfig.ready()`; the home page renders the registered sections in `order`. Core imports no
module, so a section not built yet is not on the page.

    register_home_section("reports", template="reports/home.html",
                          context=home_context, order=10, head="reports/_home_head.html")

`context(request)` returns the template's context (`section` in the template); it should cost a
constant number of queries. `head` and `scripts` are optional templates for the page's <head> and
its end (styles, scripts).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    context: Callable[[HttpRequest], dict]
    order: int
    head: str = ""
    scripts: str = ""


_sections: dict[str, HomeSection] = {}


def register_home_section(
    name: str,
    *,
    template: str,
    context: Callable[[HttpRequest], dict],
    order: int = 100,
    head: str = "",
    scripts: str = "",
) -> None:
    """Add the section, or replace the one registered under the same name."""
    _sections[name] = HomeSection(name, template, context, order, head, scripts)


def home_sections() -> list[HomeSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))


def rendered_sections(request: HttpRequest) -> list[dict]:
    """Each section with its context, as the home page's template takes them."""
    return [{"section": s, "context": s.context(request)} for s in home_sections()]
