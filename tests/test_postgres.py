"""The store on a real PostgreSQL server: migrations, idempotent ingest, and the same
briefing as on SQLite.

Runs when GEOBRIEF_TEST_POSTGRES holds a server URL without a database name (for example
``postgresql+psycopg://postgres:secret@localhost``); ``.ci/run`` installs and starts a
server and sets it, with GEOBRIEF_REQUIRE_POSTGRES=1 so that a missing server fails
instead of skipping. Each module gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from geobrief.cli import cli
from geobrief.pipeline import demo_corpus
from geobrief.store import open_store
from geobrief.store.schema import metadata

SERVER = os.environ.get("GEOBRIEF_TEST_POSTGRES", "")
REQUIRED = os.environ.get("GEOBRIEF_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    if not SERVER:
        if REQUIRED:
            pytest.fail("GEOBRIEF_REQUIRE_POSTGRES=1 but GEOBRIEF_TEST_POSTGRES is not set")
        pytest.skip("no PostgreSQL server (set GEOBRIEF_TEST_POSTGRES; .ci/run does)")
    name = f"geobrief_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError as exc:  # the server is not there, or refuses us
        admin.dispose()
        if REQUIRED:
            raise
        pytest.skip(f"PostgreSQL at GEOBRIEF_TEST_POSTGRES not reachable: {exc}")
    try:
        yield f"{SERVER}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _ingest(db: str) -> str:
    corpus = demo_corpus()
    result = CliRunner().invoke(cli, ["--db", db, "-q", "ingest", "--outlets",
                                      str(corpus / "outlets.yaml"), str(corpus / "feeds"),
                                      str(corpus / "pages")])
    assert result.exit_code == 0, result.output
    return result.output


def _brief(db: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, "-q", "brief", "--date", "2024-11-22"])
    assert result.exit_code == 0, result.output
    return "\n".join(line for line in result.output.splitlines() if "Written by" not in line)


def test_migrations_reach_head_with_every_table(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        assert store.dialect == "postgresql"
        tables = set(inspect(store.engine).get_table_names())
        assert set(metadata.tables) | {"alembic_version"} <= tables
    finally:
        store.close()


def test_demo_on_postgresql_matches_sqlite(pg_url: str, tmp_path: Path) -> None:
    _ingest(pg_url)
    again = CliRunner().invoke(cli, ["--db", pg_url, "ingest", "--outlets",
                                     str(demo_corpus() / "outlets.yaml"),
                                     str(demo_corpus() / "feeds"),
                                     str(demo_corpus() / "pages")])
    assert "0 added" in again.output and "111 duplicates skipped" in again.output
    sqlite_db = str(tmp_path / "s.db")
    _ingest(sqlite_db)
    on_postgres = _brief(pg_url)
    assert "## 1." in on_postgres and "What is in it for you?" in on_postgres
    assert on_postgres == _brief(sqlite_db)
    with create_engine(pg_url).connect() as conn:
        counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("articles", "stories", "claims", "events", "outlook")]
    assert counts[0] == 111 and all(n > 0 for n in counts)
