"""What leads the day: the edition's ranking measured on real corpora.

* ``wcep`` (../shared/data/wcep_2023_01, converted by ``corpora.wcep``: one report per
  cited source, its one-sentence summary as title and text): for each day, the share of
  the edition's top 5 stories whose WCEP category is armed conflicts and attacks,
  international relations, or politics and elections (target >= 0.90), and the share of
  such events with at least two sources that reach the day's top 10 (target >= 0.80).
  A day with fewer than five such events cannot fill its top 5 with them (17 of the 31
  days), so a perfect ranking does not reach 0.90: ``top5_key_share_ceiling`` is the
  share a perfect ranking would reach if each event were one story (per day
  min(5, such events) / min(5, events), 0.800), ``..._ceiling_stories`` the same from
  the stories the edition actually ranked (per day min(5, such stories) / top-5 size:
  soft news left out, events split or merged by clustering), the true maximum. The
  achieved share is also printed against what each day allows: ``..._of_possible`` (hits
  / min(5, such events, top-5 size): 1.0 is a perfect ranking, not a maximum of 0.8) and
  ``top5_key_events_of_possible`` (distinct such events in the top 5, so that an event
  split across two stories counts once). ``key_events_split`` counts such events spread
  over more than one story of their day, ``stories_merging_events`` stories holding
  more than one event. A story's category is the majority category of that day's
  reports in it (ties: the first). Also printed: the share of lead stories (rank 1) in
  those categories, how many stories were left out of the edition (sport,
  entertainment, weather, markets, furniture) and how many of those were in the three
  categories (wrongly left out). The same build's storylines are measured too, as
  ``threads_*`` (``wcep_threads.py``: links to unrelated stories, storylines held).
* ``timeline17``: the pages of chosen Timeline17 folders, fed all at once; for each day
  with a gold timeline entry and at least two ranked stories, how well the lead story's
  words (that day's titles and first sentences) cover the gold entry's words (ROUGE-1
  recall, stopwords dropped), against the best story of the day (oracle) and the day's
  mean story; the share of days whose lead is the best-covering story, and the mean
  reciprocal rank of that story.
* ``background``: the background-summary dev events, leads printed only (every report
  of a day there is one annotator's summary of the same event).

``--leads FILE`` writes every day's ranked stories (title, score, reasons, gold label).

    python eval/salience.py wcep [--leads FILE] [--set NAME=VALUE ...]
    python eval/salience.py timeline17 [--topics A,B] [--leads FILE]
    python eval/salience.py background [--leads FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from common import (
    DataMissing,
    add_settings_option,
    print_figures,
    settings_from,
    shared,
)
from corpora import Built, Corpus, built, load
from wcep_threads import WINDOW, figures_of, read_stories

from geobrief.knowledge.load import bundled_knowledge
from geobrief.settings import Settings
from geobrief.store.stories import StoryRow, sentences_for
from geobrief.stories.rank import Salience, rank_day

KEY_CATEGORIES = frozenset({"Armed conflicts and attacks", "International relations",
                            "Politics and elections"})
TOP = 5
REACH = 10
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an of to in and or for on at by with from as is are was were be been has have had "
    "it its this that these those who which their his her after before over into than said "
    "says will would not no".split())


@dataclass
class Ranked:
    day: str
    stories: list[tuple[StoryRow, Salience]]
    left_out: list[tuple[StoryRow, Salience]] = field(default_factory=list)


def ranked_days(corpus: Corpus, settings: Settings, days: Iterable[str] | None = None,
                inspect: Callable[[Built], None] | None = None
                ) -> tuple[list[Ranked], float]:
    """Each day's edition ranking (and the stories left out of it), and the seconds the
    ranking took over all days; ``inspect`` is given the built corpus first (to measure
    its storylines on the same build)."""
    knowledge = bundled_knowledge()
    out: list[Ranked] = []
    spent = 0.0
    with built(corpus, settings) as done:
        if inspect is not None:
            inspect(done)
        for day in days or corpus.days():
            started = time.perf_counter()
            ranked = rank_day(done.store, date.fromisoformat(day), knowledge,
                              settings=done.settings)
            spent += time.perf_counter() - started
            every = rank_day(done.store, date.fromisoformat(day), knowledge,
                             settings=done.settings.with_overrides(edition_soft_news=True))
            kept = {s.id for s, _ in ranked}
            out.append(Ranked(day, ranked, [(s, v) for s, v in every if s.id not in kept]))
            _texts_for(done, out[-1])
    return out, spent


_TEXTS: dict[str, str] = {}


def _texts_for(done, ranked: Ranked) -> None:
    """Each story's words of the day (titles and first two sentences), kept by story id for
    the Timeline17 score (read while the store is open)."""
    day = date.fromisoformat(ranked.day)
    for story, _ in ranked.stories:
        today = [a for a in story.articles if a.published.date() == day]
        sents = sentences_for(done.store, [a.id for a in today])
        words = [a.title for a in today]
        words += [s.text for a in today for s in sents.get(a.id, [])[:2]]
        _TEXTS[f"{ranked.day}/{story.id}"] = " ".join(words)


def _category(story: StoryRow, day: str, labels: dict[str, dict]) -> str | None:
    found = [_gold(labels[a.url]) for a in story.articles
             if a.published.date().isoformat() == day and a.url in labels]
    return Counter(found).most_common(1)[0][0] if found else None


def _gold(label: dict) -> str:
    """What a report is about: its WCEP category, Timeline17 topic or background event."""
    return str(label.get("category") or label.get("topic") or label.get("event"))


def _events(story: StoryRow, day: str, labels: dict[str, dict]) -> set[int]:
    return {labels[a.url]["event"] for a in story.articles
            if a.published.date().isoformat() == day and a.url in labels}


def wcep_figures(days: list[Ranked], corpus: Corpus) -> dict[str, float | int]:
    gold_by_day: dict[str, list[dict]] = defaultdict(list)
    seen: set[int] = set()
    for label in corpus.labels.values():
        if label["event"] not in seen:
            seen.add(label["event"])
            gold_by_day[corpus.records_day[label["event"]]].append(label)
    raw, possible, by_event, story_ceiling, leads = [], [], [], [], []
    multi = reached = wrongly_left = left = split = merged = short_days = 0
    for ranked in days:
        cats = [_category(s, ranked.day, corpus.labels) for s, _ in ranked.stories]
        top = cats[:TOP]
        hits = sum(c in KEY_CATEGORIES for c in top)
        key_events = [g for g in gold_by_day[ranked.day] if g["category"] in KEY_CATEGORIES]
        key_ids = {g["event"] for g in key_events}
        short_days += len(key_events) < TOP
        if top:
            raw.append(hits / len(top))
            leads.append(float(top[0] in KEY_CATEGORIES))
            key_stories = sum(c in KEY_CATEGORIES for c in cats)
            story_ceiling.append(min(TOP, key_stories) / len(top))
        if key_events and top:
            possible.append(min(1.0, hits / min(TOP, len(key_events), len(top))))
            found = set().union(*(_events(s, ranked.day, corpus.labels)
                                  for s, _ in ranked.stories[:TOP])) & key_ids
            by_event.append(len(found) / min(TOP, len(key_events), len(top)))
        every = [_events(s, ranked.day, corpus.labels) for s, _ in ranked.stories]
        merged += sum(len(e) > 1 for e in every)
        split += sum(sum(event in e for e in every) > 1 for event in key_ids)
        in_reach = set().union(*every[:REACH])
        for g in key_events:
            if g["sources"] >= 2:
                multi += 1
                reached += g["event"] in in_reach
        for s, _ in ranked.left_out:
            left += 1
            wrongly_left += _category(s, ranked.day, corpus.labels) in KEY_CATEGORIES
    return {
        "days": len(days),
        "stories_per_day": round(sum(len(r.stories) for r in days) / (len(days) or 1), 2),
        "top5_key_share": _mean(raw),
        "top5_key_share_ceiling": _ceiling(gold_by_day),
        "top5_key_share_ceiling_stories": _mean(story_ceiling),
        "top5_key_share_of_possible": _mean(possible),
        "top5_key_events_of_possible": _mean(by_event),
        "days_under_5_key_events": short_days,
        "key_events_split": split,
        "stories_merging_events": merged,
        "lead_key_share": _mean(leads),
        "multi_source_key_events": multi,
        "multi_source_key_in_top10": reached / multi if multi else 0.0,
        "left_out": left,
        "left_out_key": wrongly_left,
    }


def _ceiling(gold_by_day: dict[str, list[dict]]) -> float:
    shares = []
    for events in gold_by_day.values():
        key = sum(g["category"] in KEY_CATEGORIES for g in events)
        shares.append(min(TOP, key) / min(TOP, len(events)))
    return _mean(shares)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def timeline_figures(days: list[Ranked], topics: Iterable[str]) -> dict[str, float | int]:
    """How well each day's lead covers that day's gold timeline entries."""
    gold: dict[str, list[set[str]]] = defaultdict(list)
    root = shared("timeline17")
    for folder in topics:
        for path in sorted((root / folder).glob("*.timeline.json")):
            for entry in json.loads(path.read_text(encoding="utf-8")):
                gold[entry["date"]].append(_words(entry["text"]))
    lead, oracle, mean, best_first, reciprocal = [], [], [], [], []
    for ranked in days:
        if ranked.day not in gold or len(ranked.stories) < 2:
            continue
        scores = [max(len(_words(_TEXTS[f"{ranked.day}/{s.id}"]) & g) / (len(g) or 1)
                      for g in gold[ranked.day]) for s, _ in ranked.stories]
        best = max(scores)
        lead.append(scores[0])
        oracle.append(best)
        mean.append(_mean(scores))
        first = scores.index(best)
        best_first.append(float(first == 0))
        reciprocal.append(1.0 / (first + 1))
    return {"gold_days_scored": len(lead), "lead_rouge1_recall": _mean(lead),
            "day_mean_rouge1_recall": _mean(mean), "oracle_rouge1_recall": _mean(oracle),
            "lead_is_best": _mean(best_first), "best_mrr": _mean(reciprocal)}


def write_leads(path: Path, days: list[Ranked], corpus: Corpus, top: int = 10) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for ranked in days:
            handle.write(f"# {ranked.day}\n")
            for n, (story, score) in enumerate(ranked.stories[:top], 1):
                gold = _category(story, ranked.day, corpus.labels) or ""
                handle.write(f"{n:2d}. {score.score:5.2f} [{gold}] {story.title[:120]}\n"
                             f"      why: {'; '.join(score.reasons)}\n")
            for story, score in ranked.left_out:
                gold = _category(story, ranked.day, corpus.labels) or ""
                handle.write(f"  left out [{gold}] {story.title[:100]} "
                             f"({'; '.join(score.reasons[:1])})\n")


def run(name: str = "wcep", settings: Settings | None = None,
        topics: list[str] | None = None, leads: Path | None = None
        ) -> dict[str, float | int]:
    settings = settings or Settings()
    started = time.perf_counter()
    corpus = load(name, topics)
    if name == "wcep":
        corpus.records_day = _event_days(corpus)  # type: ignore[attr-defined]
    figures: dict[str, float | int] = {}

    def storylines(done: Built) -> None:
        found = read_stories(done.store, corpus.labels)
        held, _notes = figures_of(found, WINDOW)
        figures.update({f"threads_{k}": v for k, v in held.items()})

    days, spent = ranked_days(corpus, settings, inspect=storylines if name == "wcep" else None)
    if name == "wcep":
        figures.update(wcep_figures(days, corpus))
    elif name == "timeline17":
        figures.update(timeline_figures(days, topics or sorted(
            {v["folder"] for v in corpus.labels.values()})))
    figures["rank_ms_per_day"] = round(1000 * spent / (len(days) or 1), 2)
    figures["rank_ms_per_story"] = round(
        1000 * spent / (sum(len(r.stories) + len(r.left_out) for r in days) or 1), 3)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if leads is not None:
        write_leads(leads, days, corpus)
    return figures


def _event_days(corpus: Corpus) -> dict[int, str]:
    return {corpus.labels[r["url"]]["event"]: r["published"][:10] for r in corpus.records}


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", choices=("wcep", "timeline17", "background"))
    parser.add_argument("--topics", help="Timeline17 folders or background events")
    parser.add_argument("--leads", type=Path, help="write each day's ranking here")
    add_settings_option(parser)
    args = parser.parse_args(argv)
    try:
        figures = run(args.corpus, settings_from(args.settings),
                      args.topics.split(",") if args.topics else None, args.leads)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    print_figures(figures)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
