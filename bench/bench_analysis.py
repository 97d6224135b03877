"""Analysis throughput and a digest of everything analysis stores.

Ingests a corpus into a fresh SQLite store (not timed), then analyses it and prints the
CPU time per article (this process, so other work on a shared machine does not count;
what a process loads once, the models and the knowledge, is timed apart as ``startup``),
the wall time, the peak memory and ``analysis_digest``: a hash of every sentence, claim,
outlook item, event, mention, feature, wire and furniture row. Two runs that print the
same digest stored the same analysis, so a speed change can be shown to change nothing
else.

Corpora: ``demo`` (the bundled corpus), ``timeline17``, ``background``, ``wcep`` (real
news in ../shared/data, as eval/corpora.py converts them) and ``generated`` (``--articles``
recombined demo articles, as bench_pipeline.py makes them).

    python bench/bench_analysis.py demo timeline17 [--articles 2000] [--repeat 2]
                                   [--topics H1N1_reuters,SyrianCrisis_bbc]
                                   [--json FILE] [--profile FILE]

To compare with an older tree in one run, run the same script with that tree's ``src`` on
``PYTHONPATH`` (``analysis_digest`` is taken from this script's tree when the older one
lacks it).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "eval"))
sys.path.insert(0, str(HERE))

from geobrief.analyse.run import analyse_pending  # noqa: E402
from geobrief.ingest import ingest_sources  # noqa: E402
from geobrief.ingest.outlets import OutletRegistry  # noqa: E402
from geobrief.knowledge.digest import knowledge_digest  # noqa: E402
from geobrief.knowledge.link import bundled_linker  # noqa: E402
from geobrief.pipeline import demo_corpus  # noqa: E402
from geobrief.settings import Settings  # noqa: E402
from geobrief.store import Store, open_store  # noqa: E402

try:
    from geobrief.store.analysis import analysis_digest
except ImportError:  # an older tree: hash with this tree's function (same tables)
    import importlib.util

    _spec = importlib.util.spec_from_file_location(
        "_digest", HERE.parent / "src" / "geobrief" / "store" / "analysis.py")
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["_digest"] = _module
    _spec.loader.exec_module(_module)
    analysis_digest = _module.analysis_digest


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(name: str, folder: Path, articles: int, topics: list[str] | None = None
           ) -> tuple[Store, Settings]:
    """A fresh store holding corpus ``name``, not yet analysed."""
    settings = Settings()
    store = open_store(str(folder / f"{name}.db"))
    if name == "demo":
        corpus = demo_corpus()
        ingest_sources(store, [str(corpus / "feeds"), str(corpus / "pages")], settings,
                       registry=OutletRegistry.load(corpus / "outlets.yaml"))
        return store, settings
    if name == "generated":
        from bench_pipeline import demo_articles, generate

        data = folder / "generated.jsonl"
        generate(demo_articles(settings, folder), articles, 30, data)
        ingest_sources(store, [str(data)], settings)
        return store, settings
    import corpora
    from common import IngestLog, ingest_records

    corpus = corpora.load(name, topics if name == "timeline17" else None)
    settings = settings.with_overrides(**corpus.settings)
    records = sorted(corpus.records, key=lambda r: (r["published"], r["url"]))
    ingest_records(store, records, settings, folder, IngestLog(), f"{name}.jsonl")
    return store, settings


def warm() -> float:
    """Load what a process loads once (the linker, the knowledge digest, the language
    identifier's model, the event lexicon), outside the per-article timing: the CPU
    seconds it took (0 when already loaded)."""
    from geobrief.analyse.language import _identifier
    from geobrief.analyse.plover_lexicon import lexicon

    c0 = time.process_time()
    bundled_linker()
    knowledge_digest()
    _identifier()
    lexicon()
    return round(time.process_time() - c0, 2)


def analyse(store: Store) -> int:
    return analyse_pending(store, bundled_linker(), knowledge_digest())


def run(name: str, articles: int, profile: Path | None,
        topics: list[str] | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-analysis-") as tmp:
        store, _settings = ingest(name, Path(tmp), articles, topics)
        startup = warm()
        prof = cProfile.Profile(time.process_time) if profile else None  # CPU: load elsewhere
        c0, w0 = time.process_time(), time.perf_counter()
        if prof:
            prof.enable()
        done = analyse(store)
        if prof:
            prof.disable()
            prof.dump_stats(str(profile))
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        digest = analysis_digest(store)
        with store.engine.connect() as conn:
            n = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar_one()
        store.close()
    return {"corpus": name, "articles": n, "analyses": done, "startup_cpu_s": startup,
            "cpu_s": round(cpu, 2),
            "wall_s": round(wall, 2), "ms_per_article_cpu": round(1000 * cpu / max(n, 1), 2),
            "articles_per_s_cpu": round(n / cpu, 1) if cpu else None,
            "articles_per_s_wall": round(n / wall, 1) if wall else None,
            "peak_mb": round(peak_mb()), "digest": digest["all"], "tables": digest}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="+",
                        choices=("demo", "generated", "timeline17", "background", "wcep"))
    parser.add_argument("--articles", type=int, default=2000, help="for 'generated'")
    parser.add_argument("--topics", help="Timeline17 folders, comma-separated (all by default)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path, help="append each result as a JSON line")
    parser.add_argument("--profile", type=Path, help="cProfile statistics of the last run")
    args = parser.parse_args()
    for name in args.corpora:
        for attempt in range(args.repeat):
            last = attempt == args.repeat - 1
            result = run(name, args.articles, args.profile if last else None,
                         args.topics.split(",") if args.topics else None)
            print(f"{name:11s} {result['articles']:6d} articles ({result['analyses']} analyses)"
                  f"  cpu {result['cpu_s']:7.2f} s = {result['ms_per_article_cpu']:6.2f} ms/article"
                  f" ({result['articles_per_s_cpu']} /s)  wall {result['wall_s']:7.2f} s"
                  f" ({result['articles_per_s_wall']} /s)  peak {result['peak_mb']} MB"
                  f"  startup {result['startup_cpu_s']} s"
                  f"  digest {result['digest']}", flush=True)
            if args.json:
                with args.json.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
