"""Supports of an idea, counted by the shared mechanism (veche.supports: one per resident, a
database constraint, the counter in the same statement); this module holds the ideas' permission
checks and what a support sets off (an event).

Who may support (rules.py, `ideas.support_idea`): a resident with a confirmed e-mail, not the
author, while the idea is published, under consideration or taken (docs/ideas.md, "Supports").
Ideas have no support thresholds: nobody is told when a count is reached.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from veche.accounts.predicates import can_participate
from veche.supports.kinds import Supportable
from veche.supports.services import give_support, withdraw_support

from ..models import OPEN, Idea, IdeaSupport
from ._common import require

# The write itself checks the idea's side of `ideas.support_idea` (open, not the author's) and
# records "ideas.supported" / "ideas.support_withdrawn" with the status and the count.
IDEA_SUPPORTS = Supportable(
    item_model=Idea,
    support_model=IdeaSupport,
    item_field="idea",
    counter="support_count",
    open_statuses=tuple(OPEN),
    author_field="author",
    event_prefix="ideas",
)


def _refusal(user, idea: Idea) -> str:
    if idea.author_id == user.pk:
        return _("This is your idea: other residents can support it.")
    if idea.status not in OPEN:
        return _("This idea is not open for support.")
    return _("Confirm your e-mail to support the ideas of others.")


def idea_support(*, user, idea: Idea) -> tuple[Idea, bool]:
    """Support an open idea; returns (idea, created). Supporting twice changes nothing.

    `idea` may be `Idea(pk=…)` alone: the user's side of `ideas.support_idea` is asked first
    (no query), the idea's side by the write; only a support that changed nothing reads the idea
    and asks the whole rule whether it was refused or given before."""
    if can_participate(user):
        _count, created = give_support(IDEA_SUPPORTS, user=user, item=idea)
        if created:
            return idea, True
    if idea._state.adding:  # `Idea(pk=…)`, not read from the database: the rule needs the row
        idea = Idea.objects.get(pk=idea.pk)
    if not user.has_perm("ideas.support_idea", idea):
        raise PermissionDenied(_refusal(user, idea))  # the reason is worked out only now
    return idea, False


def idea_support_withdraw(*, user, idea: Idea) -> tuple[Idea, bool]:
    """Take one's support back while the idea is open; returns (idea, withdrawn). Withdrawing
    what one never gave changes nothing and records nothing."""
    require(user, "ideas.withdraw_support", idea, _("This idea is not open for support."))
    _count, withdrawn = withdraw_support(IDEA_SUPPORTS, user=user, item=idea)
    return idea, withdrawn
