"""Main-text extraction and boilerplate removal on real pages: the 181 pages of the article
extraction benchmark (../shared/data/article_extraction_benchmark, with their true article
bodies), scored as the benchmark scores every extractor, so the figures stand beside the ones
it publishes for trafilatura.

The benchmark's measure: each text is cut into word 4-grams (``\\w+`` tokens); true
positives, false positives and false negatives are counted over the two multisets of
4-grams and normalised per page; precision and recall are the means over the pages, and
F1 is taken from the two means.

Rows printed:

* ``trafilatura_default``: ``trafilatura.extract(html, include_comments=False)``, what the
  benchmark ran (its published row for trafilatura 2.0.0: F1 0.958, precision 0.938,
  recall 0.978);
* ``ingest``: geobrief's page extraction (``ingest.pages.main_text``) as ingest runs it;
* ``analysed``: what analysis keeps of that text: the sentences it does not label as noise
  (with the dateline, byline and wire tags cut off);
* one row per ``--try`` setting combination of trafilatura, to tune by.

    python eval/article_extraction.py [--try favor_recall] [--try favor_precision]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable

import trafilatura
from common import DataMissing, print_figures, shared

from geobrief.analyse.document import read_structure
from geobrief.ingest.normalise import clean_text
from geobrief.ingest.pages import main_text

PUBLISHED = {"trafilatura 2.0.0 (published)": (0.958, 0.938, 0.978)}
_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_counts(true: str, predicted: str) -> tuple[float, float, float]:
    """Normalised true positives, false positives and false negatives of one page."""
    t, p = _shingles(true), _shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def load_pages() -> list[tuple[str, str, str]]:
    """(id, html, true body) of every page."""
    root = shared("article_extraction_benchmark")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as handle:
            pages.append((key, handle.read(), truth[key].get("articleBody") or ""))
    return pages


def analysed(text: str) -> str:
    """The text analysis keeps: its sentences not labelled noise, edges cut."""
    return "\n".join(s.text for s in read_structure("", text).news)


def evaluate(tries: list[str]) -> dict[str, float]:
    pages = load_pages()
    systems: dict[str, Callable[[str], str]] = {
        "trafilatura_default": lambda h: trafilatura.extract(h, include_comments=False) or "",
        "ingest": main_text,
        "analysed": lambda h: analysed(main_text(h)),
    }
    for spec in tries:
        options = {name: True for name in spec.split(",") if name}
        systems[f"try_{spec}"] = lambda h, o=options: clean_text(trafilatura.extract(
            h, include_comments=False, include_tables=False, **o) or "")
    figures: dict[str, float] = {"pages": len(pages)}
    for name, system in systems.items():
        f1, p, r = score([page_counts(true, system(html)) for _, html, true in pages])
        figures.update({f"{name}_f1": f1, f"{name}_precision": p, f"{name}_recall": r})
    for name, (f1, p, r) in PUBLISHED.items():
        figures.update({f"{name} f1": f1, f"{name} precision": p, f"{name} recall": r})
    return figures


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--try", dest="tries", action="append", default=[],
                        help="trafilatura options to try, comma-separated (favor_recall)")
    args = parser.parse_args(argv)
    try:
        figures = evaluate(args.tries)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    print_figures(figures)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
