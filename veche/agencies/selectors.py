"""Reads of agencies: who serves a municipality and who administers it."""

from django.db.models import Q, QuerySet

from veche.territory.models import Municipality

from .models import Agency


def agencies_serving(municipality: Municipality) -> QuerySet[Agency]:
    """Active agencies serving the municipality: those that name it among the territory they
    serve, and the region's agencies that name none (they serve the whole region)."""
    return (
        Agency.objects.filter(region_id=municipality.region_id, is_active=True)
        .filter(Q(municipalities=municipality) | Q(municipalities__isnull=True))
        .distinct()
        .order_by("kind", "name")
    )


def agency_for_municipality_administration(municipality: Municipality) -> Agency | None:
    """The municipality's active administration (at most one: a database constraint says so).
    Routing sends a report to it when no more specific agency is chosen."""
    return Agency.objects.filter(administers=municipality, is_active=True).first()
