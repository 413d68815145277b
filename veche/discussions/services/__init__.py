"""Every change to discussions (docs/discussions.md). Keyword-only, each in one transaction,
each asking its named rule (rules.py) and recording one event."""

from .drafts import (
    DraftIn,
    SectionEdit,
    as_edits,
    draft_attach,
    draft_create,
    draft_detach,
    draft_publish,
    draft_update,
    version_publish,
)
from .participation import Posted, draft_comment, draft_rate, my_rating
from .report import proposal_answer, proposals, report_publish, unanswered_count

__all__ = [
    "DraftIn",
    "Posted",
    "SectionEdit",
    "as_edits",
    "draft_attach",
    "draft_comment",
    "draft_create",
    "draft_detach",
    "draft_publish",
    "draft_rate",
    "draft_update",
    "my_rating",
    "proposal_answer",
    "proposals",
    "report_publish",
    "unanswered_count",
    "version_publish",
]
