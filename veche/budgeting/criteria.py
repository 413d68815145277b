"""The formulas a computed criterion is picked from (issue 12, point 3; scored in issue 13).

Each formula turns one number of an application (its residents' co-financing share, the number
of beneficiaries a template field holds, its votes) into a score out of the criterion's maximum,
relative to the best application of the contest: `score = max_score × value / best`. The best
gets the maximum, an application with nothing gets 0, and scores never exceed the maximum. A
formula reads the application (`source="application"`) or the vote (`source="vote"`); one that
reads a template field says so (`needs_field`), and the field must be a number.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Formula:
    code: str
    label: str | Promise
    source: str  # "application" or "vote"
    needs_field: bool = False


FORMULAS = {
    formula.code: formula
    for formula in (
        Formula(
            "residents_share",
            _("residents' co-financing share, relative to the highest"),
            "application",
        ),
        Formula(
            "field_relative",
            _("a number of the application (e.g. beneficiaries), relative to the highest"),
            "application",
            needs_field=True,
        ),
        Formula("votes_relative", _("votes, relative to the most voted"), "vote"),
    )
}


def relative_score(value: Decimal, best: Decimal, max_score: Decimal) -> Decimal:
    """`max_score × value / best`, to two decimals, between 0 and `max_score`."""
    if best <= 0 or value <= 0:
        return Decimal(0)
    score = max_score * min(value, best) / best
    return score.quantize(Decimal("0.01"), ROUND_HALF_UP)
