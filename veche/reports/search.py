"""Russian full-text search that works the same on SQLite and PostgreSQL: each report keeps the
Snowball stems of its words («ямы», «ямами» → «ям»), and a query matches stems, not spellings."""

import re
from functools import lru_cache

import snowballstemmer
from django.db.models import Q, QuerySet

_WORD = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)
_russian = snowballstemmer.stemmer("russian")
_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=20000)
def _stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    if re.search("[а-я]", word):
        return _russian.stemWord(word)
    return _english.stemWord(word)


def stems(*texts: str) -> str:
    """Space-delimited stems, with a leading and trailing space so a stem matches whole."""
    words = {_stem(w) for text in texts if text for w in _WORD.findall(text)}
    return " " + " ".join(sorted(words)) + " " if words else ""


def matching(queryset: QuerySet, query: str, field: str = "search_stems") -> QuerySet:
    """Rows whose stems include every word of the query (as a prefix, so «выбоин» finds
    «выбоины» even where the stemmer cuts them differently)."""
    condition = Q()
    for word in _WORD.findall(query or ""):
        condition &= Q(**{f"{field}__contains": " " + _stem(word)})
    return queryset.filter(condition) if condition else queryset
