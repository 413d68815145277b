"""The comments' REST endpoints.

- `comment_endpoints(router, kind=…)` adds GET and POST `/{target_id}/comments` to a domain's
  router: ideas mounts it as /api/v1/ideas/{target_id}/comments.
- `router` (registered at /api/v1/comments) acts on one comment: edit, like, complain, and the
  moderators' decisions; `/removal-reasons` lists the reasons a removal names.

The same services and permission names as the web; domain errors become JSON (422 naming the
field, 403 with the refusal in the reader's language, 429 over the rate limit).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DomainError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError

from veche.api.auth import optional_user, token_or_session
from veche.api.schemas import Id, errors
from veche.core import ratelimit

from . import selectors, services, throttle
from .api_schemas import (
    WRITE_ERRORS,
    CommentEditIn,
    CommentIn,
    CommentOut,
    ComplaintIn,
    ComplaintOut,
    LikeOut,
    RemovalReasonOut,
    RemoveIn,
    ThreadOut,
)
from .kinds import Target, get_kind
from .models import Comment

router = Router(tags=["comments"])


@contextmanager
def domain_errors(user=None, limit: tuple[str, str] | None = None) -> Iterator[None]:
    """Run one service call: a refusal becomes 403, a ValidationError 422 naming its fields;
    with `limit`, the call is counted against that rate limit first (429 over it)."""
    try:
        if limit is None:
            yield
        else:
            with throttle.counted(user, limit):
                yield
    except ratelimit.Limited as limited:
        raise HttpError(429, throttle.too_many_message(limited.retry_after)) from limited
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except DomainError as error:
        fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ApiValidationError(
            [
                {"type": "invalid", "loc": ["body", field], "msg": message}
                for field, messages in fields.items()
                for message in messages
            ]
        ) from error


def comment_out(user, node: selectors.Node, *, can_post: bool) -> dict[str, Any]:
    comment = node.comment
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "status": comment.status,
        "text": comment.text if node.shown else None,
        "placeholder": node.placeholder or None,
        "author": comment.author.public_name,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "like_count": comment.like_count,
        "liked": node.liked,
        "complained": node.complained,
        "can_edit": user.has_perm("comments.edit_comment", comment),
        "can_like": user.has_perm("comments.like_comment", comment),
        "can_complain": user.has_perm("comments.complain_comment", comment),
        "can_reply": can_post and node.can_reply,
        "can_moderate": user.has_perm("comments.moderate_comment", comment),
    }


def _flat(user, nodes: list[selectors.Node], can_post: bool) -> Iterator[dict]:
    for node in nodes:
        yield comment_out(user, node, can_post=can_post)
        yield from _flat(user, node.replies, can_post)


def thread_out(user, target: Target) -> dict[str, Any]:
    thread = selectors.thread_for(user, target.kind.kind, target.id)
    can_post = user.has_perm("comments.post_comment", target)
    return {
        "count": thread.count,
        "can_post": can_post,
        "comments": list(_flat(user, thread.nodes, can_post)),
    }


def _single(user, comment: Comment) -> dict[str, Any]:
    """One comment as its writer or moderator sees it after a change."""
    node = selectors.Node(
        comment,
        shown=True,
        own=comment.author_id == user.pk,
        moderated=user.has_perm("comments.moderate_comment", comment),
    )
    return comment_out(user, node, can_post=False)


def comment_endpoints(
    router: Router,
    *,
    kind: str,
    get_item: Callable[[Any, int], Any] | None = None,
    path: str = "/{target_id}/comments",
) -> None:
    """Add GET (the thread) and POST (write a comment or a reply) at `path` of a domain router.

    `path` must name the item's id `{target_id}`. `get_item(request, target_id)` returns the
    item or None (default: the registered kind's model by primary key); the kind's `can_view`
    decides whether the reader sees it (404 otherwise)."""
    operation = kind.replace(".", "_")

    def target(request, target_id: int) -> Target:
        commentable = get_kind(kind)
        if commentable is None:
            raise HttpError(404, _("Not found."))
        item = get_item(request, target_id) if get_item else commentable.get(target_id)
        if item is None or not commentable.can_view(request.user, item):
            raise HttpError(404, _("Not found."))
        return Target(commentable, item)

    @router.get(
        path,
        response={200: ThreadOut, **errors(401, 404, 422)},
        auth=optional_user,
        operation_id=f"{operation}_comments",
        summary="Comments",
        tags=["comments"],
    )
    def thread(request, target_id: Id):
        """The comments as this reader sees them: published ones, placeholders for those
        hidden or removed, and his own (and, for a moderator, those awaiting him)."""
        return thread_out(request.user, target(request, target_id))

    @router.post(
        path,
        response={201: CommentOut, **WRITE_ERRORS},
        auth=token_or_session,
        operation_id=f"{operation}_comment_post",
        summary="Write a comment",
        tags=["comments"],
    )
    def post(request, target_id: Id, payload: CommentIn):
        """Write a comment, or with `parent_id` a reply (at most two levels deep). Where the
        content is pre-moderated it waits for a moderator (`status` says so)."""
        found = target(request, target_id)
        with domain_errors(request.user, throttle.WRITE):
            comment = services.comment_post(
                author=request.user,
                kind=kind,
                target_id=found.id,
                text=payload.text,
                parent_id=payload.parent_id,
            )
        return Status(201, _single(request.user, comment))


# --- /api/v1/comments: one comment -------------------------------------------------------------


def _comment(comment_id: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("author"), pk=comment_id)


@router.get("/removal-reasons", response={200: list[RemovalReasonOut], **errors(422)}, auth=None)
def removal_reasons(request):
    """The reasons a moderator may remove a comment with (`reason` of /remove)."""
    return [{"code": r.code, "text": r.label} for r in selectors.removal_reasons()]


@router.patch("/{comment_id}", response={200: CommentOut, **WRITE_ERRORS}, auth=token_or_session)
def comment_edit(request, comment_id: Id, payload: CommentEditIn):
    """The author corrects his comment within 15 minutes of writing it."""
    with domain_errors(request.user, throttle.WRITE):
        comment = services.comment_edit(
            author=request.user, comment=_comment(comment_id), text=payload.text
        )
    return _single(request.user, comment)


@router.post("/{comment_id}/like", response={200: LikeOut, **WRITE_ERRORS}, auth=token_or_session)
def comment_like(request, comment_id: Id):
    """Like someone else's published comment (once; liking again changes nothing)."""
    with domain_errors(request.user, throttle.REACT):
        comment, created = services.comment_like(user=request.user, comment=_comment(comment_id))
    return {"like_count": comment.like_count, "liked": True, "changed": created}


@router.delete("/{comment_id}/like", response={200: LikeOut, **WRITE_ERRORS}, auth=token_or_session)
def comment_unlike(request, comment_id: Id):
    with domain_errors(request.user, throttle.REACT):
        comment, removed = services.comment_unlike(user=request.user, comment=_comment(comment_id))
    return {"like_count": comment.like_count, "liked": False, "changed": removed}


@router.post(
    "/{comment_id}/complaint", response={200: ComplaintOut, **WRITE_ERRORS}, auth=token_or_session
)
def comment_complain(request, comment_id: Id, payload: ComplaintIn):
    """Complain about a comment; at three complaints it is hidden until a moderator decides."""
    with domain_errors(request.user, throttle.REACT):
        comment, created = services.comment_complain(
            user=request.user, comment=_comment(comment_id), reason=payload.reason
        )
    return {"status": comment.status, "changed": created}


@router.post(
    "/{comment_id}/approve", response={200: CommentOut, **WRITE_ERRORS}, auth=token_or_session
)
def comment_approve(request, comment_id: Id):
    """A moderator publishes a comment awaiting moderation."""
    with domain_errors():
        comment = services.comment_approve(moderator=request.user, comment=_comment(comment_id))
    return _single(request.user, comment)


@router.post(
    "/{comment_id}/remove", response={200: CommentOut, **WRITE_ERRORS}, auth=token_or_session
)
def comment_remove(request, comment_id: Id, payload: RemoveIn):
    """A moderator removes a comment with a listed reason; the thread keeps a placeholder."""
    reason = selectors.removal_reasons().filter(code=payload.reason).first()
    with domain_errors():
        comment = _comment(comment_id)
        if reason is None:
            raise DomainError({"reason": [_("Choose a reason from the list.")]})
        comment = services.comment_remove(moderator=request.user, comment=comment, reason=reason)
    return _single(request.user, comment)


@router.post(
    "/{comment_id}/restore", response={200: CommentOut, **WRITE_ERRORS}, auth=token_or_session
)
def comment_restore(request, comment_id: Id):
    """A moderator puts a comment hidden by complaints back; its complaints are cleared."""
    with domain_errors():
        comment = services.comment_restore(moderator=request.user, comment=_comment(comment_id))
    return _single(request.user, comment)


__all__ = ["comment_endpoints", "comment_out", "router", "thread_out"]
