from .catalogue import Category, RejectionReason, RoutingRule, Topic, TopicAttribute
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
    "Category",
    "Channel",
    "RejectionReason",
    "PendingPhoto",
    "Report",
    "ReportMedia",
    "RoutingRule",
    "Status",
    "Support",
    "TimelineEntry",
    "Topic",
    "TopicAttribute",
]
