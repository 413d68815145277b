"""Named permissions of the staff pages and the calendar, from the shared predicates

Views, templates (`{% has_perm %}`) and services all ask these names.
"""

import rules

from .predicates import (
    can_assign_roles,
    can_manage_agency_staff,
    can_manage_municipality,
    can_revoke_assignment,
    can_view_agency,
    can_view_municipality_staff_data,
    is_regional_admin,
    is_staff_member,
)

# The staff workspace: anyone holding a role (or a superuser).
rules.add_perm("staff.view_dashboard", is_staff_member)
# A municipality's overview and staff list (object: Municipality).
rules.add_perm("staff.view_municipality", can_view_municipality_staff_data)
# Changing a municipality's staff and content (object: Municipality); heads never may.
rules.add_perm("staff.change_municipality", can_manage_municipality)
# An agency's page with its staff and territory (object: Agency).
rules.add_perm("staff.view_agency", can_view_agency)
# Adding and removing an agency's officials (object: Agency).
rules.add_perm("staff.manage_agency_staff", can_manage_agency_staff)
# Assigning some role within a Municipality or Agency (object), or region-wide (no object).
rules.add_perm("staff.assign_roles", can_assign_roles)
# Revoking one RoleAssignment (object).
rules.add_perm("staff.revoke_roleassignment", can_revoke_assignment)
# The audit log of staff actions.
rules.add_perm("staff.view_staffauditlog", is_regional_admin)

# The working-day calendar (workdays sits below the roles, so its permissions are granted here):
# every deadline in the region depends on it, so only the regional admin changes it.
rules.add_perm("workdays.view_calendarday", is_regional_admin)
rules.add_perm("workdays.add_calendarday", is_regional_admin)
rules.add_perm("workdays.change_calendarday", is_regional_admin)
rules.add_perm("workdays.delete_calendarday", is_regional_admin)
