"""Named permissions of the workspace pages (no object), next to the report rules of rules.py.

They say which lists a staff member may open; every action on a report still asks the report's own
rule (reports.moderate_report, reports.work_on_report, …) through its service.
"""

import rules

from veche.core.predicates import (
    is_agency_head,
    is_moderator,
    is_official,
    is_operator,
    is_regional_admin,
)

can_use_queue = is_moderator | is_regional_admin
can_use_inbox = is_official | is_agency_head

# The moderators' queue of submitted and declined reports of their territory.
rules.add_perm("reports.view_moderation_queue", can_use_queue)
# The inbox of the agencies the user works at.
rules.add_perm("reports.view_inbox", can_use_inbox)
# The workspace's start page: anyone who may use one of its lists or file for a resident.
rules.add_perm("reports.view_workspace", can_use_queue | can_use_inbox | is_operator)
