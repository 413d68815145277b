"""Named permissions of the notifications app, built from the shared predicates."""

import rules

from veche.accounts.predicates import is_active_user

from .digest import receives_digest


@rules.predicate
def owns(user, obj) -> bool:
    return obj is not None and obj.user_id == getattr(user, "pk", None)


rules.add_perm("notifications.view_notifications", is_active_user)
rules.add_perm("notifications.change_notification", is_active_user & owns)
rules.add_perm("notifications.add_subscription", is_active_user)
rules.add_perm("notifications.delete_subscription", is_active_user & owns)
rules.add_perm("notifications.change_preference", is_active_user)
# The daily digest is for those some app writes one to (e.g. agency staff): only they see its
# switch.
rules.add_perm("notifications.receive_digest", rules.predicate(receives_digest))
