"""Shared `rules` predicates: who a user is and what territory or agency his roles cover.

Every app builds its named permissions (`<app>.<verb>_<model>`) from these, and views, API
endpoints and templates all ask those names (STYLE.md, examples 5 and 10).
"""

import rules

from veche.staff.models import Role, RoleAssignment


def role_assignments(user) -> list[RoleAssignment]:
    """The user's role assignments, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_veche_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("agency"))
        user._veche_roles = cached
    return cached


@rules.predicate
def is_active_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and not user.deleted_at)


@rules.predicate
def is_email_confirmed(user) -> bool:
    return is_active_user(user) and user.email_confirmed_at is not None


@rules.predicate
def is_verified(user) -> bool:
    return is_email_confirmed(user) and user.verified_at is not None


# A resident may take part (report, vote, comment) once his e-mail is confirmed.
can_participate = is_email_confirmed


def has_role(*roles: str) -> rules.Predicate:
    """True when the user holds any of the roles, in any scope."""
    wanted = set(roles)

    @rules.predicate(name=f"has_role({', '.join(sorted(wanted))})")
    def predicate(user) -> bool:
        return any(a.role in wanted for a in role_assignments(user))

    return predicate


is_superuser = rules.is_superuser
is_regional_admin = is_superuser | has_role(Role.REGIONAL_ADMIN)
is_staff_member = is_superuser | rules.predicate(lambda user: bool(role_assignments(user)))


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
