"""The API's one pagination: `limit` and `offset`, bounded, so the schema says what the server
takes and a huge offset is a 422 rather than a database overflow."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

PER_PAGE = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(PER_PAGE, ge=1, le=MAX_LIMIT, description="items per page")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
