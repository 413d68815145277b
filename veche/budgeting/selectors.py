"""Reads of initiative budgeting, each page at a constant number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from veche.core.components import Step

from .models import Contest, ContestStage, TemplateField, TemplateVersion
from .rules import manages_contest


def _with_parts(contests: QuerySet[Contest]) -> QuerySet[Contest]:
    return contests.select_related("municipality").prefetch_related(
        Prefetch("stages", queryset=ContestStage.objects.order_by("position"))
    )


def contests_for(user) -> QuerySet[Contest]:
    """Published contests, and the drafts this user organizes (an admin of Surgut: Surgut's
    municipal drafts; a regional admin: all)."""
    visible = Q(status=Contest.Status.PUBLISHED)
    if user.has_perm("budgeting.organize_contests"):
        drafts = Contest.objects.filter(status=Contest.Status.DRAFT).select_related("municipality")
        visible |= Q(pk__in=[c.pk for c in drafts if manages_contest(user, c)])
    return _with_parts(Contest.objects.filter(visible)).order_by("-created_at", "-pk")


@dataclass
class Groups:
    open: list[Contest] = field(default_factory=list)
    upcoming: list[Contest] = field(default_factory=list)
    past: list[Contest] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.open or self.upcoming or self.past)


def split_by_time(contests) -> Groups:
    """Open (between its first stage's start and its last one's end), upcoming (not begun, or
    without stages yet), past."""
    now = timezone.now()
    groups = Groups()
    for contest in contests:
        start, end = contest.starts_at, contest.ends_at
        if start is None or now < start:
            groups.upcoming.append(contest)
        elif now >= end:
            groups.past.append(contest)
        else:
            groups.open.append(contest)
    groups.upcoming.sort(key=lambda c: (c.starts_at is None, c.starts_at or now))
    return groups


def contest_detail(pk: int) -> Contest:
    return (
        _with_parts(Contest.objects.all())
        .select_related("organizer")
        .prefetch_related("documents")
        .get(pk=pk)
    )


def steps(contest: Contest) -> list[Step]:
    """The contest's stages for core's stages component, the current one marked by date."""
    now = timezone.now()
    return [
        Step(
            stage.label,
            stage.starts_at,
            stage.ends_at,
            "done" if now >= stage.ends_at else "current" if now >= stage.starts_at else "upcoming",
        )
        for stage in contest.ordered_stages()
    ]


def template_fields(contest: Contest, *, drafts: bool = False) -> list[TemplateField]:
    """The fields of the contest's current template (its organizers: the draft, if any)."""
    versions = TemplateVersion.objects.filter(contest=contest).order_by("-number")
    if not drafts:
        versions = versions.filter(published_at__isnull=False)
    latest = versions.first()
    return list(latest.fields.order_by("position")) if latest else []
