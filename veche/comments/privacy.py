"""A resident's comments, likes and complaints in his data export; on deletion, what was never
public goes and the public record stays.

As with reports, a published comment is part of the public discussion: it stays, and its author
shows as «Удалённый пользователь» (the account's row is erased, not deleted). Comments that never
became public are deleted (nobody replied to them), the text of removed ones is blanked, and the
reasons given in complaints are blanked (the complaints still count)."""

from veche.accounts.privacy import json_value

from .models import Comment, CommentComplaint


def export_section(user) -> dict:
    return {
        "comments": [
            {
                "id": comment.pk,
                "on": f"{comment.target_kind}:{comment.target_id}",
                "reply_to": comment.parent_id,
                "text": comment.text,
                "status": comment.status,
                "written_at": json_value(comment.created_at),
                "edited_at": json_value(comment.edited_at),
            }
            for comment in Comment.objects.filter(author=user).order_by("created_at", "pk")
        ],
        "liked_comments": list(
            user.comment_likes.order_by("comment_id").values_list("comment_id", flat=True)
        ),
        "complaints": [
            {
                "comment": complaint.comment_id,
                "reason": complaint.reason,
                "at": json_value(complaint.created_at),
            }
            for complaint in CommentComplaint.objects.filter(user=user).order_by("pk")
        ],
    }


def deletion_hook(user) -> None:
    mine = Comment.objects.filter(author=user)
    mine.filter(published_at__isnull=True, replies__isnull=True).delete()
    mine.filter(status=Comment.Status.REMOVED).update(text="")
    CommentComplaint.objects.filter(user=user).update(reason="")
