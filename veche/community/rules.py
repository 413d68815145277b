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
