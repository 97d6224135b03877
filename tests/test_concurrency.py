"""Concurrent runs, as separate processes, on SQLite and on a real PostgreSQL server.

Two overlapping ``ingest`` runs of the same sources (a cron overlap, on a store neither has
made yet, so that their first uses also race the migrations), two ``analyse`` runs, and a
``brief`` during an ``ingest``: every process succeeds, and the store ends as it would
after the same runs one after the other (articles, their outlets and copies, analysis,
stories and threads; compared by URL and source, the file each came from, since article
ids follow the order of writes). Before, each of these failed with unique-key errors on
both backends.

PostgreSQL runs when GEOBRIEF_TEST_POSTGRES is set (see tests/test_postgres.py); each test
gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import postgres_database
from sqlalchemy import create_engine, text

from geobrief.pipeline import demo_corpus

CORPUS = demo_corpus()
OUTLETS = str(CORPUS / "outlets.yaml")
FEEDS, PAGES = str(CORPUS / "feeds"), str(CORPUS / "pages")

DUMPS = {
    "articles": "SELECT a.url, a.source, a.content_hash, a.title, a.published, o.name, "
                "a.analysed, a.placed, oa.url, oa.source FROM articles a "
                "JOIN outlets o ON o.id = a.outlet_id "
                "LEFT JOIN articles oa ON oa.id = a.origin_id",
    "analysis": "SELECT a.url, a.source, s.idx, s.text, s.stance, s.speaker FROM sentences s "
                "JOIN articles a ON a.id = s.article_id",
    "claims": "SELECT a.url, a.source, c.idx, c.speaker, c.stance, c.figures FROM claims c "
              "JOIN articles a ON a.id = c.article_id",
    "stories": "SELECT a.url, a.source, sa.story_id, s.thread_id, s.title, s.thread_link "
               "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
               "JOIN stories s ON s.id = sa.story_id",
    "threads": "SELECT id, name FROM threads",
    "outlets": "SELECT name, domain, country FROM outlets",
}


def dump(db: str) -> dict[str, list[tuple[Any, ...]]]:
    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {name: sorted((tuple(_plain(v) for v in row)
                                  for row in conn.execute(text(sql))), key=repr)
                    for name, sql in DUMPS.items()}
    finally:
        engine.dispose()


def _plain(value: Any) -> str:
    """A value as text alike on both backends (SQLite hands back its stored text)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, bool):
        return str(int(value))
    return str(value)


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GEOBRIEF_")}


def start(db: str, *args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "geobrief", "-q", "--db", db, *args],
                            cwd=cwd, env=environment(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def run(db: str, *args: str, cwd: Path) -> str:
    code, out, err = finish(start(db, *args, cwd=cwd))
    assert code == 0, err[-3000:]
    return out


def together(db: str, cwd: Path, *commands: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """Start the commands at once (as separate processes); their results."""
    procs = [start(db, *command, cwd=cwd) for command in commands]
    return [finish(p) for p in procs]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store that does not exist yet (SQLite) or an empty database (PostgreSQL)."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def one_after_the_other(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Stores made by the same runs one after the other, to compare with."""
    folder = tmp_path_factory.mktemp("sequential")
    whole = str(folder / "whole.db")
    run(whole, "ingest", "--outlets", OUTLETS, FEEDS, cwd=folder)
    split = str(folder / "split.db")
    run(split, "ingest", "--outlets", OUTLETS, FEEDS, cwd=folder)
    run(split, "ingest", "--outlets", OUTLETS, PAGES, cwd=folder)
    return {"whole": dump(whole), "split": dump(split)}


def test_two_overlapping_ingests(store_url: str, tmp_path: Path,
                                 one_after_the_other: dict[str, Any]) -> None:
    ingest = ("ingest", "--outlets", OUTLETS, FEEDS)
    results = together(store_url, tmp_path, ingest, ingest)
    for code, _out, err in results:
        assert code == 0, err[-3000:]
    assert dump(store_url) == one_after_the_other["whole"]


def test_two_analyses_at_once(store_url: str, tmp_path: Path,
                              one_after_the_other: dict[str, Any]) -> None:
    run(store_url, "ingest", "--no-analyse", "--outlets", OUTLETS, FEEDS, cwd=tmp_path)
    results = together(store_url, tmp_path, ("analyse",), ("analyse",))
    for code, _out, err in results:
        assert code == 0, err[-3000:]
    assert dump(store_url) == one_after_the_other["whole"]


def test_brief_during_an_ingest(store_url: str, tmp_path: Path,
                                one_after_the_other: dict[str, Any]) -> None:
    """``brief`` while an ingest adds and analyses the pages: both succeed; the briefing is
    the day's before the ingest or after it, never a mix; the store is as if one ran after
    the other (whether ``brief`` saves its briefing or only reads)."""
    run(store_url, "ingest", "--outlets", OUTLETS, FEEDS, cwd=tmp_path)
    before = run(store_url, "brief", "--date", "2024-11-22", "--format", "json", cwd=tmp_path)
    ingest = start(store_url, "ingest", "--outlets", OUTLETS, PAGES, cwd=tmp_path)
    time.sleep(0.5)  # the ingest is under way (it takes seconds)
    code, during, err = finish(start(store_url, "brief", "--date", "2024-11-22", "--format",
                                     "json", cwd=tmp_path))
    assert code == 0, err[-3000:]
    ingest_code, _out, ingest_err = finish(ingest)
    assert ingest_code == 0, ingest_err[-3000:]
    after = run(store_url, "brief", "--date", "2024-11-22", "--format", "json", cwd=tmp_path)
    assert stories_of(during) in (stories_of(before), stories_of(after))
    assert dump(store_url) == one_after_the_other["split"]


def stories_of(briefing_json: str) -> list[tuple[str, int]]:
    import json

    return [(s["id"], s["articles"]) for s in json.loads(briefing_json)["stories"]]
