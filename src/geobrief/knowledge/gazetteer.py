"""Finding countries in text by their names, aliases, demonyms and metonyms.

Token n-gram lookup (longest first) in one dictionary: linear in the text, no regex
alternation over thousands of names. Case-sensitive on purpose ("US" is not "us").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from geobrief.knowledge.load import Knowledge

_TOKEN = re.compile(r"[^\W\d_](?:[\w\u2019'.-]*\w)?\.?|\d+")
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")
_CAPITALISED = re.compile(
    r"[^\W\d_a-z][\w\u2019'.-]*(?:\s+(?:(?:of|and|the|de|du|da|del|la|le|al|el|y|et|"
    r"[^\W\d_a-z][\w\u2019'.-]*)(?=\s|$|[,;:!?)\]\"\u201d])))*"
)


def _normalise(token: str) -> str:
    token = token.replace("\u2019", "'")
    if token.endswith(".") and not _INITIALS.match(token):
        token = token[:-1]
    if token.endswith("'s"):
        token = token[:-2]
    return token


@dataclass
class Gazetteer:
    phrases: dict[str, str]  # surface form -> country id

    def __post_init__(self) -> None:
        # first word of each phrase -> the most words a phrase starting with it has, so that
        # find() looks up n-grams only where a name can start
        self.starts: dict[str, int] = {}
        for phrase in self.phrases:
            words = phrase.split(" ")
            self.starts[words[0]] = max(self.starts.get(words[0], 0), len(words))

    @classmethod
    def from_knowledge(cls, knowledge: Knowledge) -> Gazetteer:
        phrases: dict[str, str] = {}
        for country in knowledge.countries.values():
            forms = (
                country.name,
                country.official,
                *country.aliases,
                *country.demonyms,
                *country.metonyms,
            )
            for form in forms:
                key = " ".join(_normalise(t) for t in _TOKEN.findall(form))
                if key.lower().startswith("the "):
                    key = key[4:]  # "the Kremlin" is found as "Kremlin", after any "the"
                if key[:1].isupper():
                    phrases.setdefault(key, country.id)
        return cls(phrases)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, country id) for each mention, longest match first, no overlaps.

        Only runs of capitalised words (with the joiners names use: "of", "and", ...) are
        looked at, since every name starts with a capital."""
        found: list[tuple[int, int, str]] = []
        for span in _CAPITALISED.finditer(text):
            offset = span.start()
            tokens = [(m.start() + offset, m.end() + offset, _normalise(m.group(0)))
                      for m in _TOKEN.finditer(span.group(0))]
            i = 0
            while i < len(tokens):
                longest = self.starts.get(tokens[i][2], 0)
                for width in range(min(longest, len(tokens) - i), 0, -1):
                    key = " ".join(t[2] for t in tokens[i:i + width])
                    country = self.phrases.get(key)
                    if country:
                        found.append((tokens[i][0], tokens[i + width - 1][1], country))
                        i += width
                        break
                else:
                    i += 1
        return found

    def count(self, text: str) -> Counter[str]:
        return Counter(country for _s, _e, country in self.find(text))
