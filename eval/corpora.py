"""Real corpora as geobrief input, and their briefings, for the evaluations of what a reader
sees (page furniture, datelines, repeats, length, leads, reader parts).

Three corpora from ../shared/data, each converted to JSON Lines records as a user would
feed them (``url``, ``title``, ``text``, ``published``, ``outlet``):

* ``timeline17``: the Timeline17 pages (tokenised page text with its furniture, no title,
  synthetic URL), converted as in ``timeline17_threads.py``; the stand-in title is the
  page's lead as geobrief reads it (``lead_titles``), not its first line, which is often
  furniture; ``--topics`` picks folders.
* ``background``: the background-summaries events, each day's human-written update of
  each annotator as one report (outlet ``annotatorN.bgsum.invalid``); the dev split
  (BP oil spill, Haitian earthquake, Michael Jackson's death) by default.
* ``wcep``: the Wikipedia Current Events Portal, January 2023: one report per cited
  source of an event, its one-sentence summary as title and text (the data set has no
  article text), the source's name as outlet, published at noon of the event's day.
  ``WCEP_MIN_CHARS`` lowers ``min_article_chars`` so that the summaries are kept.

``build`` ingests a corpus into a SQLite store and brings it up to date; ``brief`` writes
the briefings of chosen days (default: the corpus's busiest days) as Markdown and JSON.

    python eval/corpora.py convert NAME [--topics A,B] --out records.jsonl
    python eval/corpora.py brief NAME [--days N | --date D ...] --out DIR [--readers US,UA]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from common import DataMissing, IngestLog, fresh_store, ingest_records, shared
from timeline17_threads import lead_titles, load_items

from geobrief.analyse.wire import Wire, inline_dateline, strip_edges
from geobrief.app import Geobrief
from geobrief.compose.render import render
from geobrief.errors import GeobriefError
from geobrief.models import Briefing
from geobrief.pipeline import bring_up_to_date
from geobrief.settings import Settings
from geobrief.store import Store

CORPORA = ("timeline17", "background", "wcep")
BACKGROUND_DEV = ("bp_oil_spill", "haitian_earthquake", "mj_death")
WCEP_MIN_CHARS = 40


@dataclass
class Corpus:
    """A corpus as records to ingest, with what is known of each record (by URL)."""

    name: str
    records: list[dict]
    labels: dict[str, dict] = field(default_factory=dict)  # url -> gold facts (topic, ...)
    settings: dict[str, object] = field(default_factory=dict)  # overrides it needs

    def days(self) -> list[str]:
        return sorted({r["published"][:10] for r in self.records})

    def busiest_days(self, n: int) -> list[str]:
        counts = Counter(r["published"][:10] for r in self.records)
        return sorted(day for day, _ in counts.most_common(n))


def headline_of(title: str) -> str:
    """A Timeline17 page's stand-in title (its first sentence) without the dateline, page
    stamp or story highlights it opens with, as a page's own headline would be: otherwise
    "SANAA/DAMASCUS | Mon Mar 21, 2011 3:56 pm EDT SANAA/DAMASCUS (Reuters) - ..." is
    printed as a headline in every source list. (The thread evaluation keeps its titles,
    so that its figures stay comparable.)"""
    inline = inline_dateline(title, 0, len(title))
    if inline is not None:
        title = title[inline:]
    start, end, _cut, _credit = strip_edges(title, 0, len(title), Wire())
    return title[start:end] or title


def timeline17(topics: Iterable[str] | None = None, max_days: int | None = None,
               limit_per_topic: int | None = None) -> Corpus:
    items = load_items(topics, max_days, limit_per_topic)
    records = [i.record() for i in items]
    lead_titles(records)
    for record in records:  # a first line kept (no news sentence): without its dateline
        record["title"] = headline_of(record["title"])
    corpus = Corpus("timeline17", records)
    corpus.labels = {i.url: {"topic": i.topic, "folder": i.folder} for i in items}
    return corpus


def background(events: Iterable[str] = BACKGROUND_DEV) -> Corpus:
    root = shared("background_summaries", "events")
    corpus = Corpus("background", [])
    for event in events:
        for path in sorted((root / event).glob("annotator*.tsv")):
            annotator = path.stem
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    day = (row.get("Date") or "").strip("[] ")
                    text = " ".join((row.get("Update") or "").strip().strip('"').split())
                    text = text.replace("\\n", " ").strip()
                    if len(day) != 10 or not text:
                        continue
                    url = f"https://bgsum.invalid/{event}/{annotator}/{day}"
                    title = text.split(". ", 1)[0][:150]
                    corpus.records.append({
                        "url": url, "title": title, "text": text,
                        "published": f"{day}T12:00:00+00:00",
                        "outlet": f"{annotator}.bgsum.invalid"})
                    corpus.labels[url] = {"event": event, "annotator": annotator}
    return corpus


def wcep() -> Corpus:
    path = shared("wcep_2023_01", "wcep_2023_01_events.jsonl")
    corpus = Corpus("wcep", [], settings={"min_article_chars": WCEP_MIN_CHARS})
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        event = json.loads(line)
        for source in event.get("sources") or []:
            url = source.get("url") or ""
            if not url or url in seen:  # one page cited by two events: the first keeps it
                continue
            seen.add(url)
            corpus.records.append({
                "url": url, "title": event["summary"], "text": event["summary"],
                "published": f"{event['date']}T12:00:00+00:00",
                "outlet": source.get("name") or "unknown"})
            corpus.labels[url] = {"event": n, "category": event["category"],
                                  "topic_path": event.get("topic_path") or [],
                                  "sources": len(event.get("sources") or [])}
    return corpus


def load(name: str, topics: Iterable[str] | None = None) -> Corpus:
    if name == "timeline17":
        return timeline17(topics)
    if name == "background":
        return background(topics or BACKGROUND_DEV)
    if name == "wcep":
        return wcep()
    raise ValueError(f"unknown corpus {name!r}; choose from {CORPORA}")


@dataclass
class Built:
    store: Store
    settings: Settings
    log: IngestLog


@contextmanager
def built(corpus: Corpus, settings: Settings | None = None) -> Iterator[Built]:
    """The corpus ingested into a fresh store (all at once, in publication order) and
    brought up to date: analysed and placed into stories and threads."""
    settings = (settings or Settings()).with_overrides(**corpus.settings)
    records = sorted(corpus.records, key=lambda r: (r["published"], r["url"]))
    log = IngestLog()
    with fresh_store() as (store, tmp):
        ingest_records(store, records, settings, tmp, log, f"{corpus.name}.jsonl")
        bring_up_to_date(store, settings)
        yield Built(store, settings, log)


def brief_days(done: Built, days: Iterable[str],
               readers: list[str] | None = None) -> dict[str, Briefing | str]:
    """The briefing of each day, or the error that stopped it (as text); each published
    in turn, so later days list earlier ones under Previously."""
    out: dict[str, Briefing | str] = {}
    gb = Geobrief(done.settings, done.store)
    for day in days:
        try:
            out[day] = briefing = gb.brief(date.fromisoformat(day), readers)
            gb.publish(briefing)
        except GeobriefError as exc:
            out[day] = str(exc)
        except Exception as exc:  # a crash is a finding: keep it and go on
            out[day] = f"CRASH {type(exc).__name__}: {exc}"
    return out


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("convert", "brief"))
    parser.add_argument("corpus", choices=CORPORA)
    parser.add_argument("--topics", help="Timeline17 folders or background events, comma-separated")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--days", type=int, default=5, help="brief the N busiest days")
    parser.add_argument("--date", action="append", default=[], help="brief this day (repeat)")
    parser.add_argument("--readers", help="reader countries, comma-separated")
    args = parser.parse_args(argv)
    try:
        corpus = load(args.corpus, args.topics.split(",") if args.topics else None)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    if args.action == "convert":
        with args.out.open("w", encoding="utf-8") as handle:
            for record in corpus.records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{len(corpus.records)} records written to {args.out}")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    days = args.date or corpus.busiest_days(args.days)
    readers = args.readers.split(",") if args.readers else None
    with built(corpus) as done:
        for day, result in brief_days(done, days, readers).items():
            if isinstance(result, str):
                print(f"{day}: {result}")
                continue
            for fmt in ("md", "json"):
                (args.out / f"{day}.{fmt}").write_text(render(result, fmt), encoding="utf-8")
            print(f"{day}: {len(result.stories)} stories")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
