"""Page numbers without counting the whole list on every view (issue 17): a public list's count
is kept in the cache for `LIST_COUNT_CACHE_SECONDS`, keyed by the SQL of the list it counts, so
the same filters share one count for everybody and different filters (or a list scoped to a
user) never share one. The page numbers may lag behind the list by that long; the items on a
page are always read fresh."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


def cached_count(queryset) -> int:
    """`queryset.count()`, from the cache when the same list was counted lately."""
    seconds = settings.LIST_COUNT_CACHE_SECONDS
    if not seconds:
        return queryset.count()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0
    text = f"{queryset.db}\n{sql}\n{params!r}"
    key = "list-count:" + hashlib.sha256(text.encode()).hexdigest()
    counted = cache.get(key)
    if counted is None:
        counted = queryset.count()
        cache.set(key, counted, seconds)
    return counted


def estimated_count(queryset) -> int:
    """The planner's estimate of the list's rows on PostgreSQL when it is at least
    `LIST_COUNT_ESTIMATE_ABOVE` (a long list's page numbers need no exact count, and counting
    tens of thousands of rows on every view costs more than the page), else `cached_count`.
    For lists filtered by equality only: the planner's statistics answer those closely, a text
    search's they do not."""
    above = settings.LIST_COUNT_ESTIMATE_ABOVE
    if above and connections[queryset.db].vendor == "postgresql":
        try:
            plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
        except EmptyResultSet:
            return 0
        rows = int(plan[0]["Plan"]["Plan Rows"])
        if rows >= above:
            return rows
    return cached_count(queryset)


class CachedCountPaginator(Paginator):
    """A Paginator whose count comes from `cached_count`, for public lists."""

    @cached_property
    def count(self) -> int:
        if not hasattr(self.object_list, "query"):
            return len(self.object_list)
        return cached_count(self.object_list)

    def page(self, number):
        """A full page even where the kept count is behind the list (Django's Paginator would
        stop the last page at the count)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)
