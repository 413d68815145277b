"""The matcher over every registered knowledge source, cached: building it reads the knowledge
base and stems every entry, which every question would otherwise pay for. It is kept for
`CHATBOT_KNOWLEDGE_CACHE_SECONDS` (in this process's cache, or every process's with Redis) and
forgotten when a watched model (a knowledge-base entry, its category) is saved or deleted; the
time limit also brings in an entry whose scheduled publication comes without a save."""

from django.conf import settings
from django.core.cache import cache

from . import registry
from .matcher import Matcher

KEY = registry.MATCHER_KEY


def matcher() -> Matcher:
    seconds = settings.CHATBOT_KNOWLEDGE_CACHE_SECONDS
    if not seconds:
        return Matcher(registry.knowledge())
    found = cache.get(KEY)
    if found is None:
        found = Matcher(registry.knowledge())
        cache.set(KEY, found, seconds)
    return found
