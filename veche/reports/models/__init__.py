from .catalogue import Category, RejectionReason, RoutingRule, Topic, TopicAttribute
from .engagement import CatalogueProposal, PressLink, ReportFollow
from .pending import PendingPhoto
from .report import (
    Answer,
    AnswerFile,
    Channel,
    Report,
    ReportMedia,
    Status,
    Support,
    TimelineEntry,
)

__all__ = [
    "Answer",
    "AnswerFile",
    "CatalogueProposal",
    "Category",
    "Channel",
    "PressLink",
    "RejectionReason",
    "PendingPhoto",
    "Report",
    "ReportFollow",
    "ReportMedia",
    "RoutingRule",
    "Status",
    "Support",
    "TimelineEntry",
    "Topic",
    "TopicAttribute",
]
