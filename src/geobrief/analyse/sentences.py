"""Sentence splitting for news English: rule-based, abbreviation-aware, no model needed."""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "gov",
    "sen",
    "rep",
    "rev",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "corp",
    "co",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "d.c",
    "a.m",
    "p.m",
    "i.e",
    "e.g",
    "approx",
    "est",
    "dept",
    "pres",
    "amb",
    "hon",
    "mt",
    "ft",
    "fig",
}
_BOUNDARY = re.compile(r"([.!?])([\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop at ``end`` closes an abbreviation or an initial."""
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:end].lower()
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() and text[start - 1 : start] in (" ", "", "\n")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, paragraph breaks always ending a sentence."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            if match.group(1) == "." and _is_abbreviation(paragraph, match.start(1)):
                continue
            piece = paragraph[start : match.end(2)].strip()
            if piece:
                out.append(piece)
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            out.append(tail)
    return out


def body_sentences(title: str, text: str) -> list[str]:
    """``split_sentences(text)`` without a first line that only repeats the headline: pages
    extracted with their ``<h1>`` and feeds whose content opens with the title would
    otherwise give the headline as the report's first sentence, which the briefing
    takes for its lead and quotes without a period or an attribution."""
    sentences = split_sentences(text)
    first_line = text.lstrip().split("\n", 1)[0]
    if sentences and title.strip() and _plain(first_line) == _plain(title) == _plain(
            sentences[0]):
        return sentences[1:]
    return sentences


def _plain(text: str) -> str:
    return " ".join(text.split()).rstrip(".!?:").casefold()
