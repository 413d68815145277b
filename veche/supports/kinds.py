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
    # The item's side of who may support, checked by the write itself so that a support needs no
    # read of the item first: `status_field` in `open_statuses` and, with `author_field`, the
    # supporter not its author. The kind's named rule stays the authority: when a support changes
    # nothing, the caller asks the rule why (a test keeps the two equal).
    open_statuses: tuple[str, ...] = ()
    author_field: str = ""
    status_field: str = "status"
    # "ideas" → the events "ideas.supported" and "ideas.support_withdrawn", with the status and
    # the new count as payload and `territory_field` as territory, written by the same statement
    # as the support on PostgreSQL and in its transaction on SQLite.
    event_prefix: str = ""
    territory_field: str = "municipality_id"

    @property
    def label(self) -> str:
        return self.item_model._meta.label_lower

    @property
    def read_back(self) -> tuple[str, ...]:
        """The item's columns a change reads back: the count, `returning`, what the event needs."""
        extra = (self.status_field, self.territory_field) if self.event_prefix else ()
        return tuple(dict.fromkeys((self.counter, *self.returning, *extra)))

    @property
    def needs_transaction(self) -> bool:
        """Python runs after the statement (callbacks, thresholds): then both share a transaction;
        otherwise the one statement is its own (PostgreSQL)."""
        return bool(self.on_given or self.on_withdrawn or self.on_threshold or self.thresholds)

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
