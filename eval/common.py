"""Helpers shared by the story evaluations on real data (../shared/data).

The data is internal evaluation material: it is read in place from ``../shared/data``
(resolved from the repository root) and never copied into the repository. Scripts raise
``DataMissing`` when it is absent, and tests skip with the reason.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from geobrief.errors import IngestError, SettingsError
from geobrief.ingest import IngestReport, ingest_sources
from geobrief.settings import Settings
from geobrief.store import Store, open_store
from geobrief.store.schema import articles, stories, story_articles, threads

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
K = TypeVar("K", bound=Hashable)


class DataMissing(RuntimeError):
    """The internal evaluation data is not where it should be."""


def shared(*parts: str) -> Path:
    """A path under ../shared/data; ``DataMissing`` (with the reason) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise DataMissing(f"{path} absent (internal evaluation data, read from ../shared/data)")
    return path


def bcubed(
    predicted: Mapping[K, Hashable], gold: Mapping[K, Hashable]
) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering against gold labels.

    Scored over the items of ``gold``; every one of them must have a predicted label."""
    by_pred: dict[Hashable, set[K]] = defaultdict(set)
    by_gold: dict[Hashable, set[K]] = defaultdict(set)
    for item in gold:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        cluster = by_pred[predicted[item]]
        truth = by_gold[gold[item]]
        both = len(cluster & truth)
        precision += both / len(cluster)
        recall += both / len(truth)
    n = len(gold) or 1
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def split_at_gaps(published: Mapping[K, datetime], gold: Mapping[K, Hashable],
                  gap: timedelta) -> dict[K, tuple[Hashable, int]]:
    """The best clustering a windowed clusterer could reach: each gold group, in date
    order, cut wherever two successive items lie more than ``gap`` apart (a story or
    thread cannot bridge such a gap). Scored with ``bcubed`` against ``gold`` it bounds
    the recall any such clusterer can have at full precision."""
    by_gold: dict[Hashable, list[K]] = defaultdict(list)
    for item in gold:
        by_gold[gold[item]].append(item)
    parts: dict[K, tuple[Hashable, int]] = {}
    for label, items in by_gold.items():
        part, previous = 0, None
        for item in sorted(items, key=lambda i: published[i]):
            if previous is not None and published[item] - previous > gap:
                part += 1
            parts[item] = (label, part)
            previous = published[item]
    return parts


def median_max(values: Iterable[float]) -> tuple[float, float]:
    values = list(values)
    if not values:
        return 0.0, 0.0
    return float(statistics.median(values)), float(max(values))


@dataclass
class IngestLog:
    """Every ingest report of a run, summed, and the errors by GB code."""

    reports: list[IngestReport] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(r.added for r in self.reports)

    @property
    def duplicate(self) -> int:
        return sum(r.duplicate for r in self.reports)

    def by_code(self) -> Counter[str]:
        return Counter(e.code.value for e in self.errors)

    def examples(self, per_code: int = 2) -> list[str]:
        shown: Counter[str] = Counter()
        out = []
        for error in self.errors:
            if shown[error.code.value] < per_code:
                shown[error.code.value] += 1
                out.append(str(error))
        return out


def write_jsonl(path: Path, records: Iterable[dict]) -> int:
    """Write ``records`` as JSON Lines (UTF-8); returns how many."""
    n = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def ingest_records(
    store: Store, records: list[dict], settings: Settings, workdir: Path, log: IngestLog,
    name: str = "batch.jsonl",
) -> IngestReport:
    """Write ``records`` to a JSON Lines file in ``workdir`` and ingest it, as a user would."""
    path = workdir / name
    write_jsonl(path, records)
    report = ingest_sources(store, [str(path)], settings, on_error=log.errors.append)
    log.reports.append(report)
    path.unlink()
    return report


@contextmanager
def fresh_store() -> Iterator[tuple[Store, Path]]:
    """A new SQLite store in a temporary folder (removed afterwards), and the folder."""
    with tempfile.TemporaryDirectory(prefix="geobrief-eval-") as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        try:
            yield store, Path(tmp)
        finally:
            store.close()


@dataclass(frozen=True)
class Placed:
    """One stored article with its story, thread and thread name (None when not placed)."""

    id: int
    url: str
    title: str
    published: datetime
    origin_id: int | None
    story_id: str | None
    thread_id: str | None
    thread_name: str | None = None
    thread_link: str | None = None  # the rule that linked its story to the thread


def placements(store: Store) -> dict[str, Placed]:
    """Every stored article by URL, with its story, thread and copy origin."""
    query = (
        select(articles.c.id, articles.c.url, articles.c.title, articles.c.published,
               articles.c.origin_id, story_articles.c.story_id, stories.c.thread_id,
               threads.c.name.label("thread_name"), stories.c.thread_link)
        .outerjoin(story_articles, story_articles.c.article_id == articles.c.id)
        .outerjoin(stories, stories.c.id == story_articles.c.story_id)
        .outerjoin(threads, threads.c.id == stories.c.thread_id)
    )
    with store.engine.connect() as conn:
        return {r.url: Placed(r.id, r.url, r.title, r.published, r.origin_id, r.story_id,
                              r.thread_id, r.thread_name, r.thread_link)
                for r in conn.execute(query)}


def add_settings_option(parser: argparse.ArgumentParser) -> None:
    """``--set NAME=VALUE`` (repeatable): evaluate with settings other than the defaults,
    as a config file would give them (``--set thread_threshold=0.15``)."""
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        dest="settings", help="a setting other than its default (repeatable)")


def settings_from(pairs: list[str]) -> Settings:
    """Settings with ``NAME=VALUE`` overrides; a malformed pair or unknown name stops the
    evaluation with the reason (a figure measured on settings other than asked is worse
    than none)."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise SystemExit(f"--set {pair!r}: expected NAME=VALUE")
        values[name.strip()] = value.strip()
    try:
        return Settings().with_overrides(**values)
    except SettingsError as exc:
        raise SystemExit(f"--set: {exc}") from exc


def print_figures(figures: Mapping[str, object]) -> None:
    width = max((len(k) for k in figures), default=10) + 2
    for key, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{key:{width}s} {shown}")
