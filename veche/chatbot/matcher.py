"""Which knowledge-base answer fits a resident's question, and why (docs/chatbot.md).

Each word is reduced to its Snowball stem (veche/search/text.py), so «голосовать» meets
«проголосовал» by the stem, and a word with one typo still meets its entry's word: two stems
match exactly, as prefixes of each other (≥ 5 letters), or within one edit (Damerau: a letter
missing, added, changed or two swapped; ≥ 4 letters). A match in the entry's question weighs
more than one in its answer, and a rare word more than a frequent one (idf). The best entry is
given with the words that matched; below a threshold the bot says it is not sure."""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from veche.search.text import _stem

from .registry import Knowledge

_WORD = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)
STOP_WORDS = frozenset(
    """а в во где да для до же за и из или как какая какие какой каком ко когда кто ли мне мой
    моё мое моего моей моих мою мы на не ни но о об обо от по почему при про с со так то у уже
    хочу что чтобы чем это я ещё еще есть можно нужно нет надо ли зачем куда делать сделать вы
    ваш""".split()
)
QUESTION_WEIGHT = 1.0
ANSWER_WEIGHT = 0.25
# A best score below this is «not sure»: the bot offers the knowledge base and the contact centre.
THRESHOLD = 1.2


def words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in _WORD.findall(text or "")]


def content_stems(text: str) -> list[str]:
    found: list[str] = []
    for word in words(text):
        if word in STOP_WORDS or len(word) < 2:
            continue
        stem = _stem(word)
        if stem not in found:
            found.append(stem)
    return found


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return True
    return False


def similarity(query_stem: str, entry_stem: str) -> float:
    if query_stem == entry_stem:
        return 1.0
    shorter = min(len(query_stem), len(entry_stem))
    if shorter >= 5 and (query_stem.startswith(entry_stem) or entry_stem.startswith(query_stem)):
        return 0.85
    if shorter >= 4 and _within_one_edit(query_stem, entry_stem):
        return 0.8
    return 0.0


@dataclass(frozen=True)
class Match:
    item: Knowledge
    score: float
    # (the resident's word's stem, the entry's stem it met, "question" or "answer")
    reasons: tuple[tuple[str, str, str], ...] = field(default=())


@dataclass
class _Doc:
    item: Knowledge
    question: list[str]
    answer: set[str]


class Matcher:
    def __init__(self, items: Iterable[Knowledge]):
        self.docs = [
            _Doc(item, content_stems(item.question), set(content_stems(item.answer)))
            for item in items
        ]
        counts: dict[str, int] = {}
        for doc in self.docs:
            for stem in set(doc.question) | doc.answer:
                counts[stem] = counts.get(stem, 0) + 1
        total = max(len(self.docs), 1)
        self.idf = {stem: math.log(1 + total / n) for stem, n in counts.items()}
        self.default_idf = math.log(1 + total)

    def _best(self, stem: str, candidates: Iterable[str]) -> tuple[float, str]:
        best, found = 0.0, ""
        for candidate in candidates:
            score = similarity(stem, candidate)
            if score > best:
                best, found = score, candidate
                if score == 1.0:
                    break
        return best, found

    def score(self, query: Sequence[str], doc: _Doc) -> Match:
        total = 0.0
        reasons = []
        met = set()
        for stem in query:
            in_question, found = self._best(stem, doc.question)
            place, weight, sim = "question", QUESTION_WEIGHT, in_question
            if in_question < 1.0:
                in_answer, other = self._best(stem, doc.answer)
                if in_answer * ANSWER_WEIGHT > in_question * QUESTION_WEIGHT:
                    place, weight, sim, found = "answer", ANSWER_WEIGHT, in_answer, other
            if sim:
                total += sim * weight * self.idf.get(found, self.default_idf)
                reasons.append((stem, found, place))
                if place == "question":
                    met.add(found)
        if doc.question:
            # The entry's own question mostly covered: a small bonus that breaks ties toward it.
            total += 0.5 * len(met) / len(doc.question)
        return Match(doc.item, total, tuple(reasons))

    def best(self, text: str, *, limit: int = 3) -> list[Match]:
        query = content_stems(text)[:12]
        if not query:
            return []
        found = [self.score(query, doc) for doc in self.docs]
        found = [m for m in found if m.reasons]
        found.sort(key=lambda m: -m.score)
        return found[:limit]


def sure(matches: Sequence[Match]) -> bool:
    return bool(matches) and matches[0].score >= THRESHOLD
