"""Reads of the registry, each page in a constant number of queries: the filtered list, totals
by source, the map's settlements, a project with its timeline and photos, completeness."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from veche.territory.models import Municipality, Settlement

from .models import SOURCES, Project, ProjectPhoto, ProjectUpdate, RealizedCount


def projects(
    *, year: int | None = None, municipality: int | None = None, direction: str | None = None
) -> QuerySet[Project]:
    """The registry filtered as the list, the map and the API filter it."""
    found = Project.objects.select_related("municipality", "settlement")
    if year:
        found = found.filter(year=year)
    if municipality:
        found = found.filter(municipality_id=municipality)
    if direction:
        found = found.filter(direction=direction)
    return found


def totals(found: QuerySet[Project]) -> dict:
    """Projects counted and money summed by source over the filtered registry (one query)."""
    zero = Decimal(0)
    sums = found.order_by().aggregate(
        count=Count("pk"),
        **{s: Coalesce(Sum(f"amount_{s}"), zero) for s in SOURCES},
        refund_residents=Coalesce(Sum("refund_residents"), zero),
        refund_sponsors=Coalesce(Sum("refund_sponsors"), zero),
    )
    sums["total"] = sum((sums[s] for s in SOURCES), zero)
    return sums


def years() -> list[int]:
    return list(Project.objects.order_by("-year").values_list("year", flat=True).distinct())


def municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("name").only("pk", "name")


def by_settlement(found: QuerySet[Project]) -> list[dict]:
    """The map's points: the filtered projects grouped by settlement (or, without one, by
    municipality), at the settlement's centre, with their count and money (two queries)."""
    rows = (
        found.order_by()
        .values("municipality_id", "settlement_id")
        .annotate(count=Count("pk"), **{s: Sum(f"amount_{s}") for s in SOURCES})
    )
    rows = list(rows)
    settlements = Settlement.objects.in_bulk({r["settlement_id"] for r in rows} - {None})
    places = Municipality.objects.in_bulk({r["municipality_id"] for r in rows})
    points = []
    for row in rows:
        place = settlements.get(row["settlement_id"]) or places[row["municipality_id"]]
        points.append(
            {
                "settlement_id": row["settlement_id"],
                "municipality_id": row["municipality_id"],
                "name": place.name,
                "municipality": places[row["municipality_id"]].name,
                "lat": place.centre_lat,
                "lon": place.centre_lon,
                "count": row["count"],
                "total": sum((row[s] or Decimal(0) for s in SOURCES), Decimal(0)),
            }
        )
    return sorted(points, key=lambda p: (-p["count"], p["name"]))


def project_page(pk: int) -> Project:
    """A project with its timeline (and each entry's photos) and its photos by stage."""
    return (
        Project.objects.select_related("municipality", "settlement", "application__contest")
        .prefetch_related(
            Prefetch("updates", queryset=ProjectUpdate.objects.order_by("created_at", "pk")),
            Prefetch("photos", queryset=ProjectPhoto.objects.order_by("created_at", "pk")),
        )
        .get(pk=pk)
    )


def photos_by_stage(project: Project) -> list[tuple[str, str, list[ProjectPhoto]]]:
    grouped = defaultdict(list)
    for photo in project.photos.all():
        grouped[photo.stage].append(photo)
    return [(s, label, grouped[s]) for s, label in ProjectPhoto.Stage.choices if grouped[s]]


def completeness(*, scope: set[int] | None) -> list[dict]:
    """Per municipality and year: projects entered in the registry against the figure of
    projects realized its admins gave (None where none is given), for the municipalities in
    `scope` (None: all). Two queries."""
    entered = Project.objects.order_by().values("municipality_id", "municipality__name", "year")
    counts = RealizedCount.objects.select_related("municipality")
    if scope is not None:
        entered = entered.filter(municipality_id__in=scope)
        counts = counts.filter(municipality_id__in=scope)
    table: dict[tuple, dict] = {}
    for row in entered.annotate(entered=Count("pk")):
        key = (row["municipality__name"], row["year"])
        table[key] = {
            "municipality_id": row["municipality_id"],
            "municipality": row["municipality__name"],
            "year": row["year"],
            "entered": row["entered"],
            "realized": None,
        }
    for count in counts:
        key = (count.municipality.name, count.year)
        table.setdefault(
            key,
            {
                "municipality_id": count.municipality_id,
                "municipality": count.municipality.name,
                "year": count.year,
                "entered": 0,
                "realized": None,
            },
        )["realized"] = count.realized
    return [table[key] for key in sorted(table)]


def completeness_total(rows: list[dict]) -> dict:
    entered = sum(r["entered"] for r in rows)
    realized = sum(r["realized"] or 0 for r in rows)
    return {"entered": entered, "realized": realized}


def direction_counts(found: QuerySet[Project]) -> dict[str, int]:
    rows = found.order_by().values("direction").annotate(n=Count("pk"))
    return {r["direction"]: r["n"] for r in rows}


def winners_waiting(*, scope: set[int] | None):
    """Contests' winning applications in the user's municipalities (None: all) whose project is
    not in the registry yet, oldest contest first."""
    from veche.budgeting.models import Application

    entered = Project.objects.filter(application__isnull=False).values("application_id")
    found = Application.objects.filter(status=Application.Status.WINNER).exclude(pk__in=entered)
    if scope is not None:
        found = found.filter(municipality_id__in=scope)
    return (
        found.select_related("contest")
        .only("pk", "title", "cost", "contest__id", "contest__title", "municipality_id")
        .order_by("contest_id", "pk")
    )
