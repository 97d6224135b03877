"""Feeds and email out: `geobrief feeds --out` read back with feedparser and the JSON Feed
checked against a schema written from the JSON Feed 1.1 specification; `geobrief email`
sent to a local SMTP server (aiosmtpd, started here) and parsed back with the email
package: both parts, CSS inlined, links absolute, nothing unescaped."""

from __future__ import annotations

import email
import json
import re
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from web_support import HOSTILE_DAY, HOSTILE_TITLE, free_port, hostile_store

import geobrief
from geobrief.cli import cli
from geobrief.errors import Code, EditorialError

SITE = "https://news.example.org"

# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), as a JSON Schema: the required
# top-level keys and item keys, the types of every key the specification names, and no
# item without content
JSON_FEED_11 = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": {"type": "string"},
        "icon": {"type": "string"},
        "favicon": {"type": "string"},
        "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
        "language": {"type": "string"},
        "expired": {"type": "boolean"},
        "hubs": {"type": "array"},
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    },
    "$defs": {
        "author": {"type": "object", "properties": {
            "name": {"type": "string"}, "url": {"type": "string"},
            "avatar": {"type": "string"}}},
        "item": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "external_url": {"type": "string"},
                "title": {"type": "string"},
                "content_html": {"type": "string"},
                "content_text": {"type": "string"},
                "summary": {"type": "string"},
                "image": {"type": "string"},
                "banner_image": {"type": "string"},
                "date_published": {"type": "string", "format": "date-time"},
                "date_modified": {"type": "string", "format": "date-time"},
                "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
                "tags": {"type": "array", "items": {"type": "string"}},
                "language": {"type": "string"},
                "attachments": {"type": "array"},
            },
        },
    },
}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture
def db(tmp_path: Path, demo_run: tuple[Path, Any]) -> Path:
    out, _ = demo_run
    found = hostile_store(tmp_path, out / "demo.db")
    with geobrief.open(db=str(found)) as gb:  # the hostile day, published
        gb.desk.publish(f"{HOSTILE_DAY}:AU-US-UA-KR")
    return found


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_feeds_out_read_back(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    run(db, "feeds", "--out", str(out), "--site", SITE)
    with geobrief.open(db=str(db)) as gb:
        editions = gb.newsroom.editions()
    for fmt in ("rss", "atom"):
        parsed = feedparser.parse((out / f"edition.{fmt}").read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.version == ("rss20" if fmt == "rss" else "atom10")
        assert len(parsed.entries) == len(editions) >= 20
        first = parsed.entries[0]
        assert first.link == f"{SITE}/briefings/{HOSTILE_DAY}:AU-US-UA-KR"
        assert first.id == first.link  # the permalink is the id
        # the title is text in the entry's HTML, not markup
        content = first.content[0].value if fmt == "atom" else first.description
        assert HOSTILE_TITLE in lxml_html.fromstring(content).text_content()
        assert "<script>" not in (out / f"edition.{fmt}").read_text().replace(
            "&lt;script&gt;", "")
    data = json.loads((out / "edition.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, JSON_FEED_11, format_checker=jsonschema.FormatChecker())
    assert data["feed_url"] == f"{SITE}/feeds/edition.json"
    assert [i["id"] for i in data["items"]] == [i["url"] for i in data["items"]]
    assert len({i["id"] for i in data["items"]}) == len(data["items"])
    for item in data["items"]:
        assert RFC3339.match(item["date_published"]) and RFC3339.match(item["date_modified"])
    reader = json.loads((out / "readers" / "japan-defence.json").read_text(encoding="utf-8"))
    jsonschema.validate(reader, JSON_FEED_11)
    assert [i["id"] for i in reader["items"]] == [
        f"{SITE}/briefings/2024-11-22:reader:japan-defence"]
    assert feedparser.parse((out / "readers" / "japan-defence.atom").read_bytes()).entries


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def test_email_sent_to_a_local_smtp_server(db: Path, smtp: tuple[int, Inbox],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    port, inbox = smtp
    for key, value in {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port),
                       "EMAIL_FROM": "desk@news.example.org",
                       "EMAIL_TO": "a@example.org, b@example.org",
                       "SITE_URL": SITE}.items():
        monkeypatch.setenv(f"GEOBRIEF_{key}", value)
    run(db, "email", "--date", HOSTILE_DAY, "--send")
    deadline = time.monotonic() + 10
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    sender, recipients, raw = inbox.messages[0]
    assert sender == "desk@news.example.org"
    assert recipients == ["a@example.org", "b@example.org"]
    message = email.message_from_bytes(raw, policy=default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == f"Daily briefing, {HOSTILE_DAY}"
    text = message.get_body(("plain",))
    html_part = message.get_body(("html",))
    assert text is not None and html_part is not None
    plain = text.get_content()
    assert HOSTILE_TITLE in plain  # plain text says it as it is
    assert f"{SITE}/briefings/{HOSTILE_DAY}:AU-US-UA-KR" in plain
    page = html_part.get_content()
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script") and not tree.xpath("//style")  # CSS inlined
    assert tree.xpath("//*[@style]") and "font" in tree.xpath("//body/@style")[0] + \
        tree.xpath("//main/@style")[0]
    assert not [e for e in tree.iter() if any(a.startswith("on") for a in e.attrib)]
    links = tree.xpath("//a/@href")
    assert links and all(h.startswith(("https://", "http://")) for h in links), links
    assert HOSTILE_TITLE in tree.text_content()  # the title as text, not markup
    assert "&lt;script&gt;" in page


def test_email_out_writes_an_eml(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "mail"
    run(db, "email", "--date", "2024-11-22", "--out", str(out))
    message = email.message_from_bytes((out / "2024-11-22.eml").read_bytes(), policy=default)
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    result = CliRunner().invoke(cli, ["--db", str(db), "email", "--date", "2024-10-01",
                                      "--out", str(out)])
    assert isinstance(result.exception, EditorialError)
    assert result.exception.code == Code.NO_SUCH_BRIEFING


def test_editors_and_drafts_from_the_command_line(db: Path) -> None:
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", str(db), "editors", "add", "bob", "--password-stdin"],
                          input="a long enough password\n")
    assert added.exit_code == 0 and "editor bob added" in added.output
    short = runner.invoke(cli, ["--db", str(db), "editors", "add", "carol",
                                "--password-stdin"], input="short\n")
    assert isinstance(short.exception, EditorialError)
    assert short.exception.code == Code.BAD_EDITOR
    assert run(db, "editors", "list").split() == ["alice", "bob"]
    with geobrief.open(db=str(db)) as gb:
        assert gb.desk.check_password("bob", "a long enough password")
        assert not gb.desk.check_password("bob", "a long enough passworD")
        assert not gb.desk.check_password("nobody", "a long enough password")
    run(db, "editors", "remove", "bob")
    assert run(db, "editors", "list").split() == ["alice"]
    assert "draft 2024-11-21:JP" in run(db, "draft", "--date", "2024-11-21", "--reader", "JP")
    published = runner.invoke(cli, ["--db", str(db), "draft", "--date", "2024-11-21"])
    assert isinstance(published.exception, EditorialError)
    with geobrief.open(db=str(db)) as gb:
        assert [d.id for d in gb.drafts()] == ["2024-11-21:JP"]
