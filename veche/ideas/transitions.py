"""The one table of what may be done to an idea: for each action, the states it may start from,
the state it leads to and the permission it needs. The services refuse what it does not allow
(`services._common.require_status`), the idea page offers what it allows this user
(`available_actions`), and docs/ideas.md shows it (a test keeps the two equal)."""

from dataclasses import dataclass

from .models import Idea, Status

MODERATE = "ideas.moderate_idea"
DECIDE = "ideas.decide_idea"
PROGRESS = "ideas.report_progress"
IMPLEMENT = "ideas.implement_idea"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays as it is
    permission: str

    def allows_state(self, idea: Idea) -> bool:
        return idea.status in self.sources


EVERY_STATE = tuple(Status.values)
UNDECIDED = (Status.PUBLISHED, Status.UNDER_CONSIDERATION)

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("publish", (Status.SUBMITTED,), Status.PUBLISHED, MODERATE),
        Transition("reject", (Status.SUBMITTED,), Status.REJECTED, MODERATE),
        Transition("edit", EVERY_STATE, None, MODERATE),
        Transition("merge", (Status.SUBMITTED, *UNDECIDED), Status.MERGED, MODERATE),
        Transition("consider", (Status.PUBLISHED,), Status.UNDER_CONSIDERATION, DECIDE),
        Transition("take", UNDECIDED, Status.TAKEN, DECIDE),
        Transition("decline", UNDECIDED, Status.DECLINED, DECIDE),
        Transition("progress", (Status.TAKEN,), None, PROGRESS),
        Transition("implement", (Status.TAKEN,), Status.IMPLEMENTED, IMPLEMENT),
    )
}


def available_actions(user, idea: Idea) -> frozenset[str]:
    """The actions this user may take on this idea now: allowed by state AND by permission."""
    return frozenset(
        action
        for action, transition in TRANSITIONS.items()
        if transition.allows_state(idea) and user.has_perm(transition.permission, idea)
    )


def markdown_table() -> str:
    """The table as docs/ideas.md shows it (a test keeps the two equal)."""
    rows = ["| action | from | to | permission |", "|---|---|---|---|"]
    for t in TRANSITIONS.values():
        sources = "any" if t.sources == EVERY_STATE else ", ".join(f"`{s}`" for s in t.sources)
        target = f"`{t.target}`" if t.target else "(unchanged)"
        rows.append(f"| {t.action} | {sources} | {target} | `{t.permission}` |")
    return "\n".join(rows)
