"""People active per day and territory, counted in the database: the shape every module's
participation selector gives analytics (a domain app passes its own rows and column names).

A row is (local day, municipality id, distinct people, actions). A row whose person is gone
(an anonymised ballot) counts as a person of its own: it was one person's act. Rows without a
municipality are left out (the territory's figures cannot place them).
"""

from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate


def people_per_day(
    rows: QuerySet, *, moment: str, municipality: str, person: str, since: date, until: date
) -> list[tuple[date, int, int, int]]:
    """Group `rows` by the local day of `moment` and by `municipality`: one query."""
    grouped = (
        rows.filter(**{f"{moment}__date__gte": since, f"{moment}__date__lte": until})
        .exclude(**{f"{municipality}__isnull": True})
        .annotate(day=TruncDate(moment), territory=F(municipality))
        .values("day", "territory")
        .annotate(
            known=Count(person, distinct=True),
            gone=Count("pk", filter=Q(**{f"{person}__isnull": True})),
            actions=Count("pk"),
        )
        .order_by()
    )
    return [(r["day"], r["territory"], r["known"] + r["gone"], r["actions"]) for r in grouped]
