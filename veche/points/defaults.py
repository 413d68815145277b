"""The rules a new portal starts with (loaded by migration 0002 and the demo; edited in the admin
afterwards). A budgeting vote records no event (its voter stays out of the log), so it earns
nothing until budgeting offers a pseudonymous one (docs/points.md)."""

DEFAULT_RULES = [
    {
        "action": "report",
        "label": "Сообщение о проблеме (после публикации)",
        "grant_kind": "reports.submitted",
        "approved_first": True,
        "approval_kind": "reports.published",
        "removal_kinds": "reports.rejected,reports.merged",
        "points": 5,
        "daily_cap": 3,
    },
    {
        "action": "report-support",
        "label": "Поддержка сообщения",
        "grant_kind": "reports.supported",
        "withdrawal_kind": "reports.support_withdrawn",
        "points": 1,
        "daily_cap": 10,
    },
    {
        "action": "idea",
        "label": "Идея (после публикации)",
        "grant_kind": "ideas.submitted",
        "approved_first": True,
        "approval_kind": "ideas.published",
        "removal_kinds": "ideas.rejected,ideas.merged",
        "points": 10,
        "daily_cap": 3,
    },
    {
        "action": "idea-support",
        "label": "Поддержка идеи",
        "grant_kind": "ideas.supported",
        "withdrawal_kind": "ideas.support_withdrawn",
        "points": 1,
        "daily_cap": 10,
    },
    {
        "action": "comment",
        "label": "Комментарий (после модерации)",
        "grant_kind": "comments.posted",
        "approved_first": True,
        "approval_kind": "comments.approved",
        "removal_kinds": "comments.removed",
        "points": 2,
        "daily_cap": 10,
    },
    {
        "action": "ballot",
        "label": "Участие в опросе или голосовании",
        "grant_kind": "polls.ballot_cast",
        "points": 3,
        "daily_cap": 5,
    },
]


def load_default_rules(rule_model) -> None:
    for values in DEFAULT_RULES:
        rule_model.objects.get_or_create(action=values["action"], defaults=values)
