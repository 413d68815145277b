"""Ideas are discussed with the shared comments (veche.comments): registered as the kind
"ideas.idea", pre-moderated (SPEC §1). The comments app asks this module who may see an idea's
thread and whether the idea takes comments now; who is a confirmed resident it checks itself.

Comments are open while the idea is public and alive or done — published, under consideration,
taken, implemented: residents discuss how it is carried out and how it turned out. They are
closed before publication, after declining and after a merge (the discussion goes on at the idea
it joined)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veche.comments.kinds import CommentableKind

from .models import Idea, Status

KIND = "ideas.idea"
COMMENTABLE = [Status.PUBLISHED, Status.UNDER_CONSIDERATION, Status.TAKEN, Status.IMPLEMENTED]


def comment_refusal(user, idea: Idea) -> str | None:
    """None when the idea takes comments now, else why not (in the reader's language)."""
    if idea.status in COMMENTABLE:
        return None
    if idea.status == Status.MERGED:
        return _("This idea is merged into another one: discuss it there.")
    if idea.status == Status.DECLINED:
        return _("The idea is declined: its discussion is closed.")
    return _("Comments open once the idea is published.")


def commentable() -> CommentableKind:
    return CommentableKind(
        kind=KIND,
        model=Idea,
        moderation="pre",
        can_view=lambda user, idea: user.has_perm("ideas.view_idea", idea),
        can_comment=comment_refusal,
        author_of=lambda idea: idea.author,
        url_of=lambda idea: reverse("ideas:detail", args=[idea.pk]),
        title_of=lambda idea: idea.title,
        territory_of=lambda idea: idea.municipality_id,
        label=gettext_lazy("Idea"),
    )
