"""Plain-Python geometry behind the demo polygons and the boundary import."""

import pytest

from veche.territory import geometry

UNIT = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]


def test_clip_keeps_the_half_plane():
    left = geometry.clip(UNIT, 1.0, 0.0, 0.5)  # lon ≤ 0.5
    assert sorted(map(tuple, left)) == [(0.0, 0.0), (0.0, 1.0), (0.5, 0.0), (0.5, 1.0)]
    assert geometry.signed_area(left) == pytest.approx(0.5)


def test_voronoi_cells_of_two_seeds_split_the_outline_at_the_bisector():
    outline = [[60.0, 60.0], [70.0, 60.0], [70.0, 62.0], [60.0, 62.0]]
    west = geometry.voronoi_cell((61.0, 62.0), [(61.0, 68.0)], outline, ref_lat=61.0)
    east = geometry.voronoi_cell((61.0, 68.0), [(61.0, 62.0)], outline, ref_lat=61.0)
    assert max(p[0] for p in west) == pytest.approx(65.0)
    assert min(p[0] for p in east) == pytest.approx(65.0)


def test_union_of_adjacent_cells_is_one_polygon():
    right = [[1.0, 0.0], [2.0, 0.0], [2.0, 1.0], [1.0, 1.0]]
    union = geometry.union_of_cells([UNIT, right])
    assert union["type"] == "Polygon"
    assert geometry.signed_area(union["coordinates"][0]) == pytest.approx(2.0)
    assert geometry.contains(union, 0.5, 1.5) and geometry.contains(union, 0.5, 0.5)


def test_union_around_a_gap_keeps_the_hole():
    # Eight unit squares around the middle one: a ring with a hole.
    cells = [
        [[x, y], [x + 1.0, y], [x + 1.0, y + 1.0], [x, y + 1.0]]
        for x in (0.0, 1.0, 2.0)
        for y in (0.0, 1.0, 2.0)
        if (x, y) != (1.0, 1.0)
    ]
    union = geometry.union_of_cells(cells)
    assert union["type"] == "Polygon" and len(union["coordinates"]) == 2
    assert not geometry.contains(union, 1.5, 1.5)
    assert geometry.contains(union, 0.5, 0.5)


def test_union_of_separate_cells_is_a_multipolygon():
    far = [[5.0, 5.0], [6.0, 5.0], [6.0, 6.0], [5.0, 6.0]]
    assert geometry.union_of_cells([UNIT, far])["type"] == "MultiPolygon"


def test_regular_polygon_is_about_the_radius_in_kilometres():
    octagon = geometry.regular_polygon(61.0, 69.0, 5.0)
    assert len(octagon) == 8
    assert octagon[2][1] - 61.0 == pytest.approx(5.0 / 111.2)  # due north
    assert geometry.signed_area(octagon) > 0


def test_interior_point_of_a_u_shape_lies_inside():
    u_shape = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]
    polygon = {"type": "Polygon", "coordinates": [u_shape]}
    lat, lon = geometry.interior_point(polygon)
    assert geometry.contains(polygon, lat, lon)
