"""What can be supported: each domain app describes its kind once (`Supportable`) and registers
it from its `AppConfig.ready()`; the shared services read the description, never the app."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

# on_given(item, user, count) / on_withdrawn(item, user, count): the domain's event, run in the
# transaction of the change with the new count.
Told = Callable[[Any, Any, int], None]


@dataclass(frozen=True)
class Supportable:
    """One kind of item residents support, e.g. a report or an idea.

    `support_model` is a subclass of `supports.models.SupportBase` whose `item_field` is the
    foreign key to `item_model`; `counter` is the item's count of supports. `returning` names
    item columns (attnames) read back with the new count and set on the item, so the callbacks
    need no second read (a report's municipality for its event). `thresholds` are the counts at
    which `on_threshold(item, threshold)` runs once each: a tuple, or a callable that reads them
    (from a setting) when asked.
    """

    item_model: type[Model]
    support_model: type[Model]
    item_field: str
    counter: str = "support_count"
    returning: tuple[str, ...] = ()
    thresholds: tuple[int, ...] | Callable[[], Iterable[int]] = ()
    on_given: Told | None = None
    on_withdrawn: Told | None = None
    on_threshold: Callable[[Any, int], None] | None = None

    @property
    def label(self) -> str:
        return self.item_model._meta.label_lower

    def threshold_counts(self) -> list[int]:
        thresholds = self.thresholds() if callable(self.thresholds) else self.thresholds
        return sorted(thresholds)


_KINDS: dict[str, Supportable] = {}


def register_supportable(spec: Supportable) -> Supportable:
    """Make the kind known by its item model (once per model; registering it again replaces it)."""
    _KINDS[spec.label] = spec
    return spec


def supportable(model: type[Model] | Model) -> Supportable:
    """The registered kind of an item model (or of an item)."""
    label = model._meta.label_lower
    try:
        return _KINDS[label]
    except KeyError:
        raise LookupError(f"{label} is not registered as supportable") from None
