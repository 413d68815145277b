"""Which agency answers: topic × territory rules, else the municipality's administration."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from veche.agencies.models import Agency
from veche.agencies.selectors import agency_for_municipality_administration
from veche.territory.models import Municipality

from .models import RoutingRule, Topic


def agency_for(*, topic: Topic, municipality: Municipality) -> Agency:
    rules = RoutingRule.objects.filter(topic=topic, agency__is_active=True).filter(
        Q(municipality=municipality) | Q(municipality__isnull=True)
    )
    by_scope = {rule.municipality_id: rule.agency for rule in rules.select_related("agency")}
    agency = by_scope.get(municipality.pk) or by_scope.get(None)
    if agency:
        return agency
    administration = agency_for_municipality_administration(municipality)
    if administration is None:
        raise ValidationError(
            _("No agency answers this topic in %(municipality)s; ask an admin to set routing.")
            % {"municipality": municipality.name},
            code="no_agency",
        )
    return administration
