"""What discussions keep of a resident: his ratings, and what his comments add (the section, the
quoted passage, a proposal's wording and its answer); the comments themselves are exported and
erased by veche.comments. On deletion his ratings stay counted but lose their link to him, his
published proposals stay in the public record (the author shows as «Удалённый пользователь»),
and the passage and wording of his removed comments are blanked like their text."""

from veche.accounts.privacy import json_value
from veche.comments.models import Comment

from .models import DraftComment, Rating


def export_section(user) -> dict:
    notes = (
        DraftComment.objects.filter(comment__author=user).select_related("section").order_by("pk")
    )
    return {
        "ratings": [
            {"draft": r.draft_id, "value": r.value, "rated_at": json_value(r.rated_at)}
            for r in Rating.objects.filter(user=user).order_by("pk")
        ],
        "comments_on_drafts": [
            {
                "comment": note.comment_id,
                "draft": note.draft_id,
                "section": note.section.heading if note.section else None,
                "passage": note.passage,
                "is_proposal": note.is_proposal,
                "wording": note.wording,
                "answer": note.outcome,
                "answer_reason": note.reason,
            }
            for note in notes
        ],
    }


def deletion_hook(user) -> None:
    DraftComment.objects.filter(
        comment__author=user, comment__status=Comment.Status.REMOVED
    ).update(passage="", wording="")
    Rating.objects.filter(user=user).update(user=None)
