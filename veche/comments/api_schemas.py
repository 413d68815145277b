"""Schemas of the comment endpoints (comments/api.py): a domain router mounts the thread of its
items with `comment_endpoints`; /api/v1/comments acts on single comments."""

from datetime import datetime

from ninja import Field, Schema

from veche.api.schemas import Id, InputSchema, Text, errors

from .models import MAX_LENGTH

# A signed-in action: no or a bad key (401), not allowed (403), no such comment or item (404),
# an unreadable body (400), invalid input (422), too many writes (429).
WRITE_ERRORS = errors(400, 401, 403, 404, 422, 429)


class CommentIn(InputSchema):
    text: Text(MAX_LENGTH, blank=False) = Field(description="at most 2,000 characters")
    parent_id: Id = Field(None, description="the comment replied to (at most two levels deep)")


class CommentEditIn(InputSchema):
    text: Text(MAX_LENGTH, blank=False)


class ComplaintIn(InputSchema):
    reason: Text(500) = Field("", description="what is wrong with the comment (optional)")


class RemoveIn(InputSchema):
    reason: Text(64, blank=False) = Field(description="a code of /comments/removal-reasons")


class CommentOut(Schema):
    id: int
    parent_id: int | None
    depth: int
    status: str = Field(description="pending, published, hidden or removed")
    text: str | None = Field(description="null when the comment is hidden from this reader")
    placeholder: str | None = Field(description="what stands in place of a text not shown")
    author: str
    created_at: datetime
    edited_at: datetime | None
    like_count: int
    liked: bool
    complained: bool
    can_edit: bool
    can_like: bool
    can_complain: bool
    can_reply: bool
    can_moderate: bool


class ThreadOut(Schema):
    count: int = Field(description="published comments")
    can_post: bool
    comments: list[CommentOut] = Field(description="in reading order; replies follow their parent")


class LikeOut(Schema):
    like_count: int
    liked: bool
    changed: bool


class ComplaintOut(Schema):
    status: str
    changed: bool


class RemovalReasonOut(Schema):
    code: str
    text: str
