"""Ratings' comments move to the shared comments (2/3): each rating's comment text becomes a
shared comment of the kind "infrastructure.rating" on that rating, with its moderation state
(pending → pending; published → published; rejected → removed, with an inactive listed reason
made for them). A rating without an author (an erased account) had its comment blanked and
gets none. Backwards, the text and state return to the rating."""

from django.db import migrations

KIND = "infrastructure.rating"
REJECTED = ("rating-comment-rejected", "Rejected by a moderator")


def forwards(apps, schema_editor):
    Rating = apps.get_model("infrastructure", "Rating")
    Comment = apps.get_model("comments", "Comment")
    RemovalReason = apps.get_model("comments", "RemovalReason")
    ratings = Rating.objects.exclude(comment_text="").filter(
        user__isnull=False, comment__isnull=True
    )
    reason = None
    for rating in ratings.select_related("facility").iterator(chunk_size=500):
        status = {"published": "published", "rejected": "removed"}.get(
            rating.comment_status, "pending"
        )
        if status == "removed" and reason is None:
            reason, _made = RemovalReason.objects.get_or_create(
                code=REJECTED[0], defaults={"text": REJECTED[1], "is_active": False, "order": 99}
            )
        comment = Comment.objects.create(
            target_kind=KIND,
            target_id=rating.pk,
            municipality_id=rating.facility.municipality_id,
            author_id=rating.user_id,
            text=rating.comment_text[:2000],
            status=status,
            removal_reason=reason if status == "removed" else None,
            published_at=rating.updated_at if status == "published" else None,
            moderated_at=rating.updated_at if status != "pending" else None,
        )
        # auto_now_add stamped today: the comment was written when the rating was.
        Comment.objects.filter(pk=comment.pk).update(created_at=rating.updated_at)
        Rating.objects.filter(pk=rating.pk).update(comment=comment)


def backwards(apps, schema_editor):
    Rating = apps.get_model("infrastructure", "Rating")
    Comment = apps.get_model("comments", "Comment")
    for rating in Rating.objects.filter(comment__isnull=False).select_related("comment"):
        status = {"published": "published", "pending": "pending"}.get(
            rating.comment.status, "rejected"
        )
        Rating.objects.filter(pk=rating.pk).update(
            comment_text=rating.comment.text, comment_status=status, comment=None
        )
    Comment.objects.filter(target_kind=KIND).delete()


class Migration(migrations.Migration):
    dependencies = [("infrastructure", "0006_rating_comment_link")]

    operations = [migrations.RunPython(forwards, backwards)]
