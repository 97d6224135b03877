"""Throughput of ingest, analyse (with stories) and compose on generated articles.

Builds N articles (default 10,000) by recombining the paragraphs of the bundled demo
corpus (new URLs, outlets and dates over 30 days, sentences shuffled), writes them as JSON
Lines, then times each stage on a fresh SQLite store and prints articles per second.

    python bench/bench_pipeline.py [--articles 10000] [--days 30] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from geobrief.analyse.run import analyse_pending
from geobrief.app import Geobrief
from geobrief.ingest import ingest_sources
from geobrief.ingest.outlets import OutletRegistry
from geobrief.knowledge.digest import knowledge_digest
from geobrief.knowledge.link import bundled_linker
from geobrief.pipeline import demo_corpus
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.store.analysis import analysis_digest
from geobrief.store.articles import load_articles, news_days
from geobrief.stories import update_stories


class Clock:
    """Wall and CPU (this process) time per stage, lap by lap."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self, stage: str | None) -> float:
        """Close the lap as ``stage`` (None: not counted); returns its wall seconds."""
        wall, cpu = time.perf_counter(), time.process_time()
        elapsed = wall - self._wall
        if stage is not None:
            self.cpu[stage] = cpu - self._cpu
        self._wall, self._cpu = wall, cpu
        return elapsed


def demo_articles(settings: Settings, folder: Path) -> list[dict]:
    store = open_store(str(folder / "seed.db"))
    corpus = demo_corpus()
    ingest_sources(
        store,
        [str(corpus / "feeds"), str(corpus / "pages")],
        settings,
        registry=OutletRegistry.load(corpus / "outlets.yaml"),
    )
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")]
    arts = load_articles(store, ids)
    store.close()
    return [
        {"title": a.title, "paragraphs": a.text.split("\n\n"), "lang": a.language} for a in arts
    ]


def generate(seed_articles: list[dict], n: int, days: int, path: Path) -> None:
    rng = random.Random(20241122)
    start = datetime(2024, 10, 1, tzinfo=UTC)
    outlets = [f"bench-outlet-{i}.example" for i in range(60)]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            base = rng.choice(seed_articles)
            other = rng.choice(seed_articles)
            paragraphs = list(base["paragraphs"])
            rng.shuffle(paragraphs)
            paragraphs = paragraphs[: max(3, len(paragraphs) - 1)] + other["paragraphs"][:1]
            published = start + timedelta(seconds=rng.randrange(days * 86400))
            record = {
                "url": f"https://{rng.choice(outlets)}/{published:%Y/%m/%d}/article-{i}",
                "title": f"{base['title']} ({i})",
                "text": "\n\n".join(paragraphs),
                "published": published.isoformat(),
                "outlet": rng.choice(outlets),
                "language": base["lang"],
            }
            out.write(json.dumps(record) + "\n")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="keep the generated files and store here")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        seed = demo_articles(settings, folder)
        data = folder / "bench.jsonl"
        generate(seed, args.articles, args.days, data)
        db = folder / "bench.db"
        db.unlink(missing_ok=True)
        store = open_store(str(db))
        n = args.articles

        clock = Clock()
        report = ingest_sources(store, [str(data)], settings)
        t_ingest = clock.lap("ingest")
        analysed = analyse_pending(store, bundled_linker(), knowledge_digest())
        t_analyse = clock.lap("analyse")
        digest = analysis_digest(store)["all"]
        clock.lap(None)  # the digest is no stage
        placed = update_stories(store, settings)
        t_stories = clock.lap("stories")
        days = news_days(store)
        stories = 0
        gb = Geobrief(settings, store)
        for day in days:
            briefing = gb.brief(date.fromisoformat(day))
            stories += len(briefing.stories)
        t_compose = clock.lap("compose")
        store.close()

    cpu = clock.cpu
    print(f"articles generated      {n}")
    print(f"ingest    {report.added:6d} stored   {t_ingest:7.2f} s  {n / t_ingest:8.0f} articles/s"
          f"  (CPU {cpu['ingest']:7.2f} s, {n / cpu['ingest']:8.0f}/s)")
    print(f"analyse   {analysed:6d} analysed {t_analyse:7.2f} s  {n / t_analyse:8.0f} articles/s"
          f"  (CPU {cpu['analyse']:7.2f} s, {n / cpu['analyse']:8.0f}/s,"
          f" {1000 * cpu['analyse'] / n:.2f} ms/article)")
    print(f"stories   {placed:6d} placed   {t_stories:7.2f} s  {n / t_stories:8.0f} articles/s"
          f"  (CPU {cpu['stories']:7.2f} s, {n / cpu['stories']:8.0f}/s)")
    print(
        f"analyse+stories                  {t_analyse + t_stories:7.2f} s  "
        f"{n / (t_analyse + t_stories):8.0f} articles/s"
    )
    print(
        f"compose   {len(days):6d} days, {stories} stories {t_compose:7.2f} s  "
        f"{n / t_compose:8.0f} articles/s (articles covered by the briefings)"
        f"  (CPU {cpu['compose']:7.2f} s)"
    )
    end_to_end = cpu["analyse"] + cpu["stories"] + cpu["compose"]
    print(f"end to end (analyse+stories+compose) CPU {end_to_end:7.2f} s  "
          f"{n / end_to_end:8.0f} articles/s;  analysis digest {digest}")
    print(f"peak memory {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
