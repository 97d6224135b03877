"""Entity linking speed and knowledge load time.

Links at least 5 MB of news text (the demo corpus repeated) on one core and prints MB/s;
times loading the knowledge files and building the linker.

    python bench/bench_link.py [--megabytes 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from geobrief.ingest import ingest_sources
from geobrief.ingest.outlets import OutletRegistry
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import load_knowledge
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()
    t0 = time.perf_counter()
    knowledge = load_knowledge()
    t_load = time.perf_counter() - t0
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
    t0 = time.perf_counter()
    linked = sum(len(linker.link(text, unlinked=False)) for text in batch)
    t_known = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions = sum(len(linker.link(text)) for text in batch)
    t_link = time.perf_counter() - t0
    print(f"knowledge load      {t_load:6.3f} s ({len(knowledge.countries)} countries, "
          f"{len(knowledge.people)} people, {len(knowledge.organisations)} organisations, "
          f"{len(knowledge.treaties)} treaties, {len(knowledge.places)} places)")
    print(f"linker build        {t_build:6.3f} s")
    print(f"knowledge linking   {size / 1e6:6.2f} MB in {t_known:6.2f} s = "
          f"{size / 1e6 / t_known:6.2f} MB/s, {linked} mentions with knowledge ids")
    print(f"+ unlinked names    {size / 1e6:6.2f} MB in {t_link:6.2f} s = "
          f"{size / 1e6 / t_link:6.2f} MB/s, {mentions} mentions "
          f"({len(batch)} articles, {len(batch) / t_link:.0f} articles/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
