"""Who sees which private dashboard (docs/analytics.md, "Permissions").

The region's private dashboard: its heads and admins. A municipality's: its head and admins and
the region's. An agency's: its officials and head, and the region's heads and admins. Anyone
else gets 403 — a head of Surgut never sees Urai's private dashboard. The public dashboards and
ratings are open to everyone.
"""

import rules

from veche.staff.models import Role
from veche.staff.predicates import (
    agency_scope,
    covers_municipality,
    in_agency,
    is_regional_admin,
    is_regional_head,
    municipality_scope,
)

REGION = (Role.REGIONAL_HEAD, Role.REGIONAL_ADMIN)
MUNICIPALITY = (Role.MUNICIPAL_HEAD, Role.MUNICIPAL_ADMIN, *REGION)
AGENCY = (Role.OFFICIAL, Role.AGENCY_HEAD)


@rules.predicate
def sees_municipality(user, municipality) -> bool:
    return covers_municipality(user, municipality, MUNICIPALITY)


@rules.predicate
def sees_agency(user, agency) -> bool:
    return in_agency(user, agency, AGENCY)


sees_region = is_regional_head | is_regional_admin

rules.add_perm("analytics.view_region_dashboard", sees_region)
rules.add_perm("analytics.view_municipality_dashboard", sees_municipality)
rules.add_perm("analytics.view_agency_dashboard", sees_agency | sees_region)


def private_dashboards(user) -> dict:
    """What the user's roles let him open: region (bool), municipality ids, agency ids."""
    scope = municipality_scope(user, *MUNICIPALITY)
    return {
        "region": bool(sees_region(user)),
        "municipalities": scope or set(),
        "agencies": agency_scope(user, *AGENCY),
    }
