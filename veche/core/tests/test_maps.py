"""The map mechanism's grid (core/maps.py): a view spans at most MAX_CELLS cells whatever its box
and zoom, the snapped box holds the view, and the zoom's cells are used where they fit. The
counting itself is tested through the maps that use it (reports, ideas, infrastructure)."""

import random

import pytest

from veche.core import maps


def test_every_view_spans_at_most_max_cells_and_its_snapped_box_holds_it():
    rng = random.Random(17)
    for _ in range(2000):
        lon = sorted(rng.uniform(-180, 180) for _ in range(2))
        lat = sorted(rng.uniform(-90, 90) for _ in range(2))
        bbox = (lon[0], lat[0], lon[1], lat[1])
        zoom = rng.randint(0, 22)
        size, snapped = maps.grid(bbox, zoom)
        across = (snapped[2] - snapped[0]) / size
        down = (snapped[3] - snapped[1]) / size
        assert round(across * down) <= maps.MAX_CELLS or size >= 360
        assert snapped[0] <= bbox[0] and snapped[1] <= bbox[1]
        assert snapped[2] >= bbox[2] and snapped[3] >= bbox[3]
        assert size >= maps.cell_size(zoom)


def test_a_screen_sized_view_gets_the_zooms_own_cells():
    # About 1,000 × 600 pixels at zoom 10 around Surgut.
    size, _snapped = maps.grid((72.9, 61.1, 74.3, 61.5), 10)
    assert size == maps.cell_size(10)


def test_the_whole_world_is_one_view_too():
    size, snapped = maps.grid(None, 12)
    assert (snapped[2] - snapped[0]) * (snapped[3] - snapped[1]) / size**2 <= maps.MAX_CELLS


@pytest.mark.parametrize("raw", ["0", "12", "22"])
def test_a_zoom_is_read(raw):
    assert maps.parse_zoom(raw) == int(raw)


@pytest.mark.parametrize("raw", ["", "x", "-1", "23", "1.5"])
def test_a_bad_zoom_is_refused(raw):
    with pytest.raises(ValueError):
        maps.parse_zoom(raw)


@pytest.mark.django_db
def test_kept_cells_are_served_while_one_request_counts_them_again(settings, monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    settings.MAP_CELLS_CACHE_SECONDS = 60
    cache.clear()
    clock = [1000.0]
    monkeypatch.setattr(maps, "_now", lambda: clock[0])
    queryset = get_user_model().objects.filter(pk__gt=0)
    counts = iter(range(1, 100))

    def cells():
        return [next(counts)]

    assert maps._cached(queryset, cells) == [1]
    assert maps._cached(queryset, cells) == [1]  # fresh: kept
    clock[0] += 61
    assert maps._cached(queryset, cells) == [2]  # expired: this request counts again
    clock[0] += 61
    cache.add(maps._key(queryset) + ":counting", 1, 60)
    # Another request is counting (its mark is in the cache): the kept cells meanwhile.
    assert maps._cached(queryset, cells) == [2]
    cache.delete(maps._key(queryset) + ":counting")
    assert maps._cached(queryset, cells) == [3]
    settings.MAP_CELLS_CACHE_SECONDS = 0
    assert maps._cached(queryset, cells) == [4]  # off: counted on every view
