"""Per-visitor choices the web shell keeps in cookies: the version for the visually impaired and the
interface language."""

import re
from html import unescape

from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from .low_vision import ACCESSIBILITY_COOKIE, LowVision

__all__ = ["ACCESSIBILITY_COOKIE", "AccessibilityMiddleware", "RussianByDefaultMiddleware"]

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\salt=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


class AccessibilityMiddleware:
    """The version for the visually impaired: its settings (`request.low_vision`, a `LowVision`
    or None) come from a cookie, so the choice persists across visits. With images off, the
    page's images are replaced by their text alternative before it is sent, so the browser
    loads none and the reader still learns what each one showed, with or without JavaScript."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.low_vision = LowVision.from_cookie(request.COOKIES.get(ACCESSIBILITY_COOKIE))
        response = self.get_response(request)
        if request.low_vision and request.low_vision.images_off and _is_page(response):
            response.content = _IMG.sub(_alt_text, response.content.decode(response.charset))
        return response


def _is_page(response) -> bool:
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def _alt_text(match: re.Match) -> str:
    """An <img> as its text alternative; a decorative image (empty alt) disappears."""
    alt = _ALT.search(match.group(0))
    text = unescape(alt.group(1) or alt.group(2) or "") if alt else ""
    return f'<span class="image-off">{escape(text)}</span>' if text.strip() else ""


class RussianByDefaultMiddleware:
    """The portal speaks the region's language unless the visitor chose another one.

    Runs right after Django's LocaleMiddleware and undoes its guess from the browser's
    Accept-Language header: an English-language browser still gets Russian, and English comes only
    from the language switch (its cookie). A language in the URL path is not used on this portal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _chosen_language(request) or settings.LANGUAGE_CODE
        if translation.get_language() != language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


def _chosen_language(request) -> str | None:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None
