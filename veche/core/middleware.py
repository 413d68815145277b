"""Per-visitor choices the web shell keeps in cookies: the version for the visually impaired and the
interface language."""

from django.conf import settings
from django.utils import translation

ACCESSIBILITY_COOKIE = "veche_a11y"


class AccessibilityMiddleware:
    """The version for the visually impaired: a cookie, so the choice persists across visits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.low_vision = request.COOKIES.get(ACCESSIBILITY_COOKIE) == "1"
        return self.get_response(request)


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
