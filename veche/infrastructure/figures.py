"""Agency and contractor figures from the registry (issue 14, point 5): the share of objects
completed on time and the residents' ratings of completed works (docs/infrastructure.md,
"Agency figures"). The analytics issue reads the same function.

An object **counts** (is due) when it has a planned end and is either completed or past that
date today; it is **on time** when it is completed with an actual end on or before the planned
one. Objects without a planned end, and those still running before their planned end, are not
counted. The share is on time ÷ due (None when nothing is due).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from .models import Facility, Rating, Status


@dataclass(frozen=True)
class OnTime:
    key: int | str  # the agency's id or the contractor's name
    name: str
    due: int
    on_time: int
    ratings: int
    average: float | None

    @property
    def share(self) -> float | None:
        return self.on_time / self.due if self.due else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def _due(today: datetime.date) -> Q:
    return Q(planned_end__isnull=False) & (Q(status=Status.COMPLETED) | Q(planned_end__lt=today))


ON_TIME = Q(status=Status.COMPLETED, actual_end__isnull=False, actual_end__lte=F("planned_end"))


def on_time_shares(
    *, by: str = "agency", facilities=None, today: datetime.date | None = None
) -> list[OnTime]:
    """Per agency (`by="agency"`) or contractor (`by="contractor"`), most objects due first; two
    queries. `facilities` narrows the objects (a filtered list)."""
    today = today or timezone.localdate()
    facilities = Facility.objects.all() if facilities is None else facilities
    key, name = ("agency_id", "agency__name") if by == "agency" else ("contractor", "contractor")
    rows = (
        facilities.exclude(**{f"{key}__isnull": True})
        .exclude(**({"contractor": ""} if by == "contractor" else {}))
        .order_by()
        .values(key, name)
        .annotate(
            due=Count("pk", filter=_due(today)),
            on_time=Count("pk", filter=_due(today) & ON_TIME),
        )
        .filter(due__gt=0)
    )
    scores = {
        row[f"facility__{key}"]: row
        for row in Rating.objects.filter(
            facility__in=facilities.order_by().values("pk"), facility__status=Status.COMPLETED
        )
        .order_by()
        .values(f"facility__{key}")
        .annotate(count=Count("pk"), average=Avg("score"))
    }
    result = [
        OnTime(
            key=row[key],
            name=row[name],
            due=row["due"],
            on_time=row["on_time"],
            ratings=scores.get(row[key], {}).get("count", 0),
            average=scores.get(row[key], {}).get("average"),
        )
        for row in rows
    ]
    return sorted(result, key=lambda item: (-item.due, str(item.name)))


def rating_summary(facility: Facility) -> dict:
    """The object's ratings: how many and their average (one query)."""
    return Rating.objects.filter(facility=facility).aggregate(
        count=Count("pk"), average=Avg("score")
    )
