"""Reads of the infrastructure registry: the list with its filters and Russian search, an
object's page, and the map — clustered on the server at low zoom (a grid cell per group, counted
in SQL), the objects themselves (lines and polygons simplified for the zoom) when zoomed in."""

from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)

from veche.core import maps
from veche.reports import selectors as report_selectors
from veche.search.text import matching
from veche.territory.models import Municipality

from . import geometry as geo
from .models import (
    Category,
    Facility,
    FacilityMunicipality,
    HistoryEntry,
    Payment,
    Rating,
    Status,
)


@dataclass(frozen=True)
class Filters:
    category: int | None = None
    status: str | None = None
    year: int | None = None
    municipality: int | None = None
    q: str = ""


def facilities(filters: Filters = Filters()) -> QuerySet[Facility]:
    found = Facility.objects.all()
    if filters.category:
        found = found.filter(category_id=filters.category)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.year:
        found = found.filter(year=filters.year)
    if filters.municipality:
        # Every municipality the object crosses counts: a road through two shows in both.
        crossing = FacilityMunicipality.objects.filter(municipality_id=filters.municipality)
        found = found.filter(pk__in=crossing.values("facility_id"))
    if filters.q:
        found = matching(found, filters.q)
    return found


def facility_list(filters: Filters = Filters()) -> QuerySet[Facility]:
    return (
        facilities(filters)
        .select_related("category", "municipality")
        .defer("geometry", "description", "search_stems")
        .order_by("-year", "name", "pk")
    )


def facility_page(pk: int) -> Facility:
    """The object with everything its page shows, in a constant number of queries."""
    return (
        Facility.objects.select_related("category", "municipality", "agency")
        .prefetch_related(
            Prefetch("history", queryset=HistoryEntry.objects.order_by("-created_at", "-pk")),
            Prefetch("payments", queryset=Payment.objects.order_by("paid_on")),
            "photos",
            "documents",
        )
        .get(pk=pk)
    )


def crossed_municipalities(facility: Facility) -> list[Municipality]:
    ids = FacilityMunicipality.objects.filter(facility=facility).values("municipality_id")
    return list(Municipality.objects.filter(pk__in=ids).order_by("name").only("pk", "name"))


SUBJECT_KIND = "infrastructure.facility"


def reports_about(facility: Facility) -> list:
    """The public reports about the object (a report's subject, registered from apps.py)."""
    return report_selectors.reports_about(SUBJECT_KIND, facility.pk)


# The reports' sphere whose topics an object category without its own topics offers («Объект»).
GENERAL_TOPICS_CATEGORY = "object"


def report_topic_ids(pk: int) -> list[int]:
    """The open report topics the object's category allows, or the general «Объект» sphere's
    when the regional admin mapped none (two queries)."""
    from veche.reports.models import Topic

    category = Facility.objects.filter(pk=pk).values_list("category_id", flat=True).first()
    if category is None:
        return []
    own = Topic.objects.filter(
        is_open=True,
        pk__in=Category.report_topics.through.objects.filter(category_id=category).values(
            "topic_id"
        ),
    )
    ids = list(own.order_by("order", "name").values_list("pk", flat=True))
    if ids:
        return ids
    general = Topic.objects.filter(is_open=True, category__slug=GENERAL_TOPICS_CATEGORY)
    return list(general.order_by("order", "name").values_list("pk", flat=True))


def vote_channels(facility: Facility) -> dict[str, int]:
    """The object's votes by channel ({"web": n, "paper": m}), one query."""
    from django.db.models import Count

    from veche.voting.models import Channel

    counts = dict(
        facility.votes.order_by()
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    return {channel: counts.get(channel, 0) for channel in Channel.values}


def vote_total(*, municipality_id: int | None = None) -> int:
    """Residents' votes on objects put to the vote (web and paper): the sum of the objects'
    counters (analytics reads it; one query, no scan of the votes)."""
    found = Facility.objects.all()
    if municipality_id is not None:
        found = found.filter(municipality_id=municipality_id)
    return found.aggregate(total=Sum("vote_count", default=0))["total"]


def open_votes(municipality: int | None = None) -> QuerySet[Facility]:
    """Objects whose vote is open now, closing soonest first (one query a page)."""
    from django.utils import timezone

    now = timezone.now()
    found = Facility.objects.filter(vote_opens__lte=now, vote_closes__gt=now)
    if municipality is not None:
        found = found.filter(municipality_id=municipality)
    return found.select_related("category", "municipality").order_by("vote_closes", "pk")


def rated_by(user, facility: Facility):
    """The user's own rating of the object, or None."""
    if not user.is_authenticated:
        return None
    return facility.ratings.filter(user=user).first()


def published_ratings(facility: Facility, limit: int = 20) -> list:
    """The latest ratings with a published comment (the shared comments'), their authors' public
    names."""
    from veche.comments.models import Comment

    return list(
        facility.ratings.filter(comment__status=Comment.Status.PUBLISHED)
        .select_related("user", "comment")
        .order_by("-updated_at", "-pk")[:limit]
    )


def categories() -> list[Category]:
    return list(Category.objects.order_by("order", "name"))


def years() -> list[int]:
    return list(Facility.objects.order_by("-year").values_list("year", flat=True).distinct())


def municipalities() -> list[Municipality]:
    return list(Municipality.objects.order_by("name").only("pk", "name"))


def totals(found: QuerySet[Facility]) -> dict:
    return found.order_by().aggregate(
        count=Count("pk"), planned=Sum("budget_planned"), spent=Sum("budget_spent")
    )


# --- The map. ---


def _in_bbox(found: QuerySet[Facility], bbox) -> QuerySet[Facility]:
    """Objects whose bounding box meets the view's (a point's box is the point)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    return found.filter(
        min_lat__lte=max_lat, max_lat__gte=min_lat, min_lon__lte=max_lon, max_lon__gte=min_lon
    )


POINT_COLUMNS = ("pk", "name", "status", "category_id", "shape", "lat", "lon")


def map_features(*, bbox, zoom: int, filters: Filters = Filters()) -> tuple[list[dict], bool]:
    """GeoJSON features for the view through the portal's one map mechanism (core/maps.py):
    clusters up to CLUSTER_MAX_ZOOM or where too many objects are in view, else the objects
    (lines and polygons simplified for the zoom; a lone object in a cluster's cell as its
    point). Never cut: the flag is always False."""
    view = maps.read(
        facilities(filters),
        bbox=bbox,
        zoom=zoom,
        points=_objects,
        singles=_object_points,
        box=_in_bbox,
    )
    features = [_feature(row, zoom, as_point=view.clustered) for row in view.points]
    features += [maps.cluster_feature(cell) for cell in view.cells]
    return features, False


def _objects(found: QuerySet[Facility], limit: int) -> list[tuple]:
    return list(found.order_by("pk").values_list(*POINT_COLUMNS, "geometry")[:limit])


def _object_points(found: QuerySet[Facility], limit: int) -> list[tuple]:
    """A lone object is drawn as its point: its geometry is not read."""
    return [(*row, None) for row in found.order_by("pk").values_list(*POINT_COLUMNS)[:limit]]


def _feature(row, zoom: int, *, as_point: bool = False) -> dict:
    pk, name, status, category_id, shape, lat, lon, geometry = row
    if as_point or shape == "point":
        drawn = geo.point(lat, lon)
    else:
        drawn = geo.simplify(geometry, zoom)
    return {
        "type": "Feature",
        "geometry": drawn,
        "properties": {
            "id": pk,
            "name": name,
            "status": status,
            "category": category_id,
            "shape": shape,
        },
    }


def timeliness(*, by: str, first, last, today) -> list[tuple]:
    """The objects whose planned end falls from `first` to `last`, per responsible agency (its
    id, `by="agency"`) or contractor (its name): (key, objects, completed on time, completed
    late, unfinished past the planned end as of `today`). An object without a planned end, or
    unfinished and not yet due, is in `objects` only. One grouped query (analytics' ratings)."""
    key = "agency_id" if by == "agency" else "contractor"
    done = Q(status=Status.COMPLETED, actual_end__isnull=False)
    rows = (
        Facility.objects.filter(planned_end__gte=first, planned_end__lte=last)
        .exclude(**{f"{key}__isnull": True})
        .exclude(**{key: ""} if key == "contractor" else {})
        .values(key)
        .annotate(
            objects=Count("pk"),
            on_time=Count("pk", filter=done & Q(actual_end__lte=F("planned_end"))),
            late=Count("pk", filter=done & Q(actual_end__gt=F("planned_end"))),
            overdue=Count("pk", filter=~done & Q(planned_end__lt=today)),
        )
        .order_by(key)
    )
    return [(r[key], r["objects"], r["on_time"], r["late"], r["overdue"]) for r in rows]


def residents_ratings(*, by: str, first, last) -> dict:
    """Residents' ratings (1–5) of the completed objects whose planned end falls from `first` to
    `last` — the objects of `timeliness`' rows, whenever the ratings were given — per responsible
    agency (its id, `by="agency"`) or contractor (its name): {key: (ratings, average score)}.
    One grouped query (analytics' ratings)."""
    key = "agency_id" if by == "agency" else "contractor"
    rows = (
        Rating.objects.filter(
            facility__status=Status.COMPLETED,
            facility__planned_end__gte=first,
            facility__planned_end__lte=last,
        )
        .exclude(**{f"facility__{key}__isnull": True})
        .exclude(**{f"facility__{key}": ""} if key == "contractor" else {})
        .values(f"facility__{key}")
        .annotate(count=Count("pk"), average=Avg("score"))
        .order_by()
    )
    return {r[f"facility__{key}"]: (r["count"], r["average"]) for r in rows}
