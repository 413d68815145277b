"""Named permissions of verification, built from the shared predicates (STYLE.md, example 5)."""

import rules

from veche.accounts.predicates import is_active_user, is_email_confirmed, is_verified
from veche.staff.models import Role
from veche.staff.predicates import has_role, is_regional_admin, municipality_scope


@rules.predicate
def is_own_verification(user, verification) -> bool:
    return verification is not None and verification.user_id == getattr(user, "id", None)


@rules.predicate
def moderates_resident(user, verification) -> bool:
    """A moderator whose municipality scope covers the resident's settlement, or the region."""
    if verification is None:
        return False
    scope = municipality_scope(user, Role.MODERATOR)
    if scope is None:
        return True
    settlement = verification.user.settlement
    return settlement is not None and settlement.municipality_id in scope


is_moderator = has_role(Role.MODERATOR)

# A resident starts a verification once his e-mail is confirmed, and only while not yet verified.
rules.add_perm("verification.start_verification", is_email_confirmed & ~is_verified)
# The moderators' queue of document checks.
rules.add_perm(
    "verification.view_verification", is_active_user & (is_regional_admin | is_moderator)
)
# Deciding, revoking and seeing the evidence of one resident's verification.
can_decide = is_active_user & ~is_own_verification & (is_regional_admin | moderates_resident)
rules.add_perm("verification.decide_verification", can_decide)
rules.add_perm("verification.revoke_verification", can_decide)
rules.add_perm("verification.view_verification_document", can_decide)
