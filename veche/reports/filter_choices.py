"""The option lists of the report filters (categories, topics, municipalities), cached.

Every list and map page shows them and they change a few times a year, so they are read once
per `REPORT_FILTER_CHOICES_CACHE_SECONDS` instead of three queries per page. Saving or deleting a
category, topic or municipality drops the cached lists (in this process's cache, or in every
process's when the cache is Redis); other processes of a deployment without Redis see the change
when their copy expires.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from veche.territory.models import Municipality

from .models import Category, Topic

KEY = "reports:filter-choices"


def topic_choices() -> list:
    """Open topics grouped by category: a <select> with one <optgroup> per category."""
    groups: dict[str, list[tuple[int, str]]] = {}
    topics = Topic.objects.filter(is_open=True, category__is_active=True).select_related("category")
    for topic in topics.order_by("category__order", "category__name", "order", "name"):
        groups.setdefault(topic.category.name, []).append((topic.pk, topic.name))
    return list(groups.items())


def _read() -> dict[str, list]:
    return {
        "category": list(Category.objects.filter(is_active=True).values_list("pk", "name")),
        "topic": topic_choices(),
        "municipality": list(Municipality.objects.order_by("name").values_list("pk", "name")),
    }


def filter_choices() -> dict[str, list]:
    seconds = settings.REPORT_FILTER_CHOICES_CACHE_SECONDS
    if not seconds:
        return _read()
    choices = cache.get(KEY)
    if choices is None:
        choices = _read()
        cache.set(KEY, choices, seconds)
    return choices


def forget(**_kwargs) -> None:
    cache.delete(KEY)


def connect_signals() -> None:
    for model in (Category, Topic, Municipality):
        uid = f"filter-choices-{model.__name__}"
        post_save.connect(forget, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(forget, sender=model, dispatch_uid=f"{uid}-delete")
