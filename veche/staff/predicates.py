"""`rules` predicates about roles: which a user holds, and what territory or agency they cover.

The roles are this app's data (RoleAssignment), so their predicates live here; predicates about a
user's own state (active, confirmed, verified) live in veche/accounts/predicates.py. Every app
builds its named permissions (`<app>.<verb>_<model>`) from both, and views, API endpoints and
templates all ask those names (STYLE.md, examples 5 and 10).

Scopes (docs/permissions.md): an assignment with neither municipality nor agency covers the whole
region; one with a municipality covers that municipality; one with an agency covers that agency.
Heads (governor, head of a municipality) read their territory and change nothing.
"""

from collections.abc import Iterable

import rules

from veche.accounts.predicates import is_active_user, is_superuser
from veche.agencies.models import Agency

from .models import Role, RoleAssignment


def role_assignments(user) -> list[RoleAssignment]:
    """The user's role assignments, read once per request and kept on the user object.

    A blocked or deleted account holds no role, whatever rows remain. A user whose
    `holds_roles` flag is off (staff/signals.py keeps it) is not asked for any.
    """
    if not is_active_user(user) or not getattr(user, "holds_roles", True):
        return []
    cached = getattr(user, "_veche_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("agency"))
        user._veche_roles = cached
    return cached


def forget_roles(user) -> None:
    """Drop the per-request cache after the user's own roles changed."""
    if hasattr(user, "_veche_roles"):
        del user._veche_roles


def has_role(*roles: str) -> rules.Predicate:
    """True when the user holds any of the roles, in any scope."""
    wanted = set(roles)

    @rules.predicate(name=f"has_role({', '.join(sorted(wanted))})")
    def predicate(user) -> bool:
        return any(a.role in wanted for a in role_assignments(user))

    return predicate


is_regional_admin = is_superuser | has_role(Role.REGIONAL_ADMIN)
is_staff_member = is_superuser | rules.predicate(lambda user: bool(role_assignments(user)))

is_operator = has_role(Role.OPERATOR)
is_moderator = has_role(Role.MODERATOR)
is_official = has_role(Role.OFFICIAL)
is_agency_head = has_role(Role.AGENCY_HEAD)
is_expert = has_role(Role.EXPERT)
is_municipal_admin = has_role(Role.MUNICIPAL_ADMIN)
is_municipal_head = has_role(Role.MUNICIPAL_HEAD)
is_regional_head = has_role(Role.REGIONAL_HEAD)


def municipality_scope(user, *roles: str) -> set[int] | None:
    """Municipality ids the user's given roles cover; None means the whole region."""
    ids: set[int] = set()
    for assignment in role_assignments(user):
        if assignment.role not in roles:
            continue
        if assignment.municipality_id is None and assignment.agency_id is None:
            return None
        if assignment.municipality_id is not None:
            ids.add(assignment.municipality_id)
    return ids


def agency_scope(user, *roles: str) -> set[int]:
    """Agency ids in which the user holds one of the roles."""
    return {a.agency_id for a in role_assignments(user) if a.role in roles and a.agency_id}


def covers_municipality(user, municipality, roles: Iterable[str]) -> bool:
    """True when one of the user's `roles` covers the municipality (or the whole region)."""
    if municipality is None:
        return False
    scope = municipality_scope(user, *roles)
    return scope is None or municipality.pk in scope


def in_agency(user, agency, roles: Iterable[str]) -> bool:
    """True when the user holds one of `roles` in that very agency."""
    return agency is not None and agency.pk in agency_scope(user, *roles)


def agency_municipality_ids(agency) -> set[int] | None:
    """Municipalities an agency serves; None for one serving the whole region."""
    # .all() rather than values_list(): it reads prefetched municipalities (no query per agency).
    ids = {municipality.pk for municipality in agency.municipalities.all()}
    if agency.administers_id:
        ids.add(agency.administers_id)
    return ids or None


def covers_agency_territory(user, agency, roles: Iterable[str]) -> bool:
    """True when the user's territorial `roles` reach any municipality the agency serves.

    A region-wide agency (no municipalities) is reached only by region-wide roles.
    """
    if agency is None:
        return False
    scope = municipality_scope(user, *roles)
    if scope is None:
        return True
    served = agency_municipality_ids(agency)
    return served is not None and bool(scope & served)


# --- Territory -------------------------------------------------------------------------------


@rules.predicate
def is_municipal_admin_of(user, municipality) -> bool:
    return covers_municipality(user, municipality, [Role.MUNICIPAL_ADMIN])


@rules.predicate
def is_municipal_head_of(user, municipality) -> bool:
    return covers_municipality(user, municipality, [Role.MUNICIPAL_HEAD])


# Reads a municipality's staff, settlements and resident counts.
can_view_municipality_staff_data = (
    is_regional_admin | is_regional_head | is_municipal_admin_of | is_municipal_head_of
)
# Changes a municipality's staff and content; heads never change anything.
can_manage_municipality = is_regional_admin | is_municipal_admin_of


# --- Agencies --------------------------------------------------------------------------------


@rules.predicate
def is_agency_member(user, agency) -> bool:
    return in_agency(user, agency, [Role.OFFICIAL, Role.AGENCY_HEAD])


@rules.predicate
def is_head_of_agency(user, agency) -> bool:
    return in_agency(user, agency, [Role.AGENCY_HEAD])


@rules.predicate
def oversees_agency_territory(user, agency) -> bool:
    """Moderators, municipal admins and municipal heads whose territory the agency serves."""
    return covers_agency_territory(
        user, agency, [Role.MODERATOR, Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_HEAD]
    )


can_view_agency = (
    is_regional_admin | is_regional_head | is_agency_member | oversees_agency_territory
)
can_manage_agency_staff = is_regional_admin | is_head_of_agency


# --- Granting roles --------------------------------------------------------------------------

# What a municipal admin may hand out inside his own municipality.
MUNICIPAL_ADMIN_GRANTS = frozenset({Role.OPERATOR, Role.MODERATOR, Role.EXPERT})


def may_grant(user, role: str, *, municipality=None, agency=None) -> bool:
    """Whether the user may assign or revoke `role` in this exact scope.

    A regional admin may grant any role (the model's constraints still check the scope's shape);
    a municipal admin grants operators, moderators and experts of his own municipality; an agency
    head grants officials of his own agency. Nobody else grants anything.
    """
    if is_regional_admin(user):
        return True
    if municipality is not None and agency is None and role in MUNICIPAL_ADMIN_GRANTS:
        return is_municipal_admin_of(user, municipality)
    if agency is not None and municipality is None and role == Role.OFFICIAL:
        return is_head_of_agency(user, agency)
    return False


@rules.predicate
def can_assign_roles(user, target) -> bool:
    """May the user assign at least some role within this municipality or agency (or region)."""
    if target is None:
        return is_regional_admin(user)
    if isinstance(target, Agency):
        return can_manage_agency_staff(user, target)
    return can_manage_municipality(user, target)


@rules.predicate
def can_revoke_assignment(user, assignment) -> bool:
    """May the user take this assignment away. Nobody revokes his own role (no lock-outs)."""
    if assignment is None or assignment.user_id == getattr(user, "pk", None):
        return False
    return may_grant(
        user, assignment.role, municipality=assignment.municipality, agency=assignment.agency
    )
