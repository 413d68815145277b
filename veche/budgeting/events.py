"""A switch for the demo: change applications without telling anyone (a past nobody waits to
hear of). The services ask `notices_are_off()` before enqueueing notices."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_quiet: ContextVar[bool] = ContextVar("budgeting_notices_off", default=False)


@contextmanager
def notices_off() -> Iterator[None]:
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def notices_are_off() -> bool:
    return _quiet.get()
