"""The one HTML sanitizer (nh3, the Python binding of Rust's ammonia) for rich text people write:
discussions, news, pages. Services sanitize before they store; templates show stored text with
`{{ value|rich_text }}` (core_tags), which sanitizes again so a row written by other means (a
migration, the shell, an older allow-list) cannot carry script into a page.

What passes: paragraphs and line breaks, strong and emphasis, lists, quotes, headings h2–h4
(h1 is the page's own), simple tables, and links to http(s) and mailto addresses, which get
rel="nofollow noopener noreferrer". Everything else is removed: script and style with their
content, event attributes (on*), style and class attributes, javascript: and data: URLs,
images, forms, frames and comments.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = frozenset(
    {
        "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4",
        "table", "caption", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"


def sanitize_html(html: str) -> str:
    """`html` reduced to the allow-list above; text outside allowed tags is kept, escaped."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def sanitized_html(html: str) -> SafeString:
    """Sanitized HTML marked safe for a template (what the `rich_text` filter returns)."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - nh3 has just removed everything unsafe
