"""The rules a new portal starts with (loaded by migrations 0002 and 0004 and the demo; edited in
the admin afterwards). A budgeting vote earns once per contest: budgeting records that the
voter's ballot got its first vote (`budgeting.ballot_joined`) or was emptied, never which
project he chose (docs/points.md)."""

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
    {
        "action": "budgeting-vote",
        "label": "Голосование в конкурсе инициативного бюджетирования",
        "grant_kind": "budgeting.ballot_joined",
        "withdrawal_kind": "budgeting.ballot_left",
        "points": 3,
        "daily_cap": 5,
    },
    {
        "action": "object-vote",
        "label": "Голосование за объект программы «Управляем вместе»",
        "grant_kind": "infrastructure.facility_voted",
        "withdrawal_kind": "infrastructure.vote_withdrawn",
        "points": 1,
        "daily_cap": 10,
    },
    {
        "action": "referral",
        "label": "Регистрация по ссылке амбассадора (после подтверждения)",
        "grant_kind": "points.referral_confirmed",
        "points": 20,
        "daily_cap": 0,
    },
]


def load_default_rules(rule_model) -> None:
    for values in DEFAULT_RULES:
        rule_model.objects.get_or_create(action=values["action"], defaults=values)
