"""What waits for a moderator, across kinds: each domain app registers a source of its items, and
the one staff page `/moderation/` lists them (docs/architecture.md, "Moderation queue").

A domain app registers from its `AppConfig.ready()`:

    register_source(ModerationSource(
        kind="ideas.idea", label=gettext_lazy("ideas"),
        pending=pending_ideas, count=count_ideas,
        approve=approve_idea, reject=reject_idea, reasons=idea_reasons,
    ))

The contract of a source's callables:
- `pending(user)` → the items this staff user may moderate, oldest first, already scoped (a
  moderator of Urai gets Urai's only); the page shows nothing else. It may cap a long list;
  `count(user)` still says how many wait. Both cost a constant number of queries.
- `approve(user, item_id)` and `reject(user, item_id, reason_code, note)` call the app's own
  service, which checks the named rule, writes in one transaction, records its event and its
  staff audit row (`veche.staff.services.audit_log`); the page writes nothing itself. A refusal
  is a `PermissionDenied` or `ValidationError` (an item gone: `ObjectDoesNotExist` or `Http404`),
  which the page turns into a message. They may return the success message to show.
- `reasons()` → the listed reasons for rejecting this kind, as (code, label).

A kind that keeps a page of its own (reports: the workspace's queue) registers an
`ExternalQueue` instead: the page shows its count and a link.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.shortcuts import resolve_url


@dataclass(frozen=True, kw_only=True)
class ModerationItem:
    """One thing waiting for a moderator, as the page shows it."""

    kind: str  # the source's kind, e.g. "ideas.idea"
    id: int
    title: str
    excerpt: str
    url: str  # its public page, or its staff page while unpublished
    territory: str  # the municipality's name
    author: str  # «Имя Ф.» (User.public_name), never the full name
    created_at: datetime
    photo_url: str = ""
    flags: Sequence[str] = ()  # short texts, e.g. "3 complaints"


@dataclass(frozen=True, kw_only=True)
class ModerationSource:
    kind: str
    label: str  # lazy, plural: the tab's label («идеи»)
    pending: Callable[[object], list[ModerationItem]]
    count: Callable[[object], int]
    approve: Callable[[object, int], str | None]
    reject: Callable[[object, int, str, str], str | None]
    reasons: Callable[[], list[tuple[str, str]]]
    order: int = 100


@dataclass(frozen=True, kw_only=True)
class ExternalQueue:
    """A kind moderated on a page of its own: `count(user)` is None when it is not this user's
    queue (nothing shown); `url` is a URL name or a path."""

    name: str
    label: str
    count: Callable[[object], int | None]
    url: str
    order: int = 100

    def href(self) -> str:
        return resolve_url(self.url)


_sources: dict[str, ModerationSource] = {}
_external: dict[str, ExternalQueue] = {}


def register_source(source: ModerationSource) -> None:
    _sources[source.kind] = source


def unregister_source(kind: str) -> None:
    _sources.pop(kind, None)


def sources() -> list[ModerationSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.kind))


def source(kind: str) -> ModerationSource | None:
    return _sources.get(kind)


def register_external_queue(queue: ExternalQueue) -> None:
    _external[queue.name] = queue


def unregister_external_queue(name: str) -> None:
    _external.pop(name, None)


def external_queues() -> list[ExternalQueue]:
    return sorted(_external.values(), key=lambda queue: (queue.order, queue.name))


def counts(user) -> dict[str, int]:
    """Items waiting per kind for this user, asked once per request (kept on the user object,
    like the roles): the rule, the tabs and the dashboard all read it."""
    cached = getattr(user, "_veche_moderation_counts", None)
    if cached is None:
        cached = {item.kind: item.count(user) for item in sources()}
        user._veche_moderation_counts = cached
    return cached


def forget_counts(user) -> None:
    """Drop the per-request counts, e.g. in a test that asks again after adding items."""
    if hasattr(user, "_veche_moderation_counts"):
        del user._veche_moderation_counts


def external_counts(user) -> list[tuple[ExternalQueue, int]]:
    """The external queues that are this user's, with their counts."""
    shown = []
    for queue in external_queues():
        number = queue.count(user)
        if number is not None:
            shown.append((queue, number))
    return shown
