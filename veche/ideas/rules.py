"""Named permissions for ideas, built from the shared predicates (docs/permissions.md).

Who does what (docs/ideas.md): moderators of the idea's municipality (or region-wide) publish,
reject, edit and merge; the municipal admin of the idea's municipality or the regional admin
decides (consideration, taking, declining); the staff of the agency it is given to post progress
updates and mark it implemented (the deciders may mark it implemented too).
"""

import rules

from veche.accounts.predicates import can_participate
from veche.staff.models import Role
from veche.staff.predicates import (
    agency_scope,
    is_agency_head,
    is_moderator,
    is_municipal_admin,
    is_official,
    is_regional_admin,
    municipality_scope,
    role_assignments,
)

from .models import OPEN, UNPUBLISHED


def _covers(user, idea, *roles: str) -> bool:
    """The user holds one of the roles for the idea's municipality or the whole region."""
    if idea is None or not any(a.role in roles for a in role_assignments(user)):
        return False
    scope = municipality_scope(user, *roles)
    return scope is None or idea.municipality_id in scope


@rules.predicate
def is_author(user, idea) -> bool:
    return idea is not None and user.is_authenticated and idea.author_id == user.pk


@rules.predicate
def moderates(user, idea) -> bool:
    return _covers(user, idea, Role.MODERATOR)


@rules.predicate
def administers(user, idea) -> bool:
    """The municipal admin of the idea's municipality."""
    return _covers(user, idea, Role.MUNICIPAL_ADMIN)


@rules.predicate
def works_at_agency(user, idea) -> bool:
    """An official or head of the agency the idea is given to."""
    return (
        idea is not None
        and idea.agency_id is not None
        and idea.agency_id in agency_scope(user, Role.OFFICIAL, Role.AGENCY_HEAD)
    )


@rules.predicate
def oversees_territory(user, idea) -> bool:
    roles = (Role.MUNICIPAL_ADMIN, Role.MUNICIPAL_HEAD, Role.REGIONAL_HEAD, Role.REGIONAL_ADMIN)
    return _covers(user, idea, *roles)


@rules.predicate
def is_published(user, idea) -> bool:
    return idea is not None and idea.status not in UNPUBLISHED


@rules.predicate
def is_open(user, idea) -> bool:
    """Published and not finished: the authority is still working on it."""
    return idea is not None and idea.status in OPEN


can_moderate = moderates | is_regional_admin
can_decide = administers | is_regional_admin
is_staff_on_idea = can_moderate | works_at_agency | oversees_territory | is_regional_admin

rules.add_perm("ideas.file_idea", can_participate)
rules.add_perm("ideas.view_idea", is_published | is_author | is_staff_on_idea)
rules.add_perm("ideas.moderate_idea", can_moderate)
rules.add_perm("ideas.decide_idea", can_decide)
rules.add_perm("ideas.report_progress", works_at_agency)
rules.add_perm("ideas.implement_idea", works_at_agency | can_decide)
# Supports: a resident with a confirmed e-mail, not the author, while the idea is open.
rules.add_perm("ideas.support_idea", can_participate & is_open & ~is_author)
# Taking one's support back needs only a live session, while the idea is open.
rules.add_perm("ideas.withdraw_support", rules.is_authenticated & is_open)

# Staff lists (no object); every action on an idea still asks the idea's own rule.
rules.add_perm("ideas.view_moderation_queue", is_moderator | is_regional_admin)
rules.add_perm("ideas.view_decisions", is_municipal_admin | is_regional_admin)
rules.add_perm("ideas.view_agency_ideas", is_official | is_agency_head)

# Crowdsourcing campaigns' permissions live beside their predicates.
from . import campaign_rules  # noqa: E402, F401
