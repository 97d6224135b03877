"""Article features the story stages need: weighted terms, countries, a MinHash signature."""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter

import numpy as np

from geobrief.knowledge.link import Linker, Mention

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "said",
        "same",
        "says",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "told",
        "would",
        "year",
        "years",
        "week",
        "day",
        "new",
        "one",
        "two",
        "three",
        "first",
        "last",
        "also",
        "told",
        "tuesday",
        "monday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "according",
        "since",
        "told",
        "still",
        "may",
        "might",
        "must",
        "could",
        "like",
        "well",
        "many",
        "much",
        "per",
        "cent",
        "percent",
        "mr",
        "mrs",
        "ms",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'-]*\w|\d[\d,.]*\d|\d", re.U)
N_PERM = 64
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20241122)
# Random multipliers over the whole 61-bit range: with small ones the hash would keep the
# order of small shingle hashes and every signature would pick the same minima.
_A = _rng.integers(1, _PRIME, size=N_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=N_PERM, dtype=np.uint64)
MAX_TERMS = 80
COUNTRY_PREFIX = "@"  # a country named in an article is the term "@XX" (its id)


def words(text: str) -> list[str]:
    if text.isascii():  # lower case first changes no word's bounds in ASCII: one pass
        return _WORD.findall(text.lower())
    return [w.lower() for w in _WORD.findall(text)]


def term_weights(title: str, text: str, countries: Counter[str],
                 tokens: list[str] | None = None) -> dict[str, float]:
    """Sublinear term frequencies (title counted three times), with countries as ``@XX`` terms.
    ``tokens`` are ``words(text)`` when the caller has them already."""
    every = Counter(words(text) if tokens is None else tokens)  # then each word once
    counts: Counter[str] = Counter({word: n for word, n in every.items() if
                                    word not in STOPWORDS and len(word) > 2
                                    and not word[0].isdigit()})
    for word in words(title):
        if word not in STOPWORDS and len(word) > 2 and not word[0].isdigit():
            counts[word] += 3
    for country, n in countries.items():
        counts[COUNTRY_PREFIX + country] += 2 * n
    weights = {t: 1.0 + math.log(c) for t, c in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return dict(top)


def minhash(text: str, size: int = 5, tokens: list[str] | None = None) -> bytes:
    """A 64-value MinHash signature over word shingles, as bytes (uint32 each); ``tokens``
    are ``words(text)`` when the caller has them already."""
    if tokens is None:
        tokens = words(text)
    if len(tokens) < size:
        shingles = {" ".join(tokens)}
    else:
        shingles = set(map(" ".join, zip(*(tokens[i:] for i in range(size)), strict=False)))
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, shingles)), dtype=np.uint64,
                         count=len(shingles))
    with np.errstate(over="ignore"):  # wrapping mod 2**64 before mod p, as datasketch does
        values = (np.outer(_A, hashes) + _B[:, None]) % np.uint64(_PRIME)
    return (values.min(axis=1) & np.uint64(0xFFFFFFFF)).astype(np.uint32).tobytes()


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    a = np.frombuffer(sig_a, dtype=np.uint32)
    b = np.frombuffer(sig_b, dtype=np.uint32)
    return float(np.mean(a == b))


def article_features(
    linker: Linker, title: str, text: str, mentions: list[Mention] | None = None
) -> tuple[dict[str, float], Counter[str], bytes]:
    """Terms, countries named (title and text) and the MinHash signature of an article;
    ``mentions`` are the text's mentions when already linked."""
    found = linker.link(text, unlinked=False) if mentions is None else mentions
    countries = linker.count(title) + Counter(
        m.country for m in found if m.country and m.stands_for_country)
    tokens = words(text)  # read once for the terms and the signature
    return (term_weights(title, text, countries, tokens), countries,
            minhash(text, tokens=tokens))
