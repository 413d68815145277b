"""Reads of ideas: what the public, an author and the staff see, each page with a constant number
of queries whatever the number of ideas."""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from veche.comments.selectors import published_count
from veche.core import maps
from veche.core.participation import people_per_day
from veche.reports.search import matching
from veche.staff.models import Role
from veche.staff.predicates import agency_scope, is_regional_admin, municipality_scope

from .discussion import KIND
from .models import (
    UNPUBLISHED,
    Idea,
    IdeaPhoto,
    IdeaProgress,
    IdeaSupport,
    IdeaTimelineEntry,
    Status,
)

# "Most discussed" counts published comments (veche.comments), read in the list's own query.
ORDERS = {
    "new": ["-created_at", "-pk"],
    "support": ["-support_count", "-created_at", "-pk"],
    "discussed": ["-comment_count", "-support_count", "-created_at", "-pk"],
}


def public_ideas() -> QuerySet[Idea]:
    return Idea.objects.exclude(status__in=UNPUBLISHED)


def idea_list(
    *,
    query: str = "",
    category: int | None = None,
    municipality: int | None = None,
    status: str | None = None,
    order: str = "new",
    campaign: int | None = None,
) -> QuerySet[Idea]:
    """Published ideas filtered and ordered as the list, the map, the feeds and the API offer."""
    ideas = matching(public_ideas(), query)
    filters = {"category_id": category, "municipality_id": municipality, "status": status}
    filters["campaign_id"] = campaign
    ideas = ideas.filter(**{key: value for key, value in filters.items() if value})
    return (
        with_comment_count(ideas)
        .select_related("category", "municipality", "author")
        .order_by(*ORDERS.get(order, ORDERS["new"]))
    )


def with_comment_count(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    """Each idea's published comments as `comment_count`: a subquery of the same query."""
    return ideas.annotate(comment_count=published_count(KIND))


def _own_photos() -> QuerySet[IdeaPhoto]:
    """The author's photos (not the agency's progress photos), in order."""
    return IdeaPhoto.objects.filter(update__isnull=True).order_by("order", "pk")


def with_first_photo(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    """Each idea's own photos as `own_photos` (one query per page); cards show the first."""
    return ideas.prefetch_related(Prefetch("photos", queryset=_own_photos(), to_attr="own_photos"))


def idea_detail(pk: int) -> Idea:
    progress = IdeaProgress.objects.select_related("agency").prefetch_related(
        Prefetch("photos", queryset=IdeaPhoto.objects.order_by("order", "pk"))
    )
    return (
        with_comment_count(Idea.objects)
        # Not from_report nor merged_into: the page shows their numbers only, and the rows are
        # wide. The rejection reason is read only for a rejected idea (its author's view).
        .select_related("category", "municipality", "author", "agency", "campaign")
        .prefetch_related(
            Prefetch("photos", queryset=_own_photos(), to_attr="own_photos"),
            "files",
            Prefetch("progress", queryset=progress, to_attr="updates"),
        )
        .get(pk=pk)
    )


def timeline(idea: Idea) -> list[IdeaTimelineEntry]:
    return list(idea.timeline.select_related("actor"))


def supported_by(user, ideas) -> set[int]:
    """Which of these ideas the user supports (one query for a whole page)."""
    if not user.is_authenticated:
        return set()
    return set(user.idea_supports.filter(idea__in=ideas).values_list("idea_id", flat=True))


def my_ideas(user) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(author=user)
        .select_related("municipality", "rejection_reason")
        .order_by("-created_at")
    )


def latest_published(limit: int = 6) -> list[Idea]:
    """The newest published ideas with their own photos (two queries)."""
    ideas = public_ideas().select_related("category", "municipality").order_by("-created_at")
    return list(with_first_photo(ideas)[:limit])


def figures() -> dict[str, int]:
    """How many ideas are public, taken and implemented (one query)."""
    return public_ideas().aggregate(
        published=Count("pk"),
        taken=Count("pk", filter=Q(status=Status.TAKEN)),
        implemented=Count("pk", filter=Q(status=Status.IMPLEMENTED)),
    )


# --- Staff lists: scoped by territory or agency, as the rules scope each action. ---


def _in_scope(ideas: QuerySet[Idea], user, *roles: str) -> QuerySet[Idea]:
    if is_regional_admin(user):
        return ideas
    scope = municipality_scope(user, *roles)
    return ideas if scope is None else ideas.filter(municipality_id__in=scope)


def ideas_pending_for(user) -> QuerySet[Idea]:
    """Ideas awaiting moderation that this user may moderate, oldest first (the shared
    moderation queue lists these; rules: `ideas.moderate_idea`)."""
    if not user.has_perm("ideas.view_moderation_queue"):
        return Idea.objects.none()
    pending = Idea.objects.filter(status=Status.SUBMITTED)
    return (
        _in_scope(pending, user, Role.MODERATOR)
        .select_related("category", "municipality", "author")
        .prefetch_related(Prefetch("photos", queryset=_own_photos(), to_attr="own_photos"))
        .order_by("created_at", "pk")
    )


def ideas_awaiting_decision_for(user) -> QuerySet[Idea]:
    """Published ideas and ideas under consideration this user decides on, most supported first."""
    if not user.has_perm("ideas.view_decisions"):
        return Idea.objects.none()
    waiting = Idea.objects.filter(status__in=[Status.PUBLISHED, Status.UNDER_CONSIDERATION])
    return (
        _in_scope(waiting, user, Role.MUNICIPAL_ADMIN)
        .select_related("municipality")
        .order_by("-support_count", "created_at")
    )


def agency_ideas_for(user) -> QuerySet[Idea]:
    """Ideas taken for implementation by the user's agencies, the nearest planned date first."""
    agencies = agency_scope(user, Role.OFFICIAL, Role.AGENCY_HEAD)
    return (
        Idea.objects.filter(status=Status.TAKEN, agency_id__in=agencies)
        .select_related("municipality", "agency")
        .order_by("planned_date", "pk")
    )


# --- The map: points only, no model objects. ---

MAP_POINT_COLUMNS = ("pk", "lat", "lon", "status", "title", "support_count")


def map_points(*, bbox=None, limit: int = 5000, **filters) -> tuple[list[tuple], bool]:
    """Published ideas with a point inside bbox (min_lon, min_lat, max_lon, max_lat), filtered
    like idea_list, the most supported first. Returns (rows, truncated)."""
    ideas = idea_list(**filters).filter(lat__isnull=False, lon__isnull=False)
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        ideas = ideas.filter(lat__range=(min_lat, max_lat), lon__range=(min_lon, max_lon))
    rows = list(
        ideas.order_by("-support_count", "-pk").values_list(*MAP_POINT_COLUMNS)[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def map_view(*, bbox, zoom: int, **filters) -> maps.MapView:
    """Published ideas with a point, filtered like idea_list, as the portal's one map mechanism
    draws them at `zoom` (core/maps.py): clusters counted by the database, or MAP_POINT_COLUMNS
    rows of the most supported first when zoomed in. At most three queries."""
    ideas = idea_list(**filters).filter(lat__isnull=False, lon__isnull=False)
    return maps.read(ideas, bbox=bbox, zoom=zoom, points=_map_rows)


def _map_rows(ideas: QuerySet[Idea], limit: int) -> list[tuple]:
    return list(ideas.order_by("-support_count", "-pk").values_list(*MAP_POINT_COLUMNS)[:limit])


def vote_total(*, municipality_id: int | None = None) -> int:
    """Residents' votes for public ideas: the sum of their support counters (analytics reads it;
    one query, no scan of the support rows)."""
    ideas = public_ideas()
    if municipality_id is not None:
        ideas = ideas.filter(municipality_id=municipality_id)
    return ideas.aggregate(total=Sum("support_count", default=0))["total"]


def supporters_by_day(*, since, until) -> list[tuple]:
    """(local day, municipality id, distinct people, supports) of the ideas' supports given on
    the days from `since` to `until` that still stand; analytics' participation. One query."""
    return people_per_day(
        IdeaSupport.objects.all(), moment="created_at", municipality="idea__municipality_id",
        person="user_id", since=since, until=until,
    )  # fmt: skip
