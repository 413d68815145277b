"""What the chatbot answers from, plugged in by the domain apps (it imports none of them):

- knowledge sources: `register_knowledge(name, entries)`, `entries()` → `Knowledge` items (the
  content app's knowledge base);
- the status of an item by its number: `register_status_lookup(lookup)`,
  `lookup(number, user)` → `StatusAnswer` or None (the reports app; None for a number that does
  not exist or is not public — the bot answers all of them alike);
- filing: `register_filing(flow)`, a `Filing` (the reports app's filing service)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save


@dataclass(frozen=True)
class Knowledge:
    key: str
    question: str
    answer: str  # plain text
    url: str
    category: str = ""


@dataclass(frozen=True)
class StatusAnswer:
    number: int
    title: str  # «№ 123 · Ямы на дороге»
    status: str
    url: str
    facts: tuple[str, ...] = field(default=())  # each a line the asker may read


@dataclass(frozen=True)
class Filed:
    number: int
    url: str


class Filing(Protocol):
    def topics(self) -> list[tuple[int, str]]: ...

    def check_text(self, text: str) -> str:
        """The text as the filing service will store it, or its ValidationError."""
        ...

    def file(
        self,
        *,
        user,
        topic_id: int,
        lat: float,
        lon: float,
        address: str,
        text: str,
        photo,
        client_token: str | None = None,
    ) -> Filed:
        """`client_token`: the same token files once (a repeated last step gets that report)."""
        ...


_knowledge: dict[str, Callable[[], Iterable[Knowledge]]] = {}
_index_urls: list[tuple[str, Callable[[], str]]] = []
_status: list[Callable[[int, object], StatusAnswer | None]] = []
_filing: list[Filing] = []


def register_knowledge(
    name: str,
    entries: Callable[[], Iterable[Knowledge]],
    *,
    index: tuple[str, Callable[[], str]] | None = None,
    watch: Iterable[type] = (),
) -> None:
    """`index`: (label, url) of the source's own list, offered when the bot is not sure;
    `watch`: the models whose saving or deleting changes `entries()`, so the cached matcher is
    forgotten (`forget_knowledge`)."""
    _knowledge[name] = entries
    if index and index not in _index_urls:
        _index_urls.append(index)
    for model in watch:
        uid = f"chatbot-knowledge-{model._meta.label_lower}"
        post_save.connect(forget_knowledge, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(forget_knowledge, sender=model, dispatch_uid=f"{uid}-delete")


MATCHER_KEY = "chatbot:matcher"


def forget_knowledge(**_kwargs) -> None:
    """Drop the cached matcher (knowledge.py): the next question builds it afresh."""
    cache.delete(MATCHER_KEY)


def knowledge_indexes() -> list[tuple[str, str]]:
    return [(str(label), url()) for label, url in _index_urls]


def register_status_lookup(lookup: Callable[[int, object], StatusAnswer | None]) -> None:
    if lookup not in _status:
        _status.append(lookup)


def register_filing(flow: Filing) -> None:
    _filing[:] = [flow]


def knowledge() -> list[Knowledge]:
    return [item for entries in _knowledge.values() for item in entries()]


def status(number: int, user) -> StatusAnswer | None:
    for lookup in _status:
        found = lookup(number, user)
        if found is not None:
            return found
    return None


def filing() -> Filing | None:
    return _filing[0] if _filing else None
