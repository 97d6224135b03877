"""Sentence segmentation of news text, as character spans into the text.

A line break always ends a sentence (headline lines, list items and page furniture stand on
lines of their own); within a line, sentencex (Wikimedia's rule-based segmenter, ~300
languages, abbreviation lists per language, quotation-aware) finds the boundaries, which
a few repairs for news then adjust:

* a piece that starts with a lower-case letter continues the one before ("TAMPA, Fla.,
  according to..."; "т.е. всё"), as does a time of day followed by its day or zone
  ("5 p.m. Monday");
* an opening quotation mark left at the end of a piece belongs to the next one;
* a bracket that opens in a piece and closes later on its line keeps what it holds in one
  sentence ("(Reporting by A. Editing by B.)");
* white space is never part of a sentence.

Measured against the alternatives on the hand-annotated sentences and on Timeline17 pages
(docs/evaluation.md, "Sentences"); the offsets are exact: ``text[start:end]`` is the
sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sentencex import get_sentence_boundaries

Span = tuple[int, int]

# The opening quotation marks a segmenter may leave at the end of the sentence before,
# PTB-tokenised text's `` included.
_OPENING_TAIL = re.compile(r"(?:\s(?:``|[\"\u201c\u201e\u00ab\u2018]))+\s*$")
_QUOTE_NEAR_END = re.compile(r"``|[\"\u201c\u201e\u00ab\u2018]")
_TIME_THEN_DAY = re.compile(
    r"(?:\b[ap]\.m\.|\bnoon|\bmidnight)$", re.I)
_DAY_OR_ZONE = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tonight|"
    r"[ECMP][SD]?T|GMT|UTC|BST|CET|local)\b")
_LOWER_START = re.compile(r"^[\W\d_]*[^\W\d_]")  # the first letter, past quotes and digits


def _segmenter_language(language: str | None) -> str:
    return (language or "en").split("-")[0].lower() or "en"


@lru_cache(maxsize=64)
def _supported(language: str) -> str:
    """The language sentencex is asked to use: itself, or English when it fails on it."""
    try:
        get_sentence_boundaries(language, "A. B.")
    except Exception:  # an unknown code: sentencex's default rules are English-like
        return "en"
    return language


def _line_spans(text: str) -> list[Span]:
    spans, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(stripped)


def _starts_lower(piece: str) -> bool:
    if piece[:1].isalpha():  # most pieces: no quotes or digits to look past
        return piece[0].islower()
    first = _LOWER_START.match(piece)
    return first is not None and first.group(0)[-1].islower()


MAX_BRACKET = 400  # a bracket held open longer than this is not kept in one sentence
_BRACKET_OPEN = re.compile(r"\(|-LRB-")
_BRACKET_CLOSE = re.compile(r"\)|-RRB-")


def _open_brackets(piece: str) -> int:
    if "(" not in piece and ")" not in piece and "-LRB-" not in piece and "-RRB-" not in piece:
        return 0
    return len(_BRACKET_OPEN.findall(piece)) - len(_BRACKET_CLOSE.findall(piece))


def _closes_later(rest: str) -> bool:
    """Whether ``rest`` closes a bracket before it opens one (within MAX_BRACKET chars)."""
    close = _BRACKET_CLOSE.search(rest, 0, MAX_BRACKET)
    if close is None:
        return False
    opening = _BRACKET_OPEN.search(rest, 0, close.start())
    return opening is None


def _joins_previous(text: str, prev: Span, span: Span, line_end: int) -> bool:
    piece = text[span[0]:span[1]]
    if _starts_lower(piece):
        return True
    if _open_brackets(text[prev[0]:prev[1]]) > 0 and _closes_later(text[span[0]:line_end]):
        return True  # a bracket opened before closes in this piece or later on its line
    before = text[max(prev[0], prev[1] - 12):prev[1]]
    return bool(before.endswith((".m.", "noon", "night")) and _TIME_THEN_DAY.search(before)
                and _DAY_OR_ZONE.match(piece))


# a sentence closing a bracket it opened, then another sentence: "(... Herman.) He said"
_AFTER_BRACKET = re.compile(r"[.!?][\"\u201d']?(?:\)|-RRB-)\s+(?=[\"\u201c`]*[A-Z])")


def _split_after_brackets(text: str, span: Span) -> list[Span]:
    if ")" not in text[span[0]:span[1]] and "-RRB-" not in text[span[0]:span[1]]:
        return [span]
    out, at = [], span[0]
    for found in _AFTER_BRACKET.finditer(text, span[0], span[1]):
        if _open_brackets(text[at:found.start() + 1]) >= 0 and \
                _open_brackets(text[at:found.end()]) == 0:
            out.append((at, found.end()))
            at = found.end()
    out.append((at, span[1]))
    return out


def _repair(text: str, spans: list[Span], line_end: int) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and _joins_previous(text, out[-1], span, line_end):
            out[-1] = (out[-1][0], span[1])
            continue
        if out and _QUOTE_NEAR_END.search(text, max(out[-1][0], out[-1][1] - 6), out[-1][1]):
            tail = _OPENING_TAIL.search(text[out[-1][0]:out[-1][1]])
            if tail and tail.start() > 0:  # move the opening quote to the next sentence
                moved = out[-1][0] + tail.start()
                out[-1] = (out[-1][0], moved)
                span = (moved, span[1])
        out.append(span)
    pieces = [piece for span in out for piece in _split_after_brackets(text, span)]
    return [s for s in (_trimmed(text, a, b) for a, b in pieces) if s is not None]


def sentence_spans(text: str, language: str | None = "en") -> list[Span]:
    """Where each sentence of ``text`` lies in it, in order, without surrounding space."""
    lang = _supported(_segmenter_language(language))
    spans: list[Span] = []
    for start, end in _line_spans(text):
        line = text[start:end]
        pieces = []
        for found in get_sentence_boundaries(lang, line):
            piece = _trimmed(line, found["start_index"], found["end_index"])
            if piece is not None:
                pieces.append((start + piece[0], start + piece[1]))
        spans.extend(_repair(text, pieces, end) if pieces else [])
    return spans


def split_sentences(text: str, language: str | None = "en") -> list[str]:
    """The sentences of ``text``, line breaks always ending one."""
    return [text[a:b] for a, b in sentence_spans(text, language)]


def headline_line(title: str, text: str, spans: list[Span]) -> bool:
    """Whether the first sentence is a first line that only repeats the headline: pages
    extracted with their ``<h1>`` and feeds whose content opens with the title would
    otherwise give the headline as the report's first sentence, which the briefing takes
    for its lead and quotes without a period or an attribution."""
    if not spans or not title.strip():
        return False
    first_line = text.lstrip().split("\n", 1)[0]
    first = text[spans[0][0]:spans[0][1]]
    return _plain(first_line) == _plain(title) == _plain(first)


def body_sentences(title: str, text: str, language: str | None = "en") -> list[str]:
    """``split_sentences(text)`` without a first line that only repeats the headline."""
    spans = sentence_spans(text, language)
    if headline_line(title, text, spans):
        spans = spans[1:]
    return [text[a:b] for a, b in spans]


def _plain(text: str) -> str:
    return " ".join(text.split()).rstrip(".!?:").casefold()
