"""Named permissions of community projects and virtual capital (docs/community.md).

Only a verified resident gives capital, never to his own project; a moderator (any scope) or a
regional admin rejects a project, which returns every gift."""

import rules

from veche.accounts.predicates import is_active_user, is_email_confirmed, is_verified
from veche.staff.predicates import is_moderator, is_regional_admin


@rules.predicate
def is_project_owner(user, project) -> bool:
    return project is not None and project.owner_id == user.pk


rules.add_perm("community.give_capital", is_active_user & is_verified & ~is_project_owner)
rules.add_perm("community.reject_project", is_moderator | is_regional_admin)

# The registries: a resident with a confirmed e-mail opens a profile or registers an NGO; a
# moderator (any scope) or a regional admin reviews and verifies them.
rules.add_perm("community.register_activist", is_active_user & is_email_confirmed)
rules.add_perm("community.register_organization", is_active_user & is_email_confirmed)
rules.add_perm("community.moderate_registry", is_moderator | is_regional_admin)
rules.add_perm("community.freeze_capital", is_moderator | is_regional_admin)


@rules.predicate
def is_verified_member(user, organization) -> bool:
    """A member whose activist profile a moderator approved and verified, or the NGO's leader or
    registrant (who speak for it), of an NGO that is in the registry."""
    if organization is None or organization.status != "approved":
        return False
    if organization.registered_by_id == user.pk:
        return True
    return organization.memberships.filter(
        activist__user=user, activist__status="approved", activist__verified_at__isnull=False
    ).exists() or (organization.leader_id is not None and organization.leader.user_id == user.pk)


# An NGO's news: its verified members write (it waits for a moderator); moderators write and
# review.
rules.add_perm(
    "community.publish_news",
    is_active_user & is_email_confirmed & (is_verified_member | is_moderator | is_regional_admin),
)
