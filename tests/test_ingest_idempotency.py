"""Ingesting the same inputs twice adds nothing; one link in two feeds is stored once."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import rows

from geobrief.cli import cli
from geobrief.ingest import ingest_sources
from geobrief.settings import Settings
from geobrief.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD_FILES = [
    "rss_harbour_times.xml",
    "atom_courrier_du_nord.atom",
    "jsonfeed_steppe_wire.json",
    "page_alpenpost.html",
    "page_xhtml_latin1.xhtml",
    "jsonl_island_herald.jsonl",
    "jsonl_html_body.jsonl",
]
GOOD_FOLDERS = ["folder_mixed", "dup_feeds"]
SUMMARY = re.compile(
    r"(\d+) sources: (\d+) added, (\d+) updated, (\d+) duplicates skipped, "
    r"(\d+) not modified, (\d+) errors"
)




def dump(db: Path) -> list[tuple[Any, ...]]:
    """Every column of every article, and the outlets they point at."""
    articles = rows(db, "SELECT * FROM articles ORDER BY id")
    return articles + [("outlet", *row) for row in rows(db, "SELECT * FROM outlets ORDER BY id")]


def counts(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        return (
            con.execute("SELECT count(*) FROM articles").fetchone()[0],
            con.execute("SELECT count(*) FROM outlets").fetchone()[0],
        )
    finally:
        con.close()


def cli_ingest(db: Path, sources: list[str], stdin: bytes | None = None) -> dict[str, int]:
    result = CliRunner().invoke(
        cli, ["--db", str(db), "ingest", *sources, "--no-analyse"], input=stdin
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stderr
    match = SUMMARY.search(result.stderr)
    assert match, result.stderr
    keys = ("sources", "added", "updated", "duplicate", "not_modified", "errors")
    return dict(zip(keys, map(int, match.groups()), strict=True))


def test_same_inputs_twice_add_nothing(isolated: Path) -> None:
    db = isolated / "store.db"
    sources = [str(FIXTURES / n) for n in GOOD_FILES + GOOD_FOLDERS]
    stdin = (FIXTURES / "jsonl_island_herald.jsonl").read_bytes()

    first = cli_ingest(db, sources)
    assert first["added"] > 0 and first["errors"] == 0
    stored, dumped = counts(db), dump(db)

    second = cli_ingest(db, sources)
    assert (second["added"], second["updated"], second["errors"]) == (0, 0, 0)
    assert second["duplicate"] == first["added"] + first["duplicate"]
    assert counts(db) == stored
    assert dump(db) == dumped

    # the same articles by another way in (stdin, copies of the files in a new folder) are
    # other sources: each adds its own reports once, and revises nothing already stored
    via_stdin = cli_ingest(db, ["-"], stdin)
    assert (via_stdin["added"], via_stdin["updated"]) == (stored_by("jsonl_island_herald"), 0)
    copies = isolated / "copies"
    copies.mkdir()
    for name in GOOD_FILES:
        shutil.copy(FIXTURES / name, copies / name)
    via_copies = cli_ingest(db, [str(copies)])
    wanted = sum(stored_by(name.rsplit(".", 1)[0]) for name in GOOD_FILES)
    assert (via_copies["added"], via_copies["updated"]) == (wanted, 0)
    assert dump(db)[: stored[0]] == dumped[: stored[0]]  # the first articles, untouched
    assert (cli_ingest(db, ["-"], stdin)["added"], cli_ingest(db, [str(copies)])["added"]) == (
        0, 0)


def stored_by(fixture: str) -> int:
    sidecar = FIXTURES / f"{fixture}.expected.json"
    return int(json.loads(sidecar.read_text(encoding="utf-8"))["stored"])


def test_library_twice_adds_nothing(isolated: Path) -> None:
    db = isolated / "store.db"
    sources = [str(FIXTURES / n) for n in GOOD_FILES + GOOD_FOLDERS]
    store = open_store(str(db))
    try:
        first = ingest_sources(store, sources, Settings())
        before = dump(db)
        second = ingest_sources(store, sources, Settings())
    finally:
        store.close()
    assert first.errors == [] and second.errors == []
    assert (second.added, second.updated) == (0, 0)
    assert dump(db) == before


@pytest.mark.parametrize(
    "order",
    [("a_gulf_wire.xml", "b_world_digest.xml"), ("b_world_digest.xml", "a_gulf_wire.xml")],
    ids=["outlet-first", "aggregator-first"],
)
def test_same_link_in_two_feeds_is_stored_once_per_feed(
        isolated: Path, order: tuple[str, str]) -> None:
    """An aggregator carrying an outlet's link is another report of it, whichever comes
    first: it neither revises the outlet's article nor is hidden by it."""
    db = isolated / "store.db"
    feeds = [str(FIXTURES / "dup_feeds" / name) for name in order]
    store = open_store(str(db))
    try:
        first = ingest_sources(store, feeds, Settings())
        assert (first.added, first.duplicate, first.updated, first.errors) == (4, 0, 0, [])
        con = sqlite3.connect(db)
        found = con.execute("SELECT a.url, o.name, a.text FROM articles a JOIN outlets o "
                            "ON o.id = a.outlet_id WHERE url LIKE '%desalination%' "
                            "ORDER BY o.name").fetchall()
        assert [(u, o) for u, o, _ in found] == [
            ("https://gulfwire.example/region/desalination-attack", "Gulf Wire"),
            ("https://gulfwire.example/region/desalination-attack", "World Digest")]
        assert found[0][2].startswith("A drone strike") and found[1][2].startswith("Via Gulf")
        # mark everything analysed: a rerun must not queue anything for analysis again
        con.execute("UPDATE articles SET analysed = 7")
        con.commit()
        con.close()
        before = dump(db)
        for _ in range(2):
            again = ingest_sources(store, feeds, Settings())
            assert (again.added, again.updated, again.duplicate) == (0, 0, 4)
            assert dump(db) == before
    finally:
        store.close()


def _feed(description: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lakeside Courier</title>
<link>https://lakesidecourier.example/</link><language>en</language>
<item><title>Ferry operator fined over safety breaches</title>
<link>https://lakesidecourier.example/news/ferry-fine</link>
<pubDate>Fri, 08 Mar 2024 14:00:00 GMT</pubDate>
<description>{description}</description></item></channel></rss>"""


def test_corrected_article_is_updated_once(isolated: Path) -> None:
    """The same outlet republishing a link with new text is a revision: updated, then stable."""
    db = isolated / "store.db"
    path = isolated / "lakeside.xml"
    path.write_text(
        _feed(
            "The lake ferry operator was fined two hundred thousand euros on Friday after "
            "inspectors found that lifejackets were missing on three of its boats and that crews "
            "had not held the required evacuation drills for more than a year."
        )
    )
    store = open_store(str(db))
    try:
        assert ingest_sources(store, [str(path)], Settings()).added == 1
        con = sqlite3.connect(db)
        con.execute("UPDATE articles SET analysed = 7")
        con.commit()
        path.write_text(
            _feed(
                "Correction: the lake ferry operator was fined two hundred and fifty thousand "
                "euros on Friday after inspectors found that lifejackets were missing on three of "
                "its boats and that crews had skipped the required evacuation drills."
            )
        )
        report = ingest_sources(store, [str(path)], Settings())
        assert (report.added, report.updated) == (0, 1)
        text, analysed = con.execute("SELECT text, analysed FROM articles").fetchone()
        con.close()
        assert text.startswith("Correction:") and analysed == 0
        before = dump(db)
        report = ingest_sources(store, [str(path)], Settings())
        assert (report.added, report.updated, report.duplicate) == (0, 0, 1)
        assert dump(db) == before
    finally:
        store.close()


def test_page_seen_again_in_the_same_process_is_still_an_article(isolated: Path) -> None:
    """trafilatura's process-wide deduplication must not eat a page met a third time."""
    page = str(FIXTURES / "page_alpenpost.html")
    for n in range(4):
        store = open_store(str(isolated / f"store{n}.db"))
        try:
            report = ingest_sources(store, [page], Settings())
        finally:
            store.close()
        assert (report.added, report.errors) == (1, []), f"run {n}: {report.errors}"
