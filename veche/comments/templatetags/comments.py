"""`{% load comments %}{% comment_thread item "ideas.idea" %}`: the thread of an item of a
registered kind, with its forms (docs/architecture.md, "Comments")."""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from ..forms import CommentForm, ComplaintForm, RemovalForm, ReplyForm
from ..kinds import Target, get_kind
from ..models import MAX_LENGTH
from ..selectors import moderation_scope, removal_reasons, thread_for
from ..services._common import participation_refusal

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(
    context, item, kind: str, heading_level: int = 2, composer: bool = True
) -> SafeString:
    """The thread as HTML. A visitor who is not logged in sees the same thread as every other
    one, so that HTML is cached under a key made of everything it shows (a changed comment,
    name, language or address is a new key); the thread's query still runs.

    `composer=False` leaves out the form for a new comment, for a page that has its own (a
    draft's, which also picks the section); replies stay in the thread."""
    data = _thread_context(context, item, kind, heading_level)
    data["composer"] = composer
    key = None if data["user"].is_authenticated else _anonymous_key(data)
    seconds = settings.COMMENT_THREAD_CACHE_SECONDS
    if key and seconds and (html := cache.get(key)) is not None:
        return html
    html = context.template.engine.get_template("comments/_thread.html").render(context.new(data))
    if key and seconds:
        cache.set(key, html, seconds)
    return html


def _anonymous_key(data: dict) -> str:
    digest = hashlib.sha256()
    page = (get_language(), data["kind"], data["target"].id, data["next"], data["heading_level"],
            data["composer"])  # fmt: skip
    for part in page:
        digest.update(f"{part}\x1f".encode())

    def add(nodes) -> None:
        for node in nodes:
            comment = node.comment
            shown = (comment.pk, comment.status, node.shown, comment.like_count, comment.text,
                     comment.edited_at, comment.created_at, comment.removal_reason_id,
                     comment.author.public_name if comment.author_id else "",
                     node.quote)  # fmt: skip
            digest.update(f"{shown}\x1e".encode())
            add(node.replies)

    add(data["thread"].nodes)
    return f"comments:thread:{digest.hexdigest()}"


def _thread_context(context, item, kind: str, heading_level: int) -> dict:
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
    thread = thread_for(user, kind, item.pk)
    _add_quotes(commentable, thread.nodes)
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "thread": thread,
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


def _add_quotes(commentable, nodes) -> None:
    shown = {}

    def collect(level) -> None:
        for node in level:
            if node.shown:
                shown[node.comment.pk] = node
            collect(node.replies)

    collect(nodes)
    if shown:
        for pk, quote in commentable.quotes_of(list(shown)).items():
            shown[pk].quote = quote


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
