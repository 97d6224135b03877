"""Analysis spread over Dask workers: ``geobrief analyse --workers N`` (a local cluster of
N processes) or ``--scheduler ADDRESS`` (a running Dask cluster), with the optional
``dask`` extra.

The pending articles' ids go out as a Dask bag of batches. Each worker opens its own
application object from the settings (never a pickled engine or linker; one per worker
process, kept between batches), checks that it analyses under the same signature as the
caller (the same analysis version and knowledge), and runs ``analyse_batch`` on its
batch: the code path of one process, writing through the store's writer lock. The store
must therefore be one every worker reaches: PostgreSQL for a real cluster; a SQLite file
serves a local cluster.

The result is the store one process would have made. Analysis reads one thing other
articles write, the outlet's furniture (lines it repeats across articles), and one
process queues again every article analysed before a line of it became furniture. With
workers that queueing can be lost to a race (store/recheck.py), so after each pass every
article's furniture is checked against the outlet's lines of the whole store and the
stale ones go round again; as in one process, a second pass finds everything settled.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geobrief.analyse.run import ANALYSIS_VERSION, BATCH, MAX_PASSES, analyse_batch
from geobrief.errors import Code, GeobriefError, SettingsError
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.articles import load_articles, pending_article_ids
from geobrief.store.engine import database_url, sqlite_path
from geobrief.store.recheck import requeue_stale

if TYPE_CHECKING:
    from geobrief.app import Geobrief

Progress = Callable[[int, int], None]
TASKS_PER_WORKER = 4  # batches per worker and pass: a slow batch holds up less at the end
CONNECT_SECONDS = 30


class ClusterError(GeobriefError):
    code = Code.CLUSTER_UNAVAILABLE


@dataclass(frozen=True)
class Workers:
    """Where analysis runs: ``count`` local worker processes, or the Dask scheduler at
    ``scheduler`` (its workers)."""

    count: int | None = None
    scheduler: str | None = None

    def describe(self) -> str:
        return f"the Dask scheduler at {self.scheduler}" if self.scheduler \
            else f"{self.count} local worker processes"


@dataclass(frozen=True)
class Read:
    """What a worker analysed: the batch's ids and the furniture each article was read
    with (only those that had some)."""

    ids: list[int]
    furniture: dict[int, frozenset[str]]


def shared_settings(settings: Settings) -> Settings:
    """The settings a worker opens its application object with: a SQLite store and the
    knowledge folder as absolute paths (a worker's working folder may be another)."""
    path = sqlite_path(settings.db)
    if path is None and database_url(settings.db).startswith("sqlite"):
        raise ClusterError("analysis on workers needs a store they can all open; an "
                           "in-memory database is one process's")
    overrides: dict[str, Any] = {"knowledge_dir": str(Path(settings.knowledge_dir).resolve())}
    if path is not None:
        overrides["db"] = str(path.resolve())
    return settings.with_overrides(**overrides)


def analyse_on_workers(store: Store, settings: Settings, signature: str, where: Workers,
                       progress: Progress | None = None, say: Callable[[str], None] | None
                       = None) -> int:
    """Analyse every pending article on ``where`` (the caller has checked the signature
    and holds the ``analyse`` stage lock); returns how many analyses ran, as
    ``analyse_pending`` does."""
    shared = shared_settings(settings)
    if where.scheduler and sqlite_path(settings.db) is not None and say:
        say("note: a SQLite store on a Dask cluster works only where every worker sees "
            "the same file on a local disk; use PostgreSQL for a real cluster")
    done = 0
    with _client(where) as client:
        workers = max(1, sum(client.nthreads().values()))
        for _ in range(MAX_PASSES):
            pending = pending_article_ids(store, ANALYSIS_VERSION)
            if not pending:
                break
            size = max(1, min(BATCH, math.ceil(len(pending) / (workers * TASKS_PER_WORKER))))
            batches = [pending[start:start + size] for start in range(0, len(pending), size)]
            _run_pass(client, batches, shared, signature, progress)
            done += len(pending)
    return done


def _run_pass(client: Any, batches: list[list[int]], settings: Settings, signature: str,
              progress: Progress | None) -> None:
    """One pass: every batch analysed somewhere, then every article's furniture checked
    against the store's (the stale ones queued for the next pass)."""
    from dask import bag
    from dask.distributed import as_completed, futures_of

    total = sum(len(b) for b in batches)
    # what was read stays on the workers for the check: only errors come back here
    read = client.persist(bag.from_sequence(batches, npartitions=len(batches))
                          .map(_analyse, settings, signature))
    analysed = 0
    for future in as_completed(futures_of(read)):
        if future.status == "error":
            future.result()  # raises the worker's error here
        analysed += len(batches[future.key[1]])  # a partition's key: (name, its index)
        if progress:
            progress(analysed, total)
    client.compute(read.map(_recheck, settings)).result()


# --- on a worker --------------------------------------------------------------------

_OPEN: dict[str, Geobrief] = {}  # by repr(settings): they hold dicts, so no hash


def _app(settings: Settings) -> Geobrief:
    """This worker process's application object for ``settings`` (opened once)."""
    from geobrief.app import Geobrief

    key = repr(settings)
    gb = _OPEN.get(key)
    if gb is None:
        gb = _OPEN[key] = Geobrief(settings)
    return gb


def _analyse(ids: list[int], settings: Settings, signature: str) -> Read:
    gb = _app(settings)
    if gb.analysis_signature != signature:
        raise ClusterError(
            f"a worker analyses under signature {gb.analysis_signature!r}, the caller under "
            f"{signature!r}: install the same geobrief and knowledge on every worker; "
            "nothing was analysed there", Code.WORKER_MISMATCH)
    used = analyse_batch(gb.store, load_articles(gb.store, ids), gb.linker)
    return Read(ids, {i: frozenset(keys) for i, keys in used.items() if keys})


def _recheck(read: Read, settings: Settings) -> list[int]:
    return requeue_stale(_app(settings).store, read.ids, read.furniture)


# --- the client ---------------------------------------------------------------------

@contextlib.contextmanager
def local_cluster(count: int) -> Iterator[Any]:
    """A Dask ``LocalCluster`` of ``count`` worker processes with one thread each
    (analysis is pure Python: threads would share one interpreter lock). Workers do not
    run Dask's statistical profiler: it samples their stacks every 10 ms of wall time,
    and on a busy machine (bench/bench_workers.py, load 6 on 2 cores) two workers spent
    30 % more CPU than one with it, 6 % without."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                         dashboard_address=None, silence_logs=logging.CRITICAL) as cluster:
        yield cluster


@contextlib.contextmanager
def _client(where: Workers) -> Iterator[Any]:
    """A Dask client on a new local cluster of processes, or on the scheduler named."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise SettingsError("analysis on workers needs the dask extra: pip install "
                            "'geobrief[dask]'", Code.EXTRA_MISSING) from exc
    if where.scheduler is None:
        with local_cluster(where.count or 1) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(where.scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {where.scheduler}: "
                           f"{exc}") from exc
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError as exc:
            raise ClusterError(f"the Dask scheduler at {where.scheduler} has no worker "
                               f"after {CONNECT_SECONDS} s") from exc
        yield client
    finally:
        client.close()
