"""What an app server does once, after its code is loaded and before its first request."""

import gc

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation


def settle() -> None:
    """Load what every request needs (the URLconf with every view module, each language's
    catalogue), then take it all out of the garbage collector's reach.

    A full collection walks every tracked object. After start-up that is some 250,000 (models,
    URL patterns, catalogues), and walking them took 60–300 ms: the slowest of a dashboard's
    requests were the ones that happened to pay for a full collection. Frozen objects are never
    walked again; what requests make is collected as before."""
    get_resolver().url_patterns  # noqa: B018  (imports every view module)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    gc.collect()
    gc.freeze()
