"""The one table of what may be done to a report: for each action, the states it may start from,
the state it leads to, the permission it needs and, for a few, one more condition on the report.

The services refuse what the table does not allow (`services._common.require_status`), the pages
offer only what it allows to this user (`available_actions`, the `report_actions` template tag),
and docs/reports.md shows it (a test keeps the doc's table equal to this one).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Answer, Report, Status

MODERATE = "reports.moderate_report"
WORK = "reports.work_on_report"
REVIEW = "reports.review_answer"


def latest_answer(report: Report) -> Answer | None:
    """The newest answer; from the prefetched answers when the page loaded them (no query)."""
    prefetched = getattr(report, "_prefetched_objects_cache", {}).get("answers")
    if prefetched is not None:
        return max(prefetched, key=lambda answer: (answer.created_at, answer.pk), default=None)
    return report.answers.order_by("-created_at", "-pk").first()


def awaits_final_answer(report: Report) -> bool:
    """Answered "scheduled": the works are promised, the final answer is still owed."""
    if report.status != Status.ANSWERED:
        return False
    answer = latest_answer(report)
    return answer is not None and answer.kind == Answer.Kind.SCHEDULED and not answer.verdict


def final_answer_given(report: Report) -> bool:
    """The latest answer is final (resolved or refused), not only scheduled works."""
    answer = latest_answer(report)
    return answer is not None and answer.kind != Answer.Kind.SCHEDULED


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays as it is
    permission: str
    condition: Callable[[Report], bool] | None = None
    refusal: str = ""  # the message when the condition fails (else the "wrong status" one)

    def allows_state(self, report: Report) -> bool:
        if report.status not in self.sources:
            return False
        return self.condition is None or self.condition(report)


EVERY_STATE = tuple(Status.values)
AWAITING_ANSWER = (Status.ROUTED, Status.IN_PROGRESS)

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("publish", (Status.SUBMITTED,), Status.ROUTED, MODERATE),
        Transition("reject", (Status.SUBMITTED,), Status.REJECTED, MODERATE),
        Transition(
            "merge", (Status.SUBMITTED, Status.ROUTED, Status.DECLINED), Status.DUPLICATE, MODERATE
        ),
        # A proposal rather than a problem continues elsewhere (an idea): the report closes.
        Transition(
            "move_to_idea",
            (Status.SUBMITTED, Status.ROUTED, Status.DECLINED),
            Status.IDEA,
            MODERATE,
        ),
        # Declined, or still with an agency that asked to move it (a reassignment request).
        Transition("reroute", (Status.DECLINED, *AWAITING_ANSWER), Status.ROUTED, MODERATE),
        Transition("redact", EVERY_STATE, None, MODERATE),
        Transition("take", (Status.ROUTED,), Status.IN_PROGRESS, WORK),
        Transition("answer", AWAITING_ANSWER, Status.ANSWERED, WORK),
        # After a "scheduled" answer the agency answers again when the works are done.
        Transition(
            "answer_final", (Status.ANSWERED,), Status.ANSWERED, WORK, condition=awaits_final_answer
        ),
        Transition("extend", AWAITING_ANSWER, None, WORK),
        Transition("decline", AWAITING_ANSWER, Status.DECLINED, WORK),
        Transition("request_reassignment", AWAITING_ANSWER, None, WORK),
        Transition(
            "confirm",
            (Status.ANSWERED,),
            Status.CLOSED,
            REVIEW,
            condition=final_answer_given,
            refusal=_("The works are only scheduled: confirm when the agency reports them done."),
        ),
        Transition("dispute", (Status.ANSWERED,), Status.IN_PROGRESS, REVIEW),
    )
}


def state_allows(report: Report, action: str) -> bool:
    """The report's state allows the action (who asks is not considered)."""
    return TRANSITIONS[action].allows_state(report)


def available_actions(user, report: Report) -> frozenset[str]:
    """The actions this user may take on this report now: allowed by state AND by permission."""
    return frozenset(
        action
        for action, transition in TRANSITIONS.items()
        if transition.allows_state(report) and user.has_perm(transition.permission, report)
    )


def markdown_table() -> str:
    """The table as docs/reports.md shows it (a test keeps the two equal)."""
    rows = [
        "| action | from | to | permission | also |",
        "|---|---|---|---|---|",
    ]
    for t in TRANSITIONS.values():
        sources = "any" if t.sources == EVERY_STATE else ", ".join(f"`{s}`" for s in t.sources)
        target = f"`{t.target}`" if t.target else "(unchanged)"
        condition = t.condition.__doc__.strip() if t.condition else ""
        rows.append(f"| {t.action} | {sources} | {target} | `{t.permission}` | {condition} |")
    return "\n".join(rows)
