"""Supports are a platform part: every domain module counts through it, so it knows none of them
(kinds come in through `register_supportable`)."""

from veche.core import layers


def test_supports_is_a_platform_app():
    assert "supports" in layers.PLATFORM


def test_supports_imports_no_domain_app():
    above = [
        f"{edge.where()}: {edge.module}"
        for edge in layers.edges()
        if edge.source == "supports" and edge.target not in layers.PLATFORM
    ]
    assert above == []
    assert all(layers.LAYERS[e.target] <= 5 for e in layers.edges() if e.source == "supports")
