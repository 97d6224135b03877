"""Fixtures and helpers shared by the tests."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geobrief.cli import cli
from geobrief.pipeline import demo_corpus


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory of its own, with no GEOBRIEF_* settings from outside."""
    for key in list(os.environ):
        if key.startswith("GEOBRIEF_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def require_embeddings() -> None:
    """Skip the calling test when the embeddings extra is not installed; fail instead when
    GEOBRIEF_REQUIRE_EMBEDDINGS=1 (``.ci/run`` installs the extra and sets it)."""
    from geobrief.analyse import embeddings

    if embeddings.available():
        return
    if os.environ.get("GEOBRIEF_REQUIRE_EMBEDDINGS") == "1":
        pytest.fail("GEOBRIEF_REQUIRE_EMBEDDINGS=1 but the embeddings extra is not installed")
    pytest.skip("the embeddings extra is not installed (pip install 'geobrief[embeddings]')")


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """All rows of one query on a SQLite store."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def demo_records(db: Path) -> list[dict]:
    """A store's articles as JSON Lines records, to ingest again (in publication order)."""
    found = rows(db, "SELECT a.url, a.title, a.text, a.published, o.domain FROM articles a "
                     "JOIN outlets o ON o.id = a.outlet_id ORDER BY a.published, a.url")
    return [{"url": u, "title": t, "text": x, "published": p + "+00:00" if "+" not in p else p,
             "outlet": o} for u, t, x, p, o in found]


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """``geobrief demo`` once per test session: its folder (briefings, demo.db with every
    day published) and the DemoResult. Tests read it and must not change it."""
    from geobrief.pipeline import run_demo
    from geobrief.settings import Settings

    out = tmp_path_factory.mktemp("demo-run")
    return out, run_demo(out, Settings())


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested and analysed once per test session."""
    db = tmp_path_factory.mktemp("demo-master") / "demo.db"
    corpus = demo_corpus()
    result = CliRunner().invoke(cli, ["--db", str(db), "-q", "ingest", "--outlets",
                                      str(corpus / "outlets.yaml"), str(corpus / "feeds"),
                                      str(corpus / "pages")])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def store(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the ingested demo store for one test module to change as it likes."""
    folder = tmp_path_factory.mktemp("demo-copy")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{demo_master}{suffix}")
        if source.exists():
            shutil.copy(source, folder / f"demo.db{suffix}")
    return folder / "demo.db"


POSTGRES_SERVER = os.environ.get("GEOBRIEF_TEST_POSTGRES", "")


@contextmanager
def postgres_database() -> Iterator[str]:
    """The URL of a new database on the PostgreSQL server of GEOBRIEF_TEST_POSTGRES,
    dropped afterwards; skips the test without a server, or fails it when
    GEOBRIEF_REQUIRE_POSTGRES=1 (``.ci/run`` sets both)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    required = os.environ.get("GEOBRIEF_REQUIRE_POSTGRES") == "1"
    if not POSTGRES_SERVER:
        if required:
            pytest.fail("GEOBRIEF_REQUIRE_POSTGRES=1 but GEOBRIEF_TEST_POSTGRES is not set")
        pytest.skip("no PostgreSQL server (set GEOBRIEF_TEST_POSTGRES; .ci/run does)")
    name = f"geobrief_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(f"{POSTGRES_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError as exc:  # the server is not there, or refuses us
        admin.dispose()
        if required:
            raise
        pytest.skip(f"PostgreSQL at GEOBRIEF_TEST_POSTGRES not reachable: {exc}")
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
