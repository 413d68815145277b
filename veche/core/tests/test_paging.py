"""A public list's count is reused for the same SQL while LIST_COUNT_CACHE_SECONDS last: the same
filters share it, other filters (other SQL) never do; with 0 every view counts."""

import pytest
from django.core.cache import cache

from veche.core.paging import CachedCountPaginator, cached_count
from veche.territory.models import Municipality
from veche.territory.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts_cached(settings):
    settings.LIST_COUNT_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_the_same_list_is_counted_once_and_another_filter_apart(counts_cached):
    MunicipalityFactory(name="Урай")
    everything = Municipality.objects.all()
    named = Municipality.objects.filter(name__startswith="Сур")
    before, before_named = cached_count(everything), cached_count(named)
    MunicipalityFactory(name="Сургутский тест")
    assert cached_count(Municipality.objects.all()) == before  # still the kept count
    assert cached_count(Municipality.objects.filter(name__startswith="Ура")) == 1
    cache.clear()
    assert cached_count(everything.all()) == before + 1
    assert cached_count(named.all()) == before_named + 1


def test_without_the_cache_every_view_counts(settings):
    settings.LIST_COUNT_CACHE_SECONDS = 0
    before = cached_count(Municipality.objects.all())
    MunicipalityFactory(name="Новый")
    assert cached_count(Municipality.objects.all()) == before + 1


def test_the_paginator_reads_its_items_fresh_and_counts_from_the_cache(counts_cached):
    listed = Municipality.objects.order_by("pk")
    first = CachedCountPaginator(listed, 100)
    kept = first.count
    MunicipalityFactory(name="Ещё один")
    again = CachedCountPaginator(Municipality.objects.order_by("pk"), 100)
    assert again.count == kept
    assert len(again.page(1).object_list) == kept + 1
    assert CachedCountPaginator(["a", "b"], 1).count == 2
