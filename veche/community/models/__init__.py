"""Community (SPEC §9, issue 15 points 3–4): virtual capital and its projects (`capital`), the
registries of NGOs and activists, the links between NGOs, activists and projects, and their
news (`registry`). docs/community.md."""

from .capital import CapitalFreeze, CapitalRule, CapitalRuleKind, Gift, Project, ProjectStatus
from .grants import GrantApplication, GrantContest
from .registry import (
    Activist,
    Direction,
    Entry,
    Link,
    LinkKind,
    Membership,
    News,
    Organization,
    OrganizationKind,
    Review,
)

__all__ = [
    "Activist",
    "CapitalFreeze",
    "CapitalRule",
    "CapitalRuleKind",
    "Direction",
    "Entry",
    "Gift",
    "GrantApplication",
    "GrantContest",
    "Link",
    "LinkKind",
    "Membership",
    "News",
    "Organization",
    "OrganizationKind",
    "Project",
    "ProjectStatus",
    "Review",
]
