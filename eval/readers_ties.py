"""The judged (story, reader) ties on real corpora: load, validate, find each story.

eval/readers_judgements.yaml has two lists: ``judgements`` (the demo corpus, scored by
eval/readers_relevance.py) and ``real_judgements``: (story, reader country) pairs from
Timeline17, the background-summary dev events and WCEP January 2023, each with the one
tie a careful editor would name (``tie``, see the file's comment), or ``none``. This script
checks every judgement (vocabulary, fields, ``relevant`` agreeing with ``tie``), finds
each story in its corpus in ../shared/data (its date and words), and prints the counts:

    python eval/readers_ties.py

Scoring geobrief's reasons against these ties is the next step (issue #20, part two):
``story_articles(judgement)`` returns the texts of the judged story, for building a store.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from common import DataMissing, shared

JUDGEMENTS = Path(__file__).resolve().parent / "readers_judgements.yaml"
TIES = ("party", "conflict", "side", "treaty", "alliance", "troops", "sanctions", "arms",
        "aid", "trade", "border", "none")
CORPORA = ("wcep_2023_01", "timeline17", "background_summaries")


@dataclass(frozen=True)
class StoryRef:
    corpus: str
    date: str
    words: tuple[str, ...]
    topic: str = ""  # timeline17
    event: str = ""  # background_summaries

    @property
    def label(self) -> str:
        where = self.topic or self.event
        return f"{self.corpus}{'/' + where if where else ''} {self.date} {list(self.words)}"


def story_ref(entry: dict[str, Any]) -> StoryRef:
    story = entry["story"]
    return StoryRef(str(story["corpus"]), str(story["date"]), tuple(story["words"]),
                    str(story.get("topic") or ""), str(story.get("event") or ""))


def load_real(path: Path = JUDGEMENTS) -> list[dict[str, Any]]:
    """The real judgements, each checked; ValueError names the first bad one."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = data.get("real_judgements") or []
    for number, entry in enumerate(out, 1):
        ref = story_ref(entry)
        where = f"real judgement {number} ({ref.label} x {entry['reader']['country']})"
        if ref.corpus not in CORPORA:
            raise ValueError(f"{where}: unknown corpus {ref.corpus!r}")
        if ref.corpus == "timeline17" and not ref.topic or \
                ref.corpus == "background_summaries" and not ref.event or not ref.words:
            raise ValueError(f"{where}: a timeline17 story needs a topic, a background one "
                             "an event, every story words")
        if entry["tie"] not in TIES:
            raise ValueError(f"{where}: unknown tie {entry['tie']!r}")
        if entry["relevant"] != (entry["tie"] != "none"):
            raise ValueError(f"{where}: relevant must be false exactly when tie is none")
        if not str(entry.get("why") or "").strip():
            raise ValueError(f"{where}: no why")
    return out


@lru_cache(maxsize=32)
def _timeline17(topic: str) -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(shared("timeline17", topic, "articles.json").read_text("utf-8")))


@lru_cache(maxsize=1)
def _wcep() -> tuple[dict[str, Any], ...]:
    path = shared("wcep_2023_01", "wcep_2023_01_events.jsonl")
    return tuple(json.loads(line) for line in path.read_text("utf-8").splitlines() if line)


@lru_cache(maxsize=8)
def _updates(event: str) -> tuple[tuple[str, str], ...]:
    csv.field_size_limit(10**9)
    folder = shared("background_summaries", "events", event)
    out = []
    for path in sorted(folder.glob("annotator*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in list(csv.reader(handle, delimiter="\t"))[1:]:
                if len(row) >= 2:
                    out.append((row[0].strip("[]"), row[1]))
    return tuple(out)


def story_texts(ref: StoryRef) -> list[str]:
    """The texts of the corpus that are the judged story (date and every word match)."""
    def has(text: str) -> bool:
        low = text.lower()
        return all(w.lower() in low for w in ref.words)

    if ref.corpus == "wcep_2023_01":
        return [e["summary"] for e in _wcep() if e["date"] == ref.date and has(e["summary"])]
    if ref.corpus == "timeline17":
        return [a["text"] for a in _timeline17(ref.topic)
                if a["dct"] == ref.date and has(a["text"])]
    return [text for day, text in _updates(ref.event) if day == ref.date and has(text)]


def run(path: Path = JUDGEMENTS) -> dict[str, Any]:
    real = load_real(path)
    refs = {story_ref(j) for j in real}
    missing = sorted(r.label for r in refs if not story_texts(r))
    return {
        "pairs": len(real),
        "stories": len(refs),
        "by_corpus": dict(Counter(j["story"]["corpus"] for j in real)),
        "by_reader": dict(Counter(j["reader"]["country"] for j in real)),
        "by_tie": dict(Counter(j["tie"] for j in real).most_common()),
        "judged_none": sum(j["tie"] == "none" for j in real),
        "stories_not_found": missing,
    }


def main() -> int:
    try:
        figures = run()
    except DataMissing as exc:
        print(f"skipped: {exc}")
        return 0
    for key, value in figures.items():
        print(f"{key:18s} {value}")
    return 1 if figures["stories_not_found"] else 0


if __name__ == "__main__":
    sys.exit(main())
