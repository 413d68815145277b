"""The one HTML sanitizer (nh3) for rich text people write, and its template filter."""

import pytest
from django.template import Context, Template

from veche.core.sanitize import sanitize_html


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ("<style>p { color: red }</style><p>x</p>", "<p>x</p>"),
        ('<p onclick="steal()" onmouseover="x()">x</p>', "<p>x</p>"),
        ('<p style="position:fixed" class="banner" id="main">x</p>', "<p>x</p>"),
        ('<img src="x" onerror="alert(1)">', ""),
        ('<iframe src="https://evil.example/"></iframe><form><input></form>', ""),
        ("<!-- a comment --><em>x</em>", "<em>x</em>"),
        ("<h1>Big</h1><h2>Section</h2>", "Big<h2>Section</h2>"),
        ('<svg onload="alert(1)"><circle/></svg>', ""),
    ],
)
def test_dangerous_markup_is_removed(dirty, clean):
    assert sanitize_html(dirty) == clean


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_script_urls_lose_their_href(href):
    html = sanitize_html(f'<a href="{href}">x</a>')
    assert "href" not in html and "script" not in html.lower()
    assert ">x</a>" in html


def test_links_are_kept_with_nofollow_and_noopener():
    html = sanitize_html('<a href="https://admhmao.ru/" target="_blank" rel="me">ХМАО</a>')
    assert html == '<a href="https://admhmao.ru/" rel="nofollow noopener noreferrer">ХМАО</a>'
    assert 'href="mailto:a@example.org"' in sanitize_html('<a href="mailto:a@example.org">a</a>')


def test_the_allow_list_keeps_ordinary_rich_text():
    text = (
        "<p>Первый <strong>важный</strong> и <em>второй</em><br>абзац</p>"
        "<ul><li>один</li></ul><ol><li>два</li></ol><blockquote>цитата</blockquote>"
        "<h2>a</h2><h3>b</h3><h4>c</h4>"
        '<table><caption>t</caption><thead><tr><th scope="col">h</th></tr></thead>'
        '<tbody><tr><td colspan="2">d</td></tr></tbody></table>'
    )
    assert sanitize_html(text) == text


def test_text_that_looks_like_markup_stays_text():
    assert sanitize_html("a < b & c > d") == "a &lt; b &amp; c &gt; d"


def test_the_rich_text_filter_sanitizes_what_was_stored():
    stored = '<p>ok</p><script>alert(1)</script><a href="javascript:x()">l</a>'
    html = Template("{% load core_tags %}{{ body|rich_text }}").render(Context({"body": stored}))
    assert html == '<p>ok</p><a rel="nofollow noopener noreferrer">l</a>'
    assert Template("{% load core_tags %}{{ body|rich_text }}").render(Context({})) == ""
