"""Story threads across days on Timeline17: do a topic's articles stay in one thread?

Reads ../shared/data/timeline17/<topic>_<outlet>/articles.json (16 folders with articles;
Finan_washingtonpost has only a timeline and is left out). Each article has ``uid``,
``dct`` (its publication date, no time), ``dates`` (dates it mentions) and ``text``
(tokenised, no title, no URL). All folders' articles are mixed and fed to geobrief day by
day, as a daily news tool sees them: for each date in order, that day's articles are
written to a JSON Lines file and ingested into one store, then one application object's ``update``
runs (the same object every day, as ``geobrief run`` keeps it), then the next day.

Conversion of an article:

* ``text``: the tokenised text made readable again (-LRB-/-RRB- to brackets, PTB
  quotes to double quotes, no space before punctuation or 's/n't). An empty text is
  sent as it is and refused by ingest (GB108, counted);
* ``title``: there is none, so the first sentence of the text (at most 20 words) stands in
  (``--lead-titles``: the lead as geobrief reads it, past page furniture; ``lead_titles``);
* ``url``: ``https://timeline17.invalid/<folder>/<uid>`` (synthetic, unique);
* ``outlet``: the folder's outlet as a domain (``bbc`` -> ``bbc.co.uk``, ...);
* ``published``: ``dct`` at 12:00 UTC.

Scoring: the topic of an article is its folder's name before ``_`` (``bpoil_bbc`` and
``bpoil_guardian`` are one topic, BP oil spill, told by two outlets; 8 topics in all).
Printed: the share of all articles placed in their topic's majority thread (the thread
holding most of the topic's articles; target >= 0.90); the share of articles that name
their topic (``TOPIC_NAMES``: the folders hold pages off their topic) and the same
majority share counted over those only; the share's ceiling under the thread window
(each topic cut wherever its articles leave a gap longer than ``thread_window_days``,
its largest part counted); the number of threads per topic
(mean, max) and how many topics share a majority thread; thread purity (the share of each
thread's articles from its majority topic, over all articles, and the mean over threads);
for each thread-link rule (``similar``, ``clear``, ``countries``), the stories it linked
and the share of them whose topic is not their thread's majority topic;
how many threads a topic starts after its first and the share of those starting within
``thread_window_days`` of an earlier article of the topic (breaks of similarity, not of
time); BCubed of threads against topics; stories; ingest errors by GB code; the runtime.
With ``--detail``, each topic's largest threads and what they hold.

Options: ``--topics`` (folders, comma-separated), ``--max-days N`` (each folder's first N
news days only), ``--limit-per-topic N`` (each folder's first N articles by date, after
``--max-days``). The full set (4,352 articles over 983 news days, 983 ingests and
updates) took 130-140 s on the machine of this writing; the four-folder,
100-article subsample of tests/test_story_eval.py about 15 s.

    python eval/timeline17_threads.py [--topics A,B] [--max-days N] [--limit-per-topic N]
        [--detail] [--set NAME=VALUE ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from common import (
    DataMissing,
    IngestLog,
    Placed,
    add_settings_option,
    bcubed,
    fresh_store,
    ingest_records,
    placements,
    print_figures,
    settings_from,
    shared,
    split_at_gaps,
)
from timelines import gold_timelines
from timelines import score as timeline_score

from geobrief.analyse.document import lead_title, outlet_repeats, read_structure
from geobrief.app import Geobrief
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.furniture import REPEAT_ARTICLES, REPEAT_DAYS, countable
from geobrief.stories.online import LINK_RULES

DATA = ("timeline17",)
OUTLETS = {
    "bbc": "bbc.co.uk",
    "cnn": "cnn.com",
    "reuters": "reuters.com",
    "guardian": "theguardian.com",
    "foxnews": "foxnews.com",
    "washingtonpost": "washingtonpost.com",
}
BASE_URL = "https://timeline17.invalid"
# Words naming each topic. The folders hold pages off their topic (football and rugby
# reports, fund launches, Libya's war in SyrianCrisis_reuters): an article naming none of
# its topic's words is one of those, and a thread that left it out would be right. Used
# only to score (``naming_topic_*``); geobrief never sees them.
TOPIC_NAMES = {
    "EgyptianProtest": r"egypt|mubarak|tahrir|cairo",
    "LibyaWar": r"libya|gaddafi|qaddafi|tripoli|benghazi",
    "SyrianCrisis": r"syria|assad|damascus",
    "H1N1": r"h1n1|swine flu|pandemic|influenza|\bflu\b",
    "bpoil": r"\bbp\b|oil spill|deepwater|gulf of mexico|\boil\b",
    "haiti": r"haiti",
    "MJ": r"jackson",
    "IraqWar": r"iraq|baghdad|saddam",
}
TITLE_WORDS = 20

_REPLACE = [
    ("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"),
    ("-RCB-", "}"), ("``", '"'), ("''", '"'), ("\\/", "/"), ("\\*", "*"),
]
_NO_SPACE_BEFORE = re.compile(r" ([,.;:?!%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'m\b|'ll\b|'d\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def detokenise(text: str) -> str:
    """Readable text from PTB-style tokens: brackets, quotes, no space before punctuation."""
    for old, new in _REPLACE:
        text = text.replace(old, new)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return text.replace(" ` ", " '").strip()


def title_of(text: str) -> str:
    """The first sentence of ``text``, at most TITLE_WORDS words."""
    first = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    words = first.split()
    return " ".join(words[:TITLE_WORDS]) + (" ..." if len(words) > TITLE_WORDS else "")


def lead_titles(records: list[dict]) -> None:
    """Each record's title from its page's own lead, as geobrief reads it (``lead_title``):
    past the byline, highlights and the lines its outlet repeats across the corpus (a
    sidebar headline, "2 men charged in death of Chicago teen...", opens CNN pages of
    every topic; as a stand-in title it named stories and storylines). A page with no
    news sentence keeps its first line."""
    lines = ((r["outlet"], r["published"][:10],
              {k for k in read_structure(r["title"], r["text"]).lines() if countable(k)})
             for r in records)
    repeats = outlet_repeats(lines, REPEAT_ARTICLES, REPEAT_DAYS)
    for record in records:
        record["title"] = lead_title(record["text"], repeated=repeats.get(
            record["outlet"])) or record["title"]


def topic_of(folder: str) -> str:
    return folder.split("_", 1)[0]


def folders(root: Path | None = None) -> list[str]:
    """The Timeline17 folders that hold articles, sorted."""
    root = root or shared(*DATA)
    return sorted(p.parent.name for p in root.glob("*/articles.json"))


@dataclass(frozen=True)
class Item:
    folder: str
    uid: str
    day: str  # YYYY-MM-DD
    text: str

    @property
    def url(self) -> str:
        return f"{BASE_URL}/{self.folder}/{self.uid}"

    @property
    def topic(self) -> str:
        return topic_of(self.folder)

    def names_topic(self) -> bool:
        """Whether the text names its topic (see ``TOPIC_NAMES``; unknown topics: yes)."""
        pattern = TOPIC_NAMES.get(self.topic)
        return pattern is None or re.search(pattern, self.text.lower()) is not None

    def record(self) -> dict:
        text = detokenise(self.text)
        suffix = self.folder.split("_", 1)[-1]
        return {"url": self.url, "title": title_of(text), "text": text,
                "outlet": OUTLETS.get(suffix, f"{suffix}.timeline17.invalid"),
                "published": f"{self.day}T12:00:00+00:00"}


def _uid_key(uid: str) -> tuple[int, str]:
    return (int(uid), uid) if uid.isdigit() else (1 << 62, uid)


def load_items(topics: Iterable[str] | None = None, max_days: int | None = None,
               limit_per_topic: int | None = None) -> list[Item]:
    """Articles of the chosen folders (all by default), each folder cut to its first
    ``max_days`` news days, then to its first ``limit_per_topic`` articles by date."""
    root = shared(*DATA)
    available = folders(root)
    chosen = list(topics) if topics else available
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise ValueError(f"unknown Timeline17 folder(s) {unknown}; choose from {available}")
    items: list[Item] = []
    for folder in chosen:
        raw = json.loads((root / folder / "articles.json").read_text(encoding="utf-8"))
        mine = sorted((Item(folder, str(a["uid"]), str(a["dct"])[:10], a.get("text") or "")
                       for a in raw), key=lambda i: (i.day, _uid_key(i.uid)))
        if max_days is not None:
            keep = set(sorted({i.day for i in mine})[:max_days])
            mine = [i for i in mine if i.day in keep]
        if limit_per_topic is not None:
            mine = mine[:limit_per_topic]
        items.extend(mine)
    return items


@dataclass
class Evaluation:
    figures: dict[str, float | int] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)  # URL -> item
    placed: dict[str, Placed] = field(default_factory=dict)
    log: IngestLog = field(default_factory=IngestLog)


def evaluate(settings: Settings | None = None, topics: Iterable[str] | None = None,
             max_days: int | None = None, limit_per_topic: int | None = None,
             say: bool = False, timelines: bool = False, lead: bool = False) -> Evaluation:
    """``lead``: stand-in titles from each page's lead (``lead_titles``), not its first line."""
    settings = settings or Settings()
    started = time.perf_counter()
    items = load_items(topics, max_days, limit_per_topic)
    records = {i.url: i.record() for i in items}
    if lead:
        lead_titles(list(records.values()))
    result = Evaluation(items={i.url: i for i in items})
    by_day: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_day[item.day].append(item)
    days = sorted(by_day)
    with fresh_store() as (store, tmp):
        # one application object for the whole run, as `geobrief run` keeps one between
        # its daily updates (the claim ledger's entries stay in memory between days)
        gb = Geobrief(settings, store)
        for n, day in enumerate(days, 1):
            ingest_records(store, [records[i.url] for i in by_day[day]], settings, tmp,
                           result.log, f"{day}.jsonl")
            gb.update()
            if say and n % 100 == 0:
                print(f"  day {n}/{len(days)} {day} ({time.perf_counter() - started:.0f} s)",
                      file=sys.stderr)
        result.placed = {u: p for u, p in placements(store).items() if u in result.items}
        result.figures = score(result, time.perf_counter() - started, len(days),
                               timedelta(days=settings.thread_window_days))
        if timelines:
            result.figures.update(_timeline_scores(store, result))
    return result


def _timeline_scores(store: Store, result: Evaluation) -> dict[str, float | int]:
    """tilse's scores of each topic's majority thread as a timeline (eval/timelines.py)."""
    per_topic: dict[str, Counter[str]] = defaultdict(Counter)
    for url, placed in result.placed.items():
        if placed.thread_id is not None:
            per_topic[result.items[url].topic][placed.thread_id] += 1
    majority = {t: c.most_common(1)[0][0] for t, c in per_topic.items()}
    chosen = sorted({i.folder for i in result.items.values()})
    return timeline_score(store, majority, gold_timelines(shared(*DATA), chosen, topic_of))


def score(result: Evaluation, seconds: float, days: int,
          window: timedelta) -> dict[str, float | int]:
    scored = [u for u, p in result.placed.items() if p.thread_id is not None]
    topic = {u: result.items[u].topic for u in scored}
    thread = {u: result.placed[u].thread_id for u in scored}
    story = {u: result.placed[u].story_id for u in scored}
    per_topic: dict[str, Counter[str]] = defaultdict(Counter)
    per_thread: dict[str, Counter[str]] = defaultdict(Counter)
    for u in scored:
        per_topic[topic[u]][thread[u]] += 1  # type: ignore[index]
        per_thread[thread[u]][topic[u]] += 1  # type: ignore[index]
    in_majority = sum(c.most_common(1)[0][1] for c in per_topic.values())
    threads_per_topic = [len(c) for c in per_topic.values()]
    majority_threads = [c.most_common(1)[0][0] for c in per_topic.values()]
    pure = sum(c.most_common(1)[0][1] for c in per_thread.values())
    thread_purities = [c.most_common(1)[0][1] / sum(c.values()) for c in per_thread.values()]
    tp, tr, tf = bcubed(thread, topic)
    n = len(scored) or 1
    naming = [u for u in scored if result.items[u].names_topic()]
    published = {u: result.placed[u].published for u in scored}
    cut = Counter(split_at_gaps(published, topic, window).values())
    largest: dict[str, int] = defaultdict(int)
    for (name, _part), size in cut.items():
        largest[name] = max(largest[name], size)  # type: ignore[index]
    naming_topic: dict[str, Counter[str]] = defaultdict(Counter)
    for u in naming:
        naming_topic[topic[u]][thread[u]] += 1  # type: ignore[index]
    breaks, near = _thread_breaks(result, scored, window)
    return {
        "folders": len({i.folder for i in result.items.values()}),
        "topics": len({i.topic for i in result.items.values()}),
        "articles": len(result.items),
        "days": days,
        "ingested": result.log.added,
        "ingest_failed": len(result.log.errors),
        **{f"failed_{code}": k for code, k in sorted(result.log.by_code().items())},
        "duplicates_skipped": result.log.duplicate,
        "scored": len(scored),
        "in_majority_thread": in_majority / n,
        "in_majority_thread_ceiling": sum(largest.values()) / n,
        "naming_topic": len(naming) / n,
        "naming_topic_in_majority_thread": sum(
            c.most_common(1)[0][1] for c in naming_topic.values()) / (len(naming) or 1),
        "threads_per_topic_mean": sum(threads_per_topic) / (len(threads_per_topic) or 1),
        "threads_per_topic_max": max(threads_per_topic, default=0),
        "majority_threads_shared": len(majority_threads) - len(set(majority_threads)),
        "thread_purity": pure / n,
        "thread_purity_mean_over_threads": sum(thread_purities) / (len(thread_purities) or 1),
        "threads": len(per_thread),
        "singleton_threads": sum(1 for c in per_thread.values() if sum(c.values()) == 1),
        "thread_starts_after_first": breaks,
        "starts_within_thread_window": near / (breaks or 1),
        "stories": len(set(story.values())),
        "thread_precision": tp,
        "thread_recall": tr,
        "thread_f1": tf,
        **_links_by_rule(result, scored, per_thread),
        "copies": sum(1 for u in scored if result.placed[u].origin_id is not None),
        "seconds": round(seconds, 1),
    }


def _links_by_rule(result: Evaluation, scored: list[str],
                   per_thread: dict[str, Counter[str]]) -> dict[str, float | int]:
    """For each thread-link rule, the stories it linked to a thread and the share of those
    whose topic (that of most of their articles) is not their thread's majority topic."""
    story_topics: dict[str, Counter[str]] = defaultdict(Counter)
    rule_of: dict[str, str] = {}
    for u in scored:
        placed = result.placed[u]
        if placed.story_id is not None and placed.thread_link is not None:
            story_topics[placed.story_id][result.items[u].topic] += 1
            rule_of[placed.story_id] = placed.thread_link
    thread_of = {result.placed[u].story_id: result.placed[u].thread_id for u in scored}
    figures: dict[str, float | int] = {}
    for rule in LINK_RULES:
        linked = [s for s, r in rule_of.items() if r == rule]
        wrong = sum(1 for s in linked if story_topics[s].most_common(1)[0][0]
                    != per_thread[thread_of[s] or ""].most_common(1)[0][0])
        figures[f"links_{rule}"] = len(linked)
        figures[f"links_{rule}_wrong_topic"] = wrong / (len(linked) or 1)
    return figures


def _thread_breaks(result: Evaluation, scored: list[str],
                   window: timedelta) -> tuple[int, int]:
    """Threads a topic starts after its first, and how many of those start within
    ``window`` (the run's ``thread_window_days``) of an earlier article of the topic: a
    thread could have continued there, so the break is one of similarity, not of time."""
    first: dict[tuple[str, str], datetime] = {}
    for u in scored:
        key = (result.items[u].topic, result.placed[u].thread_id or "")
        published = result.placed[u].published
        first[key] = min(published, first.get(key, published))
    by_topic: dict[str, list[datetime]] = defaultdict(list)
    for (topic, _thread), start in first.items():
        by_topic[topic].append(start)
    days = {t: sorted({result.placed[u].published for u in scored if result.items[u].topic == t})
            for t in by_topic}
    breaks = near = 0
    for topic, starts in by_topic.items():
        earliest = min(starts)
        for start in starts:
            if start == earliest:
                continue
            breaks += 1
            before = [d for d in days[topic] if d < start]
            if before and start - before[-1] <= window:
                near += 1
    return breaks, near


def run(settings: Settings | None = None, topics: Iterable[str] | None = None,
        max_days: int | None = None, limit_per_topic: int | None = None,
        timelines: bool = False, lead: bool = False) -> dict[str, float]:
    """Every figure, by name. ``topics`` are folder names (all by default); ``max_days``
    keeps each folder's first N news days, ``limit_per_topic`` its first N articles. With no
    limits this is the full set: 4,352 articles on 983 news days, one ingest and
    an update per day, about 2 1/4 minutes."""
    return dict(evaluate(settings, topics, max_days, limit_per_topic,
                         timelines=timelines, lead=lead).figures)


def detail(result: Evaluation, top: int = 5) -> list[str]:
    """Per topic: its articles, majority thread and share, its largest other threads."""
    out = []
    scored = [u for u, p in result.placed.items() if p.thread_id is not None]
    per_topic: dict[str, Counter[str]] = defaultdict(Counter)
    per_thread: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for u in scored:
        item, placed = result.items[u], result.placed[u]
        thread = placed.thread_id or ""
        per_topic[item.topic][thread] += 1
        per_thread[thread][item.topic] += 1
        names[thread] = placed.thread_name or ""
    for name, counts in sorted(per_topic.items()):
        total = sum(counts.values())
        single = sum(1 for k in counts.values() if k == 1)
        out.append(f"{name}: {total} articles in {len(counts)} threads ({single} of one "
                   "article)")
        for thread, k in counts.most_common(top):
            mix = ", ".join(f"{t} {c}" for t, c in per_thread[thread].most_common())
            out.append(f"  {k} ({k / total:.0%}) in {thread} [{mix}] {names[thread][:70]!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", help="folders, comma-separated (default: all)")
    parser.add_argument("--max-days", type=int, metavar="N",
                        help="each folder's first N news days only")
    parser.add_argument("--limit-per-topic", type=int, metavar="N",
                        help="each folder's first N articles by date")
    parser.add_argument("--detail", action="store_true",
                        help="also list each topic's largest threads")
    parser.add_argument("--timelines", action="store_true",
                        help="also score each topic's storyline as a timeline with tilse")
    parser.add_argument("--lead-titles", action="store_true",
                        help="stand-in titles from each page's lead, not its first line")
    add_settings_option(parser)
    args = parser.parse_args(argv)
    topics = [t.strip() for t in args.topics.split(",") if t.strip()] if args.topics else None
    try:
        result = evaluate(settings_from(args.settings), topics, args.max_days,
                          args.limit_per_topic, say=True, timelines=args.timelines,
                          lead=args.lead_titles)
    except DataMissing as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 2
    print_figures(result.figures)
    if args.detail:
        print()
        print("\n".join(detail(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
