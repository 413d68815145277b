"""Every change to a report goes through these functions: each checks who may do it and from
which state, writes the public timeline, records one event in the log (events.py) and enqueues
the notices, all in the same transaction."""

from .agency_work import (
    report_add_note,
    report_answer,
    report_decline,
    report_extend_deadline,
    report_request_reassignment,
    report_take_into_work,
    reports_take_into_work,
)
from .citizen import report_confirm, report_dispute
from .escalation import report_record_escalation
from .filing import report_submit
from .following import report_follow, report_unfollow
from .moderation import (
    report_mark_duplicate,
    report_move_to_idea,
    report_publish,
    report_redact,
    report_reject,
    report_reroute,
)
from .operator import report_file_for_caller
from .press import report_add_press_link, report_remove_press_link
from .proposals import catalogue_proposal_accept, catalogue_proposal_decline, catalogue_propose
from .supports import report_support, report_support_withdraw

__all__ = [
    "catalogue_proposal_accept",
    "catalogue_proposal_decline",
    "catalogue_propose",
    "report_add_press_link",
    "report_follow",
    "report_remove_press_link",
    "report_unfollow",
    "report_add_note",
    "report_answer",
    "report_confirm",
    "report_decline",
    "report_dispute",
    "report_extend_deadline",
    "report_file_for_caller",
    "report_mark_duplicate",
    "report_move_to_idea",
    "report_publish",
    "report_redact",
    "report_record_escalation",
    "report_reject",
    "report_request_reassignment",
    "report_reroute",
    "report_submit",
    "report_support",
    "report_support_withdraw",
    "report_take_into_work",
    "reports_take_into_work",
]
