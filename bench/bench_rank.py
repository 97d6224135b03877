"""Ranking a day: what salience costs per day and per story.

Two figures:

* the demo corpus ingested into a fresh SQLite store, then ``rank_day`` (the stories of the
  day, the analysis signals of their reports, the ranking) for every news day, repeated;
* ``rank`` alone (no store) over a synthetic day of N stories of K reports each, every
  report with a headline, a coded event, three named actors and a figure, to show how it
  grows with the size of a day.

    python bench/bench_rank.py [--repeat 5] [--stories 2000] [--reports 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from geobrief.cli import cli
from geobrief.knowledge.load import bundled_knowledge
from geobrief.pipeline import demo_corpus
from geobrief.store import open_store
from geobrief.store.articles import news_days
from geobrief.store.signals import ActorRef, ArticleSignals, EventRef, FigureRef
from geobrief.store.stories import ArticleRef, StoryRow
from geobrief.stories.rank import rank, rank_day

OUTLETS = [("Reuters", "reuters.com"), ("AFP via France 24", "france24.com"),
           ("BBC News", "bbc.co.uk"), ("Example Daily", "example.co.uk"), ("Yonhap", "yna.co.kr")]
HEADLINES = ["Missile strikes hit the port as talks stall",
             "Parliament votes to dissolve the government ahead of elections",
             "Ministers sign a trade agreement in the capital",
             "Tennis: the home side wins the cup final"]


def demo_figures(repeat: int) -> None:
    corpus = demo_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        result = CliRunner().invoke(cli, ["--db", str(db), "-q", "ingest", "--outlets",
                                          str(corpus / "outlets.yaml"), str(corpus / "feeds"),
                                          str(corpus / "pages")])
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            raise SystemExit(1)
        store = open_store(str(db))
        knowledge = bundled_knowledge()
        days = [date.fromisoformat(d) for d in news_days(store)]
        rank_day(store, days[-1], knowledge)  # warm up: tables, word lists
        stories = 0
        started = time.perf_counter()
        for _ in range(repeat):
            for day in days:
                stories += len(rank_day(store, day, knowledge))
        elapsed = time.perf_counter() - started
        store.close()
    runs = repeat * len(days)
    print(f"demo store: {runs} day rankings, {stories / runs:.1f} stories a day: "
          f"{1000 * elapsed / runs:.1f} ms a day, {1000 * elapsed / max(1, stories):.2f} ms "
          f"a ranked story (store reads included)")


def synthetic_day(n_stories: int, n_reports: int) -> tuple[list[StoryRow], dict]:
    day = datetime(2024, 11, 22, 9)
    stories, signals = [], {}
    n = 0
    for s in range(n_stories):
        refs = []
        for r in range(n_reports):
            n += 1
            name, domain = OUTLETS[(s + r) % len(OUTLETS)]
            refs.append(ArticleRef(n, f"https://x.example/{n}", HEADLINES[s % len(HEADLINES)],
                                   day + timedelta(minutes=r), name, None, None, domain))
            signals[n] = ArticleSignals(
                [EventRef("FIGHT", False, False, "strike", "RU", "UA")],
                [ActorRef("country", "RU", "RU", "Russia"),
                 ActorRef("country", "UA", "UA", "Ukraine"),
                 ActorRef("person", "vladimir-putin", "RU", "Vladimir Putin")],
                [FigureRef(12.0, "killed", "12 people", "12 people were killed")])
        stories.append(StoryRow(f"s{s}", f"t{s}", "t", refs[0].title, refs[0].published,
                                refs[-1].published, refs))
    return stories, signals


def synthetic_figures(n_stories: int, n_reports: int) -> None:
    stories, signals = synthetic_day(n_stories, n_reports)
    knowledge = bundled_knowledge()
    rank(stories[:10], date(2024, 11, 22), signals, knowledge, set())  # warm up
    started = time.perf_counter()
    ranked = rank(stories, date(2024, 11, 22), signals, knowledge, set())
    elapsed = time.perf_counter() - started
    print(f"synthetic day: {n_stories} stories of {n_reports} reports ranked in "
          f"{elapsed:.2f} s = {1000 * elapsed / n_stories:.2f} ms a story "
          f"({len(ranked)} in the edition)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=5)
    args = parser.parse_args()
    demo_figures(args.repeat)
    synthetic_figures(args.stories, args.reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
