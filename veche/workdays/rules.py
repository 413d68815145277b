"""Who may read and change the working-day calendar: the regional admin (and superusers).

Every deadline in the region depends on it, so municipal staff cannot change it.
"""

import rules

from veche.core.predicates import is_regional_admin

rules.add_perm("workdays.view_calendarday", is_regional_admin)
rules.add_perm("workdays.add_calendarday", is_regional_admin)
rules.add_perm("workdays.change_calendarday", is_regional_admin)
rules.add_perm("workdays.delete_calendarday", is_regional_admin)
