"""Daily aggregates the dashboards and ratings read, so a page never scans the reports.

`analytics_refresh` (a periodic command) rebuilds the rows of the days it covers from the domain
apps' selectors; a row is keyed by the local day of filing and its territory and agency (and
its topic in `ReportDay`).
Distributions (answer days, ratings, statuses) are histograms, so days merge exactly into a
period's median. Topics are referred to by id: analytics reads reports only through selectors.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from veche.agencies.models import Agency
from veche.territory.models import Municipality


class _Counts(models.Model):
    """The counts both report tables keep (`definitions.py` says what each is)."""

    day = models.DateField(_("day"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, related_name="+")
    filed = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    confirmed = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    due = models.PositiveIntegerField(default=0)
    timely = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class _Totals(_Counts):
    """The counts with their histograms (working days → reports, rating → answers, status →
    reports), kept per day and rolled up per month."""

    first_days = models.JSONField(default=dict)
    final_days = models.JSONField(default=dict)
    ratings = models.JSONField(default=dict)
    statuses = models.JSONField(default=dict)

    class Meta:
        abstract = True


def _parts(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(accepted__lte=models.F("filed"))
        & Q(resolved__lte=models.F("accepted"))
        & Q(confirmed__lte=models.F("resolved"))
        & Q(timely__lte=models.F("due")),
        name=name,
    )


class ReportDay(_Counts):
    """Per day × municipality × agency × topic: the counts only. The topics' and categories'
    sums are read from here in SQL; everything else from `ReportTotalDay`."""

    topic_id = models.PositiveIntegerField()
    category_id = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "agency", "topic_id"],
                condition=Q(agency__isnull=False),
                name="analytics_report_day_unique",
            ),
            models.UniqueConstraint(
                fields=["day", "municipality", "topic_id"],
                condition=Q(agency__isnull=True),
                name="analytics_report_day_unrouted_unique",
            ),
            _parts("analytics_report_day_parts"),
        ]
        indexes = [
            models.Index(fields=["municipality", "day"]),
            # The region's topics' sums read the index alone (PostgreSQL's INCLUDE).
            models.Index(
                fields=["day"], include=["topic_id", "category_id", "accepted"],
                name="analytics_report_day_topics",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.day} · {self.municipality_id} · {self.agency_id} · {self.topic_id}"


class ReportTotalDay(_Totals):
    """Per day × municipality × agency, all topics together: the counts and the histograms
    (working days → reports, rating → answers, status → reports). A dashboard's figures, trends
    and the ratings read these rows: a year of a region of 22 municipalities is some 8,000,
    whatever the number of reports or topics."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "agency"],
                condition=Q(agency__isnull=False),
                name="analytics_report_total_unique",
            ),
            models.UniqueConstraint(
                fields=["day", "municipality"],
                condition=Q(agency__isnull=True),
                name="analytics_report_total_unrouted_unique",
            ),
            _parts("analytics_report_total_parts"),
        ]
        indexes = [
            models.Index(fields=["municipality", "day"]),
            models.Index(fields=["agency", "day"]),
            # The region's trend by day reads the index only (the rows carry wide histograms).
            models.Index(fields=["day"], include=["filed"], name="analytics_total_day_filed"),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.municipality_id} · {self.agency_id}"


class ReportTotalMonth(_Totals):
    """`ReportTotalDay` rolled up by month (`day` is the month's first day): the same counts and
    histograms per month × municipality × agency, rebuilt from the day rows by every refresh of
    that month's days. A period's whole months are read here (a year of the region: some 12 ×
    44 rows instead of 16,000), its other days from `ReportTotalDay`."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "agency"],
                condition=Q(agency__isnull=False),
                name="analytics_report_month_unique",
            ),
            models.UniqueConstraint(
                fields=["day", "municipality"],
                condition=Q(agency__isnull=True),
                name="analytics_report_month_unrouted_unique",
            ),
            models.CheckConstraint(condition=Q(day__day=1), name="analytics_report_month_first"),
            _parts("analytics_report_month_parts"),
        ]
        indexes = [
            models.Index(fields=["municipality", "day"], name="analytics_month_mun"),
            models.Index(fields=["agency", "day"], name="analytics_month_agency"),
            models.Index(fields=["day"], name="analytics_month_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m} · {self.municipality_id} · {self.agency_id}"


class CellDay(models.Model):
    """Reports filed in one grid cell of about 5 × 5 km on one day: the heat map. The cell's
    centre only, never a report's point."""

    day = models.DateField(_("day"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    cell = models.CharField(max_length=32)
    lat = models.FloatField()
    lon = models.FloatField()
    filed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "cell"], name="analytics_cell_day_unique"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "day"]),
            # The region's heat map reads the index alone (PostgreSQL's INCLUDE).
            models.Index(
                fields=["day"], include=["cell", "lat", "lon", "filed"],
                name="analytics_cell_day_heat",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.day} · {self.cell}"


class ParticipationDay(models.Model):
    """Distinct people who did one kind of thing on one day in a territory (`KINDS` in
    services.py: filed or supported a report, supported an idea, voted in a poll or a contest,
    commented) and how many times they did it (reports, supports, ballots, votes, comments)."""

    day = models.DateField(_("day"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    people = models.PositiveIntegerField(default=0)
    actions = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "kind"], name="analytics_participation_unique"
            ),
            models.CheckConstraint(
                condition=Q(people__lte=models.F("actions")),
                name="analytics_participation_people_act",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.kind}"


def _month_first(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(day__day=1), name=name)


class ReportMonth(_Counts):
    """`ReportDay` rolled up by month (`day` is the month's first day): the topics' counts per
    month × municipality × agency × topic, rebuilt from the day rows by every refresh of that
    month's days. A period's whole months are read here, its other days from `ReportDay`."""

    topic_id = models.PositiveIntegerField()
    category_id = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "agency", "topic_id"],
                condition=Q(agency__isnull=False),
                name="analytics_report_topic_month_unique",
            ),
            models.UniqueConstraint(
                fields=["day", "municipality", "topic_id"],
                condition=Q(agency__isnull=True),
                name="analytics_report_topic_month_unrouted_unique",
            ),
            _month_first("analytics_report_topic_month_first"),
            _parts("analytics_report_topic_month_parts"),
        ]
        indexes = [
            models.Index(fields=["municipality", "day"], name="analytics_topic_month_mun"),
            models.Index(fields=["agency", "day"], name="analytics_topic_month_agency"),
            models.Index(
                fields=["day"], include=["topic_id", "category_id", "accepted"],
                name="analytics_topic_month_day",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.day:%Y-%m} · {self.municipality_id} · {self.agency_id} · {self.topic_id}"


class CellMonth(models.Model):
    """`CellDay` rolled up by month (`day` is the month's first day): the heat map's reports per
    hexagon and month."""

    day = models.DateField(_("day"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    cell = models.CharField(max_length=32)
    lat = models.FloatField()
    lon = models.FloatField()
    filed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "cell"], name="analytics_cell_month_unique"
            ),
            _month_first("analytics_cell_month_first"),
        ]
        indexes = [
            models.Index(fields=["municipality", "day"], name="analytics_cell_month_mun"),
            models.Index(
                fields=["day"], include=["cell", "lat", "lon", "filed"],
                name="analytics_cell_month_heat",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.day:%Y-%m} · {self.cell}"


class ParticipationMonth(models.Model):
    """`ParticipationDay` rolled up by month (`day` is the month's first day): the days' distinct
    people and their acts summed per month × municipality × kind."""

    day = models.DateField(_("day"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    people = models.PositiveIntegerField(default=0)
    actions = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "kind"], name="analytics_participation_month_unique"
            ),
            models.CheckConstraint(
                condition=Q(people__lte=models.F("actions")),
                name="analytics_participation_month_people_act",
            ),
            _month_first("analytics_participation_month_first"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m} · {self.kind}"


class VisitorDay(models.Model):
    """Unique visitors of one day, counted without cookies or addresses (analytics/visitors.py)
    and moved here from the cache by `analytics_refresh`."""

    day = models.DateField(unique=True)
    visitors = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.visitors}"


class Refresh(models.Model):
    """One run of `analytics_refresh`: the latest one's id names the aggregates' generation, so
    a period's figures cached under it (selectors.generational) are never read after the next
    refresh, in any process."""

    first = models.DateField()
    last = models.DateField()
    finished_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.first}–{self.last} @ {self.finished_at}"
