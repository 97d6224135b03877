"""Every ingest format, from every kind of source, against hand-written fixtures.

Each fixture in ``tests/fixtures/ingest`` (a file, or a folder) has a sidecar
``NAME.expected.json`` stating what ingesting it must give: the CLI exit code, the
number of stored articles, each article's URL, title, outlet, language, UTC publication
time and some of its text, and the error lines expected (code, the item named, the
reason). ``via`` lists how the fixture is fed in: ``file`` (its path), ``folder`` (a
folder path), ``stdin`` (``-`` with the bytes on standard input) or ``http`` (a URL on a
real HTTP server on 127.0.0.1). The test runs ``geobrief ingest`` through click's
CliRunner on a fresh SQLite store for each fixture and each way in, and compares.

Whatever the fixture, every stored article must have an outlet, a UTC publication time,
a language code and clean text (no HTML tags or entities).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geobrief.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SUFFIX = ".expected.json"
CONTENT_TYPES = {
    ".xml": "application/rss+xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xhtml": "application/xhtml+xml",
    ".jsonl": "application/x-ndjson",
    ".ndjson": "application/x-ndjson",
}
ERROR_LINE = re.compile(r"^error: \[(GB\d{3})\] (.+)$")
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]{2,8});")
STORED_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$")


def _input_for(sidecar: Path) -> Path:
    """The fixture a sidecar describes: ``NAME`` (a folder) or the one file ``NAME.<ext>``."""
    name = sidecar.name[: -len(SUFFIX)]
    candidates = [
        p
        for p in sidecar.parent.iterdir()
        if not p.name.endswith(SUFFIX) and (p.name == name or p.name.startswith(name + "."))
    ]
    assert len(candidates) == 1, f"{sidecar.name}: expected one input, found {candidates}"
    return candidates[0]


def _cases() -> list[Any]:
    cases = []
    for sidecar in sorted(FIXTURES.glob("*" + SUFFIX)):
        expected = json.loads(sidecar.read_text(encoding="utf-8"))
        for via in expected["via"]:
            cases.append(pytest.param(sidecar, via, id=f"{sidecar.name[: -len(SUFFIX)]}-{via}"))
    return cases


# --- a real HTTP server on loopback, serving the fixture folder ---------------------------


def serve_folder(folder: Path, nested: bool = False) -> Iterator[str]:
    """A real HTTP server on loopback serving the files of ``folder`` (and, with
    ``nested``, of its subfolders); yields its base URL, without a trailing slash."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = (folder / self.path.lstrip("/").split("?")[0]).resolve()
            inside = folder.resolve() in path.parents if nested else path.parent == folder
            if not path.is_file() or not inside:
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type",
                             CONTENT_TYPES.get(path.suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()



@pytest.fixture(autouse=True)
def allow_loopback(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The network guard lets these tests' loopback server through (and no other)."""
    monkeypatch.setenv("GEOBRIEF_ALLOW_HOSTS", "127.0.0.1")
    monkeypatch.setenv("GEOBRIEF_HOST_DELAY", "0")

@pytest.fixture(scope="module")
def fixture_server() -> Iterator[str]:
    yield from serve_folder(FIXTURES)


# --- helpers ------------------------------------------------------------------------------


def stored_articles(db: Path) -> list[dict[str, Any]]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        rows = con.execute(
            "SELECT a.*, o.name AS outlet_name FROM articles a "
            "JOIN outlets o ON o.id = a.outlet_id ORDER BY a.url"
        ).fetchall()
        return [dict(r) for r in rows]
    finally:
        con.close()


def assert_clean(articles: list[dict[str, Any]]) -> None:
    """Every stored article has outlet, UTC published time, language and clean text."""
    for a in articles:
        where = a["url"]
        assert a["url"].startswith(("http://", "https://")), where
        assert a["outlet_name"] and a["outlet_name"].strip(), f"{where}: no outlet"
        assert a["published"] and STORED_TIME.match(a["published"]), (
            f"{where}: published {a['published']!r} is not a naive UTC time"
        )
        datetime.fromisoformat(a["published"])
        assert re.fullmatch(r"[a-z]{2,3}", a["language"] or ""), f"{where}: {a['language']!r}"
        for field in ("title", "text"):
            value = a[field]
            assert value and value == value.strip(), f"{where}: empty or unstripped {field}"
            assert not TAG.search(value), f"{where}: HTML tag in {field}: {TAG.search(value)}"
            assert not ENTITY.search(value), f"{where}: HTML entity in {field}"
        assert len(a["text"]) >= 200, f"{where}: text too short ({len(a['text'])})"
        assert re.fullmatch(r"[0-9a-f]{64}", a["content_hash"]), where


def run_ingest(
    db: Path, sources: list[str], stdin: bytes | None = None, extra: list[str] | None = None
) -> tuple[int, list[str], str]:
    """Run ``geobrief --db DB ingest SOURCES --no-analyse``; exit code, error lines, stderr."""
    result = CliRunner().invoke(
        cli, ["--db", str(db), "ingest", *sources, "--no-analyse", *(extra or [])], input=stdin
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    return result.exit_code, errors, result.stderr


def check_errors(errors: list[str], expected: list[dict[str, str]], source: str) -> None:
    """Exactly one line per expected error, naming the item and the reason; no others."""
    assert len(errors) == len(expected), "\n".join(errors)
    unmatched = list(errors)
    for want in expected:
        item = want["item"].replace("{source}", source)
        hits = [
            line
            for line in unmatched
            if (m := ERROR_LINE.match(line))
            and m.group(1) == want["code"]
            and m.group(2).startswith(item + ": ")
            and want["reason"] in m.group(2)[len(item) :]
        ]
        assert len(hits) == 1, f"want one {want} for {item!r} in:\n" + "\n".join(errors)
        unmatched.remove(hits[0])


def check_articles(articles: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    """Each expected article stored, found by URL and outlet (two sources may carry one URL)."""
    assert len(articles) == expected["stored"], [a["url"] for a in articles]
    by_key = {(a["url"], a["outlet_name"]): a for a in articles}
    assert sorted(by_key) == sorted((a["url"], a["outlet"]) for a in expected["articles"])
    for want in expected["articles"]:
        got = by_key[(want["url"], want["outlet"])]
        assert got["title"] == want["title"]
        assert got["outlet_name"] == want["outlet"]
        assert got["language"] == want["language"]
        assert want["published"].endswith("Z"), "expected times are written in UTC"
        stored = datetime.fromisoformat(got["published"])  # naive, UTC by convention
        assert stored == datetime.fromisoformat(want["published"][:-1]), (
            got["published"],
            want["published"],
        )
        for snippet in want.get("text_contains", []):
            assert snippet in got["text"], f"{want['url']}: {snippet!r} not in text"
        for snippet in want.get("text_lacks", []):
            assert snippet not in got["text"], f"{want['url']}: {snippet!r} in text"


# --- the test -----------------------------------------------------------------------------


@pytest.mark.parametrize(("sidecar", "via"), _cases())
def test_fixture(sidecar: Path, via: str, isolated: Path, request: pytest.FixtureRequest) -> None:
    expected = json.loads(sidecar.read_text(encoding="utf-8"))
    path = _input_for(sidecar)
    db = isolated / "store.db"
    stdin = None
    if via == "file":
        assert path.is_file()
        source = str(path)
    elif via == "folder":
        assert path.is_dir()
        source = str(path)
    elif via == "stdin":
        source, stdin = "-", path.read_bytes()
    elif via == "http":
        source = f"{request.getfixturevalue('fixture_server')}/{path.name}"
    else:  # pragma: no cover - a typo in a sidecar
        raise AssertionError(f"unknown via {via!r}")

    code, errors, stderr = run_ingest(db, [source], stdin)

    assert code == expected["exit_code"], stderr
    label = "<stdin>" if via == "stdin" else source
    check_errors(errors, expected["errors"], label)
    articles = stored_articles(db)
    check_articles(articles, expected)
    assert_clean(articles)


def test_every_fixture_has_a_sidecar() -> None:
    """No fixture is left unchecked: each input file or folder is named by one sidecar."""
    described = {_input_for(s) for s in FIXTURES.glob("*" + SUFFIX)}
    inputs = {p for p in FIXTURES.iterdir() if not p.name.endswith(SUFFIX)}
    assert inputs == described, sorted(str(p) for p in inputs ^ described)


def test_sidecars_are_well_formed() -> None:
    for sidecar in FIXTURES.glob("*" + SUFFIX):
        expected = json.loads(sidecar.read_text(encoding="utf-8"))
        assert set(expected) >= {"about", "via", "exit_code", "stored", "errors", "articles"}
        assert expected["exit_code"] == (1 if expected["errors"] else 0), sidecar.name
        assert len(expected["articles"]) == expected["stored"], sidecar.name
        assert set(expected["via"]) <= {"file", "folder", "stdin", "http"}, sidecar.name
