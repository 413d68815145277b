from .activity import IdeaProgress, IdeaSupport, IdeaTimelineEntry
from .idea import OPEN, UNPUBLISHED, Idea, IdeaFile, IdeaPhoto, IdeaRejectionReason, Status

__all__ = [
    "OPEN",
    "UNPUBLISHED",
    "Idea",
    "IdeaFile",
    "IdeaPhoto",
    "IdeaProgress",
    "IdeaRejectionReason",
    "IdeaSupport",
    "IdeaTimelineEntry",
    "Status",
]
