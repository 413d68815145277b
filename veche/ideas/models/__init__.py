from .activity import IdeaProgress, IdeaSupport, IdeaTimelineEntry
from .campaign import (
    STAGES,
    Campaign,
    CampaignAward,
    CampaignExpert,
    ExpertVerdict,
    IdeaRating,
    Stage,
)
from .idea import OPEN, UNPUBLISHED, Idea, IdeaFile, IdeaPhoto, IdeaRejectionReason, Status

__all__ = [
    "STAGES",
    "Campaign",
    "CampaignAward",
    "CampaignExpert",
    "ExpertVerdict",
    "IdeaRating",
    "Stage",
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
