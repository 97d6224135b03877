"""Mentions of places, organisations and persons on CoNLL-2003 dev, against the gold spans.

Reads ../shared/data/conll2003/dev.txt (token, BIO tag per line; blank line between
sentences), rebuilds the text (tokens joined by spaces, sentences into articles at each
dateline), links each article as geobrief links an article, and scores
exact-span precision and recall per type. Mention types map to CoNLL types: country names,
aliases and metonyms and places -> LOC; organisations -> ORG; persons -> PER (linked or
unlinked alike). Demonyms ("German") and compounds ("Moscow-based") are modifiers, not
place names, in CoNLL, and are not scored.

    python eval/conll_linking.py [--misses 20]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from geobrief.knowledge.link import Mention, bundled_linker

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "conll2003" / "dev.txt"
TYPES = ("LOC", "ORG", "PER")


def conll_type(mention: Mention) -> str | None:
    if mention.form in ("demonym", "compound"):
        return None  # "German", "Moscow-based": modifiers, MISC or nothing in CoNLL
    if mention.type in ("country", "place"):
        return "LOC"
    if mention.type == "organisation":
        return "LOC" if mention.form == "metonym" else "ORG"
    if mention.type == "person":
        return "PER"
    return None


def sentences(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    out = []
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            token, tag = line.rsplit(" ", 1)
            tokens.append((token, tag))
            continue
        if tokens:
            out.append(_spans(tokens))
            tokens = []
    return out


def _spans(tokens: list[tuple[str, str]]) -> tuple[str, set[tuple[int, int, str]]]:
    text, gold, position = "", set(), 0
    current: list | None = None
    for token, tag in tokens:
        start = position
        text += token + " "
        position += len(token) + 1
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None
                                                              or current[2] != tag[2:])):
            if current:
                gold.add(tuple(current))
            current = [start, start + len(token), tag[2:]]
        elif tag.startswith("I-") and current:
            current[1] = start + len(token)
        else:
            if current:
                gold.add(tuple(current))
            current = None
    if current:
        gold.add(tuple(current))
    return text.rstrip(), {g for g in gold if g[2] in TYPES}


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?: , [A-Za-z .]+)? \d{4}-\d{2}-\d{2}$")


def documents(items: list[tuple[str, set[tuple[int, int, str]]]]
              ) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """Sentences joined into articles: the dev set has no document marks, but every Reuters
    article opens with a headline followed by a dateline ("LONDON 1996-08-30"), so an
    article starts at the sentence before each dateline. Spans shift with the joining."""
    starts = {0} | {i - 1 for i, (text, _g) in enumerate(items) if i and _DATELINE.match(text)}
    out: list[tuple[str, set[tuple[int, int, str]]]] = []
    text, gold = "", set()
    for i, (sentence, spans) in enumerate(items):
        if i in starts and text:
            out.append((text, gold))
            text, gold = "", set()
        offset = len(text)
        text += sentence + "\n"
        gold |= {(s + offset, e + offset, t) for s, e, t in spans}
    if text:
        out.append((text, gold))
    return out


def run(path: Path = DATA, misses: int = 0, by_document: bool = True) -> dict[str, float]:
    """Scores per type; ``by_document`` links whole articles (as geobrief does), else each
    sentence alone."""
    linker = bundled_linker()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    missed: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    wrong: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    items = sentences(path)
    for text, gold in documents(items) if by_document else items:
        predicted = set()
        for m in linker.link(text):
            kind = conll_type(m)
            if kind:
                predicted.add((m.start, m.end, kind))
        for span in predicted:
            if span in gold:
                tp[span[2]] += 1
            else:
                fp[span[2]] += 1
                wrong[span[2]][text[span[0]:span[1]]] += 1
        for span in gold - predicted:
            fn[span[2]] += 1
            missed[span[2]][text[span[0]:span[1]]] += 1
    figures: dict[str, float] = {}
    for kind in TYPES:
        p = tp[kind] / ((tp[kind] + fp[kind]) or 1)
        r = tp[kind] / ((tp[kind] + fn[kind]) or 1)
        figures[f"{kind}_precision"] = p
        figures[f"{kind}_recall"] = r
        figures[f"{kind}_gold"] = tp[kind] + fn[kind]
    if misses:
        for kind in TYPES:
            print(f"{kind} most missed: {missed[kind].most_common(misses)}")
            print(f"{kind} most wrong:  {wrong[kind].most_common(misses)}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", type=int, default=0, help="show the N most missed spans")
    parser.add_argument("--sentences", action="store_true",
                        help="link each sentence alone instead of whole articles")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (../shared/data is internal evaluation data)")
        return 0
    for key, value in run(misses=args.misses, by_document=not args.sentences).items():
        print(f"{key:15s} {value:.3f}" if isinstance(value, float) and value <= 1 else
              f"{key:15s} {int(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
