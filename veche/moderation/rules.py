"""Who opens the moderation page: a moderator (any scope), a regional admin, or anyone a source
gives items to moderate (e.g. a campaign's organizer, for its comments). Each action is then
checked again by the source's own service, item by item."""

import rules

from veche.accounts.predicates import is_active_user
from veche.staff.predicates import is_moderator, is_regional_admin

from .registry import counts


@rules.predicate
def has_items_to_moderate(user) -> bool:
    return is_active_user(user) and any(counts(user).values())


rules.add_perm("moderation.view_queue", is_moderator | is_regional_admin | has_items_to_moderate)
