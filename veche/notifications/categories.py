"""Subscription categories that domain apps register. The notifications app stores a category as
a key string ("reports:3") and asks the app that registered the key's prefix for its label and
for the choices of the subscription form:

    register_subscription_categories(
        "reports",
        label=_("Reports"),
        choices=lambda: [("reports:3", "Roads"), …],  # what the form offers now
        name=lambda key: "Roads",                      # any key's name, offered or not (optional)
    )
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

Choices = Callable[[], list[tuple[str, str]]]
Name = Callable[[str], str | None]


@dataclass(frozen=True)
class CategorySource:
    prefix: str
    label: str | Promise
    choices: Choices
    name: Name | None = None


_sources: dict[str, CategorySource] = {}


def register_subscription_categories(
    prefix: str, *, label: str | Promise, choices: Choices, name: Name | None = None
) -> None:
    """Register (or replace) the categories whose keys start with "<prefix>:"."""
    _sources[prefix] = CategorySource(prefix, label, choices, name)


def category_sources() -> list[CategorySource]:
    return list(_sources.values())


def category_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select: [(app label, [(key, name), …]), …]."""
    groups = []
    for source in _sources.values():
        options = source.choices()
        if options:
            groups.append((str(source.label), options))
    return groups


def category_label(key: str) -> str:
    """The key's name in its app; the key itself when its app or category is gone."""
    source = _sources.get(key.partition(":")[0])
    if source is None:
        return key
    if source.name is not None:
        return str(source.name(key) or key)
    return str(dict(source.choices()).get(key, key))
