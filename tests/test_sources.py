"""``geobrief sources add|list|remove|import``: the sources file (TOML, comments kept), its
outlet metadata over the publishers table, its health from the store, OPML through
listparser and one category of Kagi's kite_feeds.json; a file that cannot be used is one
coded line (GB504) naming the file and the entry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import geobrief
from geobrief.cli import cli
from geobrief.daily.runner import Runner
from geobrief.daily.sources import SourcesError, load_sources, parse_duration
from geobrief.errors import Code
from geobrief.ingest.fetch import Fetcher
from geobrief.settings import Settings
from geobrief.store import open_store


def geo(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def listed() -> list[dict[str, Any]]:
    result = geo("sources", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_add_list_remove_keep_the_users_comments(isolated: Path) -> None:
    path = isolated / "sources.toml"
    path.write_text("# my feeds, checked weekly\n\n[[source]]\n"
                    'url = "https://www.theguardian.com/world/rss"  # the world desk\n',
                    encoding="utf-8")
    added = geo("sources", "add", "https://feeds.example/world.xml", "--name", "Feeds Daily",
                "--country", "fr", "--family", "Feeds Group", "--funding", "public",
                "--category", "World", "--language", "fr", "--every", "2h",
                "--pages", "never")
    assert added.exit_code == 0, added.output
    again = geo("sources", "add", "https://feeds.example/world.xml")
    assert "already a source" in again.stdout
    text = path.read_text(encoding="utf-8")
    assert "# my feeds, checked weekly" in text and "# the world desk" in text

    guardian, feeds = listed()
    assert guardian["outlet"]["family"] == "Guardian Media Group"  # the publishers table
    assert guardian["outlet"]["country"] == "GB" and guardian["every"] == "30m"
    assert feeds["outlet"] == {"name": "Feeds Daily", "family": "Feeds Group",
                               "country": "FR", "funding": "public", "source": "sources file"}
    assert (feeds["every"], feeds["pages"], feeds["language"]) == ("2h", "never", "fr")
    assert feeds["health"]["status"] == "new" and feeds["health"]["failures"] == 0
    shown = geo("sources", "list").stdout
    assert "Feeds Daily <https://feeds.example/world.xml> [World · fr]" in shown
    assert "2 sources in" in shown and "2 new" in shown

    assert geo("sources", "remove", "feeds daily").exit_code == 0  # by name
    missing = geo("sources", "remove", "nothing")
    assert missing.exit_code == 1 and "no such source: nothing" in missing.output
    assert [s["url"] for s in listed()] == ["https://www.theguardian.com/world/rss"]
    assert "# the world desk" in path.read_text(encoding="utf-8")


def test_list_shows_health_from_the_store(isolated: Path) -> None:
    url = "http://user:secret@feeds.example/down.xml"
    assert geo("sources", "add", url).exit_code == 0
    settings = Settings(db=str(isolated / "geobrief.db"), feed_pause_after=2)
    store = open_store(settings.db)
    fetcher = Fetcher(settings, store)
    try:
        for _ in range(2):
            fetcher.failed(url, "HTTP 503")
    finally:
        fetcher.close()
        store.close()
    [source] = listed()
    assert "secret" not in json.dumps(source)
    health = source["health"]
    assert (health["status"], health["failures"], health["last_error"]) == ("paused", 2,
                                                                            "HTTP 503")
    assert health["paused_until"] is not None
    assert "health: paused until" in geo("sources", "list").stdout


def test_add_allow_lets_the_guard_through_to_that_host(isolated: Path) -> None:
    assert geo("sources", "add", "http://10.1.2.3:8080/feed.xml", "--allow").exit_code == 0
    assert geo("sources", "add", "http://10.1.2.3:8080/other.xml", "--allow").exit_code == 0
    assert load_sources(isolated / "sources.toml").allow == ["10.1.2.3"]


@pytest.mark.parametrize(("args", "message"), [
    (("ftp://feeds.example/x",), "is not http(s)"),
    (("https://feeds.example/x", "--country", "France"), "not an ISO 3166-1 alpha-2"),
    (("https://feeds.example/x", "--every", "often"), "use a number and a unit"),
])
def test_add_refuses_a_bad_entry_in_one_coded_line(isolated: Path, args: tuple[str, ...],
                                                   message: str) -> None:
    result = geo("sources", "add", *args)
    assert result.exit_code == 1 and f"[{Code.BAD_SOURCES}]" in result.output
    assert message in result.output
    assert not (isolated / "sources.toml").exists()


def test_a_bad_sources_file_names_the_file_and_the_entry(isolated: Path) -> None:
    path = isolated / "sources.toml"
    path.write_text('[[source]]\nurl = "https://a.example/rss"\n'
                    '[[source]]\nurl = "https://b.example/rss"\nfunding = "maybe"\n',
                    encoding="utf-8")
    result = geo("sources", "list")
    assert result.exit_code == 1 and "[GB504]" in result.output
    assert "sources.toml source 2" in result.output and "maybe" in result.output
    path.write_text('[[source]]\nurl = "https://a.example/rss"\nowner = "x"\n',
                    encoding="utf-8")
    assert "unknown field(s) owner" in geo("sources", "list").output
    path.write_text("[[source]\n", encoding="utf-8")
    assert "cannot read the sources file" in geo("sources", "list").output
    run = CliRunner().invoke(cli, ["run", "--once"])  # the run refuses it, before any fetch
    assert isinstance(run.exception, SourcesError)  # main() prints it as one line, exit 2
    assert run.exception.code == Code.BAD_SOURCES


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>subscriptions</title></head><body>
  <outline text="World">
    <outline text="Feeds Daily" type="rss" xmlUrl="https://feeds.example/world.xml"/>
    <outline text="Local copy" type="rss" xmlUrl="file:///etc/passwd"/>
  </outline>
  <outline text="Sport">
    <outline text="Goals" type="rss" xmlUrl="https://goals.example/rss"/>
  </outline>
</body></opml>
"""


def test_import_opml_all_or_one_category(isolated: Path) -> None:
    path = isolated / "subs.opml"
    path.write_text(OPML, encoding="utf-8")
    result = geo("sources", "import", str(path), "--category", "world")
    assert result.exit_code == 0, result.output
    assert "1 sources added" in result.stdout and "1 left out" in result.stdout
    assert "subs.opml outline 2" in result.stderr and "not http(s)" in result.stderr
    [world] = listed()
    assert (world["name"], world["category"]) == ("Feeds Daily", "World")
    again = geo("sources", "import", str(path))
    assert "1 sources added" in again.stdout and "1 already there" in again.stdout
    assert [s["url"] for s in listed()] == ["https://feeds.example/world.xml",
                                            "https://goals.example/rss"]


def test_import_opml_refuses_entity_expansion(isolated: Path) -> None:
    path = isolated / "bomb.opml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]>'
                    '<opml><body><outline xmlUrl="https://x.example/&a;"/></body></opml>',
                    encoding="utf-8")
    result = geo("sources", "import", str(path))
    assert result.exit_code == 1 and "[GB504]" in result.output
    assert not (isolated / "sources.toml").exists()


KITE = {
    "World": {"feeds": ["https://world.example/rss", "https://other.example/rss"],
              "source_language": "en"},
    "Ukraine": {"feeds": ["https://kyiv.example/rss", 42], "source_language": "uk"},
    "USA | Texas": {"feeds": ["https://texas.example/rss"]},
}


def test_import_one_category_of_a_kagi_feed_list(isolated: Path) -> None:
    path = isolated / "kite_feeds.json"
    path.write_text(json.dumps(KITE), encoding="utf-8")
    categories = geo("sources", "import", str(path), "--list-categories").stdout
    assert categories.splitlines() == ["USA | Texas\t1 feeds", "Ukraine\t2 feeds",
                                       "World\t2 feeds"]
    whole = geo("sources", "import", str(path))
    assert whole.exit_code == 1 and "choose one with --category" in whole.output
    wrong = geo("sources", "import", str(path), "--category", "Ukrane")
    assert wrong.exit_code == 1 and "no category 'Ukrane'" in wrong.output
    assert "close: Ukraine" in wrong.output
    result = geo("sources", "import", str(path), "--category", "ukraine")
    assert result.exit_code == 0 and "1 sources added" in result.stdout
    assert "'Ukraine' feed 2" in result.stderr and "1 left out" in result.stdout
    [kyiv] = listed()
    assert (kyiv["url"], kyiv["category"], kyiv["language"]) == (
        "https://kyiv.example/rss", "Ukraine", None)  # the category's language is not the feed's


def test_durations() -> None:
    assert parse_duration("30m").total_seconds() == 1800
    assert parse_duration(" 2H ").total_seconds() == 7200
    assert parse_duration("1.5d").total_seconds() == 129600
    with pytest.raises(SourcesError, match="use a number and a unit"):
        parse_duration("30")
    with pytest.raises(SourcesError, match="more than zero"):
        parse_duration("0m", "--every")


def test_a_loop_keeps_the_sources_file_last_read_when_an_edit_breaks_it(isolated: Path
                                                                        ) -> None:
    path = isolated / "sources.toml"
    path.write_text('[[source]]\nurl = "https://a.example/rss"\n', encoding="utf-8")
    said: list[str] = []
    with geobrief.open(db=str(isolated / "store.db")) as gb:
        runner = Runner(gb, said.append)
        assert [e.url for e in runner.sources().sources] == ["https://a.example/rss"]
        path.write_text("[[source]\n", encoding="utf-8")
        assert [e.url for e in runner.sources().sources] == ["https://a.example/rss"]
        assert any("[GB504]" in x and "as last read" in x for x in said), said
        with pytest.raises(SourcesError):  # a new run starts from nothing: it refuses
            Runner(gb, said.append).sources()
