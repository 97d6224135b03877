"""The store on a real PostgreSQL server: migrations, idempotent ingest, and the same
briefing as on SQLite.

Runs when GEOBRIEF_TEST_POSTGRES holds a server URL without a database name (for example
``postgresql+psycopg://postgres:secret@localhost``); ``.ci/run`` installs and starts a
server and sets it, with GEOBRIEF_REQUIRE_POSTGRES=1 so that a missing server fails
instead of skipping. Each module gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import postgres_database
from sqlalchemy import create_engine, inspect, text

from geobrief.cli import cli
from geobrief.pipeline import demo_corpus
from geobrief.store import open_store
from geobrief.store.schema import metadata

SERVER = os.environ.get("GEOBRIEF_TEST_POSTGRES", "")
REQUIRED = os.environ.get("GEOBRIEF_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


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


def test_hostile_fields_are_stored_clean_on_postgresql(pg_url: str) -> None:
    """NUL characters, an author given as an object and over-long fields crashed the run on
    PostgreSQL (which refuses NUL and enforces VARCHAR lengths): they are cleaned and cut
    before storing, and the one bad URL costs only itself."""
    hostile = Path(__file__).parent / "fixtures" / "hostile" / "jsonl_hostile_fields.jsonl"
    result = CliRunner().invoke(cli, ["--db", pg_url, "ingest", "--no-analyse", str(hostile)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [line.split("]")[0] for line in errors] == ["error: [GB116", "error: [GB116"]
    with create_engine(pg_url).connect() as conn:
        stored = conn.execute(text("SELECT title, text, author FROM articles "
                                   "WHERE url LIKE 'https://riverpost.example/%'")).all()
    assert len(stored) == 4
    assert all("\x00" not in t and "\x00" not in x for t, x, _a in stored)
    assert max(len(a or "") for _t, _x, a in stored) <= 300
