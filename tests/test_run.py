"""``geobrief run`` against feeds served by a real HTTP server on loopback (allowed by the
sources file): full-text feeds, a blurb-only feed whose article pages are fetched, a feed
that redirects to a refused address, a slow one (timeout) and a failing one that ends
paused and is tried again after its pause; conditional GET on the next cycle; the draft
at the edition time; per-host politeness; one run at a time; SIGTERM between steps; and a
SIGKILL at several points of a cycle followed by a clean run, which ends with the store an
uninterrupted run makes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import postgres_database, rows
from loopserver import LoopServer, Reply
from newsfeeds import serve_feed

import geobrief
from geobrief.cli import cli
from geobrief.daily.cycle import Cycle
from geobrief.daily.runner import RunInProgress, next_edition, one_run_at_a_time
from geobrief.daily.sources import SourceEntry
from geobrief.errors import Code
from geobrief.ingest.fetch import Fetcher
from geobrief.settings import Settings
from geobrief.store import open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")

FAST = {  # every failure retried at once, paused after two for a few seconds
    "GEOBRIEF_HOST_DELAY": "0", "GEOBRIEF_TIMEOUT": "1", "GEOBRIEF_FEED_PAUSE_AFTER": "2",
    "GEOBRIEF_FEED_BACKOFF_MINUTES": "0.0001", "GEOBRIEF_FEED_PAUSE_HOURS": "0.001",
    "GEOBRIEF_EDITION_TIME": "00:00", "GEOBRIEF_EDITION_TIMEZONE": "UTC",
}


@pytest.fixture
def server() -> Iterator[LoopServer]:
    with LoopServer() as srv:
        yield srv


@pytest.fixture
def env(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in FAST.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GEOBRIEF_DB", str(isolated / "store.db"))
    return dict(FAST, GEOBRIEF_DB=str(isolated / "store.db"))


def geo(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def add(url: str, *options: str) -> None:
    result = geo("sources", "add", url, *options)
    assert result.exit_code == 0, result.output


def summary(result: Any) -> str:
    lines = [x for x in result.stdout.splitlines() if x.startswith("cycle:")]
    assert len(lines) == 1, result.output
    return lines[0]


def health(name: str) -> dict[str, Any]:
    listed = json.loads(geo("sources", "list", "--json").stdout)
    return next(s["health"] for s in listed if s["url"].endswith(name))


def test_run_once_fetches_completes_ingests_updates_and_drafts(
        server: LoopServer, env: dict[str, str], isolated: Path) -> None:
    world = serve_feed(server, "world", 6)
    blurb = serve_feed(server, "wire", 4, blurbs=True)
    server.routes["/moved.xml"] = Reply(302, headers={
        "Location": "http://169.254.169.254/latest/meta-data/"})
    server.routes["/slow.xml"] = Reply(body=b"<rss/>", delay=3.0)
    server.routes["/down.xml"] = Reply(503)
    add(world, "--allow", "--every", "1s")
    add(blurb, "--every", "1s")
    for path in ("/moved.xml", "/slow.xml", "/down.xml"):
        add(server.url(path))
    assert "allow = [\"127.0.0.1\"]" in (isolated / "sources.toml").read_text()

    first = geo("run", "--once")
    assert first.exit_code == 1
    today = datetime.now(UTC).date().isoformat()
    assert summary(first) == (
        "cycle: 2 fetched, 0 not modified, 3 failed, 0 paused, 10 added, 10 analysed, "
        f"10 placed, drafted {today}:AU-US-UA-KR (4 article pages fetched)")
    errors = [x for x in first.stderr.splitlines() if x.startswith("error:")]
    assert any(x.startswith("error: [GB118] http://127.0.0.1") and "169.254.169.254" in x
               and "link-local" in x for x in errors), errors
    assert any("[GB111]" in x and "slow.xml" in x and "Timeout" in x for x in errors), errors
    assert any("[GB111]" in x and "down.xml: HTTP 503" in x for x in errors), errors
    db = isolated / "store.db"
    texts = dict(rows(db, "SELECT url, text FROM articles WHERE url LIKE '%/wire/%'"))
    assert len(texts) == 4 and all("the full report, with every detail" in t
                                   for t in texts.values())  # the page, not the blurb
    assert len(server.requests_to("/wire/0.html")) == 1
    assert rows(db, "SELECT id, status FROM briefings") == [(f"{today}:AU-US-UA-KR",
                                                            "draft")]
    with geobrief.open() as gb:
        assert [d.id for d in gb.drafts(today)] == [f"{today}:AU-US-UA-KR"]
        assert gb.published() == []

    time.sleep(1.1)  # the good feeds are due again (every 1s); failures are retried at once
    second = geo("run", "--once")
    assert summary(second) == ("cycle: 0 fetched, 2 not modified, 3 failed, 3 paused, "
                               "0 added, 0 analysed, 0 placed, 0 drafted")
    assert server.requests_to("/world.xml")[-1].headers["If-None-Match"].startswith('"world')
    assert len(server.requests_to("/wire/0.html")) == 1  # stored pages are not fetched again
    paused = health("down.xml")
    assert paused["status"] == "paused" and paused["failures"] == 2
    assert paused["paused_until"] > paused["last_fetched"] and paused["last_error"] == "HTTP 503"
    assert any("down.xml: HTTP 503; paused after 2 failures until" in x
               for x in second.stderr.splitlines())

    asked = len(server.requests_to("/down.xml"))
    third = geo("run", "--once")  # paused: not asked
    assert "0 failed, 3 paused" in summary(third) and third.exit_code == 0
    assert len(server.requests_to("/down.xml")) == asked

    time.sleep(3.7)  # the pause (0.001 h) is over: tried again; it works now
    server.routes["/down.xml"] = Reply(body=server.routes["/world.xml"].body)  # type: ignore
    fourth = geo("run", "--once")
    assert len(server.requests_to("/down.xml")) == asked + 1
    assert "2 failed, 2 paused" in summary(fourth)
    recovered, again = health("down.xml"), health("moved.xml")
    assert (recovered["status"], recovered["failures"]) == ("ok", 0)
    assert (again["status"], again["failures"]) == ("paused", 3)  # paused longer


def test_politeness_one_request_at_a_time_per_host(server: LoopServer, env: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOBRIEF_HOST_DELAY", "0.4")
    monkeypatch.setenv("GEOBRIEF_FETCH_WORKERS", "4")
    with LoopServer("127.0.0.2") as other:
        urls = [serve_feed(server, f"a{n}", 1, delay=0.2) for n in range(3)]
        urls += [serve_feed(other, f"b{n}", 1, delay=0.2) for n in range(3)]
        for url in urls:
            add(url, "--allow")
        assert geo("run", "--once").exit_code == 0
        arrivals = []
        for srv in (server, other):
            times = sorted(s.at for s in srv.seen if s.path.endswith(".xml"))
            assert len(times) == 3
            gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
            assert all(gap >= 0.55 for gap in gaps), gaps  # 0.2 answering + 0.4 apart
            arrivals.append(times)
        # the two hosts were fetched side by side, not one after the other
        assert arrivals[1][0] < arrivals[0][-1] and arrivals[0][0] < arrivals[1][-1]


def test_the_edition_is_drafted_at_its_local_time(demo_master: Path, tmp_path: Path) -> None:
    """06:00 in Seoul is 21:00 UTC the day before: the draft is dated by Seoul's day."""
    db = tmp_path / "demo.db"
    shutil.copy(demo_master, db)
    settings = dict(db=str(db), edition_time="06:00", edition_timezone="Asia/Seoul",
                    sources_file=str(tmp_path / "none.toml"))
    with geobrief.open(**settings) as gb:
        def cycle_at(moment: datetime) -> str | None:
            fetcher = Fetcher(gb.settings, gb.store)
            try:
                return Cycle(gb, [], fetcher, lambda _m: None, clock=lambda: moment).run().drafted
            finally:
                fetcher.close()

        assert cycle_at(datetime(2024, 11, 21, 20, 59)) is None
        assert cycle_at(datetime(2024, 11, 21, 21, 0)) == "2024-11-22:AU-US-UA-KR"
        assert cycle_at(datetime(2024, 11, 21, 23, 0)) is None  # once a day
        assert [d.id for d in gb.drafts()] == ["2024-11-22:AU-US-UA-KR"]
    assert next_edition(Settings(edition_time="06:00", edition_timezone="Europe/London"),
                        datetime(2024, 7, 1, 5, 0)) == datetime(2024, 7, 2, 5, 0)
    assert next_edition(Settings(edition_time="06:00", edition_timezone="Europe/London"),
                        datetime(2024, 12, 1, 5, 59)) == datetime(2024, 12, 1, 6, 0)


# --- processes: the lock, SIGTERM, SIGKILL -------------------------------------------------


def start(env: dict[str, str], cwd: Path, *args: str) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GEOBRIEF_")}
    return subprocess.Popen([sys.executable, "-m", "geobrief", "run", *args], cwd=cwd,
                            env=dict(clean, **env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(process: subprocess.Popen[str], marker: str, seen: list[str] | None = None,
             count: int = 1) -> bool:
    """Read the process's stderr until ``marker`` has appeared ``count`` times."""
    assert process.stderr is not None
    for line in process.stderr:
        if seen is not None:
            seen.append(line)
        if marker in line:
            count -= 1
            if count == 0:
                return True
    return False


def test_one_run_at_a_time_and_sigterm_stops_between_steps(
        server: LoopServer, env: dict[str, str], isolated: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOBRIEF_TIMEOUT", "20")
    env = dict(env, GEOBRIEF_TIMEOUT="20")
    slow = serve_feed(server, "slow", 3, delay=2.0)
    add(slow, "--allow")
    first = start(env, isolated, "--once")
    try:
        assert wait_for(first, "cycle at")
        second = geo("run", "--once")
        assert second.exit_code == 3
        assert second.stderr.splitlines() == [
            f"error: [GB204] another geobrief run is in progress on store "
            f"{isolated / 'store.db'}; this one exits"]
        first.send_signal(signal.SIGTERM)  # during the fetch: honoured after it
        out, err = first.communicate(timeout=60)
    finally:
        first.kill()
    assert first.returncode == 0, err
    assert "stopped before parsing" in out and "stopped by SIGTERM" in err
    assert rows(isolated / "store.db", "SELECT count(*) FROM articles") == [(0,)]
    again = geo("run", "--once")  # the lock went with the process; nothing was lost
    assert again.exit_code == 0 and "1 fetched" in summary(again) and "3 added" in summary(again)

    looping = start(env, isolated, "--every", "1h")
    try:
        assert wait_for(looping, "next cycle in")
        stopped_at = time.monotonic()
        looping.send_signal(signal.SIGTERM)
        looping.communicate(timeout=60)
    finally:
        looping.kill()
    assert looping.returncode == 0 and time.monotonic() - stopped_at < 10


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a run stores, without the times it ran at."""
    return {
        "articles": rows(db, "SELECT a.source_key, a.url, a.title, a.text, a.published, "
                             "a.language, o.name, a.analysed, a.placed, a.origin_id IS NULL "
                             "FROM articles a JOIN outlets o ON o.id = a.outlet_id "
                             "ORDER BY a.source_key, a.url"),
        "sentences": rows(db, "SELECT a.url, s.idx, s.text, s.stance, s.noise FROM sentences s "
                              "JOIN articles a ON a.id = s.article_id ORDER BY a.url, s.idx"),
        "stories": rows(db, "SELECT s.id, s.thread_id, s.title, a.url FROM story_articles sa "
                            "JOIN stories s ON s.id = sa.story_id JOIN articles a "
                            "ON a.id = sa.article_id ORDER BY s.id, a.url"),
        "feeds": rows(db, "SELECT url, etag, last_status, failures, paused FROM feeds "
                          "ORDER BY url"),
        "briefings": rows(db, "SELECT b.id, b.status, bs.story_id FROM briefings b JOIN "
                              "briefing_stories bs ON bs.briefing_id = b.id "
                              "ORDER BY b.id, bs.story_id"),
    }


KILL_AT = [("items", 1), ("added", 2), ("analysed ", 1), ("placed ", 1)]


def test_a_run_killed_mid_cycle_then_run_again_ends_as_one_clean_run(
        server: LoopServer, env: dict[str, str], tmp_path: Path) -> None:
    urls = [serve_feed(server, f"feed{n}", 8, delay=0.3) for n in range(5)]
    urls.append(serve_feed(server, "blurbs", 5, blurbs=True))
    sources = tmp_path / "sources.toml"
    sources.write_text('[network]\nallow = ["127.0.0.1"]\n' + "".join(
        f'[[source]]\nurl = "{u}"\n' for u in urls), encoding="utf-8")

    def run_in(folder: Path) -> subprocess.Popen[str]:
        folder.mkdir()
        shutil.copy(sources, folder / "sources.toml")
        return start(dict(env, GEOBRIEF_DB=str(folder / "store.db"),
                          GEOBRIEF_FETCH_WORKERS="2"), folder, "--once")

    clean = run_in(tmp_path / "clean")
    out, err = clean.communicate(timeout=300)
    assert clean.returncode == 0, err
    expected = dump(tmp_path / "clean" / "store.db")
    assert len(expected["articles"]) == 45 and expected["briefings"]

    for n, (marker, count) in enumerate(KILL_AT):
        folder = tmp_path / f"killed-{n}"
        process = run_in(folder)
        seen: list[str] = []
        try:
            reached = wait_for(process, marker, seen, count)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        finally:
            process.kill()
        assert reached and process.returncode == -signal.SIGKILL, (marker, seen)
        partial = dump(folder / "store.db")
        assert partial != expected, f"killed at {marker!r} after the cycle was done"
        rerun = start(dict(env, GEOBRIEF_DB=str(folder / "store.db")), folder, "--once")
        out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        assert dump(folder / "store.db") == expected, f"killed at {marker!r}"


def test_a_cycle_stops_between_feeds_when_asked(server: LoopServer, env: dict[str, str],
                                                isolated: Path) -> None:
    """A stop request after the fetch: nothing stored, nothing remembered (so nothing is
    lost); the next cycle fetches and stores it all."""
    url = serve_feed(server, "calm", 3)
    entries = [SourceEntry(url)]
    with geobrief.open(allow_hosts=("127.0.0.1",)) as gb:
        asked = iter([False, True])
        fetcher = Fetcher(gb.settings, gb.store)
        try:
            report = Cycle(gb, entries, fetcher, lambda _m: None,
                           stop=lambda: next(asked, True)).run()
            assert (report.fetched, report.added, report.stopped) == (1, 0, "parsing")
            report = Cycle(gb, entries, fetcher, lambda _m: None).run()
            assert (report.fetched, report.added, report.stopped) == (1, 3, None)
        finally:
            fetcher.close()


def test_article_pages_are_fetched_host_by_host_in_turn(server: LoopServer,
                                                        env: dict[str, str],
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """Blurb pages of two outlets: the workers take the hosts in turn, so one outlet's
    politeness delay does not hold every worker while the other host waits."""
    monkeypatch.setenv("GEOBRIEF_HOST_DELAY", "0.5")
    monkeypatch.setenv("GEOBRIEF_FETCH_WORKERS", "2")
    with LoopServer("127.0.0.2") as other:
        add(serve_feed(server, "pa", 4, blurbs=True), "--allow")
        add(serve_feed(other, "pb", 4, blurbs=True), "--allow")
        assert geo("run", "--once").exit_code == 0
        first = [sorted(s.at for s in srv.seen if s.path.endswith(".html"))
                 for srv in (server, other)]
    assert all(len(times) == 4 for times in first)
    # in turn: each host's first page came before the other's second one (taken feed by
    # feed, the second host's pages would wait for most of the first's)
    assert first[1][0] < first[0][1] and first[0][0] < first[1][1], first


def test_one_run_at_a_time_on_postgresql() -> None:
    """The run lock is a session advisory lock there: a second store on the same
    database is refused at once (GB204), and can run once the first lets go."""
    with postgres_database() as url:
        first, second = open_store(url), open_store(url)
        try:
            with one_run_at_a_time(first):
                started = time.monotonic()
                with pytest.raises(RunInProgress) as refused, one_run_at_a_time(second):
                    pass
                assert time.monotonic() - started < 5  # it did not wait
                assert refused.value.code == Code.RUN_IN_PROGRESS
            with one_run_at_a_time(second):
                pass
        finally:
            first.close()
            second.close()
