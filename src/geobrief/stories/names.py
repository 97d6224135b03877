"""Readable storyline names: the phrase a storyline's headlines keep repeating.

A storyline (thread) was named after its first story's headline, a sentence about one
day ("Blinken says 8,000 North Korean troops in Kursk region, expected to fight soon").
Its name should say what the storyline is about across its days: the longest phrase of
one to six words that starts and ends with a content word and recurs in the most of its
stories' titles ("North Korean troops"). A phrase is always whole words of a title, never
a cut sentence; a storyline whose titles share no phrase keeps its first title whole.
Phrases of one or two words must be names ("COP29", "North Korea"), as a short phrase
with a common word is a cut sentence ("Ukraine fires"); a single name must recur in
three titles.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from geobrief.analyse.features import STOPWORDS

_TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]", re.U)
LONGEST = 6
# words that make a headline a sentence about one day, not a subject
_REPORTING = frozenset("says say said reports report warns urges calls told".split())


@lru_cache(maxsize=50_000)
def _phrases(headline: str) -> frozenset[tuple[str, ...]]:
    words = _TOKEN.findall(headline)
    found: set[tuple[str, ...]] = set()
    for size in range(1, LONGEST + 1):
        for start in range(len(words) - size + 1):
            phrase = tuple(words[start:start + size])
            if size <= 2 and _named(phrase) < size:
                continue  # "Ukraine fires", "draft leaves": a cut sentence, not a subject
            ends = (phrase[0].lower(), phrase[-1].lower())
            if any(e in STOPWORDS or e in _REPORTING or e.isdigit() for e in ends):
                continue
            if any(w.lower() in _REPORTING for w in phrase):
                continue
            found.add(phrase)
    return frozenset(found)


def storyline_name(headlines: list[str]) -> str | None:
    """The phrase of several words found in the most headlines (at least two), else the
    name found in the most (at least three); on ties the one naming most actors, then
    the longest; in the case it has most often. None when no phrase recurs."""
    counts: Counter[tuple[str, ...]] = Counter()
    spelled: dict[tuple[str, ...], Counter[tuple[str, ...]]] = {}
    for headline in headlines:
        for phrase in _phrases(headline):
            key = tuple(w.lower() for w in phrase)
            counts[key] += 1
            spelled.setdefault(key, Counter())[phrase] += 1
    # a phrase of several words before a single name (a name alone names too much: the
    # troops thread's "North" or the war's "Russia")
    recurring = [(len(k) > 1, n, _named(spelled[k].most_common(1)[0][0]), len(k), k)
                 for k, n in counts.items() if n >= (2 if len(k) > 1 else 3)]
    if not recurring:
        return None
    *_rank, best = max(recurring)
    return " ".join(spelled[best].most_common(1)[0][0])


def _named(phrase: tuple[str, ...]) -> int:
    """How many words of a phrase are names (capitalised, or with digits: COP29): a
    phrase with the storyline's actors reads as its subject ("COP29 draft" rather than
    "draft leaves")."""
    return sum(1 for w in phrase if w[0].isupper() or any(c.isdigit() for c in w))
