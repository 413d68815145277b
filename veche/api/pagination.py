"""The API's one pagination: `limit` and `offset`, bounded, so the schema says what the server
takes and a huge offset is a 422 rather than a database overflow; and, beside them, a keyset
`cursor` (the `next_cursor` of the previous page), which reads the next page from an index
however deep it is, instead of skipping `offset` rows.

A cursor carries the ordering and the last item's values in it, signed with the portal's key and
valid for a day: a tampered or expired cursor, or one made for another ordering, answers 400.
Lists whose ordering is not on plain columns give no cursor and page by offset only."""

from typing import Any

from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

from veche.core.paging import cached_count

PER_PAGE = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000
CURSOR_SALT = "veche.api.cursor"
CURSOR_MAX_AGE = 24 * 3600


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(PER_PAGE, ge=1, le=MAX_LIMIT, description="items per page")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")
        cursor: str | None = Field(
            None,
            max_length=1000,
            description="the previous page's `next_cursor`: the next page, read by keyset "
            "(with `offset` 0)",
        )

    class Output(Schema):
        items: list[Any]
        count: int
        next_cursor: str | None = Field(
            None, description="pass as `cursor` for the next page; null on the last page"
        )

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        limit = min(pagination.limit, self.max_limit)
        ordering = keyset_ordering(queryset)
        # Ties broken by the primary key, so an offset page and a cursor page agree.
        ordered = queryset.order_by(*ordering) if ordering else queryset
        if not pagination.cursor:  # absent or empty: the offset pages
            items = list(ordered[pagination.offset : pagination.offset + limit])
        else:
            if pagination.offset:
                raise HttpError(400, _("Give either a cursor or an offset, not both."))
            items = list(ordered.filter(_read_cursor(pagination.cursor, ordering))[:limit])
        last = items[-1] if len(items) == limit and ordering else None
        return {
            "items": items,
            "count": self._items_count(queryset),
            "next_cursor": _make_cursor(ordering, last) if last is not None else None,
        }

    def _items_count(self, queryset) -> int:
        # The same filters' count is reused for a minute (veche/core/paging.py), not counted
        # over the whole table on every request.
        return cached_count(queryset) if hasattr(queryset, "query") else len(queryset)


def keyset_ordering(queryset) -> list[str]:
    """The queryset's ordering on plain columns, ending on the primary key (added, in the last
    column's direction, when missing); [] when it cannot be paged by keyset."""
    if not hasattr(queryset, "query"):
        return []
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    if not all(isinstance(name, str) and "__" not in name for name in ordering):
        return []
    if not any(name.lstrip("-") in ("pk", "id") for name in ordering):
        ordering.append("-pk" if ordering and ordering[-1].startswith("-") else "pk")
    return ordering


def _make_cursor(ordering: list[str], item) -> str | None:
    values = [getattr(item, name.lstrip("-")) for name in ordering]
    if any(value is None for value in values):
        return None
    fields = [_field(item._meta.model, name) for name in ordering]
    return signing.dumps(
        [ordering, [field.value_to_string(item) for field in fields]], salt=CURSOR_SALT
    )


def _read_cursor(cursor: str, ordering: list[str]) -> Q:
    """The filter that starts after the cursor's item; 400 when the cursor is not one of ours,
    has expired or was made for another ordering of the list."""
    try:
        made_for, texts = signing.loads(cursor, salt=CURSOR_SALT, max_age=CURSOR_MAX_AGE)
    except signing.SignatureExpired as error:
        raise HttpError(
            400, _("The cursor has expired: start again from the first page.")
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise HttpError(
            400, _("The cursor is not valid: start again from the first page.")
        ) from error
    if not ordering or made_for != ordering or len(texts) != len(ordering):
        raise HttpError(400, _("The cursor belongs to another ordering of this list."))
    return _after(ordering, texts)


def _after(ordering: list[str], texts: list[str]) -> Q:
    """(a, b, pk) after (x, y, z): a beyond x, or a = x and b beyond y, or … — "beyond" is < for
    a descending column and > for an ascending one."""
    after = Q()
    for position, name in enumerate(ordering):
        step = Q(**{n.lstrip("-"): texts[i] for i, n in enumerate(ordering[:position])})
        column = name.lstrip("-")
        step &= Q(**{f"{column}__{'lt' if name.startswith('-') else 'gt'}": texts[position]})
        after |= step
    return after


def _field(model, name: str):
    column = name.lstrip("-")
    return model._meta.pk if column == "pk" else model._meta.get_field(column)
