"""Reads of the information side; each page costs a constant number of queries."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from veche.staff.models import Role
from veche.staff.predicates import municipality_scope
from veche.territory.models import Municipality

from .models import (
    Event,
    EventAttendance,
    KbCategory,
    KbEntry,
    KbFeedback,
    Material,
    News,
    Page,
    Theme,
)
from .rules import editorships


def news_list(*, theme: int | None = None, municipality: int | None = None):
    found = News.objects.visible().select_related("theme", "municipality")
    if theme:
        found = found.filter(theme_id=theme)
    if municipality:
        found = found.filter(municipality_id=municipality)
    return found


def themes():
    return Theme.objects.all()


def municipalities():
    return Municipality.objects.order_by("name")


def page_by_path(path: str) -> Page | None:
    return Page.objects.visible().select_related("parent").filter(path=path).first()


def page_children(page: Page | None):
    return Page.objects.visible().filter(parent=page)


def page_ancestors(page: Page) -> list[Page]:
    """The page's parents, top first (one query: their paths are the page's path's prefixes)."""
    parts = page.path.split("/")[:-1]
    paths = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    found = {p.path: p for p in Page.objects.filter(path__in=paths)}
    return [found[p] for p in paths if p in found]


def menu_sections():
    """Top pages an editor put in the site menu."""
    return Page.objects.visible().filter(parent=None, in_menu=True)


def materials(*, kind: str | None = None):
    found = Material.objects.visible().prefetch_related("files")
    return found.filter(kind=kind) if kind else found


def kb_categories():
    """Categories with their published entries (two queries)."""
    from django.db.models import Prefetch

    return KbCategory.objects.prefetch_related(
        Prefetch("entries", queryset=KbEntry.objects.visible().order_by("order", "question"))
    )


def kb_related(entry: KbEntry):
    return entry.related.visible()


def kb_feedback_counts(ids) -> dict[int, tuple[int, int]]:
    """{entry id: (helpful, not helpful)} for editors."""
    rows = (
        KbFeedback.objects.filter(entry_id__in=list(ids))
        .values("entry_id")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
    )
    return {row["entry_id"]: (row["yes"], row["no"]) for row in rows}


def kb_answered(entry_id: int, *, user, session_key: str) -> bool:
    if getattr(user, "is_authenticated", False):
        return KbFeedback.objects.filter(entry_id=entry_id, user=user).exists()
    if not session_key:
        return False
    return KbFeedback.objects.filter(entry_id=entry_id, user=None, session_key=session_key).exists()


@dataclass(frozen=True)
class EventFilters:
    municipality: int | None = None
    start: date | None = None
    end: date | None = None  # exclusive


def local_bounds(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events(filters: EventFilters = EventFilters(), *, upcoming_only: bool = False):
    found = Event.objects.visible().select_related("municipality")
    if filters.municipality:
        found = found.filter(municipality_id=filters.municipality)
    if filters.start:
        found = found.filter(ends_at__gte=local_bounds(filters.start))
    if filters.end:
        found = found.filter(starts_at__lt=local_bounds(filters.end))
    if upcoming_only and not filters.start:
        found = found.filter(ends_at__gte=timezone.now())
    return found


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    return first, first + timedelta(days=calendar.monthrange(year, month)[1])


def month_grid(year: int, month: int, found) -> list[list[tuple[date | None, list[Event]]]]:
    """Weeks (Monday first) of (day, its events) for the month; None outside it."""
    by_day: dict[date, list[Event]] = {}
    for event in found:
        day = timezone.localdate(event.starts_at)
        by_day.setdefault(day, []).append(event)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(d if d.month == month else None, by_day.get(d, [])) for d in week])
    return weeks


def attending_ids(user, event_ids) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        EventAttendance.objects.filter(user=user, event_id__in=list(event_ids)).values_list(
            "event_id", flat=True
        )
    )


def attendance_count(event: Event) -> int:
    return event.attendances.count()


# --- Editors' lists ----------------------------------------------------------------------------


def kept_scope(user) -> tuple[bool, set[int]]:
    """(whole region?, municipality ids) the user keeps content of."""
    from veche.staff.predicates import is_regional_admin

    if is_regional_admin(user):
        return True, set()
    scope = municipality_scope(user, Role.MUNICIPAL_ADMIN)
    if scope is None:
        return True, set()
    ids = set(scope)
    region = False
    for membership in editorships(user):
        if membership.municipality_id is None:
            region = True
        else:
            ids.add(membership.municipality_id)
    return region, ids


def kept(user, model):
    """Every item of the kind (drafts too) whose territory the user keeps, newest first."""
    region, ids = kept_scope(user)
    found = model.objects.select_related("municipality")
    if not region:
        found = found.filter(municipality_id__in=ids)
    return found.order_by("-updated_at", "-pk")


def kept_municipalities(user):
    region, ids = kept_scope(user)
    return municipalities() if region else municipalities().filter(pk__in=ids)


def open_government() -> list[dict]:
    """Every municipality with its membership in open government (None: not yet), by name: one
    query."""
    from veche.territory.models import Municipality

    found = Municipality.objects.select_related("open_government").order_by("name")
    return [
        {
            "municipality": m,
            "member": getattr(m, "open_government", None),
        }
        for m in found.only("pk", "name", "centre_lat", "centre_lon", "open_government")
    ]
