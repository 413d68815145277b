"""Running calls at the same moment, for the tests of rules that races could break: a vote
counted twice, a balance going negative, the last item in stock ordered twice.

    outcome = at_once([lambda: vote(anna)] * 8, refusals=(ValidationError,))
    assert outcome.errors == [] and len(outcome.done) == 1

Tests using it need ``@pytest.mark.django_db(transaction=True)``: each thread has its own
database connection, which sees only what was committed.
"""

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection


@dataclass
class Outcome:
    done: list[Any] = field(default_factory=list)  # what each call that succeeded returned
    refused: list[Exception] = field(default_factory=list)  # the expected refusals
    errors: list[Exception] = field(default_factory=list)  # anything else: a test's failure


def at_once(
    calls: Sequence[Callable[[], Any]], refusals: tuple[type[Exception], ...] = ()
) -> Outcome:
    """Run each call in a thread of its own, all released together at a barrier, and wait for
    them. Exceptions of the `refusals` kinds are collected apart from the others."""
    barrier = threading.Barrier(len(calls))
    outcome = Outcome()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            outcome.done.append(call())
        except refusals as refusal:
            outcome.refused.append(refusal)
        except Exception as error:  # noqa: BLE001 - surfaced by the test's assertions
            outcome.errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome
