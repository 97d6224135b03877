"""Analysis spread over Dask workers (`geobrief analyse --workers N`, `--scheduler`) stores
exactly what one process stores: compared by a digest of every analysis row (sentences,
mentions, claims, outlook, events, features, wire, the outlets' furniture and each
article's analysed version) on the demo corpus and on a slice of real news, against a
real local cluster of worker processes and a real PostgreSQL server.

Needs the `dask` extra: skipped without it, failed instead when GEOBRIEF_REQUIRE_DASK=1
(`.ci/run` installs the extra and sets it)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geobrief.analyse.cluster import Workers, analyse_on_workers
from geobrief.analyse.run import analyse_pending, check_signature
from geobrief.app import Geobrief
from geobrief.cli import cli
from geobrief.pipeline import demo_corpus
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.store.analysis import analysis_digest
from tests.conftest import postgres_database

ROOT = Path(__file__).resolve().parent.parent
TIMELINE17 = ROOT.parent / "shared" / "data" / "timeline17"
# Long real pages whose outlets repeat lines (comment notices, sidebars): furniture that
# other articles' analysis depends on, the one thing workers could get out of order.
T17_TOPICS = ["H1N1_guardian", "SyrianCrisis_bbc"]
T17_LIMIT = 50


def require_dask() -> None:
    if importlib.util.find_spec("distributed") is not None:
        return
    if os.environ.get("GEOBRIEF_REQUIRE_DASK") == "1":
        pytest.fail("GEOBRIEF_REQUIRE_DASK=1 but the dask extra is not installed")
    pytest.skip("the dask extra is not installed (pip install 'geobrief[dask]')")


def _warm() -> None:
    """What a worker loads once (the modules, the bundled linker): outside the tests."""
    from geobrief.app import Geobrief  # noqa: F401
    from geobrief.knowledge.link import bundled_linker

    bundled_linker()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local Dask cluster of two worker processes, warmed up."""
    require_dask()
    from dask.distributed import Client

    from geobrief.analyse.cluster import local_cluster

    with local_cluster(2) as cluster, Client(cluster) as client:
        client.run(_warm)
        yield cluster.scheduler_address


def _geobrief(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, "-q", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _ingest_demo(db: str) -> None:
    corpus = demo_corpus()
    _geobrief(db, "ingest", "--no-analyse", "--outlets", str(corpus / "outlets.yaml"),
              str(corpus / "feeds"), str(corpus / "pages"))


def _digest(db: str) -> dict[str, str]:
    store = open_store(db)
    try:
        return analysis_digest(store)
    finally:
        store.close()


def _analysed(db: str) -> int:
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            return int(conn.exec_driver_sql(
                "SELECT count(*) FROM articles WHERE analysed > 0").scalar_one())
    finally:
        store.close()


@contextmanager
def _twin(db: str) -> Iterator[str]:
    """A copy of PostgreSQL database ``db`` (CREATE DATABASE ... TEMPLATE), dropped
    afterwards: the same articles under the same ids, for a fraction of an ingest."""
    from sqlalchemy import create_engine, text

    server, name = db.rsplit("/", 1)
    twin = f"{name}_twin"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{twin}" TEMPLATE "{name}"'))
        yield f"{server}/{twin}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{twin}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.timeout(180)
def test_two_local_workers_store_what_one_process_stores_on_postgres(demo_master):
    """`geobrief analyse --workers 2` (a new local cluster of two processes) on a
    PostgreSQL store of the demo corpus stores what one process stored in the session's
    demo store (SQLite: analysis stores the same rows on both backends)."""
    require_dask()
    with postgres_database() as db:
        _ingest_demo(db)
        _geobrief(db, "analyse", "--workers", "2")
        expected = _digest(str(demo_master))
        assert _digest(db) == expected
        assert _analysed(db) == 111  # every demo article
    assert expected["sentences"] != _digest_of_nothing()


def _digest_of_nothing() -> str:
    import hashlib

    return hashlib.sha256().hexdigest()[:16]


@pytest.mark.timeout(180)
def test_reanalysis_on_a_cluster_of_a_sqlite_store(store, scheduler, isolated):
    """`analyse --all --scheduler ADDRESS` analyses every article of an analysed SQLite
    store again on the cluster's workers (writes through the store's writer lock) and
    stores the same analysis the one process of `ingest` stored."""
    db = str(store)
    before = _digest(db)
    result = CliRunner().invoke(cli, ["--db", db, "analyse", "--all", "--scheduler",
                                      scheduler])
    assert result.exit_code == 0, result.output
    assert "111 articles analysed" in result.output
    assert "use PostgreSQL for a real cluster" in result.output  # SQLite: a note
    assert _digest(db) == before


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not TIMELINE17.exists(),
                    reason="../shared/data/timeline17 absent (internal evaluation data)")
def test_workers_store_what_one_process_stores_on_real_news(scheduler, tmp_path):
    """A Timeline17 slice (two outlets' long pages, with furniture) on PostgreSQL: one
    process, then the two workers of the local cluster, give the same digest."""
    require_dask()
    if str(ROOT / "eval") not in sys.path:
        sys.path.insert(0, str(ROOT / "eval"))
    import corpora
    from common import IngestLog, ingest_records

    records = sorted(corpora.timeline17(T17_TOPICS, limit_per_topic=T17_LIMIT).records,
                     key=lambda r: (r["published"], r["url"]))
    assert len(records) >= 90
    with postgres_database() as one:
        store = open_store(one)
        ingest_records(store, records, Settings(db=one), tmp_path, IngestLog())
        store.close()
        with _twin(one) as two:
            # analysis only (the digest covers nothing else): one process, then the
            # cluster's two workers, as `update` calls them
            with Geobrief(Settings(db=one)) as gb:
                analyse_pending(gb.store, gb.linker, gb.knowledge_digest)
            with Geobrief(Settings(db=two)) as gb:
                check_signature(gb.store, gb.knowledge_digest)
                analyse_on_workers(gb.store, gb.settings, gb.analysis_signature,
                                   Workers(scheduler=scheduler))
            expected = _digest(one)
            assert _digest(two) == expected
    assert expected["outlet_furniture"] != _digest_of_nothing()  # furniture was found


def test_a_worker_under_another_signature_analyses_nothing(store, scheduler, isolated,
                                                           monkeypatch):
    """Workers with another geobrief or knowledge than the caller refuse (GB302) before
    analysing; the articles stay queued."""
    db = str(isolated / "copy.db")
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{store}{suffix}").exists():
            shutil.copy(f"{store}{suffix}", f"{db}{suffix}")
    monkeypatch.setattr(Geobrief, "analysis_signature", property(lambda self: "0:other"))
    result = CliRunner().invoke(cli, ["--db", db, "analyse", "--all", "--scheduler",
                                      scheduler])
    assert result.exit_code != 0
    assert "GB302" in str(result.exception) or "GB302" in result.output
    assert _analysed(db) == 0


def test_an_unreachable_scheduler_is_a_coded_error(isolated, monkeypatch):
    require_dask()
    from geobrief.analyse import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    db = str(isolated / "empty.db")
    result = CliRunner().invoke(cli, ["--db", db, "analyse", "--scheduler",
                                      "tcp://127.0.0.1:9"])
    assert result.exit_code != 0
    assert "GB301" in str(result.exception)


def test_workers_and_scheduler_together_are_refused(isolated):
    result = CliRunner().invoke(cli, ["--db", "x.db", "analyse", "--workers", "2",
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "give one of them" in result.output


def test_workers_open_the_store_and_knowledge_by_absolute_paths(isolated):
    """A worker's working folder may be another: relative paths are made absolute, and an
    in-memory store, which no other process can open, is refused (GB301)."""
    from geobrief.analyse.cluster import ClusterError, shared_settings

    shared = shared_settings(Settings(db="sqlite:///news.db", knowledge_dir="kb"))
    assert shared.db == str(isolated / "news.db")
    assert shared.knowledge_dir == str(isolated / "kb")
    server = "postgresql+psycopg://user@dbhost/news"
    assert shared_settings(Settings(db=server)).db == server
    for memory in (":memory:", "sqlite://", "sqlite:///:memory:"):
        with pytest.raises(ClusterError, match="GB301"):
            shared_settings(Settings(db=memory))


_SHARED_LINE = "Officials in the capital said the talks would resume after the holiday."
_DAYS = ("2024-11-18", "2024-11-19", "2024-11-20", "2024-11-21")
_NEWS = (
    "Ukraine and Poland signed a new agreement on grain transit at the border.",
    "The United Nations asked both sides to protect civilians in the east.",
    "South Korea said it would send observers to monitor the ceasefire line.",
    "Australia announced new sanctions on shipping firms carrying Russian oil.",
)


def _outlet_articles(path: Path) -> None:
    """Four reports of one outlet on four days, each closing with the same line: the
    fourth makes that line the outlet's furniture (4 articles, at least 3 days)."""
    import json

    with path.open("w", encoding="utf-8") as out:
        for n, (day, news) in enumerate(zip(_DAYS, _NEWS, strict=True)):
            text = (f"{news} The statement was issued late on {day}. Diplomats from several "
                    f"countries welcomed the step and asked for more details. {_SHARED_LINE}")
            out.write(json.dumps({"url": f"https://wire.example/{day}/report-{n}",
                                  "title": news, "text": text,
                                  "published": f"{day}T10:00:00+00:00",
                                  "outlet": "wire.example"}) + "\n")


def test_a_requeue_lost_between_a_workers_read_and_save_is_found(isolated, monkeypatch):
    """The race that the check after each pass exists for, played out deterministically
    with two threads as two workers: worker A reads the lines of three reports (the shared
    line is not furniture yet) and is held before saving; worker B analyses the fourth, the
    line becomes furniture, and B queues the reports holding it, which are still pending;
    A then saves, marking them analysed without the furniture. Only ``requeue_stale``
    finds them; after it, the store is the one a single process makes."""
    import threading

    from geobrief.analyse import run
    from geobrief.knowledge.digest import knowledge_digest
    from geobrief.knowledge.link import bundled_linker
    from geobrief.store.articles import load_articles, pending_article_ids
    from geobrief.store.recheck import requeue_stale

    _outlet_articles(isolated / "reports.jsonl")
    _geobrief("raced.db", "ingest", "--no-analyse", str(isolated / "reports.jsonl"))
    shutil.copy("raced.db", "single.db")
    linker = bundled_linker()
    single = open_store("single.db")
    run.analyse_pending(single, linker, knowledge_digest())
    single.close()
    expected = _digest("single.db")

    store = open_store("raced.db")
    run.check_signature(store, knowledge_digest())
    ids = pending_article_ids(store, run.ANALYSIS_VERSION)
    first, last = ids[:3], ids[3:]
    reached, go_on = threading.Event(), threading.Event()
    real_save = run.save_analysis

    def held_save(store_: Any, batch: Any, rows: Any, version: int) -> None:
        if list(batch) == first:
            reached.set()
            go_on.wait(60)
        real_save(store_, batch, rows, version)

    monkeypatch.setattr(run, "save_analysis", held_save)
    used: dict[int, set[str]] = {}
    worker_a = threading.Thread(target=lambda: used.update(
        run.analyse_batch(store, load_articles(store, first), linker)))
    worker_a.start()
    assert reached.wait(60)
    used_b = run.analyse_batch(store, load_articles(store, last), linker)  # worker B
    go_on.set()
    worker_a.join(60)

    assert pending_article_ids(store, run.ANALYSIS_VERSION) == []  # the queueing was lost
    assert _digest("raced.db") != expected
    read_with = {i: frozenset(keys) for i, keys in used.items() if keys}
    assert requeue_stale(store, first, read_with) == first
    assert used_b[last[0]]  # B read its report with the line as furniture: not stale
    assert requeue_stale(store, last, {i: frozenset(k) for i, k in used_b.items()}) == []
    run.analyse_pending(store, linker, knowledge_digest())
    store.close()
    assert _digest("raced.db") == expected
