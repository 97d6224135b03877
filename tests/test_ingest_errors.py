"""Bad inputs cost only themselves.

Each bad input gets exactly one ``error: [GBxxx] ITEM: REASON`` line, the run goes on
with the rest, nothing already stored is lost or duplicated, and ``geobrief ingest``
exits 1 when anything failed (0 otherwise). The expected errors of the bad fixtures come
from their ``.expected.json`` sidecars; the 50 MB inputs are made (sparse) at test time.
"""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import rows

from geobrief.cli import cli
from geobrief.errors import Code
from geobrief.ingest import ingest_sources
from geobrief.ingest.normalise import detect_language
from geobrief.settings import Settings
from geobrief.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = [
    "rss_harbour_times.xml",
    "atom_courrier_du_nord.atom",
    "jsonfeed_steppe_wire.json",
    "page_alpenpost.html",
    "page_xhtml_latin1.xhtml",
    "jsonl_island_herald.jsonl",
    "jsonl_html_body.jsonl",
]
BAD = [
    "bad_malformed.xml",
    "bad_billion_laughs.xml",
    "bad_external_entity.xml",
    "bad_login_page.html",
    "bad_link_list.html",
    "bad_invalid_utf8.xml",
    "bad_invalid_utf8_line.jsonl",
    "bad_empty.xml",
    "bad_broken_line.jsonl",
    "bad_dates.xml",
    "bad_dates_lines.jsonl",
]
MB = 1024 * 1024




def expected_for(name: str) -> dict[str, Any]:
    stem = name.split(".")[0]
    return json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))


def sparse(path: Path, size: int = 50 * MB) -> Path:
    """A file of ``size`` bytes that takes (almost) no disk space."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def dump(db: Path) -> list[tuple[Any, ...]]:
    """The whole articles table, every column."""
    return rows(db, "SELECT * FROM articles ORDER BY id")


def cli_ingest(db: Path, sources: list[str]) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", *sources, "--no-analyse"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, [x for x in result.stderr.splitlines() if x.startswith("error:")]


def expected_lines(sources: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(code, item, reason) for each bad fixture fed in by path."""
    out = []
    for name, path in sources:
        for err in expected_for(name)["errors"]:
            out.append((err["code"], err["item"].replace("{source}", path), err["reason"]))
    return out


def match_exactly_once(lines: list[str], wanted: list[tuple[str, str, str]]) -> None:
    assert len(lines) == len(wanted), "\n".join(lines)
    left = list(lines)
    for code, item, reason in wanted:
        prefix = f"error: [{code}] {item}: "
        hits = [x for x in left if x.startswith(prefix) and reason in x[len(prefix) :]]
        assert len(hits) == 1, f"{prefix}...{reason} not found once in:\n" + "\n".join(lines)
        left.remove(hits[0])


def test_bad_inputs_cost_only_themselves(isolated: Path) -> None:
    db = isolated / "store.db"
    good = [str(FIXTURES / n) for n in GOOD]

    code, errors = cli_ingest(db, good)
    assert (code, errors) == (0, [])
    before = dump(db)
    assert len(before) == sum(expected_for(n)["stored"] for n in GOOD)

    big = sparse(isolated / "huge_feed.xml")
    missing = isolated / "no_such_feed.xml"
    bad = [(n, str(FIXTURES / n)) for n in BAD]
    # bad inputs interleaved with the good ones (already stored) and a folder of new ones
    sources: list[str] = []
    for i, (_, path) in enumerate(bad):
        sources.append(path)
        sources.append(good[i % len(good)])
    sources += [str(big), str(missing), str(FIXTURES / "dup_feeds")]
    wanted = expected_lines(bad) + [
        (Code.TOO_LARGE.value, str(big), "too large"),
        (Code.NOT_FOUND.value, str(missing), "cannot read"),
    ]

    code, errors = cli_ingest(db, sources)
    assert code == 1
    match_exactly_once(errors, wanted)
    after = dump(db)
    assert after[: len(before)] == before, "a stored article was changed or lost"
    new_stored = sum(expected_for(n)["stored"] for n in BAD) + expected_for("dup_feeds")["stored"]
    assert len(after) == len(before) + new_stored
    keys = rows(db, "SELECT source_key, url FROM articles")
    assert len(keys) == len(set(keys))

    # and again: the same errors, nothing added, nothing changed
    code, errors = cli_ingest(db, sources)
    assert code == 1
    match_exactly_once(errors, wanted)
    assert dump(db) == after

    # good inputs alone exit 0
    assert cli_ingest(db, good) == (0, [])
    assert dump(db) == after


@pytest.mark.parametrize("suffix", [".xml", ".atom", ".json", ".html"])
def test_50_mb_file_is_refused_unread(isolated: Path, suffix: str) -> None:
    big = sparse(isolated / f"big{suffix}")
    store = open_store(str(isolated / "store.db"))
    try:
        tracemalloc.start()
        report = ingest_sources(
            store, [str(big), str(FIXTURES / "rss_harbour_times.xml")], Settings()
        )
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        store.close()
    assert [e.code for e in report.errors] == [Code.TOO_LARGE]
    assert report.errors[0].item == str(big)
    assert "50.0 MB is over the 10.0 MB cap" in report.errors[0].reason
    assert report.added == 2
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB: the big file was read"


def test_cli_max_bytes_flag(isolated: Path) -> None:
    db = isolated / "store.db"
    page = FIXTURES / "page_alpenpost.html"
    code, errors = cli_ingest(db, [str(page), "--max-bytes", "1000"])
    assert code == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: [GB102] {page}: too large")
    assert dump(db) == []


def test_50_mb_json_lines_line_is_refused_unread(isolated: Path) -> None:
    """JSON Lines are streamed (no cap on the file); one 50 MB line is refused (GB102)
    without being held in memory, and the lines around it are stored."""

    def line(slug: str, title: str) -> bytes:
        text = (
            f"{title}. The regional assembly met in emergency session on Tuesday and "
            "voted to release reserve funds, after engineers warned that the old levees "
            "along the river could fail if the rain continued through the weekend."
        )
        return (
            json.dumps(
                {
                    "url": f"https://levee.example/{slug}",
                    "title": title,
                    "published": "2024-03-05T08:00:00Z",
                    "outlet": "Levee Post",
                    "language": "en",
                    "text": text,
                }
            ).encode()
            + b"\n"
        )

    path = isolated / "dump.jsonl"
    with open(path, "wb") as handle:
        handle.write(line("first", "Assembly releases reserve funds"))
        handle.seek(50 * MB, os.SEEK_CUR)  # a 50 MB hole: one line of NUL bytes
        handle.write(b"\n")
        handle.write(line("last", "Levees hold as rain eases"))
    assert path.stat().st_size > 50 * MB
    detect_language("warm up the language model before measuring")

    store = open_store(str(isolated / "store.db"))
    try:
        tracemalloc.start()
        report = ingest_sources(store, [str(path)], Settings(max_bytes=1 * MB))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        store.close()
    assert [(e.code, e.item) for e in report.errors] == [(Code.TOO_LARGE, f"{path} line 2")]
    assert report.added == 2
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB: the long line was read into memory"


def test_unknown_format_and_missing_file(isolated: Path) -> None:
    notes = isolated / "notes.txt"
    notes.write_text("Minutes of the editorial meeting: nothing to ingest here.\n")
    missing = isolated / "gone.html"
    db = isolated / "store.db"
    code, errors = cli_ingest(db, [str(notes), str(missing), str(FIXTURES / "page_alpenpost.html")])
    assert code == 1
    match_exactly_once(
        errors,
        [
            (Code.UNKNOWN_FORMAT.value, str(notes), "unknown format"),
            (Code.NOT_FOUND.value, str(missing), "cannot read"),
        ],
    )
    assert len(dump(db)) == 1


def test_duplicates_across_feeds_are_not_errors(isolated: Path) -> None:
    db = isolated / "store.db"
    folder = FIXTURES / "dup_feeds"
    store = open_store(str(db))
    try:
        report = ingest_sources(store, [str(folder)], Settings())
    finally:
        store.close()
    assert report.errors == []
    assert (report.added, report.duplicate, report.updated) == (4, 0, 0)
    code, errors = cli_ingest(db, [str(folder)])
    assert (code, errors) == (0, [])
