"""Named permissions of points and rewards (docs/points.md, "Permissions").

Any active resident with a confirmed e-mail orders a reward. The rewards desk — operators a
regional admin adds as members — hands orders over and cancels them; a member whose operator
role was revoked can do neither (the role is the precondition, docs/permissions.md).
"""

import rules

from veche.accounts.predicates import is_active_user, is_email_confirmed
from veche.staff.predicates import is_operator, is_regional_admin

from .models import DeskMember


@rules.predicate
def is_desk_member(user) -> bool:
    return bool(getattr(user, "pk", None)) and DeskMember.objects.filter(user=user).exists()


@rules.predicate
def holds_reserved_order(user, order) -> bool:
    return order is not None and order.status == "reserved"


is_rewards_desk = is_active_user & is_desk_member & is_operator

rules.add_perm("points.order_reward", is_active_user & is_email_confirmed)
rules.add_perm("points.view_desk", is_rewards_desk)
rules.add_perm("points.decide_order", is_rewards_desk & holds_reserved_order)
rules.add_perm("points.manage_desk", is_regional_admin)
