"""What a report may be about besides its place: an object of a higher app (an infrastructure
object, later others), as a generic reference kind + id (docs/architecture.md, "Layers").

A higher app registers its kind from its `AppConfig.ready()`:

    register_subject_kind(SubjectKind(
        kind="infrastructure.facility",
        exists=lambda pk: Facility.objects.filter(pk=pk).exists(),
        describe=lambda pk: (name, url) or None,
    ))

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
