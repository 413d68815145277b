"""Every change to an idea goes through these functions: each checks who may do it and from which
state (transitions.py), writes the public timeline, records one event in the log (events.py) and
enqueues the notices, all in the same transaction."""

from .campaigns import (
    AwardIn,
    campaign_create,
    campaign_expert_add,
    campaign_expert_remove,
    campaign_publish_results,
    campaign_update,
)
from .conversion import report_to_idea
from .decisions import (
    idea_add_progress,
    idea_consider,
    idea_decline,
    idea_implement,
    idea_take,
)
from .filing import idea_submit
from .moderation import idea_edit_by_moderator, idea_publish, idea_reject, ideas_merge
from .ratings import idea_judge, idea_rate
from .supports import idea_support, idea_support_withdraw

__all__ = [
    "AwardIn",
    "campaign_create",
    "campaign_expert_add",
    "campaign_expert_remove",
    "campaign_publish_results",
    "campaign_update",
    "idea_judge",
    "idea_rate",
    "idea_add_progress",
    "idea_consider",
    "idea_decline",
    "idea_edit_by_moderator",
    "idea_implement",
    "idea_publish",
    "idea_reject",
    "idea_submit",
    "idea_support",
    "idea_support_withdraw",
    "idea_take",
    "ideas_merge",
    "report_to_idea",
]
