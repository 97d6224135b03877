"""Story clustering on Giveme5W1H's news_cluster: BCubed against its 69 gold events.

Reads ../shared/data/giveme5w1h/news_cluster.jsonl (383 full-text articles from 2016-18,
NYT, WaPo, BBC, RT, CNN, China Daily, ..., each labelled with an ``event_id``), turns each
article into a JSON Lines record geobrief ingests, ingests the file into a fresh temporary
store with ``ingest_sources``, runs ``bring_up_to_date`` once, and scores the stories (and,
for context, the threads) against the gold events with BCubed precision, recall and F1.

Conversion of an article (fields id, event_id, event, category, url, source_domain,
date_publish, title, description, text):

* ``url``, ``title`` as given; ``text`` is the article text, or the ``description`` when
  the text is empty (counted as ``text_from_description``);
* ``outlet`` is ``source_domain`` without a leading ``www.``;
* ``published``: ``date_publish`` (ISO 8601 without a zone, taken as UTC). When it is
  missing or unreadable the fallback is a date in the URL (``/2017/09/15/``,
  ``/2017-09/15/``, ``/20170915``; a bare ``/2017/09/`` gives the 1st) at 12:00 UTC
  (counted as ``date_from_url``); an article with neither is sent without a date and
  ingest refuses it (GB109, counted in ``ingest_failed``). On the current file every
  article has a readable ``date_publish``.

Also printed: ingest failures by GB code, the share of articles marked as copies
(``articles.origin_id`` set) and how many of those copy an article of another event, the
number of stories and threads against gold events, and the date spread of each gold event
(days between its first and last article; median and max) with the share of same-event
article pairs published within ``story_max_days`` of each other, which bounds how much of
an event one story can hold. ``articles_over_7_days_from_event_median`` counts articles
dated more than a week from their event's median date (mostly RT, whose ``date_publish``
looks like a crawl date). Of the same-event pairs the clustering splits,
``split_pairs_within_max_days`` is the share that were close enough in time to share a
story: those splits are of similarity, the rest of time;
``same_event_pairs_thread_split`` and ``thread_split_pairs_within_window`` say the same
of threads (``thread_window_days``). ``story_f1_ceiling`` and ``thread_f1_ceiling`` are
the F1 a clusterer with perfect similarity would reach when its stories (threads) cannot
bridge a gap longer than ``story_max_days`` (``thread_window_days``) between two articles
of an event. ``--errors N`` lists the most split events and the stories mixing events,
with titles, and the events split over most threads with how each thread's stories were
linked.

    python eval/giveme5w1h_clusters.py [--errors 8] [--set NAME=VALUE ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import combinations

from common import (
    DataMissing,
    IngestLog,
    Placed,
    add_settings_option,
    bcubed,
    fresh_store,
    ingest_records,
    median_max,
    placements,
    print_figures,
    settings_from,
    shared,
    split_at_gaps,
)

from geobrief.ingest.normalise import canonical_url, parse_datetime
from geobrief.pipeline import bring_up_to_date
from geobrief.settings import Settings

DATA = ("giveme5w1h", "news_cluster.jsonl")
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-]?(\d\d)[/-]?(\d\d)(?:[/-]|$)|/(20\d\d)[/-](\d\d)/")


def url_date(url: str) -> datetime | None:
    """A publication date written in the URL's path, at 12:00 UTC; None when there is none."""
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = match.group(1, 2, 3) if match.group(1) else (*match.group(4, 5), "01")
    try:
        return datetime(int(year), int(month), int(day), 12, tzinfo=UTC)
    except ValueError:
        return None


def load_gold() -> list[dict]:
    path = shared(*DATA)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def to_record(article: dict, counts: Counter[str]) -> dict:
    """The JSON Lines record geobrief ingests for one Giveme5W1H article."""
    published = parse_datetime(article.get("date_publish") or None)
    if published is not None:
        counts["date_from_field"] += 1
    else:
        published = url_date(article.get("url") or "")
        counts["date_from_url" if published else "no_date"] += 1
    text = article.get("text") or ""
    if not text.strip() and article.get("description"):
        text = article["description"]
        counts["text_from_description"] += 1
    outlet = str(article.get("source_domain") or "")
    outlet = outlet[4:] if outlet.startswith("www.") else outlet
    record = {"url": article["url"], "title": article.get("title") or "", "text": text,
              "outlet": outlet}
    if published is not None:
        record["published"] = published.isoformat()
    return record


@dataclass
class Evaluation:
    figures: dict[str, float | int] = field(default_factory=dict)
    gold: dict[str, dict] = field(default_factory=dict)  # canonical URL -> article
    placed: dict[str, Placed] = field(default_factory=dict)
    log: IngestLog = field(default_factory=IngestLog)


def evaluate(settings: Settings | None = None) -> Evaluation:
    settings = settings or Settings()
    gold_articles = load_gold()
    counts: Counter[str] = Counter()
    records = [to_record(a, counts) for a in gold_articles]
    result = Evaluation(gold={canonical_url(a["url"]): a for a in gold_articles})
    with fresh_store() as (store, tmp):
        ingest_records(store, records, settings, tmp, result.log, "giveme5w1h.jsonl")
        bring_up_to_date(store, settings)
        result.placed = {u: p for u, p in placements(store).items() if u in result.gold}
    gold, placed = result.gold, result.placed
    scored = [u for u, p in placed.items() if p.story_id is not None]
    events = {u: gold[u]["event_id"] for u in scored}
    story = {u: placed[u].story_id for u in scored}
    thread = {u: placed[u].thread_id for u in scored}
    sp, sr, sf = bcubed(story, events)
    tp, tr, tf = bcubed(thread, events)
    by_id = {p.id: u for u, p in placed.items()}
    copies = [u for u in scored if placed[u].origin_id is not None]
    cross = [u for u in copies
             if gold.get(by_id.get(placed[u].origin_id or 0, ""), {}).get("event_id")
             != events[u]]
    story_sizes = Counter(story.values())
    dates: dict[int, list[datetime]] = defaultdict(list)
    for u in scored:
        dates[events[u]].append(placed[u].published)
    spreads = [(max(d) - min(d)).total_seconds() / 86400 for d in dates.values()]
    spread_median, spread_max = median_max(spreads)
    span = settings.story_max_days * 86400
    pairs = [(a, b) for us in _by_event(scored, events).values() for a, b in combinations(us, 2)]
    apart = {(a, b): abs((placed[a].published - placed[b].published).total_seconds())
             for a, b in pairs}
    close = sum(1 for pair in pairs if apart[pair] <= span)
    missed = [pair for pair in pairs if story[pair[0]] != story[pair[1]]]
    missed_close = sum(1 for pair in missed if apart[pair] <= span)
    window = settings.thread_window_days * 86400
    thread_missed = [pair for pair in pairs if thread[pair[0]] != thread[pair[1]]]
    thread_missed_close = sum(1 for pair in thread_missed if apart[pair] <= window)
    published = {u: placed[u].published for u in scored}
    story_cut = split_at_gaps(published, events, timedelta(days=settings.story_max_days))
    thread_cut = split_at_gaps(published, events, timedelta(days=settings.thread_window_days))
    centre = {e: sorted(d)[len(d) // 2] for e, d in dates.items()}
    far = sum(1 for u in scored
              if abs((placed[u].published - centre[events[u]]).days) > 7)
    result.figures = {
        "articles": len(gold_articles),
        "ingested": result.log.added,
        "ingest_failed": len(result.log.errors),
        **{f"failed_{code}": n for code, n in sorted(result.log.by_code().items())},
        "duplicates_skipped": result.log.duplicate,
        "date_from_field": counts["date_from_field"],
        "date_from_url": counts["date_from_url"],
        "no_date": counts["no_date"],
        "text_from_description": counts["text_from_description"],
        "scored": len(scored),
        "story_precision": sp,
        "story_recall": sr,
        "story_f1": sf,
        "stories": len(story_sizes),
        "singleton_stories": sum(1 for n in story_sizes.values() if n == 1),
        "gold_events": len(set(events.values())),
        "thread_precision": tp,
        "thread_recall": tr,
        "thread_f1": tf,
        "threads": len(set(thread.values())),
        "story_f1_ceiling": bcubed(story_cut, events)[2],
        "thread_f1_ceiling": bcubed(thread_cut, events)[2],
        "copies": len(copies),
        "copy_share": len(copies) / (len(scored) or 1),
        "copies_of_other_event": len(cross),
        "event_spread_days_median": spread_median,
        "event_spread_days_max": spread_max,
        "articles_over_7_days_from_event_median": far,
        "same_event_pairs": len(pairs),
        "same_event_pairs_within_max_days": close / (len(pairs) or 1),
        "same_event_pairs_split": len(missed),
        "split_pairs_within_max_days": missed_close / (len(missed) or 1),
        "same_event_pairs_thread_split": len(thread_missed),
        "thread_split_pairs_within_window": thread_missed_close / (len(thread_missed) or 1),
    }
    return result


def _by_event(urls: list[str], events: dict[str, int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for u in urls:
        out[events[u]].append(u)
    return out


def run(settings: Settings | None = None) -> dict[str, float]:
    """Every figure, by name (counts as whole numbers)."""
    return dict(evaluate(settings).figures)


def error_report(result: Evaluation, top: int) -> list[str]:
    """The most split gold events and the most mixed stories, with titles."""
    gold, placed = result.gold, result.placed
    scored = [u for u, p in placed.items() if p.story_id is not None]
    by_event: dict[int, list[str]] = defaultdict(list)
    by_story: dict[str, list[str]] = defaultdict(list)
    for u in scored:
        by_event[gold[u]["event_id"]].append(u)
        by_story[placed[u].story_id].append(u)  # type: ignore[index]

    def line(u: str) -> str:
        p = placed[u]
        copy = " [copy]" if p.origin_id is not None else ""
        return f"    {p.published:%Y-%m-%d} {gold[u]['source_domain']}: {p.title[:90]}{copy}"

    out = split_events(result, by_event, line, top, "story", 4)
    out.append(f"Stories mixing gold events, top {top}:")
    mixed = sorted(((s, us) for s, us in by_story.items()
                    if len({gold[u]['event_id'] for u in us}) > 1),
                   key=lambda kv: (-len({gold[u]['event_id'] for u in kv[1]}), -len(kv[1])))
    for story, urls in mixed[:top]:
        names = Counter(gold[u]["event"] for u in urls)
        out.append(f"  story {story} ({len(urls)} articles): "
                   + ", ".join(f"{n} x{c}" for n, c in names.most_common()))
        for u in sorted(urls, key=lambda u: placed[u].published)[:6]:
            out.append(line(u))
    out.extend(split_events(result, by_event, line, top, "thread", 5))
    if result.log.errors:
        out.append("Ingest errors (examples):")
        out.extend(f"  {e}" for e in result.log.examples())
    return out


def split_events(result: Evaluation, by_event: dict[int, list[str]],
                 line: Callable[[str], str], top: int, level: str, parts_shown: int
                 ) -> list[str]:
    """The gold events split over most stories (``level`` "story") or threads
    ("thread"): each part's first three articles; for threads with how each article's
    story was linked, to tell splits of similarity from splits of time (an article more
    than the thread window after its event's others)."""
    gold, placed = result.gold, result.placed

    def part(u: str) -> str | None:
        return placed[u].story_id if level == "story" else placed[u].thread_id

    out = [f"Most split gold events (articles in how many {level}s), top {top}:"]
    split = sorted(by_event.items(), key=lambda kv: (-len({part(u) for u in kv[1]}), kv[0]))
    for event, urls in split[:top]:
        parts = Counter(part(u) for u in urls)
        if len(parts) == 1:
            break
        out.append(f"  event {event} {gold[urls[0]]['event']}: {len(urls)} articles in "
                   f"{len(parts)} {level}s (sizes {sorted(parts.values(), reverse=True)})")
        for n, (held, _size) in enumerate(parts.most_common()[:parts_shown]):
            members = sorted((u for u in urls if part(u) == held),
                             key=lambda u: placed[u].published)
            out.append(f"   {level} {chr(65 + n)} ({len(members)}):")
            out.extend(line(u) + (f" <{placed[u].thread_link or 'first'}>"
                                  if level == "thread" else "") for u in members[:3])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also list the N most split events and most mixed stories")
    add_settings_option(parser)
    args = parser.parse_args(argv)
    try:
        result = evaluate(settings_from(args.settings))
    except DataMissing as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 2
    print_figures(result.figures)
    if args.errors:
        print()
        print("\n".join(error_report(result, args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
