"""What reading a document (sentences, datelines, noise, languages, outlet furniture) costs
in analysis, in one run.

N articles (Timeline17 pages when ../shared/data is there, else the demo corpus) are
ingested into a fresh SQLite store (not timed); then, in CPU seconds of this process (so
that other work on the machine does not count):

* ``analysis``: ``analyse_pending`` over the store, as ``geobrief analyse`` runs it (reading,
  cues, claims, events, outlook, linking, features, furniture statistics, writes);
* ``reading``: ``read_structure`` alone over the same articles (sentences by sentencex and
  their repairs, datelines and wire tags cut, noise labels, sentence languages).

Printed: both, and reading's share of the rest of analysis (``reading / (analysis -
reading)``, target at most 10 %). Before this work, sentences came from one regular
expression whose cost was too small to measure beside the rest, so the share is what
reading adds.

    python bench/bench_reading.py [--articles 400] [--demo]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from geobrief.analyse.document import read_structure
from geobrief.analyse.run import analyse_pending
from geobrief.ingest import ingest_sources
from geobrief.knowledge.digest import knowledge_digest
from geobrief.knowledge.link import bundled_linker
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.store.articles import count_articles, load_articles

ROOT = Path(__file__).resolve().parent.parent


def records(demo: bool, n: int) -> list[dict] | None:
    if demo:
        return None
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        from timeline17_threads import load_items

        items = load_items(None, None, max(1, n // 17 + 1))
    except Exception as exc:  # the data is absent: the demo corpus stands in
        print(f"Timeline17 not read ({exc}); the demo corpus stands in", file=sys.stderr)
        return None
    return [i.record() for i in items if i.text][:n]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--demo", action="store_true", help="the demo corpus, not Timeline17")
    args = parser.parse_args()
    found = records(args.demo, args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        settings = Settings()
        if found is None:
            from geobrief.pipeline import demo_corpus

            corpus = demo_corpus()
            sources = [str(corpus / "feeds"), str(corpus / "pages")]
        else:
            path = Path(tmp) / "articles.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in found), encoding="utf-8")
            sources = [str(path)]
        ingest_sources(store, sources, settings, on_error=lambda e: None)
        n = count_articles(store)
        articles = load_articles(store, list(range(1, n + 1)))
        read_structure("", "Warm up. GENEVA (Reuters) - It is.")
        linker, digest = bundled_linker(), knowledge_digest()
        t0 = time.process_time()
        analyse_pending(store, linker, digest)
        analysis = time.process_time() - t0
        t0 = time.process_time()
        sentences = noise = 0
        for article in articles:
            structure = read_structure(article.title, article.text, article.language)
            sentences += len(structure.sentences)
            noise += len(structure.sentences) - len(structure.news)
        reading = time.process_time() - t0
        store.close()
    print(f"{n} articles, {sentences} sentences ({noise} noise)")
    print(f"analysis {analysis:8.2f} s  ({1000 * analysis / n:.1f} ms/article)")
    print(f"reading  {reading:8.2f} s  ({1000 * reading / n:.1f} ms/article)")
    print(f"reading adds {100 * reading / (analysis - reading):.1f} % to the rest of analysis")
    return 0


if __name__ == "__main__":
    sys.exit(main())
