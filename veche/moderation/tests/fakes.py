"""A kind of content that exists only in tests: its items live in memory, scoped by the
moderator's municipalities like a real source, and every call is recorded."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from veche.moderation.registry import ModerationItem, ModerationSource
from veche.staff.models import Role
from veche.staff.predicates import municipality_scope

KIND = "tests.thing"
REASONS = [("spam", "Spam"), ("personal", "Personal data")]


@dataclass
class FakeKind:
    """`items` by municipality id; set `refusal` to make the actions raise it."""

    kind: str = KIND
    items: list[tuple[int, ModerationItem]] = field(default_factory=list)
    calls: list[tuple] = field(default_factory=list)
    refusal: Exception | None = None
    extra: list[ModerationItem] = field(default_factory=list)  # returned to everyone

    def add(self, municipality, *, title: str = "A bench is broken", **fields) -> ModerationItem:
        start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone())
        number = len(self.items) + 1
        item = ModerationItem(
            kind=self.kind,
            id=number,
            title=f"{title} {number}",
            excerpt=f"Text of item {number}",
            url=f"/things/{number}/",
            territory=municipality.name,
            author="Anna K.",
            created_at=start + timedelta(minutes=number),
            **fields,
        )
        self.items.append((municipality.pk, item))
        return item

    def _visible(self, user) -> list[ModerationItem]:
        scope = municipality_scope(user, Role.MODERATOR)
        if scope is None:
            return [item for _, item in self.items] + self.extra
        return [item for place, item in self.items if place in scope] + self.extra

    def pending(self, user) -> list[ModerationItem]:
        return self._visible(user)

    def count(self, user) -> int:
        return len(self._visible(user))

    def approve(self, user, item_id: int) -> None:
        self.calls.append(("approve", user.pk, item_id))
        self._check(user, item_id)

    def reject(self, user, item_id: int, reason_code: str, note: str) -> None:
        self.calls.append(("reject", user.pk, item_id, reason_code, note))
        self._check(user, item_id)

    def _check(self, user, item_id: int) -> None:
        if self.refusal is not None:
            raise self.refusal
        if item_id not in {item.id for item in self._visible(user)}:
            raise PermissionDenied("Вы не модерируете эту территорию.")

    def reasons(self) -> list[tuple[str, str]]:
        return REASONS

    def source(self, *, label: str = "things", order: int = 100):
        return ModerationSource(
            kind=self.kind,
            label=label,
            pending=self.pending,
            count=self.count,
            approve=self.approve,
            reject=self.reject,
            reasons=self.reasons,
            order=order,
        )
