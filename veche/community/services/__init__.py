"""Every state change of community (docs/community.md): virtual capital (`capital`), the
registries (`registry`) and freezing a resident's capital (`freezing`)."""

from .capital import (
    STEPS,
    capital_account,
    capital_give,
    capital_issue,
    issuing_account,
    owner_projects_close,
    project_account,
    project_reject,
    projects_close_expired,
)
from .freezing import capital_freeze, capital_unfreeze, is_frozen
from .grants import age_on, check_age, grant_apply
from .registry import (
    activist_save,
    activist_withdraw,
    entry_review,
    entry_verify,
    link_add,
    news_publish,
    news_review,
    organization_join,
    organization_register,
)

__all__ = [
    "STEPS",
    "activist_save",
    "age_on",
    "check_age",
    "grant_apply",
    "activist_withdraw",
    "capital_account",
    "capital_freeze",
    "capital_give",
    "capital_issue",
    "capital_unfreeze",
    "entry_review",
    "entry_verify",
    "is_frozen",
    "issuing_account",
    "link_add",
    "news_publish",
    "news_review",
    "organization_join",
    "organization_register",
    "owner_projects_close",
    "project_account",
    "project_reject",
    "projects_close_expired",
]
