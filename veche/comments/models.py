"""Comments on any kind of content (an idea, a discussion, a budgeting project…).

A comment names its target as a registered kind and an id (`"ideas.idea"`, 12) rather than by a
foreign key, so this platform app never imports the domain apps whose content it carries
(kinds.py). Counters live on the comment and are changed in one UPDATE with the row they count.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veche.territory.models import Municipality

MAX_LENGTH = 2000
MAX_DEPTH = 2  # a top-level comment is 0, a reply 1, a reply to a reply 2


class RemovalReason(models.Model):
    """The listed reasons a moderator removes a comment with. The default set (migration 0002)
    stores English message ids the catalogues translate; a text an admin writes is shown as
    written."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    text = models.CharField(_("reason"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("comment removal reason")
        verbose_name_plural = _("comment removal reasons")
        ordering = ["order", "text"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The reason in the reader's language (a msgid of the default set is translated)."""
        from django.utils.translation import gettext

        return gettext(self.text)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        PUBLISHED = "published", pgettext_lazy("comment", "published")  # «комментарий опубликован»
        HIDDEN = "hidden", _("hidden after complaints")
        REMOVED = "removed", _("removed by a moderator")

    target_kind = models.CharField(_("kind of content"), max_length=60)
    target_id = models.PositiveBigIntegerField(_("content id"))
    # The target's municipality when the comment was written: moderators are scoped by it.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    text = models.TextField(_("text"), max_length=MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    removal_reason = models.ForeignKey(
        RemovalReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removal reason"),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    # Set when the comment first becomes public: from then on the thread keeps its place (a
    # placeholder when it is hidden or removed), so the replies under it keep theirs.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    like_count = models.PositiveIntegerField(_("likes"), default=0)
    complaint_count = models.PositiveIntegerField(_("complaints"), default=0)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["target_kind", "target_id", "status", "created_at"],
                name="comment_thread",
            ),
            models.Index(fields=["status", "created_at"], name="comment_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(like_count__gte=0), name="comment_likes_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(complaint_count__gte=0), name="comment_complaints_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(depth__gte=0, depth__lte=MAX_DEPTH), name="comment_depth_at_most_2"
            ),
            models.CheckConstraint(
                condition=Q(depth=0, parent__isnull=True) | Q(depth__gt=0, parent__isnull=False),
                name="comment_reply_has_parent",
            ),
            models.CheckConstraint(
                condition=~Q(status="removed") | Q(removal_reason__isnull=False),
                name="comment_removed_has_reason",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), MAX_LENGTH), name="comment_text_length"
            ),
        ]

    def __str__(self) -> str:
        return self.excerpt

    @property
    def excerpt(self) -> str:
        return Truncator(" ".join(self.text.split())).chars(120)

    @property
    def target(self) -> tuple[str, int]:
        return self.target_kind, self.target_id


class CommentLike(models.Model):
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="likes", verbose_name=_("comment")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_likes",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("liked"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment like")
        verbose_name_plural = _("comment likes")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"],
                name="comment_like_once",
                violation_error_message=_("You already like this comment."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.comment_id}"


class CommentComplaint(models.Model):
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="complaints", verbose_name=_("comment")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_complaints",
        verbose_name=_("user"),
    )
    reason = models.CharField(_("what is wrong"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("complained"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint about a comment")
        verbose_name_plural = _("complaints about comments")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"],
                name="comment_complaint_once",
                violation_error_message=_("You have already complained about this comment."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.comment_id}"
