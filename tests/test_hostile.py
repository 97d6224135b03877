"""The hostile-input corpus: every way an input once stopped a run or corrupted the store.

Each case in ``tests/fixtures/hostile`` has a sidecar ``NAME.expected.json`` (the format of
``tests/fixtures/ingest``: exit code, stored articles, the coded error lines naming each bad
item) and is fed in by every way it lists (a file, a folder, stdin, a real HTTP server on
127.0.0.1). Beyond the sidecar, whatever the case: nothing stored holds a NUL, control,
bidi-override or surrogate character, and analysis and a briefing run on the store after
(an early date once made every later run crash). ``scenario_*`` cases are several ingests
in turn (provenance: one source never revises or hides another's article).

The other reproductions of issue 16 are here too: credentials in a feed URL, ``--out``
over the store, ``max_bytes = -1``, hostile Markdown, a reader name in the index page,
and a store already holding a year-1 article.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import rows
from test_ingest_fixtures import (
    assert_clean,
    check_articles,
    check_errors,
    run_ingest,
    serve_folder,
    stored_articles,
)

from geobrief.cli import cli
from geobrief.errors import GeobriefError
from geobrief.models import Briefing, Personal, Reader, StoryBrief
from geobrief.pipeline import demo_corpus
from geobrief.publish.files import write_index

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SUFFIX = ".expected.json"
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _input_for(sidecar: Path) -> Path:
    name = sidecar.name[: -len(SUFFIX)]
    found = [p for p in HOSTILE.iterdir() if not p.name.endswith(SUFFIX)
             and (p.name == name or p.name.startswith(name + "."))]
    assert len(found) == 1, f"{sidecar.name}: {found}"
    return found[0]


def _cases() -> list[Any]:
    out = []
    for sidecar in sorted(HOSTILE.glob("*" + SUFFIX)):
        if sidecar.name.startswith("scenario_"):
            continue
        for via in json.loads(sidecar.read_text(encoding="utf-8"))["via"]:
            out.append(pytest.param(sidecar, via, id=f"{sidecar.name[: -len(SUFFIX)]}-{via}"))
    return out



@pytest.fixture(autouse=True)
def allow_loopback(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The network guard lets these tests' loopback server through (and no other)."""
    monkeypatch.setenv("GEOBRIEF_ALLOW_HOSTS", "127.0.0.1")
    monkeypatch.setenv("GEOBRIEF_HOST_DELAY", "0")

@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """host:port of a real HTTP server on loopback serving the hostile corpus."""
    for base in serve_folder(HOSTILE, nested=True):
        yield base.removeprefix("http://")


def assert_nothing_forbidden(db: Path) -> None:
    for table, column in (("articles", "title"), ("articles", "text"), ("articles", "author"),
                          ("articles", "url"), ("outlets", "name")):
        for (value,) in rows(db, f"SELECT {column} FROM {table}"):
            assert value is None or not FORBIDDEN.search(value), (table, column, value[:80])
    for (author,) in rows(db, "SELECT author FROM articles"):
        assert author is None or len(author) <= 300


def analyse_and_brief(db: Path) -> None:
    """Analysis and a briefing for every day with news run on the store, failing (if at
    all) only with a coded error (a day whose stories do not rank has no news)."""
    result = CliRunner().invoke(cli, ["--db", str(db), "-q", "analyse"])
    assert result.exit_code == 0, result.output
    for (day,) in rows(db, "SELECT DISTINCT substr(published, 1, 10) FROM articles"):
        result = CliRunner().invoke(cli, ["--db", str(db), "-q", "brief", "--date", day])
        assert result.exception is None or isinstance(result.exception, GeobriefError), (
            day, result.exception)


@pytest.mark.parametrize(("sidecar", "via"), _cases())
def test_hostile_fixture(sidecar: Path, via: str, isolated: Path,
                         request: pytest.FixtureRequest) -> None:
    expected = json.loads(sidecar.read_text(encoding="utf-8"))
    path = _input_for(sidecar)
    db = isolated / "store.db"
    stdin = None
    if via in ("file", "folder"):
        source = str(path)
    elif via == "stdin":
        source, stdin = "-", path.read_bytes()
    else:
        source = f"http://{request.getfixturevalue('server')}/{path.name}"
    code, errors, stderr = run_ingest(db, [source], stdin)
    assert code == expected["exit_code"], stderr
    check_errors(errors, expected["errors"], "<stdin>" if via == "stdin" else source)
    articles = stored_articles(db)
    check_articles(articles, expected)
    assert_clean(articles)
    assert_nothing_forbidden(db)
    again, errors_again, _ = run_ingest(db, [source], stdin)  # idempotent, errors and all
    assert (again, len(errors_again)) == (code, len(errors))
    assert stored_articles(db) == articles
    analyse_and_brief(db)


def test_every_hostile_input_has_a_sidecar() -> None:
    described = {_input_for(s) for s in HOSTILE.glob("*" + SUFFIX)}
    inputs = {p for p in HOSTILE.iterdir() if not p.name.endswith(SUFFIX)}
    assert inputs == described, sorted(str(p) for p in inputs ^ described)


# --- provenance: one source never speaks for another ----------------------------------------

SCENARIO = json.loads((HOSTILE / "scenario_impersonation.expected.json").read_text("utf-8"))
SUMMARY = re.compile(r"(\d+) added, (\d+) updated, (\d+) duplicates skipped")


@pytest.mark.parametrize("case", SCENARIO["cases"], ids=[c["name"] for c in SCENARIO["cases"]])
def test_no_source_revises_or_hides_another(case: dict, isolated: Path,
                                            request: pytest.FixtureRequest) -> None:
    folder = HOSTILE / "scenario_impersonation"
    db = isolated / "store.db"
    for step in case["steps"]:
        sources = [str(folder / n) if step["via"] == "file"
                   else f"http://{request.getfixturevalue('server')}/{folder.name}/{n}"
                   for n in step["sources"]]
        code, errors, stderr = run_ingest(db, sources,
                                          extra=["--outlets", str(folder / "outlets.yaml")])
        assert (code, errors) == (0, []), stderr
        found = SUMMARY.search(stderr)
        assert found and [int(n) for n in found.groups()] == step["counts"], stderr
    stored = stored_articles(db)
    assert len(stored) == len(case["articles"])
    for want in case["articles"]:
        got = [a for a in stored if (a["url"], a["outlet_name"]) == (want["url"], want["outlet"])
               and all(snippet in a["text"] for snippet in want.get("text_contains", []))
               and not any(snippet in a["text"] for snippet in want.get("text_lacks", []))]
        assert len(got) == 1, (want, [(a["url"], a["outlet_name"], a["text"][:60])
                                      for a in stored])
    if "copies" in case:  # the same text from another source: a report of the same origin
        result = CliRunner().invoke(cli, ["--db", str(db), "-q", "analyse"])
        assert result.exit_code == 0, result.output
        linked = rows(db, "SELECT count(*) FROM articles WHERE origin_id IS NOT NULL")[0][0]
        assert linked == case["copies"]


def test_an_impostor_is_not_cited_as_the_outlet(isolated: Path, server: str) -> None:
    """The briefing of a day with the real report and an impostor's fetched one never
    attributes the impostor's invented claim to Meridian Wire."""
    folder = HOSTILE / "scenario_impersonation"
    db = isolated / "store.db"
    outlets = ["--outlets", str(folder / "outlets.yaml")]
    run_ingest(db, [str(folder / "real.xml")], extra=outlets)
    run_ingest(db, [f"http://{server}/{folder.name}/fake.xml"], extra=outlets)
    result = CliRunner().invoke(cli, ["--db", str(db), "-q", "brief", "--date", "2024-10-22",
                                      "--format", "json", "--update"])
    assert result.exit_code == 0, result.output
    lines = [line for story in json.loads(result.output)["stories"]
             for line in story["at_a_glance"] + story["what_is_happening"]
             + story.get("more", {}).get("what_is_happening", []) if line["reader"] is None]
    invented = [line for line in lines if "can confirm" in line["text"]]
    assert invented
    for line in invented:
        assert {c["label"] for c in line["citations"]} == {"127.0.0.1"}, line
        assert "according to Meridian Wire" not in line["text"]
        assert line["text"].endswith("according to 127.0.0.1.")


# --- credentials, outputs, settings --------------------------------------------------------


def test_credentials_in_a_feed_url_are_never_printed_or_stored(isolated: Path,
                                                                server: str) -> None:
    db = isolated / "store.db"
    secret = "hunter2-s3cret"
    good = f"http://reader:{secret}@{server}/rss_broken_links.xml?api_key={secret}&page=1"
    missing = f"http://reader:{secret}@{server}/missing.xml?token={secret}"
    code, errors, stderr = run_ingest(db, [good, missing])
    assert code == 1 and len(errors) == 3, stderr  # two bad items, one missing feed
    assert secret not in stderr
    assert "reader:" not in stderr and "***@" in stderr
    for part in (db, Path(f"{db}-wal")):
        assert not part.exists() or secret.encode() not in part.read_bytes()
    feeds = rows(db, "SELECT url, failures FROM feeds ORDER BY url")
    assert [f for f, _ in feeds] == [
        f"http://***@{server}/missing.xml?token=***",
        f"http://***@{server}/rss_broken_links.xml?api_key=***&page=1"]
    assert {s for (s,) in rows(db, "SELECT source FROM articles")} == {feeds[1][0]}


def _geobrief(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEOBRIEF_")}
    return subprocess.run([sys.executable, "-m", "geobrief", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_out_over_the_store_is_refused_and_the_store_kept(demo_master: Path,
                                                          isolated: Path) -> None:
    db = isolated / "store.db"
    db.write_bytes(demo_master.read_bytes())
    before = db.read_bytes()
    done = _geobrief("--db", str(db), "brief", "--date", "2024-11-22", "--out", str(db),
                     cwd=isolated)
    assert done.returncode == 2, done.stderr
    assert "[GB405]" in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == before
    other = isolated / "copy.db"  # any other SQLite database is refused as well
    other.write_bytes(before)
    done = _geobrief("--db", str(db), "brief", "--date", "2024-11-22", "--out", str(other),
                     cwd=isolated)
    assert done.returncode == 2 and "[GB405]" in done.stderr


def test_brief_out_is_written_atomically(store: Path, isolated: Path) -> None:
    out = isolated / "brief.md"
    out.write_text("an older briefing", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(store), "-q", "brief", "--date", "2024-11-22",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Daily briefing, 2024-11-22")
    assert [p.name for p in isolated.iterdir() if p.name.startswith(".")] == []


def test_a_negative_size_cap_is_a_coded_error(isolated: Path) -> None:
    feed = str(HOSTILE / "rss_broken_links.xml")
    done = _geobrief("--db", "s.db", "ingest", "--max-bytes", "-1", feed, cwd=isolated)
    assert done.returncode == 2 and "[GB501]" in done.stderr and "max_bytes" in done.stderr
    (isolated / "geobrief.toml").write_text("max_bytes = -1\n", encoding="utf-8")
    done = _geobrief("--db", "s.db", "ingest", feed, cwd=isolated)
    assert done.returncode != 0 and "[GB501]" in done.stderr and "max_bytes" in done.stderr
    assert "Traceback" not in done.stderr


# --- Markdown and HTML outputs ---------------------------------------------------------------

HOSTILE_TITLES = [
    '<img src=x onerror="alert(1)"> Ceasefire talks open',
    "<script>alert(2)</script> Ceasefire talks continue",
    "Envoys meet](javascript:alert(3)) in Geneva",
    "[Ceasefire](javascript:alert(4)) **holds** `as` _planned_ <b onmouseover=alert(5)>",
]


def _hostile_feed(path: Path) -> None:
    from xml.sax.saxutils import escape

    body = ("Envoys from both sides met in Geneva on Wednesday for talks on a ceasefire along the "
            "front line, officials said, and agreed to meet again next week to discuss prisoner "
            "exchanges, humanitarian corridors and the withdrawal of heavy weapons from the line.")
    items = "".join(
        f"<item><title>{escape(title)}</title>"
        f"<link>https://geneva-wire.example/talks/{n}</link>"
        f"<pubDate>Wed, 0{n + 1} May 2024 0{n}:00:00 GMT</pubDate>"
        f"<description>{escape(title)}. {body}</description></item>"
        for n, title in enumerate(HOSTILE_TITLES))
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                    "<title>Geneva <b>Wire</b></title><link>https://geneva-wire.example/</link>"
                    f"<language>en</language>{items}</channel></rss>", encoding="utf-8")


def test_markdown_renders_hostile_titles_inert(isolated: Path) -> None:
    markdown = pytest.importorskip("markdown")
    from lxml import html as lxml_html

    feed = isolated / "geneva.xml"
    _hostile_feed(feed)
    db = isolated / "store.db"
    code, errors, stderr = run_ingest(db, [str(feed)])
    assert (code, errors) == (0, []), stderr
    assert CliRunner().invoke(cli, ["--db", str(db), "-q", "analyse"]).exit_code == 0
    for day in ("2024-05-04", "2024-05-03", "2024-05-02", "2024-05-01"):
        result = CliRunner().invoke(cli, ["--db", str(db), "-q", "brief", "--date", day])
        assert result.exit_code == 0, result.output
        rendered = markdown.markdown(result.output)  # Python-Markdown's defaults
        tree = lxml_html.fragment_fromstring(rendered, create_parent="div")
        tags = {el.tag for el in tree.iter() if isinstance(el.tag, str)}
        assert tags <= {"div", "h1", "h2", "h3", "p", "ul", "ol", "li", "em", "strong", "a"}, tags
        for link in tree.iter("a"):
            assert link.get("href", "").startswith(("https://", "http://")), link.get("href")
        assert not [el for el in tree.iter() if isinstance(el.tag, str)
                    and any(a.startswith("on") for a in el.attrib)]
        text = tree.text_content()
        assert "onerror" in text or "alert" in text  # the hostile titles are shown as text


def test_html_pages_carry_a_strict_content_security_policy(store: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(store), "-q", "brief", "--date", "2024-11-22",
                                      "--format", "html"])
    assert result.exit_code == 0
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', result.output)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1) and "script-src" not in policy.group(1)
    assert "unsafe-inline" not in policy.group(1)


def test_a_reader_name_is_escaped_in_the_index(isolated: Path) -> None:
    name = '"><script>alert(1)</script>'
    story = StoryBrief("s", "t", "thread", "<b>Title</b>", "2024-11-22", "2024-11-22", [], 1, 1,
                       [], [], {}, [], [])
    personal = Briefing(f"2024-11-22:reader:{name}", date(2024, 11, 22),
                        Personal(Reader(name, "JP")), [story], "now")
    index = write_index([], isolated, personal).read_text(encoding="utf-8")
    assert "<script>" not in index and "<b>Title" not in index
    assert "&lt;script&gt;" in index


# --- a store already poisoned by an early date -----------------------------------------------


def test_a_stored_year_one_article_no_longer_stops_any_run(demo_master: Path,
                                                           isolated: Path) -> None:
    """A store filled before dates were checked may hold an article of 0001-01-02; it used
    to make analyse, ingest and brief crash (OverflowError) for any date."""
    db = isolated / "store.db"
    db.write_bytes(demo_master.read_bytes())
    con = sqlite3.connect(db)
    values = {"url": "https://old.example/a", "content_hash": "h", "outlet_id": 1,
              "title": "Ancient", "text": "An ancient report of things.",
              "published": "0001-01-02 00:00:00.000000", "language": "en",
              "ingested_at": "2024-01-01 00:00:00", "analysed": 0, "placed": 0,
              "source_key": "k", "source": "old"}
    columns = [c[1] for c in con.execute("PRAGMA table_info(articles)") if c[1] in values]
    con.execute(f"INSERT INTO articles ({', '.join(columns)}) VALUES "
                f"({', '.join('?' for _ in columns)})", [values[c] for c in columns])
    con.commit()
    con.close()
    for args in (["analyse"], ["brief", "--date", "2024-11-22"],
                 ["ingest", str(demo_corpus() / "feeds")]):
        result = CliRunner().invoke(cli, ["--db", str(db), "-q", *args])
        assert result.exit_code == 0 and result.exception is None, (args, result.output)
    assert rows(db, "SELECT count(*) FROM articles WHERE url = 'https://old.example/a'") == [(1,)]
