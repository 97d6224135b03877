"""Analysis on Dask workers: articles/s for one process, one worker and two workers on the
same input, the speed-up of two workers over one, and a digest of what each stored.

The input is ingested once into a template store (not timed), then copied for each run,
so every run analyses the same articles under the same ids. What a process loads once
(the modules, the linker and the knowledge, the store connection) is loaded before the
clock starts, in this process and in every worker, as ``bench_analysis.py`` does.

CPU is the CPU time of this process plus that of every worker process (so two workers
spend at least one worker's CPU); wall is the time a user waits. On a shared machine the
wall figures, and so the speed-up, move with the other work on it: quote them with the
load average printed beside them.

Input: ``generated`` (``--articles N`` recombined demo articles over 30 days from 60
outlets, as bench_pipeline.py makes them; their paragraphs repeat across an outlet's
days, so much of them becomes furniture, the one part of analysis that depends on other
articles) or ``demo`` (the bundled corpus, ``--repeat-demo K`` times).

    python bench/bench_workers.py [generated|demo] [--articles 2000] [--repeat-demo 10]
                                  [--postgres postgresql+psycopg://user:pw@host]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from geobrief.analyse.cluster import (  # noqa: E402
    Workers,
    analyse_on_workers,
    local_cluster,
    shared_settings,
)
from geobrief.analyse.run import analyse_pending, check_signature  # noqa: E402
from geobrief.app import Geobrief  # noqa: E402
from geobrief.ingest import ingest_sources  # noqa: E402
from geobrief.settings import Settings  # noqa: E402
from geobrief.store import open_store  # noqa: E402
from geobrief.store.analysis import analysis_digest  # noqa: E402


def _warm(settings: Settings) -> float:
    """Load what a process loads once, for ``settings``: the CPU seconds it took."""
    from geobrief.analyse import cluster
    from geobrief.analyse.language import _identifier
    from geobrief.analyse.plover_lexicon import lexicon

    c0 = time.process_time()
    gb = cluster._app(settings)  # the worker's own application object, as a batch opens it
    _ = gb.linker, gb.knowledge_digest, gb.store
    _identifier()
    lexicon()
    return time.process_time() - c0


def _cpu() -> float:
    return time.process_time()


def demo_input(folder: Path, repeat: int) -> Path:
    """The demo corpus ``repeat`` times, each copy under its own URLs and outlets (so
    that ingest keeps every copy), in publication order."""
    from geobrief.ingest.outlets import OutletRegistry
    from geobrief.pipeline import demo_corpus
    from geobrief.store.articles import load_articles

    corpus = demo_corpus()
    seed = open_store(str(folder / "seed.db"))
    ingest_sources(seed, [str(corpus / "feeds"), str(corpus / "pages")], Settings(),
                   registry=OutletRegistry.load(corpus / "outlets.yaml"))
    with seed.engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")]
    articles = load_articles(seed, ids)
    seed.close()
    path = folder / "input.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(repeat):
            for a in articles:
                out.write(json.dumps({
                    "url": f"{a.url}?copy={copy}", "title": a.title, "text": a.text,
                    "published": a.published.isoformat() + "+00:00",
                    "outlet": f"copy{copy}.{a.outlet.domain}",
                    "language": a.language}) + "\n")
    return path


@contextmanager
def stores(postgres: str | None, folder: Path, runs: list[str]) -> Iterator[dict[str, str]]:
    """A store per run, each a copy of a template holding the input: SQLite files in
    ``folder``, or PostgreSQL databases on the server ``postgres`` (dropped afterwards)."""
    if postgres is None:
        yield {run: str(folder / f"{run}.db") for run in runs}
        return
    from sqlalchemy import create_engine, text

    base = f"bench_workers_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{postgres}/postgres", isolation_level="AUTOCOMMIT")
    names = [base] + [f"{base}_{n}" for n in range(len(runs))]
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{base}"'))
        yield {"template": f"{postgres}/{base}",
               **{run: f"{postgres}/{base}_{n}" for n, run in enumerate(runs)}}
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def copy_store(template: str, target: str, postgres: str | None) -> None:
    if postgres is None:
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{template}{suffix}").exists():
                shutil.copy(f"{template}{suffix}", f"{target}{suffix}")
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(f"{postgres}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{target.rsplit("/", 1)[1]}" TEMPLATE '
                          f'"{template.rsplit("/", 1)[1]}"'))
    admin.dispose()


def in_process(db: str) -> dict[str, Any]:
    with Geobrief(Settings(db=db)) as gb:
        _warm(gb.settings)
        gb.linker  # noqa: B018
        c0, w0 = time.process_time(), time.perf_counter()
        done = analyse_pending(gb.store, gb.linker, gb.knowledge_digest)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        return {"analyses": done, "cpu_s": cpu, "wall_s": wall,
                "digest": analysis_digest(gb.store)["all"]}


def on_workers(db: str, count: int) -> dict[str, Any]:
    from dask.distributed import Client

    with local_cluster(count) as cluster, Client(cluster) as client, \
            Geobrief(Settings(db=db)) as gb:
        shared = shared_settings(gb.settings)
        client.run(_warm, shared)
        check_signature(gb.store, gb.knowledge_digest)
        before = client.run(_cpu)
        c0, w0 = time.process_time(), time.perf_counter()
        done = analyse_on_workers(gb.store, gb.settings, gb.analysis_signature,
                                  Workers(scheduler=cluster.scheduler_address))
        wall = time.perf_counter() - w0
        driver = time.process_time() - c0
        after = client.run(_cpu)
        each = sorted(after[w] - before[w] for w in before)
        return {"analyses": done, "cpu_s": driver + sum(each), "wall_s": wall,
                "driver_cpu_s": driver, "worker_cpu_s": each,
                "digest": analysis_digest(gb.store)["all"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", nargs="?", default="generated", choices=("generated", "demo"))
    parser.add_argument("--articles", type=int, default=2000, help="for 'generated'")
    parser.add_argument("--repeat-demo", type=int, default=10, help="for 'demo'")
    parser.add_argument("--postgres", help="a PostgreSQL server URL (no database): the "
                        "stores are databases made there, dropped afterwards")
    parser.add_argument("--runs", default="process,1,2",
                        help="comma-separated: 'process' (in this process) and worker counts")
    args = parser.parse_args()
    runs = args.runs.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        folder = Path(tmp)
        if args.input == "generated":
            from bench_pipeline import demo_articles, generate

            data = folder / "input.jsonl"
            generate(demo_articles(Settings(), folder), args.articles, 30, data)
        else:
            data = demo_input(folder, args.repeat_demo)
        with stores(args.postgres, folder, runs) as dbs:
            template = dbs.get("template") or str(folder / "template.db")
            store = open_store(template)
            report = ingest_sources(store, [str(data)], Settings(db=template))
            store.close()
            n = report.added
            results: dict[str, dict[str, Any]] = {}
            for run in runs:
                copy_store(template, dbs[run], args.postgres)
                load = os.getloadavg()[0]
                result = in_process(dbs[run]) if run == "process" \
                    else on_workers(dbs[run], int(run))
                result["load"] = load
                results[run] = result
                label = "1 process" if run == "process" else f"{run} worker(s)"
                articles = n
                print(f"{label:12s} {articles} articles ({result['analyses']} analyses)  "
                      f"wall {result['wall_s']:7.2f} s = {articles / result['wall_s']:7.1f}/s  "
                      f"cpu {result['cpu_s']:7.2f} s = {articles / result['cpu_s']:7.1f}/s  "
                      f"(this process {result.get('driver_cpu_s', result['cpu_s']):.2f} s"
                      + "".join(f", worker {c:.2f} s" for c in result.get("worker_cpu_s", []))
                      + f")  load {load:.1f}  digest {result['digest']}", flush=True)
    if "1" in results and "2" in results:
        ratio = results["1"]["wall_s"] / results["2"]["wall_s"]
        print(f"2 workers / 1 worker (wall): {ratio:.2f}x")
    if "1" in results and "2" in results:
        # what the wall speed-up would be if each worker had a core of its own and never
        # waited for the writer lock: one worker's CPU over the busiest of two workers'
        ceiling = sum(results["1"]["worker_cpu_s"]) / max(results["2"]["worker_cpu_s"])
        print(f"2 workers / 1 worker (CPU bound, each worker on its own core): "
              f"{ceiling:.2f}x")
    if "process" in results and "2" in results:
        ratio = results["process"]["wall_s"] / results["2"]["wall_s"]
        print(f"2 workers / 1 process (wall): {ratio:.2f}x")
    digests = {r["digest"] for r in results.values()}
    print("digests identical" if len(digests) == 1 else f"DIGESTS DIFFER: {digests}")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
