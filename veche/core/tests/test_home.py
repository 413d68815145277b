"""The home page's registry (core/home.py): sections in order, each with its own context; core
itself advertises no module."""

import pytest

from veche.core import home


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(home, "_sections", {})
    return home


def test_sections_render_in_order_with_their_context(registry, rf):
    registry.register_home_section("b", template="b.html", context=lambda r: {"n": 2}, order=20)
    registry.register_home_section("a", template="a.html", context=lambda r: {"n": 1}, order=10)
    registry.register_home_section("b", template="b2.html", context=lambda r: {"n": 3}, order=5)
    rendered = registry.rendered_sections(rf.get("/"))
    assert [(i["section"].template, i["context"]) for i in rendered] == [
        ("b2.html", {"n": 3}),
        ("a.html", {"n": 1}),
    ]


@pytest.mark.django_db
def test_without_sections_the_home_page_offers_only_what_core_has(registry, client):
    html = client.get("/").content.decode()
    assert "Как принять участие" in html
    assert "Сообщения о проблемах в цифрах" not in html and "Идеи жителей" not in html
