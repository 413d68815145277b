"""Reads of agencies: who serves a municipality and who administers it."""

from django.db.models import Q, QuerySet

from veche.territory.models import Municipality, Region

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


def agency_list(*, region: Region | None = None, kind: str | None = None) -> QuerySet[Agency]:
    queryset = Agency.objects.select_related("region", "administers").order_by("kind", "name")
    if region is not None:
        queryset = queryset.filter(region=region)
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    return queryset


def municipalities_served(agency: Agency) -> QuerySet[Municipality]:
    """The municipalities the agency serves; all of its region's when it names none."""
    named = agency.municipalities.all()
    if named.exists():
        return named.order_by("name")
    return Municipality.objects.filter(region_id=agency.region_id).order_by("name")

