"""Opening a store: engine, SQLite pragmas, locks, and atomic migrations to the latest schema.

Concurrency. Every write goes through ``Store.write()``: one transaction that holds the
store's writer lock from its first statement (``BEGIN IMMEDIATE`` on SQLite, a
transaction-scoped advisory lock on PostgreSQL), so that two processes never interleave
a read-then-write (an upsert, a delete-and-insert) and never collide on a unique key.
Work that reads, computes for a while and then writes what it computed (analysis and
placing articles into stories) also holds a named stage lock (``Store.lock()``: a lock
file beside a SQLite store, a session advisory lock on PostgreSQL) for its whole length;
a second run waits for it (up to ``lock_timeout`` seconds, then GB202) and then finds
the work done. Readers take no lock.

Migrations. pysqlite would commit before each DDL statement, so a kill part way left a
store that never opened again. Here pysqlite's own transaction handling is turned off
and geobrief emits BEGIN itself (SQLAlchemy's documented workaround), so that DDL, data
moves and the version stamp commit together, under the writer lock: a migration killed
at any statement leaves the store as it was, and the next open migrates it again.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.dml import Insert

from geobrief.errors import Code, StoreError
from geobrief.redact import redact

_MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_TIMEOUT = 600.0  # seconds a writer waits for another (setting lock_timeout)
_WRITE = "geobrief_write"  # the execution option that makes a SQLite BEGIN IMMEDIATE


def database_url(db: str) -> str:
    """A SQLAlchemy URL from ``--db``: a URL is kept, anything else is a SQLite path."""
    if "://" in db:
        return db
    return f"sqlite:///{db}"


def sqlite_path(db: str) -> Path | None:
    """The file of a SQLite store (None for a server URL or an in-memory database)."""
    url = database_url(db)
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url[len("sqlite:///"):])


def _sqlite_connect(timeout: float) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's implicit transactions off: geobrief emits BEGIN itself (``_sqlite_begin``)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # checkpoint the WAL every 10,000 pages (40 MB at 4 KiB) rather than SQLite's 1,000:
        # placing an hour of articles rewrites hundreds of pages (each article's row, each
        # touched story's terms), so the default copied nearly every commit back into the
        # database; pages rewritten between checkpoints are now copied once. A commit still
        # survives a crash of the process (synchronous=NORMAL); on a power loss the commits
        # since the last checkpoint may be lost, up to 40 MB of WAL rather than 4, which
        # ingesting the same feeds again restores (ingest skips what is stored)
        cursor.execute("PRAGMA wal_autocheckpoint=10000")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        cursor.close()

    return on_connect


def _sqlite_begin(conn: Connection) -> None:
    """A writer's transaction takes SQLite's write lock at once (waiting ``busy_timeout``);
    a reader's takes a snapshot and no lock."""
    immediate = conn.get_execution_options().get(_WRITE)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def _advisory_key(name: str) -> int:
    """A stable 63-bit key for a PostgreSQL advisory lock named ``geobrief:NAME``."""
    return zlib.crc32(f"geobrief:{name}".encode()) | (0x6762 << 32)


def _is_busy(exc: OperationalError) -> bool:
    return (getattr(exc.orig, "sqlstate", None) == "55P03"  # PostgreSQL lock_not_available
            or "database is locked" in str(exc.orig))


def insert_missing(store: Store, table: Table, values: dict[str, Any],
                   keys: Sequence[str]) -> Insert:
    """``INSERT ... ON CONFLICT (keys) DO NOTHING`` for either backend."""
    if store.dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).values(**values).on_conflict_do_nothing(index_elements=keys)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).values(**values).on_conflict_do_nothing(index_elements=keys)


upsert = insert_missing


class Store:
    """A handle on the database. Table-group modules take it as their first argument."""

    def __init__(self, engine: Engine, timeout: float = DEFAULT_TIMEOUT,
                 path: Path | None = None) -> None:
        self.engine = engine
        self.timeout = timeout
        self.path = path  # the file of a SQLite store
        self.label = f"store {path}" if path is not None else "the store"
        self._held: dict[str, int] = {}

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _busy(self, what: str, waited: float) -> StoreError:
        return StoreError(
            f"{self.label} is busy: another geobrief run holds {what}; waited {waited:.0f} s "
            "(setting lock_timeout)", Code.STORE_BUSY)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction holding the store's writer lock (see the module docstring)."""
        started = time.monotonic()
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{_WRITE: True})
                with conn.begin():
                    if self.dialect == "postgresql":
                        conn.execute(text(f"SET LOCAL lock_timeout = {int(self.timeout * 1000)}"))
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                     {"k": _advisory_key("write")})
                    yield conn
        except OperationalError as exc:
            if _is_busy(exc):
                raise self._busy("the writer lock", time.monotonic() - started) from exc
            raise

    @contextmanager
    def lock(self, name: str, wait: float | None = None) -> Iterator[None]:
        """Hold the stage lock ``name`` for the block; reentrant within this Store.
        Waits up to ``wait`` seconds (``lock_timeout`` when None; 0: try once) for
        another process holding it, then raises GB202."""
        if self._held.get(name):
            self._held[name] += 1
            try:
                yield
            finally:
                self._held[name] -= 1
            return
        with self._stage_lock(name, self.timeout if wait is None else wait):
            self._held[name] = 1
            try:
                yield
            finally:
                self._held[name] = 0

    @contextmanager
    def _stage_lock(self, name: str, timeout: float) -> Iterator[None]:
        deadline = time.monotonic() + timeout
        started = time.monotonic()
        if self.dialect == "postgresql":
            key = _advisory_key(name)
            with self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT")
                while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                       {"k": key}).scalar():
                    if time.monotonic() >= deadline:
                        raise self._busy(f"the {name} lock", time.monotonic() - started)
                    time.sleep(0.1)
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            return
        if self.path is None:
            yield  # an in-memory database is one process's
            return
        with _file_lock(Path(f"{self.path}.{name}.lock"), deadline) as got:
            if not got:
                raise self._busy(f"the {name} lock", time.monotonic() - started)
            yield

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self) -> None:
        """Bring the schema to head in one transaction under the writer lock."""
        cfg = _alembic_config()
        scripts = ScriptDirectory.from_config(cfg)
        head = scripts.get_current_head()
        current = self.revision()
        if current == head:
            return
        if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
            raise StoreError(
                f"cannot open {self.label}: it is at revision {current!r}, which this version "
                "of geobrief does not know (made by a newer version?); upgrade geobrief",
                Code.STORE_HALF_MIGRATED)
        with self.engine.connect() as conn:
            sqlite = self.dialect == "sqlite"
            if sqlite:  # recreating a table must not cascade deletes; only outside BEGIN
                _raw_sqlite(conn, "PRAGMA foreign_keys=OFF")
            try:
                conn.execution_options(**{_WRITE: True})
                with conn.begin():
                    if not sqlite:
                        conn.execute(text(f"SET LOCAL lock_timeout = {int(self.timeout * 1000)}"))
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                     {"k": _advisory_key("write")})
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    if sqlite:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise StoreError(f"migration left broken references: {broken[:3]}")
            finally:
                if sqlite:
                    _raw_sqlite(conn, "PRAGMA foreign_keys=ON")

    def close(self) -> None:
        self.engine.dispose()


def _raw_sqlite(conn: Connection, statement: str) -> None:
    """Run ``statement`` on the sqlite3 connection itself, outside any transaction."""
    raw: Any = conn.connection.driver_connection
    raw.execute(statement)


@contextmanager
def _file_lock(path: Path, deadline: float) -> Iterator[bool]:
    """An exclusive lock on ``path`` (created if missing), tried until ``deadline``;
    yields whether it was taken. The lock goes with the process, whatever kills it."""
    import fcntl

    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.05)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _explained(db: str, exc: Exception) -> StoreError:
    if isinstance(exc, StoreError):
        return exc
    db = redact(db)
    reason = redact(str(getattr(exc, "orig", None) or exc).splitlines()[0])
    if isinstance(exc, OperationalError) and _is_busy(exc):
        return StoreError(f"cannot open store {db!r}: busy, another geobrief run is "
                          f"migrating or writing it ({reason})", Code.STORE_BUSY)
    if isinstance(exc, CommandError) or any(
            word in reason for word in ("already exists", "duplicate", "no such")):
        return StoreError(
            f"cannot migrate store {db!r}: {reason}. Nothing was changed (migrations are "
            "atomic). A store left half-migrated by an older geobrief is repaired when its "
            "leftovers are whole tables, columns or indexes; this one is not: restore it from "
            "a backup, or rebuild it by ingesting its sources again", Code.STORE_HALF_MIGRATED)
    return StoreError(f"cannot open store {db!r}: {reason}")


def open_store(db: str, migrate: bool = True, timeout: float = DEFAULT_TIMEOUT) -> Store:
    """Open (and by default migrate) the store at ``db``: a SQLite path or a database URL.

    ``timeout``: how long a writer waits for another process's lock before GB202."""
    url = database_url(db)
    path = sqlite_path(db)
    if path is not None and not path.parent.exists():
        raise StoreError(f"cannot open store {redact(db)!r}: folder {str(path.parent)!r} "
                         "does not exist")
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect(timeout))
        event.listen(engine, "begin", _sqlite_begin)
    store = Store(engine, timeout, path)
    if migrate:
        try:
            store.migrate()
        except Exception as exc:
            engine.dispose()
            raise _explained(db, exc) from exc
    return store
