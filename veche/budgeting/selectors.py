"""Reads of initiative budgeting, each page at a constant number of queries."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from veche.core.components import Step
from veche.core.participation import people_per_day

from .models import (
    SOURCE_LABELS,
    Application,
    ApplicationFile,
    Contest,
    ContestStage,
    FieldKind,
    GroupInvitation,
    PublicVote,
    RevisionRemark,
    TemplateField,
    TemplateVersion,
    VoteTally,
)
from .models.application import past_admission
from .rules import manages_contest
from .selectors_voting import Results, voting_results
from .stages import PUBLIC_VOTING


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
    open: list[Contest] = dataclass_field(default_factory=list)
    upcoming: list[Contest] = dataclass_field(default_factory=list)
    past: list[Contest] = dataclass_field(default_factory=list)

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


# --- Groups and applications ------------------------------------------------------------------


def open_contests(*, kind: str, municipality) -> QuerySet[Contest]:
    """Published contests taking applications now from this kind of applicant (a municipal
    contest: of the municipality only)."""
    now = timezone.now()
    flag = {"group": "accepts_groups", "individual": "accepts_individuals"}.get(
        kind, "accepts_municipalities"
    )
    return (
        Contest.objects.filter(
            status=Contest.Status.PUBLISHED,
            stages__kind="applications",
            stages__starts_at__lte=now,
            stages__ends_at__gt=now,
            **{flag: True},
        )
        .filter(Q(municipality__isnull=True) | Q(municipality=municipality))
        .order_by("title")
    )


def invitation_with_group() -> QuerySet[GroupInvitation]:
    return GroupInvitation.objects.select_related("group", "group__municipality", "invited_by")


def application_detail(pk: int) -> Application:
    return (
        Application.objects.select_related(
            "contest",
            "contest__municipality",
            "version",
            "group",
            "municipality",
            "author",
            "rejection_reason",
        )
        .prefetch_related(
            Prefetch("contest__stages", queryset=ContestStage.objects.order_by("position"))
        )
        .get(pk=pk)
    )


@dataclass
class AnswerRow:
    field: TemplateField
    value: object = None
    file: ApplicationFile | None = None


def answer_rows(application: Application) -> list[AnswerRow]:
    """Each field of the version the application is written on, with its answer (the latest
    file for a file field): a later template version never changes how it reads."""
    files: dict[str, ApplicationFile] = {}
    for stored in application.files.order_by("pk"):
        files[stored.key] = stored
    rows = []
    for field in application.version.fields.order_by("position"):
        if field.kind == FieldKind.FILE:
            rows.append(AnswerRow(field, file=files.get(field.key)))
        else:
            rows.append(AnswerRow(field, value=application.answers.get(field.key)))
    return rows


def money_rows(application: Application) -> list[tuple[str, object, object]]:
    """(source, amount, share %) for each source with money."""
    cost = application.cost
    return [
        (SOURCE_LABELS[source], amount, round(amount * 100 / cost, 2) if cost else 0)
        for source, amount in application.amounts().items()
        if amount
    ]


def latest_remarks(application: Application) -> list[RevisionRemark]:
    revision = application.revisions.order_by("-number").first()
    if revision is None or application.status != Application.Status.REVISION:
        return []
    return list(revision.remarks.order_by("pk"))


def revision_table(application: Application) -> dict:
    """Every revision side by side: a row per field of the version, a column per revision,
    changed answers marked."""
    revisions = list(application.revisions.select_related("version").order_by("number"))
    remarks: dict[tuple[int, str], list[str]] = {}
    for remark in RevisionRemark.objects.filter(revision__application=application):
        remarks.setdefault((remark.revision_id, remark.key), []).append(remark.text)
    rows = []
    for field in application.version.fields.order_by("position"):
        cells, previous = [], None
        for revision in revisions:
            value = (
                revision.files.get(field.key)
                if field.kind == FieldKind.FILE
                else (revision.answers.get(field.key))
            )
            cells.append(
                {
                    "value": value,
                    "changed": previous is not None and value != previous,
                    "remarks": remarks.get((revision.pk, field.key), []),
                }
            )
            previous = value
        rows.append({"field": field, "cells": cells})
    return {"revisions": revisions, "rows": rows}


QUEUE_STATUSES = ("submitted", "revision", "admitted", "rejected")


def queue_counts(contest: Contest) -> dict[str, int]:
    """How many of the contest's applications each tab of the reviewers' queue holds (drafts
    left out): one query."""
    from django.db.models import Count

    rows = (
        Application.objects.filter(contest=contest, status__in=[*QUEUE_STATUSES, *past_admission()])
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[str, int] = {}
    for row in rows:
        # evaluated (and later) applications stay in the admitted tab
        tab = row["status"] if row["status"] in QUEUE_STATUSES else "admitted"
        found[tab] = found.get(tab, 0) + row["n"]
    return {status: found.get(status, 0) for status in QUEUE_STATUSES}


def review_queue(contest: Contest, status: str) -> QuerySet[Application]:
    """The contest's applications of one status, oldest submission first, for a page."""
    statuses = past_admission() if status == "admitted" else [status]
    return (
        Application.objects.filter(contest=contest, status__in=statuses)
        .select_related("municipality", "group")
        .only(
            "pk",
            "title",
            "cost",
            "submitted_at",
            "revision_due",
            "status",
            "municipality__name",
            "group__name",
        )
        .order_by("submitted_at", "pk")
    )


def my_budgeting(user) -> dict:
    """His groups and the applications of his groups or his own (latest 10), two queries."""
    from .models import InitiativeGroup

    groups = list(InitiativeGroup.objects.filter(members__user=user).order_by("-pk")[:10])
    applications = list(
        Application.objects.filter(Q(group__members__user=user) | Q(author=user))
        .select_related("contest")
        .distinct()
        .order_by("-pk")[:10]
    )
    return {"groups": groups, "applications": applications}


def contest_applications(contest: Contest, *, everything: bool) -> QuerySet[Application]:
    """Admitted applications (everyone), or every submitted one (reviewers, organizers)."""
    applications = Application.objects.filter(contest=contest)
    if everything:
        applications = applications.exclude(status=Application.Status.DRAFT)
    else:
        applications = applications.filter(status__in=past_admission())
    return applications.select_related("municipality", "version").order_by("submitted_at", "pk")


def review_work(user) -> list[Contest]:
    """The contests this user reviews or organizes that have applications waiting for a
    decision, each with `waiting` (submitted) — for the staff dashboard."""
    from django.db.models import Count

    from .rules import reviewed_contest_ids

    reviewed = reviewed_contest_ids(user)
    organizing = user.has_perm("budgeting.organize_contests")
    if not reviewed and not organizing:
        return []
    contests = Contest.objects.filter(status=Contest.Status.PUBLISHED).annotate(
        waiting=Count("applications", filter=Q(applications__status=Application.Status.SUBMITTED))
    )
    contests = contests.filter(waiting__gt=0).select_related("municipality").order_by("-waiting")
    return [c for c in contests if c.pk in reviewed or (organizing and manages_contest(user, c))]


def public_voting_results(now=None) -> list[tuple[Contest, Results]]:
    """Published contests whose public voting is over, with their results: what the rule
    budgeting.view_voting_results lets a guest see (the open-data catalogue publishes them)."""
    now = now or timezone.now()
    contests = (
        Contest.objects.filter(
            status=Contest.Status.PUBLISHED,
            stages__kind=PUBLIC_VOTING,
            stages__ends_at__lte=now,
        )
        .distinct()
        .select_related("municipality")
        .prefetch_related("stages")
        .order_by("pk")
    )
    return [(contest, voting_results(contest)) for contest in contests]


def contest_vote_total(*, municipality_id: int | None = None) -> int:
    """Residents' votes in initiative-budgeting contests (web and paper): the sum of the ballot
    entries' counters (analytics reads it; one query, no scan of the votes)."""
    tallies = VoteTally.objects.all()
    if municipality_id is not None:
        tallies = tallies.filter(municipality_id=municipality_id)
    return tallies.aggregate(total=Sum("votes", default=0))["total"]


def voters_by_day(*, since, until) -> list[tuple]:
    """(local day, municipality id, distinct voters, votes) of the contests' public votes given
    on the days from `since` to `until` (web and paper) that still stand, placed by the project's
    municipality; analytics' participation. One grouped query."""
    return people_per_day(
        PublicVote.objects.all(), moment="created_at", municipality="tally__municipality_id",
        person="user_id", since=since, until=until,
    )  # fmt: skip
