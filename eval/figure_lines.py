"""Every "Figures" line the claim ledger can give, for checking by hand that none pools
two quantities: the demo (``geobrief demo``'s store) or a Timeline17 topic, each ledger
entry's figure groups (``compose.ledger_lines.figure_groups``) as the briefing words them.

    python eval/figure_lines.py demo
    python eval/figure_lines.py timeline17 --topics LibyaWar_cnn
    python eval/figure_lines.py --db STORE        # a store already built
    python eval/figure_lines.py demo --sentences  # each figure with its sentence, to check
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import DataMissing
from corpora import built, timeline17

from geobrief.app import Geobrief
from geobrief.compose.ledger_lines import figure_groups, figure_lines
from geobrief.pipeline import run_demo
from geobrief.settings import Settings
from geobrief.store import Store, open_store
from geobrief.stories.ledger import Entry


def figures_lines(store: Store, settings: Settings) -> list[tuple[str, Entry, str]]:
    """(thread name, entry, line text) for every figures line of every thread's ledger."""
    gb = Geobrief(settings, store)
    out = []
    for entry in gb.claims():
        if not figure_groups(entry):
            continue
        articles = {s.article_id for s in entry.stances}
        for line in figure_lines([entry], articles):
            out.append((entry.thread, entry, line.text))
    return out


@contextmanager
def _store(args: argparse.Namespace) -> Iterator[tuple[Store, Settings]]:
    settings = Settings()
    if args.db:
        store = open_store(args.db)
        try:
            yield store, settings
        finally:
            store.close()
    elif args.corpus == "demo":
        with tempfile.TemporaryDirectory(prefix="geobrief-figures-") as tmp:
            run_demo(Path(tmp), settings)
            store = open_store(str(Path(tmp) / "demo.db"))
            try:
                yield store, settings
            finally:
                store.close()
    else:
        corpus = timeline17(args.topics.split(",") if args.topics else ["LibyaWar_cnn"])
        with built(corpus) as done:
            yield done.store, done.settings


def _sentences(entry: Entry) -> str:
    """Each figure the entry's figures lines compare, with the sentence that gives it."""
    said = {(s.article_id, s.idx): s.text for s in entry.stances}
    return "\n".join(f"   {g.label}: {f.text} ({f.by}; {f.quantity}) | "
                     f"{said.get((f.article_id, f.idx), '?')}"
                     for g in figure_groups(entry) for f in g.figures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", choices=("demo", "timeline17"), default="demo")
    parser.add_argument("--topics", help="Timeline17 folders, comma-separated")
    parser.add_argument("--db", help="a store already built (overrides the corpus)")
    parser.add_argument("--sentences", action="store_true",
                        help="under each line, every figure it compares with its sentence")
    args = parser.parse_args(argv)
    try:
        with _store(args) as (store, settings):
            found = figures_lines(store, settings)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    for n, (_thread, entry, text) in enumerate(found, 1):
        print(f"{n}. [{entry.id}] {text}\n")
        if args.sentences:
            print(_sentences(entry) + "\n")
    print(f"{len(found)} figures lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
