"""Opening a store: engine, SQLite pragmas, and migrations to the latest schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from geobrief.errors import StoreError

_MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(db: str) -> str:
    """A SQLAlchemy URL from ``--db``: a URL is kept, anything else is a SQLite path."""
    if "://" in db:
        return db
    return f"sqlite:///{db}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
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
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


class Store:
    """A handle on the database. Table-group modules take it as their first argument."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self) -> None:
        cfg = _alembic_config()
        head = ScriptDirectory.from_config(cfg).get_current_head()
        if self.revision() == head:
            return
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store at ``db``: a SQLite path or a database URL."""
    url = database_url(db)
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        parent = Path(url[len("sqlite:///") :]).parent
        if not parent.exists():
            raise StoreError(f"cannot open store {db!r}: folder {str(parent)!r} does not exist")
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine)
    if migrate:
        try:
            store.migrate()
        except Exception as exc:
            raise StoreError(f"cannot open store {db!r}: {exc}") from exc
    return store
