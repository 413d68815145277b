"""Named permissions of the direct line (docs/directline.md): a resident with a confirmed e-mail
asks while the line is open; moderators (and the regional admin) publish or reject; the
regional admin, or a municipal admin for his municipality's line, enters calls and letters,
answers and closes."""

import rules
from django.utils import timezone

from veche.accounts.predicates import can_participate
from veche.staff.models import Role
from veche.staff.predicates import (
    covers_municipality,
    is_municipal_admin,
    is_regional_admin,
    municipality_scope,
)


@rules.predicate
def campaign_open(user, campaign) -> bool:
    return campaign is not None and not campaign.is_closed and timezone.now() < campaign.event_at


@rules.predicate
def moderates_campaign(user, campaign) -> bool:
    """A moderator covering the line's municipality; for a region-wide line, a region-wide one."""
    if campaign is None:
        return False
    scope = municipality_scope(user, Role.MODERATOR)
    return scope is None or campaign.municipality_id in scope


@rules.predicate
def runs_campaign(user, campaign) -> bool:
    if campaign is None:
        return False
    return covers_municipality(user, campaign.municipality, [Role.MUNICIPAL_ADMIN])


rules.add_perm("directline.ask_question", can_participate & campaign_open)
rules.add_perm("directline.moderate_question", is_regional_admin | moderates_campaign)
rules.add_perm("directline.run_campaign", is_regional_admin | runs_campaign)
# Who may open a new line at all (the service then checks `run_campaign` on the line itself).
rules.add_perm("directline.create_campaign", is_regional_admin | is_municipal_admin)
# Who sees the line's staff page: the people who run it or moderate it.
rules.add_perm("directline.work_campaign", is_regional_admin | runs_campaign | moderates_campaign)
