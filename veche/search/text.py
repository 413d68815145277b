"""Russian full-text matching that works the same on SQLite and PostgreSQL: a row keeps the
Snowball stems of its words («ямы», «ямами» → «ям»), and a query matches stems, not spellings.

Reports and ideas keep their own `search_stems` column with these functions; the site-wide index
(`SearchEntry.stems`) uses them too."""

import re
from functools import lru_cache

import snowballstemmer
from django.db.models import Q, QuerySet

_WORD = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)
_russian = snowballstemmer.stemmer("russian")
_english = snowballstemmer.stemmer("english")
# A query longer than this is cut: each word is one more LIKE over the index.
MAX_QUERY_WORDS = 8


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


def query_stems(query: str) -> list[str]:
    """The query's distinct stems in order, at most MAX_QUERY_WORDS."""
    found: list[str] = []
    for word in _WORD.findall(query or ""):
        stem = _stem(word)
        if stem not in found:
            found.append(stem)
    return found[:MAX_QUERY_WORDS]


def stems_condition(query: str, field: str = "search_stems") -> Q:
    """Every stem of the query as a prefix of a stored stem (so «выбоин» finds «выбоины» even
    where the stemmer cuts them differently); an empty Q for an empty query."""
    condition = Q()
    for stem in query_stems(query):
        condition &= Q(**{f"{field}__contains": " " + stem})
    return condition


def matching(queryset: QuerySet, query: str, field: str = "search_stems") -> QuerySet:
    """Rows whose stems include every word of the query."""
    condition = stems_condition(query, field)
    return queryset.filter(condition) if condition else queryset
