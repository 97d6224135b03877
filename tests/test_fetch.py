"""Fetching over HTTP against a real server on 127.0.0.1 (``http.server`` in a thread).

Conditional GET (ETag and Last-Modified, 304 stores nothing), the size cap on downloads
(declared and streamed), pausing a URL that keeps failing (GB114), geobrief's
User-Agent, and validators kept only once a download's items are stored.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import rows

from geobrief.cli import cli
from geobrief.errors import Code
from geobrief.ingest import ingest_sources
from geobrief.ingest.fetch import Fetcher
from geobrief.settings import Settings
from geobrief.store import Store, open_store

ETAG = '"rev-1"'
LAST_MODIFIED = "Tue, 12 Mar 2024 08:00:00 GMT"


def rss(*items: tuple[str, str]) -> bytes:
    """A small RSS 2.0 feed; each item is (slug, headline) with 200+ characters of text."""
    body = "".join(
        f"""
    <item>
      <title>{title}</title>
      <link>https://loopnews.example/world/{slug}</link>
      <pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
      <description>{title}. Reporters at the scene said the situation developed quickly over
      the morning, with officials from several ministries meeting in the capital to agree a
      response. Opposition leaders called for a debate in parliament, and neighbouring
      governments said they were following events closely and would issue statements.</description>
    </item>"""
        for slug, title in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loop News</title><link>https://loopnews.example/</link>
<language>en</language>{body}
</channel></rss>""".encode()


# --- the server ---------------------------------------------------------------------------


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class Route:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    # streaming: send ``stream_total`` bytes in chunks; ``declare`` sets Content-Length
    stream_total: int = 0
    declare: int | None = None
    sent: int = 0
    done: threading.Event = field(default_factory=threading.Event)


class _Handler(BaseHTTPRequestHandler):
    server: LoopServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.seen.append(Seen(self.path, {k: v for k, v in self.headers.items()}))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        try:
            self._answer(route)
        finally:
            route.done.set()

    def _answer(self, route: Route) -> None:
        if route.status >= 400:
            self.send_error(route.status)
            return
        if (
            route.etag
            and self.headers.get("If-None-Match") == route.etag
            or (
                route.last_modified
                and not route.etag
                and self.headers.get("If-Modified-Since") == route.last_modified
            )
        ):
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", route.content_type)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        if route.stream_total:
            if route.declare is not None:
                self.send_header("Content-Length", str(route.declare))
            self.end_headers()  # no length: the body ends when the connection closes
            chunk = b"x" * 65536
            try:
                while route.sent < route.stream_total:
                    self.wfile.write(chunk)
                    route.sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)
        route.sent += len(route.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        return


class LoopServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


@pytest.fixture
def server(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopServer]:
    """The loopback server, which the network guard lets through for these tests only."""
    monkeypatch.setenv("GEOBRIEF_ALLOW_HOSTS", "127.0.0.1")
    monkeypatch.setenv("GEOBRIEF_HOST_DELAY", "0")
    srv = LoopServer()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()




@pytest.fixture
def store(isolated: Path) -> Iterator[Store]:
    s = open_store(str(isolated / "store.db"))
    try:
        yield s
    finally:
        s.close()


SETTINGS = Settings(timeout=10.0, allow_hosts=("127.0.0.1",), host_delay=0.0)


def dump(db: Path) -> list[tuple[Any, ...]]:
    return rows(db, "SELECT * FROM articles ORDER BY url")


def feed_row(db: Path, url: str) -> dict[str, Any] | None:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None
    finally:
        con.close()


def cli_ingest(db: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", *args, "--no-analyse"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, [x for x in result.stderr.splitlines() if x.startswith("error:")]


# --- conditional GET ----------------------------------------------------------------------


def test_conditional_get_with_etag_and_last_modified(server: LoopServer, isolated: Path) -> None:
    server.routes["/world.xml"] = Route(
        body=rss(("ceasefire", "Ceasefire holds"), ("aid", "Aid convoy arrives")),
        etag=ETAG,
        last_modified=LAST_MODIFIED,
    )
    url = server.url("/world.xml")
    db = isolated / "store.db"

    code, errors = cli_ingest(db, url)
    assert (code, errors) == (0, [])
    first = dump(db)
    assert len(first) == 2
    assert "If-None-Match" not in server.seen[0].headers
    assert "If-Modified-Since" not in server.seen[0].headers
    row = feed_row(db, url)
    assert row is not None and row["etag"] == ETAG and row["last_modified"] == LAST_MODIFIED

    code, errors = cli_ingest(db, url)
    assert (code, errors) == (0, [])
    second = server.requests_to("/world.xml")[1].headers
    assert second["If-None-Match"] == ETAG
    assert second["If-Modified-Since"] == LAST_MODIFIED
    assert dump(db) == first  # 304: nothing new, nothing touched
    row = feed_row(db, url)
    assert row is not None and row["last_status"] == 304 and row["failures"] == 0

    # a new revision is downloaded in full and only its new item is added
    server.routes["/world.xml"] = Route(
        body=rss(
            ("ceasefire", "Ceasefire holds"),
            ("aid", "Aid convoy arrives"),
            ("talks", "Talks move to a neutral city"),
        ),
        etag='"rev-2"',
        last_modified="Wed, 13 Mar 2024 08:00:00 GMT",
    )
    report = _ingest(isolated, [url])
    assert (report.added, report.not_modified, report.errors) == (1, 0, [])
    assert server.requests_to("/world.xml")[2].headers["If-None-Match"] == ETAG
    assert feed_row(db, url)["etag"] == '"rev-2"'  # type: ignore[index]


def test_conditional_get_with_last_modified_only(
    server: LoopServer, store: Store, isolated: Path
) -> None:
    server.routes["/lm.xml"] = Route(
        body=rss(("floods", "Floods recede")), last_modified=LAST_MODIFIED
    )
    url = server.url("/lm.xml")
    first = ingest_sources(store, [url], SETTINGS)
    assert (first.added, first.errors) == (1, [])
    before = dump(isolated / "store.db")

    again = ingest_sources(store, [url], SETTINGS)
    assert (again.added, again.updated, again.not_modified, again.errors) == (0, 0, 1, [])
    headers = server.requests_to("/lm.xml")[1].headers
    assert headers["If-Modified-Since"] == LAST_MODIFIED
    assert "If-None-Match" not in headers
    assert dump(isolated / "store.db") == before


def _ingest(isolated: Path, sources: list[str], settings: Settings = SETTINGS) -> Any:
    s = open_store(str(isolated / "store.db"))
    try:
        return ingest_sources(s, sources, settings)
    finally:
        s.close()


def test_validators_kept_only_after_items_are_stored(
    server: LoopServer, store: Store, isolated: Path
) -> None:
    """A run killed between download and storage must not leave a 304 that hides the items."""
    server.routes["/crash.xml"] = Route(
        body=rss(("quake", "Quake shakes the coast")), etag=ETAG, last_modified=LAST_MODIFIED
    )
    url = server.url("/crash.xml")
    fetcher = Fetcher(SETTINGS, store)
    try:
        fetched = fetcher.get(url)  # downloaded... and then the process dies
    finally:
        fetcher.close()
    assert fetched.status == 200 and fetched.data
    assert dump(isolated / "store.db") == []

    report = ingest_sources(store, [url], SETTINGS)
    assert "If-None-Match" not in server.requests_to("/crash.xml")[1].headers
    assert (report.added, report.not_modified, report.errors) == (1, 0, [])


# --- User-Agent ---------------------------------------------------------------------------


def test_user_agent_is_geobriefs(server: LoopServer, isolated: Path) -> None:
    server.routes["/ua.xml"] = Route(body=rss(("harvest", "Harvest forecast cut")))
    code, _ = cli_ingest(isolated / "store.db", server.url("/ua.xml"))
    assert code == 0
    agent = server.requests_to("/ua.xml")[0].headers["User-Agent"]
    assert agent == Settings().user_agent
    assert agent.startswith("geobrief/")


# --- size cap -----------------------------------------------------------------------------


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_download_over_the_size_cap_is_refused(
    server: LoopServer, isolated: Path, declared: bool
) -> None:
    total = 50 * 1024 * 1024
    route = Route(stream_total=total, declare=total if declared else None)
    server.routes["/huge.xml"] = route
    server.routes["/ok.xml"] = Route(body=rss(("bridge", "Bridge reopens")))
    cap = 256 * 1024
    db = isolated / "store.db"

    code, errors = cli_ingest(
        db, server.url("/huge.xml"), server.url("/ok.xml"), "--max-bytes", str(cap)
    )

    assert code == 1
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: [{Code.TOO_LARGE.value}] {server.url('/huge.xml')}: ")
    assert "too large" in errors[0]
    assert len(dump(db)) == 1  # the next source still went in
    assert route.done.wait(10)
    assert route.sent < total // 4, f"client read on: server sent {route.sent} bytes"
    row = feed_row(db, server.url("/huge.xml"))
    assert row is not None and row["failures"] == 1


# --- failing URLs are paused --------------------------------------------------------------


def test_failing_url_is_paused(server: LoopServer, store: Store) -> None:
    settings = SETTINGS.with_overrides(feed_pause_after=3)
    server.routes["/down.xml"] = Route(status=503)
    url = server.url("/down.xml")
    codes = []
    for _ in range(3):
        report = ingest_sources(store, [url], settings)
        assert len(report.errors) == 1
        codes.append(report.errors[0].code)
    assert codes == [Code.FETCH_FAILED] * 3
    assert "HTTP 503" in str(report.errors[0])
    assert "paused after 3 failures" in str(report.errors[0])

    report = ingest_sources(store, [url], settings)
    assert [e.code for e in report.errors] == [Code.FEED_PAUSED]
    assert report.errors[0].item == url
    assert len(server.requests_to("/down.xml")) == 3  # the paused URL is not asked again

    # --force: the paused URL is tried; a download read and stored resets the count
    server.routes["/down.xml"] = Route(body=rss(("power", "Power restored")))
    fetcher = Fetcher(settings, store)
    try:
        assert fetcher.get(url, force=True).status == 200
    finally:
        fetcher.close()
    report = ingest_sources(store, [url], settings, force=True)
    assert (report.added, report.errors) == (1, [])
    assert ingest_sources(store, [url], settings).errors == []  # no longer paused


def test_success_resets_the_failure_count(server: LoopServer, store: Store, isolated: Path) -> None:
    settings = SETTINGS.with_overrides(feed_pause_after=3)
    url = server.url("/flaky.xml")
    server.routes["/flaky.xml"] = Route(status=500)
    for _ in range(2):
        assert [e.code for e in ingest_sources(store, [url], settings).errors] == [
            Code.FETCH_FAILED
        ]
    server.routes["/flaky.xml"] = Route(body=rss(("rain", "Rain ends drought")))
    assert ingest_sources(store, [url], settings).errors == []
    row = feed_row(isolated / "store.db", url)
    assert row is not None and (row["failures"], row["paused"]) == (0, 0)
    server.routes["/flaky.xml"] = Route(status=500)
    for _ in range(2):  # two more failures: 2 < 3, not paused
        assert [e.code for e in ingest_sources(store, [url], settings).errors] == [
            Code.FETCH_FAILED
        ]
    assert not feed_row(isolated / "store.db", url)["paused"]  # type: ignore[index]


def test_cli_exit_code_for_a_paused_url(
    server: LoopServer, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOBRIEF_FEED_PAUSE_AFTER", "1")
    server.routes["/gone.xml"] = Route(status=404)
    db = isolated / "store.db"
    url = server.url("/gone.xml")
    code, errors = cli_ingest(db, url)
    assert code == 1 and len(errors) == 1 and errors[0].startswith(f"error: [GB111] {url}: ")
    code, errors = cli_ingest(db, url)
    assert code == 1 and len(errors) == 1 and errors[0].startswith(f"error: [GB114] {url}: ")


# --- bad URLs and HTTP errors cost only themselves ----------------------------------------


@pytest.mark.parametrize("bad", ["http://[::1/feed.xml", "http://127.0.0.1:1/refused.xml"])
def test_unreachable_or_invalid_url_is_one_error(
    server: LoopServer, store: Store, bad: str
) -> None:
    server.routes["/fine.xml"] = Route(body=rss(("vote", "Parliament votes on budget")))
    errors: list[str] = []
    report = ingest_sources(
        store, [bad, server.url("/fine.xml")], SETTINGS, on_error=lambda e: errors.append(str(e))
    )
    assert report.added == 1
    assert len(errors) == 1 and errors[0].startswith(f"[GB111] {bad}: "), errors


def test_http_error_status_names_the_url(server: LoopServer, store: Store) -> None:
    report = ingest_sources(store, [server.url("/missing.xml")], SETTINGS)
    assert [e.code for e in report.errors] == [Code.FETCH_FAILED]
    assert report.errors[0].item == server.url("/missing.xml")
    assert "HTTP 404" in report.errors[0].reason
