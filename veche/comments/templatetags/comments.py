"""`{% load comments %}{% comment_thread item "ideas.idea" %}`: the thread of an item of a
registered kind, with its forms (docs/architecture.md, "Comments")."""

from django import template

from ..forms import CommentForm, ComplaintForm, RemovalForm, ReplyForm
from ..kinds import Target, get_kind
from ..models import MAX_LENGTH
from ..selectors import moderation_scope, removal_reasons, thread_for
from ..services._common import participation_refusal

register = template.Library()


@register.inclusion_tag("comments/_thread.html", takes_context=True)
def comment_thread(context, item, kind: str, heading_level: int = 2) -> dict:
    request = context["request"]
    user = request.user
    commentable = get_kind(kind)
    if commentable is None:
        raise template.TemplateSyntaxError(f"{kind!r} is not a registered commentable kind.")
    target = Target(commentable, item)
    can_post = user.has_perm("comments.post_comment", target)
    refusal = ""
    if not can_post and user.is_authenticated:
        refusal = participation_refusal(user) or commentable.can_comment(user, item) or ""
    moderates = moderation_scope(user) is not False
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "thread": thread_for(user, kind, item.pk),
        "target": target,
        "kind": kind,
        "can_post": can_post,
        "new_form": CommentForm(auto_id="comment-new-%s"),
        "refusal": refusal,
        "reasons": list(removal_reasons()) if moderates else [],
        "next": request.get_full_path(),
        "heading_level": heading_level,
        "max_length": MAX_LENGTH,
        "moderation": commentable.moderation,
    }


@register.filter
def reply_form(node) -> ReplyForm:
    pk = node.comment.pk
    return ReplyForm(auto_id=f"reply-{pk}-%s", initial={"parent": pk})


@register.filter
def complaint_form(node) -> ComplaintForm:
    return ComplaintForm(auto_id=f"complaint-{node.comment.pk}-%s")


@register.filter
def removal_form(node, reasons) -> RemovalForm:
    return RemovalForm(auto_id=f"removal-{node.comment.pk}-%s", reasons=reasons)
