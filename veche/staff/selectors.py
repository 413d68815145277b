"""Reads of the staff app: who holds which role where, and what a staff member's dashboard lists."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from veche.accounts.models import User
from veche.agencies.models import Agency
from veche.territory.models import Municipality, Settlement

from .models import Role, RoleAssignment
from .predicates import (
    agency_scope,
    is_regional_admin,
    is_regional_head,
    municipality_scope,
    role_assignments,
)

# Territorial roles that can be scoped to one municipality.
TERRITORIAL_ROLES = [
    Role.OPERATOR,
    Role.MODERATOR,
    Role.EXPERT,
    Role.MUNICIPAL_ADMIN,
    Role.MUNICIPAL_HEAD,
]
AGENCY_ROLES = [Role.OFFICIAL, Role.AGENCY_HEAD]


def municipality_by_slug(slug: str) -> Municipality | None:
    # A deployment serves one region, so the slug names one municipality.
    return Municipality.objects.filter(slug=slug).select_related("region").order_by("pk").first()


def agencies_serving(municipality: Municipality) -> QuerySet[Agency]:
    return (
        Agency.objects.filter(Q(municipalities=municipality) | Q(administers=municipality))
        .distinct()
        .order_by("name")
    )


def settlements_with_residents(municipality: Municipality) -> QuerySet[Settlement]:
    """Settlements of the municipality, each with `residents_count`: its active, undeleted users."""
    live = Q(residents__is_active=True, residents__deleted_at__isnull=True)
    return municipality.settlements.annotate(residents_count=Count("residents", filter=live))


def municipality_assignments(municipality: Municipality) -> QuerySet[RoleAssignment]:
    """Roles held in the municipality itself and in the agencies that serve it."""
    serving = agencies_serving(municipality).values("pk")
    return (
        RoleAssignment.objects.filter(Q(municipality=municipality) | Q(agency__in=serving))
        .select_related("user", "municipality", "agency")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )


def agency_assignments(agency: Agency) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(agency=agency)
        .select_related("user", "municipality", "agency")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email=email.strip().lower(), deleted_at__isnull=True).first()


@dataclass(frozen=True)
class Workspace:
    """What a staff member's dashboard links to; each link is still checked by its rule."""

    assignments: list[RoleAssignment]
    municipalities: list[Municipality]
    agencies: list[Agency]


def workspace_for(user) -> Workspace:
    """The municipalities and agencies the user's roles reach, for the dashboard's links."""
    assignments = sorted(role_assignments(user), key=lambda a: (a.role, a.pk))
    territorial = [r for r in Role.values if r not in AGENCY_ROLES]
    scope = municipality_scope(user, *territorial)
    if scope is None or is_regional_admin(user) or is_regional_head(user):
        municipalities = list(Municipality.objects.order_by("name"))
        agencies = list(
            Agency.objects.filter(is_active=True)
            .prefetch_related("municipalities")
            .order_by("name")
        )
        return Workspace(assignments, municipalities, agencies)
    agency_ids = agency_scope(user, *Role.values)
    municipalities = list(Municipality.objects.filter(pk__in=scope).order_by("name"))
    agencies = list(
        Agency.objects.filter(
            Q(pk__in=agency_ids) | Q(municipalities__in=scope) | Q(administers__in=scope)
        )
        .distinct()
        .prefetch_related("municipalities")
        .order_by("name")
    )
    return Workspace(assignments, municipalities, agencies)
