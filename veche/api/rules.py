"""Who manages API tokens: regional admins (and superusers)."""

import rules

from veche.staff.predicates import is_regional_admin

rules.add_perm("api.view_apitoken", is_regional_admin)
rules.add_perm("api.add_apitoken", is_regional_admin)
rules.add_perm("api.revoke_apitoken", is_regional_admin)
