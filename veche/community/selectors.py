"""Reads of the registries (docs/community.md, "Registries"): the public lists of NGOs,
activists and projects with their filters and Russian search, shaped to walk an index
(status, filter, name) and stop at a page; an entry's partners and news in a constant number of
queries; the counters of the registries' home with their change over 7 days."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone

from veche.core.paging import cached_count, estimated_count
from veche.search.text import matching, query_stems
from veche.territory.models import Municipality

from .models import (
    Activist,
    CapitalFreeze,
    Gift,
    GrantApplication,
    GrantContest,
    Link,
    LinkKind,
    News,
    Organization,
    Project,
    ProjectStatus,
    Review,
)

COUNTERS_SECONDS = 300


@dataclass(frozen=True)
class Filters:
    q: str = ""
    municipality: int | None = None
    direction: str = ""
    kind: str = ""  # NGOs: their kind; projects: "open" for those collecting now
    verified: bool = False


def organizations(filters: Filters = Filters()) -> QuerySet[Organization]:
    found = Organization.objects.filter(status=Review.APPROVED)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    found = _common(found, filters)
    return (
        found.select_related("municipality")
        .only(
            "pk",
            "name",
            "kind",
            "direction",
            "member_count",
            "verified_at",
            "leader_id",
            "municipality__name",
        )
        .order_by("name", "pk")
    )


def activists(filters: Filters = Filters()) -> QuerySet[Activist]:
    found = _common(Activist.objects.filter(status=Review.APPROVED), filters)
    return (
        found.select_related("municipality")
        .only("pk", "name", "direction", "verified_at", "municipality__name")
        .order_by("name", "pk")
    )


def projects(filters: Filters = Filters()) -> QuerySet[Project]:
    found = Project.objects.all()
    if filters.kind == "open":
        found = found.filter(status=ProjectStatus.OPEN)
    found = _common(found, filters, verified=False)
    return (
        found.select_related("municipality")
        .only(
            "pk",
            "title",
            "goal",
            "collected",
            "backers",
            "deadline",
            "status",
            "direction",
            "organization_id",
            "activist_id",
            "municipality__name",
        )
        .order_by("title", "pk")
    )


def _common(found: QuerySet, filters: Filters, *, verified: bool = True) -> QuerySet:
    if filters.municipality:
        found = found.filter(municipality_id=filters.municipality)
    if filters.direction:
        found = found.filter(direction=filters.direction)
    if verified and filters.verified:
        found = found.filter(verified_at__isnull=False)
    if filters.q:
        found = search(found, filters.q)
    return found


def search(found: QuerySet, query: str) -> QuerySet:
    """Rows whose stems hold every word of the query as a prefix of a stem: on SQLite through
    the table's FTS5 index (migration 0005), elsewhere `LIKE '% stem%'` over the stems (a
    trigram index on PostgreSQL, migration 0003)."""
    if connections[found.db].vendor != "sqlite":
        return matching(found, query)
    terms = query_stems(query)
    if not terms:
        return found
    table = f"{found.model._meta.db_table}_fts"
    match = " AND ".join(f'"{term}"*' for term in terms)
    return found.filter(
        pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])  # noqa: S611
    )


class PagedList:
    """A list for the Paginator that reads a page in two steps: the page's keys from the index
    alone (a deep OFFSET skips index entries, not rows), then those rows with their joins; its
    length is the cached count, or for a long list without a text search the planner's estimate
    (core/paging.py)."""

    def __init__(self, queryset: QuerySet, *, estimate: bool = False) -> None:
        self.queryset = queryset
        self.estimate = estimate

    def __len__(self) -> int:
        counted = self.queryset.order_by()
        return estimated_count(counted) if self.estimate else cached_count(counted)

    def count(self) -> int:
        return len(self)

    def __getitem__(self, window: slice) -> list:
        keys = list(self.queryset.values_list("pk", flat=True)[window])
        if not keys:
            return []
        by_pk = {row.pk: row for row in self.queryset.filter(pk__in=keys).order_by()}
        return [by_pk[pk] for pk in keys if pk in by_pk]


def organizations_per_municipality(
    *, municipality_id: int | None = None, registered_until: date | None = None
) -> list[tuple[int, int]]:
    """(municipality id, NGOs) of the registry's approved NGOs, registered by the end of the
    local day `registered_until` when given, optionally of one municipality — the analytics'
    heat map of the NGO sector. One grouped query, nothing personal."""
    found = Organization.objects.filter(status=Review.APPROVED)
    if municipality_id:
        found = found.filter(municipality_id=municipality_id)
    if registered_until:
        end = datetime.combine(registered_until + timedelta(days=1), time.min)
        found = found.filter(created_at__lt=timezone.make_aware(end))
    rows = found.values_list("municipality_id").annotate(n=Count("pk")).order_by("municipality_id")
    return list(rows)


def municipalities() -> list[Municipality]:
    return list(Municipality.objects.order_by("name").only("pk", "name"))


def organization_page(pk: int, *, staff: bool = False) -> Organization:
    """An NGO's page: public once approved; a moderator sees it before (to review it)."""
    found = Organization.objects.select_related("municipality", "leader")
    return (found if staff else found.filter(status=Review.APPROVED)).get(pk=pk)


def activist_page(pk: int, *, staff: bool = False) -> Activist:
    found = Activist.objects.select_related("municipality")
    return (found if staff else found.filter(status=Review.APPROVED)).get(pk=pk)


def members(organization: Organization, limit: int = 50) -> list[Activist]:
    return list(
        Activist.objects.filter(memberships__organization=organization, status=Review.APPROVED)
        .only("pk", "name")
        .order_by("name")[:limit]
    )


def partners(kind: str, pk: int, limit: int = 50) -> list:
    """The public entries linked with (kind, pk), each with its `link_note`: the links in one
    query, then one query per kind of partner (at most three)."""
    links = list(
        Link.objects.filter(Q(a_kind=kind, a_id=pk) | Q(b_kind=kind, b_id=pk)).order_by(
            "-created_at"
        )[:limit]
    )
    wanted: dict[str, dict[int, str]] = {}
    for link in links:
        other = (
            (link.b_kind, link.b_id)
            if (link.a_kind, link.a_id) == (kind, pk)
            else (link.a_kind, link.a_id)
        )
        wanted.setdefault(other[0], {})[other[1]] = link.note
    found = []
    for other_kind, notes in wanted.items():
        if other_kind == LinkKind.PROJECT:
            rows = Project.objects.filter(pk__in=notes).only("pk", "title")
        elif other_kind == LinkKind.ORGANIZATION:
            rows = Organization.objects.filter(pk__in=notes, status=Review.APPROVED).only(
                "pk", "name"
            )
        else:
            rows = Activist.objects.filter(pk__in=notes, status=Review.APPROVED).only("pk", "name")
        for row in rows:
            row.link_kind = other_kind
            row.link_note = notes[row.pk]
            row.link_kind_label = LinkKind(other_kind).label
            found.append(row)
    return sorted(found, key=lambda row: str(row))


def news_of(kind: str, pk: int, limit: int = 10) -> list[News]:
    return list(
        News.objects.filter(owner_kind=kind, owner_id=pk, status=Review.APPROVED).order_by(
            "-published_at"
        )[:limit]
    )


def pending_news(limit: int) -> list[News]:
    """Members' news waiting for a moderator, oldest first (one query)."""
    return list(
        News.objects.filter(status=Review.PENDING)
        .select_related("author")
        .order_by("published_at")[:limit]
    )


def _week_change(queryset: QuerySet, field: str = "created_at") -> dict:
    now = timezone.now()
    week, before = now - timedelta(days=7), now - timedelta(days=14)
    this_week = queryset.filter(**{f"{field}__gte": week}).count()
    last_week = queryset.filter(**{f"{field}__gte": before, f"{field}__lt": week}).count()
    return {"total": queryset.count(), "week": this_week, "change": this_week - last_week}


def counters() -> dict:
    """The registries' home: each registry's total, added in the last 7 days and the change
    against the 7 before; NGOs split as seed 002 counts them (with a leader / with members),
    projects by an activist leading them / by an NGO. Cached for five minutes."""
    found = cache.get("community:counters")
    if found is not None:
        return found
    ngos = Organization.objects.filter(status=Review.APPROVED)
    found = {
        "activists": _week_change(Activist.objects.filter(status=Review.APPROVED)),
        "organizations": {
            **_week_change(ngos),
            "with_leader": ngos.filter(leader__isnull=False).count(),
            "with_members": ngos.filter(member_count__gt=0).count(),
        },
        "projects": {
            **_week_change(Project.objects.all()),
            "with_leader": Project.objects.filter(activist__isnull=False).count(),
            "with_members": Project.objects.filter(organization__isnull=False).count(),
        },
        "links": _week_change(Link.objects.all()),
        "news": _week_change(News.objects.filter(status=Review.APPROVED), "published_at"),
    }
    cache.set("community:counters", found, COUNTERS_SECONDS)
    return found


def pending(model, limit: int = 50) -> list:
    return list(
        model.objects.filter(status=Review.PENDING)
        .select_related("municipality")
        .order_by("created_at")[:limit]
    )


# --- Suspicious accounts (issue 15 point 6). ---


def fresh_single_project_givers(*, fresh_days: int | None = None, least: int | None = None):
    """Projects backed by at least `least` accounts that gave their first capital within
    `fresh_days` of registering and gave to no other project (settings
    COMMUNITY_SIGNAL_FRESH_DAYS, COMMUNITY_SIGNAL_LEAST): a list of {project, accounts}, each
    account {user, joined, first_gift, amount, frozen}. Three queries."""
    fresh = timedelta(days=fresh_days or settings.COMMUNITY_SIGNAL_FRESH_DAYS)
    least = least or settings.COMMUNITY_SIGNAL_LEAST
    by_user: dict[int, dict] = {}
    gifts = Gift.objects.filter(returned_at__isnull=True).values_list(
        "user_id", "project_id", "created_at", "amount", "user__date_joined"
    )
    for user_id, project_id, at, amount, joined in gifts.order_by("created_at"):
        seen = by_user.setdefault(
            user_id,
            {"user": user_id, "joined": joined, "first_gift": at, "amount": 0, "projects": set()},
        )
        seen["projects"].add(project_id)
        seen["amount"] += amount
    by_project: dict[int, list[dict]] = {}
    for seen in by_user.values():
        if len(seen["projects"]) == 1 and seen["first_gift"] - seen["joined"] < fresh:
            by_project.setdefault(next(iter(seen["projects"])), []).append(seen)
    flagged = {pk: accounts for pk, accounts in by_project.items() if len(accounts) >= least}
    if not flagged:
        return []
    users = {a["user"] for accounts in flagged.values() for a in accounts}
    frozen = set(
        CapitalFreeze.objects.filter(user_id__in=users, lifted_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    projects = Project.objects.in_bulk(list(flagged))
    people = get_user_model().objects.in_bulk(list(users))
    return [
        {
            "project": projects[pk],
            "accounts": [
                {**a, "person": people[a["user"]], "frozen": a["user"] in frozen}
                for a in sorted(accounts, key=lambda a: a["first_gift"])
            ],
        }
        for pk, accounts in sorted(flagged.items(), key=lambda item: -len(item[1]))
    ]


def active_freezes(limit: int = 200) -> list:
    return list(
        CapitalFreeze.objects.filter(lifted_at__isnull=True)
        .select_related("user", "frozen_by")
        .order_by("-frozen_at")[:limit]
    )


@dataclass(frozen=True)
class GrantFigures:
    applications: int
    directions: int  # grant directions with at least one application
    collected: int  # capital the contest's projects collected


def grant_contests(limit: int = 5) -> list[GrantContest]:
    """The latest grants contests, for the registries' home (one query)."""
    return list(GrantContest.objects.select_related("contest").order_by("-public_until")[:limit])


def grant_contest_page(pk: int) -> GrantContest:
    return GrantContest.objects.select_related("contest").get(pk=pk)


def grant_projects(grant_contest: GrantContest) -> QuerySet[GrantApplication]:
    """The contest's applications with their projects, the most backed first (one query a
    page)."""
    return (
        GrantApplication.objects.filter(grant_contest=grant_contest)
        .select_related("project", "project__municipality")
        .order_by("-project__collected", "pk")
    )


def grant_figures(grant_contest: GrantContest) -> GrantFigures:
    """The contest's totals in one query."""
    row = GrantApplication.objects.filter(grant_contest=grant_contest).aggregate(
        applications=Count("pk"),
        directions=Count("direction", distinct=True),
        collected=Sum("project__collected"),
    )
    return GrantFigures(row["applications"], row["directions"], row["collected"] or 0)
