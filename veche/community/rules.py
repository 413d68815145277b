"""Named permissions of community projects and virtual capital (docs/community.md).

Only a verified resident gives capital, never to his own project; a moderator (any scope) or a
regional admin rejects a project, which returns every gift."""

import rules

from veche.accounts.predicates import is_active_user, is_verified
from veche.staff.predicates import is_moderator, is_regional_admin


@rules.predicate
def is_project_owner(user, project) -> bool:
    return project is not None and project.owner_id == user.pk


rules.add_perm("community.give_capital", is_active_user & is_verified & ~is_project_owner)
rules.add_perm("community.reject_project", is_moderator | is_regional_admin)
