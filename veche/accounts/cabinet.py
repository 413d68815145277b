"""The cabinet's sections: each module that keeps something of the resident's (his reports, votes,
points) registers a section from its `AppConfig.ready()` and provides the template
`cabinet/<slug>.html`; the cabinet shows the sections in `order`, each with its template or, until
the module provides one, the empty state.

    register_cabinet_section("reports", title=_("My reports"), order=10,
                             empty_text=_("You have not sent any reports yet."))
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class CabinetSection:
    slug: str
    title: str
    empty_text: str
    order: int

    @property
    def templates(self) -> list[str]:
        return [f"cabinet/{self.slug}.html", "accounts/cabinet/empty_section.html"]


_sections: dict[str, CabinetSection] = {}


def register_cabinet_section(slug: str, *, title, empty_text, order: int = 100) -> None:
    """Add the section, or replace the one registered under the same slug."""
    _sections[slug] = CabinetSection(slug, title, empty_text, order)


def cabinet_sections() -> list[CabinetSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.slug))


def register_announced() -> None:
    """Sections the specification gives every resident before their modules exist; shown empty
    until the module registers the same slug (called from AccountsConfig.ready())."""
    register_cabinet_section(
        "votes",
        title=gettext_lazy("My votes"),
        empty_text=gettext_lazy("You have not voted yet."),
        order=20,
    )
    register_cabinet_section(
        "points",
        title=gettext_lazy("My points"),
        empty_text=gettext_lazy(
            "You have no points yet. Points are given for votes, ideas and comments."
        ),
        order=30,
    )
