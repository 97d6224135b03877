"""Entity linking speed and knowledge load time.

Links at least 5 MB of news text (the demo corpus repeated) on one core and prints MB/s
(the median and the best of ``--repeat`` runs, since a shared machine's speed varies);
times loading the knowledge files, parsed (cache off) and from the parse cache, and
building the linker.

    python bench/bench_link.py [--megabytes 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from geobrief.ingest import ingest_sources
from geobrief.ingest.outlets import OutletRegistry
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import Knowledge, load_knowledge
from geobrief.pipeline import demo_corpus
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.store.articles import load_articles


def corpus_texts() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "b.db"))
        corpus = demo_corpus()
        ingest_sources(store, [str(corpus / "feeds"), str(corpus / "pages")], Settings(),
                       registry=OutletRegistry.load(corpus / "outlets.yaml"))
        with store.engine.connect() as conn:
            ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")]
        texts = [a.title + "\n" + a.text for a in load_articles(store, ids)]
        store.close()
    return texts


def _load_seconds(cache: str) -> tuple[float, object]:
    """Seconds to load the knowledge with GEOBRIEF_CACHE_DIR set to ``cache``."""
    before = os.environ.get("GEOBRIEF_CACHE_DIR")
    os.environ["GEOBRIEF_CACHE_DIR"] = cache
    try:
        t0 = time.perf_counter()
        knowledge = load_knowledge()
        return time.perf_counter() - t0, knowledge
    finally:
        if before is None:
            del os.environ["GEOBRIEF_CACHE_DIR"]
        else:
            os.environ["GEOBRIEF_CACHE_DIR"] = before


def _rates(seconds: list[float], size: int) -> str:
    rates = sorted(size / 1e6 / s for s in seconds)
    return f"median {statistics.median(rates):5.2f} MB/s, best {rates[-1]:5.2f} MB/s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    t_parse, _ = _load_seconds("off")
    with tempfile.TemporaryDirectory() as cache:
        _load_seconds(cache)  # fills the cache
        t_load, knowledge = _load_seconds(cache)
    assert isinstance(knowledge, Knowledge)
    t0 = time.perf_counter()
    linker = Linker(knowledge)
    t_build = time.perf_counter() - t0
    texts = corpus_texts()
    target = int(args.megabytes * 1_000_000)
    batch, size = [], 0
    while size < target:
        for text in texts:
            batch.append(text)
            size += len(text.encode("utf-8"))
    known, full = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        linked = sum(len(linker.link(text, unlinked=False)) for text in batch)
        known.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        mentions = sum(len(linker.link(text)) for text in batch)
        full.append(time.perf_counter() - t0)
    print(f"knowledge load      {t_parse:6.3f} s parsed, {t_load:6.3f} s from the parse cache "
          f"({len(knowledge.countries)} countries, {len(knowledge.people)} people, "
          f"{len(knowledge.organisations)} organisations, {len(knowledge.treaties)} treaties, "
          f"{len(knowledge.places)} places)")
    print(f"linker build        {t_build:6.3f} s")
    print(f"knowledge linking   {size / 1e6:6.2f} MB x {args.repeat}: {_rates(known, size)}, "
          f"{linked} mentions with knowledge ids")
    print(f"+ unlinked names    {size / 1e6:6.2f} MB x {args.repeat}: {_rates(full, size)}, "
          f"{mentions} mentions ({len(batch)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
