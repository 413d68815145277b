"""What a report may be about besides its place: an object of a higher app (an infrastructure
object, later others), as a generic reference kind + id (docs/architecture.md, "Layers").

A higher app registers its kind from its `AppConfig.ready()`:

    register_subject_kind(SubjectKind(
        kind="infrastructure.facility",
        exists=lambda pk: Facility.objects.filter(pk=pk).exists(),
        describe=lambda pk: (name, url) or None,
        topics=lambda pk: [topic ids offered first],      # optional
        place=lambda pk: (lat, lon, address) or None,     # optional: the form's place
    ))

The filing form takes `?subject=<kind>:<id>` (`subject_link`): it keeps the reference, starts at
the item's place and lists the item's topics first.

Reports never import the registering app; a report whose kind is no longer registered keeps
its reference and simply shows no link.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SubjectKind:
    kind: str  # "<app>.<model>", at most 50 characters
    exists: Callable[[int], bool]
    describe: Callable[[int], tuple[str, str] | None]  # (title, url) of the item, or None
    # The topics offered first on the filing form (ids), and the item's place to start at.
    topics: Callable[[int], list[int]] | None = None
    place: Callable[[int], tuple[float, float, str] | None] | None = None


_kinds: dict[str, SubjectKind] = {}


def register_subject_kind(spec: SubjectKind) -> None:
    _kinds[spec.kind] = spec


def unregister_subject_kind(kind: str) -> None:
    _kinds.pop(kind, None)


def subject_kind(kind: str) -> SubjectKind | None:
    return _kinds.get(kind)


def describe(kind: str, pk: int | None) -> tuple[str, str] | None:
    spec = _kinds.get(kind)
    return spec.describe(pk) if spec is not None and pk is not None else None


def parse(value: str) -> tuple[str, int] | None:
    """`"<kind>:<id>"` of a registered kind → (kind, id); anything else → None."""
    kind, _sep, pk = (value or "").rpartition(":")
    if not pk.isdigit() or kind not in _kinds or len(pk) > 18:
        return None
    return kind, int(pk)


def subject_link(kind: str, pk: int) -> str:
    """The filing form's address for a report about the item."""
    from urllib.parse import urlencode

    from django.urls import reverse

    return f"{reverse('reports:new')}?{urlencode({'subject': f'{kind}:{pk}'})}"


def offered_topics(kind: str, pk: int) -> list[int]:
    spec = _kinds.get(kind)
    return list(spec.topics(pk)) if spec is not None and spec.topics is not None else []


def place(kind: str, pk: int) -> tuple[float, float, str] | None:
    spec = _kinds.get(kind)
    return spec.place(pk) if spec is not None and spec.place is not None else None
