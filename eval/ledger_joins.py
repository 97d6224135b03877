"""The claim ledger's joins against a hand-checked gold (eval/ledger_gold.yaml), on the
demo and on real news (Giveme5W1H's news_cluster in ../shared/data), and its figures lines.

Joins: pairs of gold claims that state one proposition should share a ledger entry
(recall); pairs of claims of different propositions should not (precision). ``split``
says how many entries each proposition is spread over. The gold names claims the ledger
may never have seen (a sentence analysis did not keep as a claim counts as ``missing``).

On Giveme5W1H (383 articles, 69 gold events; converted and ingested as in
``giveme5w1h_clusters.py``) two measures need no proposition gold:

* ``event_precision``: of the pairs of claims one entry joins across two original reports,
  the share whose reports belong to one gold event (a join across events is always wrong);
* ``figures_lines`` and ``figures_lines_mixing_events``: every "Figures ... differ" line
  the ledger can give (``compose.ledger_lines.figure_lines``) and how many cite reports of
  two gold events (a line pooling two events' figures is wrong; target 0). ``--lines``
  prints them for checking by hand that each compares one typed quantity.

The demo run also prints the troop story's entry as the composer reads it (parties by
stance, figures, status history).

    python eval/ledger_joins.py                 # demo and giveme5w1h
    python eval/ledger_joins.py demo            # the demo only (no shared data needed)
    python eval/ledger_joins.py giveme5w1h --lines
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml
from common import DataMissing, IngestLog, fresh_store, ingest_records, print_figures
from giveme5w1h_clusters import load_gold as load_articles
from giveme5w1h_clusters import to_record

from geobrief.app import Geobrief
from geobrief.compose.ledger_lines import figure_lines
from geobrief.ingest.normalise import canonical_url
from geobrief.pipeline import bring_up_to_date, run_demo
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.stories.ledger import Entry, Stance, history_in_words

GOLD = Path(__file__).parent / "ledger_gold.yaml"
TROOP_STORY_TITLE = "Analysis: With pact ratified and troops in Kursk"
TROOP_DAY = "2024-11-22"

Gold = dict[str, list[tuple[str, str]]]  # proposition -> [(URL or URL path, claim key)]
Matcher = Callable[[Stance, str, str], bool]


@dataclass
class JoinScore:
    claims: int = 0  # gold claims found in the ledger
    missing: list[str] = field(default_factory=list)  # gold claims not in any entry
    pairs_same: int = 0  # gold pairs of one proposition
    pairs_joined: int = 0  # of those, in one entry
    pairs_apart: int = 0  # gold pairs of different propositions
    pairs_wrongly_joined: int = 0  # of those, in one entry
    split: dict[str, int] = field(default_factory=dict)  # proposition -> entries used

    @property
    def recall(self) -> float:
        return self.pairs_joined / self.pairs_same if self.pairs_same else 0.0

    @property
    def precision(self) -> float:
        joined = self.pairs_joined + self.pairs_wrongly_joined
        return self.pairs_joined / joined if joined else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self, prefix: str) -> dict[str, float | int]:
        return {f"{prefix}_gold_claims": self.claims,
                f"{prefix}_gold_missing": len(self.missing),
                f"{prefix}_pairs_same": self.pairs_same,
                f"{prefix}_pairs_joined": self.pairs_joined,
                f"{prefix}_pairs_apart": self.pairs_apart,
                f"{prefix}_pairs_wrongly_joined": self.pairs_wrongly_joined,
                f"{prefix}_join_precision": self.precision,
                f"{prefix}_join_recall": self.recall,
                f"{prefix}_join_f1": self.f1,
                f"{prefix}_propositions_split": sum(n > 1 for n in self.split.values())}


def load_gold(section: str, path: Path = GOLD) -> Gold:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {prop["id"]: [tuple(part.strip() for part in c.split("|", 1))  # type: ignore
                         for c in prop["claims"]]
            for prop in data[section]}


def sentence_key(text: str) -> str:
    """How the real-news gold names a sentence without keeping its text: the first ten
    hex digits of the SHA-1 of its words joined by single spaces."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def by_start(stance: Stance, url_path: str, start: str) -> bool:
    """The demo's gold: a URL's path and the start of the sentence."""
    return stance.url.endswith(url_path) and stance.text.startswith(start)


def by_hash(stance: Stance, url: str, key: str) -> bool:
    """The real-news gold: the full URL and the sentence's key."""
    return canonical_url(stance.url) == canonical_url(url) and sentence_key(stance.text) == key


def score(entries: list[Entry], gold: Gold, match: Matcher) -> JoinScore:
    stances = [(s, e.id) for e in entries for s in e.stances]
    found: list[tuple[str, str]] = []  # (proposition, entry)
    result = JoinScore()
    for prop, claims in gold.items():
        used = set()
        for where, key in claims:
            entry = next((e for s, e in stances if match(s, where, key)), None)
            if entry is None:
                result.missing.append(f"{prop}: {where} | {key}")
                continue
            found.append((prop, entry))
            used.add(entry)
        result.split[prop] = len(used)
    result.claims = len(found)
    for (p1, e1), (p2, e2) in combinations(found, 2):
        if p1 == p2:
            result.pairs_same += 1
            result.pairs_joined += e1 == e2
        else:
            result.pairs_apart += 1
            result.pairs_wrongly_joined += e1 == e2
    return result


def event_precision(entries: Iterable[Entry], event_of: dict[str, int]) -> tuple[int, int]:
    """(pairs of claims joined across two original reports, of those within one event)."""
    joined = same = 0
    for entry in entries:
        known = [(s.origin, event_of[canonical_url(s.url)]) for s in entry.stances
                 if canonical_url(s.url) in event_of]
        for (o1, e1), (o2, e2) in combinations(known, 2):
            if o1 != o2:
                joined += 1
                same += e1 == e2
    return joined, same


def figures_lines(entries: list[Entry]) -> list[tuple[Entry, str, list[str]]]:
    """(entry, line text, URLs cited) for every figures line the ledger can give."""
    out = []
    for entry in entries:
        articles = {s.article_id for s in entry.stances}
        for line in figure_lines([entry], articles):
            out.append((entry, line.text, [c.url for c in line.citations]))
    return out


def troop_entry(gb: Geobrief) -> Entry | None:
    """The troop story's largest ledger entry as the composer reads it on its day."""
    story = next((s for s, _ in gb.stories(TROOP_DAY)
                  if s.title.startswith(TROOP_STORY_TITLE)), None)
    if story is None:
        return None
    mine = {a.id for a in story.articles}
    touching = [e for e in gb.claims(story.id, TROOP_DAY)
                if any(s.article_id in mine for s in e.stances)]
    return max(touching, key=lambda e: len(e.stances), default=None)


def describe(entry: Entry) -> str:
    lines = [f"[{entry.status}] {entry.proposition}", f"  act {entry.act}, about "
             f"{', '.join(entry.countries)}; {len(entry.stances)} stances"]
    for stance, stands in entry.parties().items():
        for p in stands:
            speakers = ", ".join(s.name for s in p.speakers[:4])
            figures = "; ".join(p.figures[:4])
            lines.append(f"  {stance:<12} {p.name} [{p.id}] by {speakers}"
                         + (f" -- figures: {figures}" if figures else ""))
    lines.append(f"  history: {history_in_words(entry)}")
    return "\n".join(lines)


def demo_figures(db: Path, show_entry: bool = False) -> dict[str, float | int]:
    """The joins against the gold in a demo store (``geobrief demo``'s demo.db)."""
    settings = Settings()
    store = open_store(str(db))
    try:
        gb = Geobrief(settings, store)
        result = score(gb.claims(), load_gold("propositions"), by_start)
        if show_entry:
            _print_joins("demo", result)
            entry = troop_entry(gb)
            print(f"\nThe troop story's entry on {TROOP_DAY}")
            print(describe(entry) if entry else "  (not found)")
    finally:
        store.close()
    return result.figures("demo")


def run_demo_eval(show_entry: bool = False) -> dict[str, float | int]:
    """The demo built in a temporary folder, and its joins against the gold."""
    with tempfile.TemporaryDirectory(prefix="geobrief-ledger-") as tmp:
        run_demo(Path(tmp), Settings())
        return demo_figures(Path(tmp) / "demo.db", show_entry)


def run_giveme(show: bool = False, lines: bool = False) -> dict[str, float | int]:
    """Joins, event precision and figures lines on Giveme5W1H (raises DataMissing)."""
    articles = load_articles()
    event_of = {canonical_url(a["url"]): a["event_id"] for a in articles}
    counts: Counter[str] = Counter()
    settings = Settings()
    with fresh_store() as (store, tmp):
        ingest_records(store, [to_record(a, counts) for a in articles], settings, tmp,
                       IngestLog(), "giveme5w1h.jsonl")
        bring_up_to_date(store, settings)
        entries = Geobrief(settings, store).claims()
    result = score(entries, load_gold("giveme5w1h_propositions"), by_hash)
    joined, same = event_precision(entries, event_of)
    found = figures_lines(entries)
    mixing = [(e, text, urls) for e, text, urls in found
              if len({event_of.get(canonical_url(u)) for u in urls} - {None}) > 1]
    if show:
        _print_joins("giveme5w1h", result)
    if lines:
        for n, (entry, text, urls) in enumerate(found, 1):
            events = sorted({str(event_of.get(canonical_url(u))) for u in urls})
            print(f"{n}. [{entry.id}; events {', '.join(events)}] {text}\n")
    return {**result.figures("giveme5w1h"),
            "giveme5w1h_entries": len(entries),
            "giveme5w1h_entries_across_reports":
                sum(len({s.origin for s in e.stances}) > 1 for e in entries),
            "giveme5w1h_pairs_across_reports": joined,
            "giveme5w1h_event_precision": same / joined if joined else 0.0,
            "giveme5w1h_figures_lines": len(found),
            "giveme5w1h_figures_lines_mixing_events": len(mixing)}


def _print_joins(name: str, result: JoinScore) -> None:
    print(f"{name}: gold claims found {result.claims} ({len(result.missing)} missing)")
    for missing in result.missing:
        print(f"  missing: {missing}")
    for prop, n in result.split.items():
        print(f"  {prop}: {n} entr{'y' if n == 1 else 'ies'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", choices=("all", "demo", "giveme5w1h"),
                        default="all")
    parser.add_argument("--lines", action="store_true",
                        help="print every figures line of giveme5w1h, for checking by hand")
    args = parser.parse_args(argv)
    figures: dict[str, float | int] = {}
    if args.corpus in ("all", "demo"):
        figures.update(run_demo_eval(show_entry=True))
    if args.corpus in ("all", "giveme5w1h"):
        try:
            figures.update(run_giveme(show=True, lines=args.lines))
        except DataMissing as exc:
            print(f"data missing: {exc}", file=sys.stderr)
            return 2
    print()
    print_figures(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
