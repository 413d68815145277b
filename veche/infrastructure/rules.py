"""Named permissions of the infrastructure registry (docs/infrastructure.md, "Permissions").

The registry is public. An object is kept by the administration of its municipality (a municipal
admin there) or by a regional admin: an admin of Surgut never edits an object of Urai. Imports
are for a regional admin only — a file covers the whole programme, and its rows' municipalities
are read from their geometry.
"""

import rules

from veche.accounts.predicates import can_participate
from veche.staff.models import Role
from veche.staff.predicates import (
    covers_municipality,
    is_municipal_admin_of,
    is_regional_admin,
)

from .models import Facility, Proposal, Status
from .models.residents import ProposalStatus


@rules.predicate
def keeps_facility(user, facility) -> bool:
    """A regional admin; the municipal admin of the object's municipality."""
    if not isinstance(facility, Facility):
        return False
    return bool(is_regional_admin(user) or is_municipal_admin_of(user, facility.municipality))


rules.add_perm("infrastructure.change_facility", keeps_facility)
rules.add_perm("infrastructure.import_facilities", is_regional_admin)
# Categories are the whole programme's: an accepted proposal of a new one is the region's call.
rules.add_perm("infrastructure.add_category", is_regional_admin)


# Residents on objects (docs/infrastructure.md, "Residents").


@rules.predicate
def is_completed(user, facility) -> bool:
    return isinstance(facility, Facility) and facility.status == Status.COMPLETED


@rules.predicate
def moderates_proposal(user, proposal) -> bool:
    """A moderator of the proposal's municipality (or of the region)."""
    return isinstance(proposal, Proposal) and covers_municipality(
        user, proposal.municipality, (Role.MODERATOR,)
    )


@rules.predicate
def decides_proposal(user, proposal) -> bool:
    """The municipal admin of the proposal's municipality."""
    return isinstance(proposal, Proposal) and is_municipal_admin_of(user, proposal.municipality)


@rules.predicate
def is_published_proposal(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.status == ProposalStatus.PUBLISHED


@rules.predicate
def is_proposal_author(user, proposal) -> bool:
    return isinstance(proposal, Proposal) and proposal.author_id == user.pk


rules.add_perm("infrastructure.rate_facility", can_participate & is_completed)
rules.add_perm("infrastructure.propose_facility", can_participate)
rules.add_perm("infrastructure.moderate_proposal", moderates_proposal | is_regional_admin)
rules.add_perm("infrastructure.decide_proposal", decides_proposal | is_regional_admin)
rules.add_perm(
    "infrastructure.support_proposal",
    can_participate & is_published_proposal & ~is_proposal_author,
)


rules.add_perm("infrastructure.upload_files", keeps_facility)


# Votes on objects the administration puts to the vote (docs/infrastructure.md, "Votes").


@rules.predicate
def vote_is_open(user, facility) -> bool:
    from django.utils import timezone

    if not isinstance(facility, Facility) or not facility.vote_opens or not facility.vote_closes:
        return False
    return facility.vote_opens <= timezone.now() < facility.vote_closes


@rules.predicate
def may_vote_there(user, facility) -> bool:
    """A resident of the object's municipality, or anyone when the vote is region-wide."""
    if not isinstance(facility, Facility):
        return False
    if facility.vote_anyone:
        return True
    settlement = getattr(user, "settlement", None)
    return settlement is not None and settlement.municipality_id == facility.municipality_id


rules.add_perm("infrastructure.vote_facility", can_participate & vote_is_open & may_vote_there)
rules.add_perm("infrastructure.put_to_vote", keeps_facility)
# A vote may be taken back while the vote is open (a resident who moved away since included):
# after it closes the count is the result and stays.
rules.add_perm("infrastructure.withdraw_vote", rules.is_authenticated & vote_is_open)
