"""Supports of an idea: one per resident (a database constraint), counted on the idea in the same
transaction. INSERT … ON CONFLICT DO NOTHING lets the constraint decide whether the support is
new, so a double click or two parallel requests count once.

Who may support (rules.py, `ideas.support_idea`): a resident with a confirmed e-mail, not the
author, while the idea is published, under consideration or taken (docs/ideas.md, "Supports").
A minimal copy of reports' approach until the shared supports app replaces it.
"""

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import OPEN, Idea, IdeaSupport
from ._common import idea_event, require


def _refusal(user, idea: Idea) -> str:
    if idea.author_id == user.pk:
        return _("This is your idea: other residents can support it.")
    if idea.status not in OPEN:
        return _("This idea is not open for support.")
    return _("Confirm your e-mail to support the ideas of others.")


def _insert(idea_id: int, user_id: int) -> bool:
    q = connection.ops.quote_name
    table = q(IdeaSupport._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('idea_id')}, {q('user_id')}, {q('created_at')}) "
            f"VALUES (%s, %s, %s) ON CONFLICT ({q('idea_id')}, {q('user_id')}) DO NOTHING",
            [idea_id, user_id, timezone.now()],
        )
        return cursor.rowcount == 1


def idea_support(*, user, idea: Idea) -> tuple[Idea, bool]:
    """Support an open idea; returns (idea, created). Supporting twice changes nothing."""
    require(user, "ideas.support_idea", idea, _refusal(user, idea))
    with transaction.atomic():
        created = _insert(idea.pk, user.pk)
        if created:
            Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
        idea.refresh_from_db(fields=["support_count"])
        if created:
            idea_event("supported", idea, actor=user, payload={"supports": idea.support_count})
    return idea, created


def idea_support_withdraw(*, user, idea: Idea) -> tuple[Idea, bool]:
    """Take one's support back while the idea is open; returns (idea, withdrawn)."""
    require(user, "ideas.withdraw_support", idea, _("This idea is not open for support."))
    with transaction.atomic():
        deleted, _rows = IdeaSupport.objects.filter(idea=idea, user=user).delete()
        if deleted:
            Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
        idea.refresh_from_db(fields=["support_count"])
        if deleted:
            idea_event(
                "support_withdrawn", idea, actor=user, payload={"supports": idea.support_count}
            )
    return idea, bool(deleted)
