"""Property-based: random JSON Lines, feeds and dates through ingest, analysis and compose.

Whatever the input, nothing raises past the error catalogue (every failure is an
``IngestError`` in the report, or a ``GeobriefError`` from compose, each with a catalogued
code), and nothing stored before is lost or changed. Hypothesis runs derandomised, so a
failure in CI is reproducible; each example starts from a copy of a small good store.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geobrief.app import Geobrief
from geobrief.errors import Code, GeobriefError
from geobrief.ingest import ingest_sources
from geobrief.pipeline import bring_up_to_date
from geobrief.settings import Settings
from geobrief.store import open_store

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CODES = {c.value for c in Code}
NASTY = ["\x00", "\u202e", "\ud800", "\x07", "\ufeff", "<script>alert(1)</script>",
         "](javascript:alert(1))", "&amp;&#0;", "\n\n", "é" * 300, "x" * 5000, "", " "]

texts = st.one_of(st.text(max_size=60), st.sampled_from(NASTY),
                  st.lists(st.sampled_from(NASTY), max_size=4).map("".join))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children,
                                                                      max_size=3),
    max_leaves=8)
moments = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31),
                       timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)),
                                                  timezone(timedelta(hours=-12))]))
dates = st.one_of(moments.map(lambda m: m.isoformat()), texts,
                  st.sampled_from(["0001-01-01T00:00:00+01:00", "0000-01-01", "2024-02-30",
                                   "9999-12-31T23:59:59-01:00",
                                   "Tue, 31 Dec 9999 23:59:59 -1200"]))
urls = st.one_of(st.sampled_from(["https://fuzz.example/a", "https://fuzz.example:99999/b",
                                  "http://[::1/c", "javascript:alert(1)", "https://fuzz.example/"
                                  + "x" * 2500, "https://user:pw@fuzz.example/d"]),
                 texts.map(lambda t: "https://fuzz.example/" + t))
BODY = ("Ministers met on Tuesday to discuss the harbour dispute, officials said, and agreed to "
        "continue the talks next week with mediators from three neighbouring countries present.")
records = st.fixed_dictionaries(
    {}, optional={"url": st.one_of(urls, json_values), "title": st.one_of(texts, json_values),
                  "text": st.one_of(texts.map(lambda t: BODY + t), json_values),
                  "published": st.one_of(dates, json_values),
                  "outlet": st.one_of(texts, json_values), "author": json_values,
                  "language": st.one_of(texts, json_values), "html": texts})
lines = st.lists(st.one_of(records.map(json.dumps), json_values.map(json.dumps), texts,
                           st.just("[" * 5000 + "]" * 5000)), max_size=6)
items = st.lists(st.tuples(texts, urls, dates, texts), max_size=4)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small good store: the hostile corpus's good lines, analysed."""
    db = tmp_path_factory.mktemp("fuzz-base") / "base.db"
    store = open_store(str(db))
    try:
        report = ingest_sources(store, [str(HOSTILE / "jsonl_bom.jsonl")], Settings())
        assert report.added == 2 and not report.errors
        bring_up_to_date(store, Settings())
    finally:
        store.close()
    return db


def snapshot(db: Path) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id, url, content_hash, title, text, published, source_key "
                           "FROM articles ORDER BY id").fetchall()
    finally:
        con.close()


def feed_bytes(title: str, entries: list[tuple[str, str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(u)}</link><pubDate>{escape(d)}</pubDate>"
        f"<description>{escape(BODY + x)}</description></item>" for t, u, d, x in entries)
    clean = "".join(c for c in title if c.isprintable() and c not in "\ud800\ufeff")
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>'
            f"{escape(clean)}</title>{body}</channel></rss>").encode("utf-8", "surrogatepass")


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(jsonl=lines, feed_title=texts, entries=items,
       days=st.lists(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                     max_size=2))
def test_nothing_raises_past_the_catalogue_and_nothing_stored_is_lost(
        base: Path, tmp_path: Path, jsonl: list[str], feed_title: str,
        entries: list[tuple[str, str, str, str]], days: list[date]) -> None:
    db = tmp_path / "fuzz.db"
    shutil.copy(base, db)
    before = snapshot(db)
    lines_file, feed_file = tmp_path / "fuzz.jsonl", tmp_path / "fuzz.xml"
    lines_file.write_bytes("\n".join(jsonl).encode("utf-8", "surrogatepass") + b"\n")
    feed_file.write_bytes(feed_bytes(feed_title, entries))
    with Geobrief(Settings(db=str(db))) as gb:
        report = gb.ingest([str(lines_file), str(feed_file)])
        assert all(e.code.value in CODES for e in report.errors)
        assert snapshot(db)[: len(before)] == before
        gb.update()
        stored_days = [r[5][:10] for r in snapshot(db)]
        for day in days + [date.fromisoformat(d) for d in stored_days[-2:]]:
            try:
                gb.brief(day)
            except GeobriefError as exc:
                assert exc.code.value in CODES
        assert snapshot(db)[: len(before)] == before
