"""Migrations are atomic: a SIGKILL at any statement leaves a store that the next open
migrates to head, with every row kept; a store left half-migrated by an older geobrief is
repaired; two first uses of a store do not race (see also tests/test_concurrency.py).

Each run of a migration is a forked child that counts the statements it sends that write
(DDL and DML: a kill before a read is a kill before the next write) and its commit, and
kills itself (SIGKILL) before the Nth; the parent then opens the store as a user would. N
goes over every one of them: from an empty store to head, and from a store at 0009 holding
articles, analysis, stories and a feed whose URL carries a password, to head.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import postgres_database
from sqlalchemy import create_engine, event, inspect, text

from geobrief.errors import Code, StoreError
from geobrief.store import open_store
from geobrief.store.engine import _alembic_config
from geobrief.store.schema import metadata
from geobrief.store.search import is_search_object

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or os.name != "posix",
                                reason="needs POSIX fork and SIGKILL")
FORK = multiprocessing.get_context("fork")
HEAD = ScriptDirectory.from_config(_alembic_config()).get_current_head()


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder for many small stores, in memory when the machine has /dev/shm (each kill
    and rerun then costs no disk flush)."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = shm / f"geobrief-test-{uuid.uuid4().hex[:10]}"
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


READS = ("select", "pragma", "show", "with")


def _migrate_and_die(db: str, kill_before: int, counted: Any) -> None:
    """In a child: migrate ``db``, SIGKILL before the ``kill_before``-th statement that
    writes (DDL or DML; reads between them change nothing), or at the commit when it is
    one past the last (0: never)."""
    store = open_store(db, migrate=False)

    def die_at(n: int) -> None:
        counted.value = n
        if n == kill_before:
            os.kill(os.getpid(), signal.SIGKILL)

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if not sql.lstrip().lower().startswith(READS):
            die_at(counted.value + 1)

    event.listen(store.engine, "before_cursor_execute", statement)
    event.listen(store.engine, "commit", lambda _conn: die_at(counted.value + 1))
    store.migrate()
    os._exit(0)


def migrate_in_child(db: str, kill_before: int = 0) -> tuple[int, int]:
    """(exit code or -signal, writes and commits counted) of a child migrating ``db``."""
    counted = FORK.Value("i", 0)
    child = FORK.Process(target=_migrate_and_die, args=(db, kill_before, counted))
    child.start()
    child.join(120)
    return int(child.exitcode or 0), int(counted.value)


def upgrade_to(db: str, revision: str) -> None:
    store = open_store(db, migrate=False)
    try:
        cfg = _alembic_config()
        with store.write() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        store.close()


def fill_at_0009(db: str) -> None:
    """A store at 0009 as a user had it: articles (one from a feed URL with a password),
    analysis, a story, a feed row."""
    upgrade_to(db, "0009")
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO outlets (id, name, domain) VALUES "
                          "(1, 'Meridian Wire', 'meridianwire.example'), (2, 'Relay', NULL)"))
        for n in range(1, 6):
            conn.execute(text(
                "INSERT INTO articles (id, url, content_hash, outlet_id, title, text, published, "
                "language, source, ingested_at, analysed, placed) VALUES (:i, :u, :h, :o, 'T', "
                "'Text.', :p, 'en', :s, :p, 5, :placed)"),
                {"i": n, "u": f"https://meridianwire.example/{n}", "h": f"h{n}", "o": 1 + n % 2,
                 "p": datetime(2024, 11, n, 10),
                 "s": "https://bob:pw-s3cret@feeds.example/rss?token=s3cret" if n == 1
                 else f"feeds/file{n}.jsonl", "placed": n < 4})
            conn.execute(text("INSERT INTO sentences (article_id, idx, text, stance, forward) "
                              "VALUES (:i, 0, 'A sentence.', 'assert', :f)"),
                         {"i": n, "f": False})
        span = {"a": datetime(2024, 11, 1), "b": datetime(2024, 11, 3)}
        conn.execute(text("INSERT INTO threads (id, name, first_published, last_published) "
                          "VALUES ('t-1', 'Thread', :a, :b)"), span)
        conn.execute(text("INSERT INTO stories (id, thread_id, title, first_published, "
                          "last_published, terms) VALUES ('s-1', 't-1', 'Story', :a, :b, '{}')"),
                     span)
        for n in range(1, 4):
            conn.execute(text("INSERT INTO story_articles (article_id, story_id, similarity) "
                              "VALUES (:i, 's-1', 1.0)"), {"i": n})
        conn.execute(text("INSERT INTO feeds (url, failures, paused) VALUES "
                          "('https://bob:pw-s3cret@feeds.example/rss?token=s3cret', 1, :p)"),
                     {"p": False})
    engine.dispose()


def check_converged(db: str, filled: bool, full: bool = True) -> None:
    """The store opens (migrating) at head with every table, rows kept; with ``full``, its
    schema compared with ``metadata`` column by column and index by index."""
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                            "include_name": is_search_object})
            assert context.get_current_revision() == HEAD
            if full:
                assert compare_metadata(context, metadata) == []
            else:
                assert set(metadata.tables) <= set(inspect(conn).get_table_names())
            counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                      for t in ("articles", "sentences", "story_articles", "feeds")]
            assert counts == ([5, 5, 3, 1] if filled else [0, 0, 0, 0])
            if filled:
                assert conn.execute(text("SELECT count(*) FROM articles "
                                         "WHERE source_key IS NULL")).scalar() == 0
                stored = " ".join(str(r) for r in conn.execute(text(
                    "SELECT a.source, f.url FROM articles a, feeds f")).all())
                assert "s3cret" not in stored
    finally:
        store.close()


def every_kill_converges(fresh: Callable[[], str], filled: bool) -> int:
    """Kill a migration before each of its statements in turn; each time the next open
    migrates to head with every row kept. Returns how many statements there were."""
    code, total = migrate_in_child(fresh())
    assert code == 0 and total > 5
    for n in range(1, total + 1):
        db = fresh()
        code, reached = migrate_in_child(db, kill_before=n)
        assert code == -signal.SIGKILL and reached == n, (n, code, reached)
        # the schema in full after every kill of an upgrade, and of every tenth of a creation
        check_converged(db, filled, full=filled or n % 10 == 0 or n == total)
    return total


# --- SQLite --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def at_0009(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("at0009") / "store.db"
    fill_at_0009(str(db))
    return db


def test_sqlite_a_kill_at_any_statement_of_creation_converges(scratch: Path) -> None:
    def fresh() -> str:
        return str(scratch / f"{uuid.uuid4().hex}.db")

    assert every_kill_converges(fresh, filled=False) > 30


def test_sqlite_a_kill_at_any_statement_of_the_upgrade_converges(scratch: Path,
                                                                at_0009: Path) -> None:
    def fresh() -> str:
        db = scratch / f"{uuid.uuid4().hex}.db"
        shutil.copy(at_0009, db)
        return str(db)

    every_kill_converges(fresh, filled=True)


def test_a_store_half_migrated_by_an_older_version_is_repaired(tmp_path: Path) -> None:
    """Before, a kill while creating a store left tables and no version ("table outlets
    already exists"), and one while upgrading left a column of the next revision ("duplicate
    column name: thread_link"); each store never opened again."""
    created = tmp_path / "created.db"
    con = sqlite3.connect(created)
    con.execute("CREATE TABLE outlets (id INTEGER NOT NULL, name VARCHAR(200) NOT NULL, "
                "domain VARCHAR(253), country VARCHAR(2), kind VARCHAR(40), PRIMARY KEY (id), "
                "UNIQUE (name))")
    con.commit()
    con.close()
    check_converged(str(created), filled=False)

    upgraded = tmp_path / "upgraded.db"
    upgrade_to(str(upgraded), "0007")
    con = sqlite3.connect(upgraded)
    con.execute("ALTER TABLE stories ADD COLUMN thread_link VARCHAR(20)")
    con.commit()
    con.close()
    check_converged(str(upgraded), filled=False)


def test_a_store_from_a_newer_version_is_explained(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    open_store(str(db)).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0999_future'")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as caught:
        open_store(str(db))
    assert caught.value.code == Code.STORE_HALF_MIGRATED and "newer" in str(caught.value)


# --- PostgreSQL ----------------------------------------------------------------------------


def test_postgresql_a_kill_at_any_statement_of_creation_converges() -> None:
    with postgres_database() as url:
        def fresh() -> str:
            engine = create_engine(url, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            engine.dispose()
            return url

        every_kill_converges(fresh, filled=False)


def test_postgresql_a_kill_at_any_statement_of_the_upgrade_converges() -> None:
    """Each run starts from a copy of a template database at 0009 with rows."""
    with postgres_database() as template_url:
        fill_at_0009(template_url)
        server, template = template_url.rsplit("/", 1)
        admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        made: list[str] = []

        def drop_made() -> None:
            with admin.connect() as conn:
                while made:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{made.pop()}" WITH (FORCE)'))

        def fresh() -> str:
            drop_made()
            made.append(f"{template}_{uuid.uuid4().hex[:6]}")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{made[-1]}" TEMPLATE "{template}"'))
            return f"{server}/{made[-1]}"

        try:
            every_kill_converges(fresh, filled=True)
        finally:
            drop_made()
            admin.dispose()
