"""RSS 2.0, Atom and JSON Feed, parsed by feedparser after a safety check of the XML."""

from __future__ import annotations

import calendar
import html
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from geobrief.errors import Code, IngestError
from geobrief.ingest.decode import decode
from geobrief.ingest.normalise import canonical_url, clean_text, html_to_text, parse_datetime
from geobrief.ingest.outlets import OutletRegistry
from geobrief.ingest.safexml import check_xml
from geobrief.models import ArticleIn


def looks_like_json_feed(data: bytes) -> bool:
    head = data[:4096].lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version" in head


def _entry_published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    for key in ("published", "updated", "date_published"):
        moment = parse_datetime(entry.get(key))
        if moment:
            return moment
    return None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value:
            return html_to_text(value)
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def _json_feed(item: str, document: Any) -> feedparser.FeedParserDict:
    """A JSON Feed (1.0/1.1) in feedparser's shape; feedparser 6.0 cannot read JSON Feed."""
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise IngestError(item, "invalid JSON Feed: no list of items", Code.BAD_JSON)
    entries = []
    for raw in document["items"]:
        raw = raw if isinstance(raw, dict) else {}
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
        author = authors[0].get("name") if authors and isinstance(authors[0], dict) else None
        entry = feedparser.FeedParserDict(
            id=raw.get("id"),
            link=raw.get("url") or raw.get("external_url"),
            title=raw.get("title"),
            published=raw.get("date_published"),
            updated=raw.get("date_modified"),
            author=author,
            language=raw.get("language"),
        )
        if raw.get("content_html"):
            entry["content"] = [{"value": str(raw["content_html"])}]
        elif raw.get("content_text"):
            entry["content"] = [{"value": html.escape(str(raw["content_text"]))}]
        elif raw.get("summary"):
            entry["summary"] = html.escape(str(raw["summary"]))
        entries.append(entry)
    channel = feedparser.FeedParserDict(
        title=document.get("title"),
        link=document.get("home_page_url") or document.get("feed_url"),
        language=document.get("language"),
    )
    return feedparser.FeedParserDict(feed=channel, entries=entries, version="json1", bozo=0)


def parse_feed(
    item: str, data: bytes, registry: OutletRegistry
) -> Iterator[ArticleIn | IngestError]:
    """Yield one article (or one error) per feed entry; raise IngestError for the whole feed."""
    if looks_like_json_feed(data):
        text = decode(item, data, "utf-8")
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(item, f"invalid JSON Feed: {exc}", Code.BAD_JSON) from exc
        parsed = _json_feed(item, document)
    else:
        decode(item, data)  # refuse invalid encodings with a clear reason first
        check_xml(item, data)
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise IngestError(item, f"not a feed: {reason}", Code.MALFORMED_XML)
    if not parsed.get("version") and not parsed.entries:
        raise IngestError(
            item, "not a feed: no RSS, Atom or JSON Feed structure", Code.UNKNOWN_FORMAT
        )
    channel = parsed.feed
    outlet = registry.resolve(channel.get("title"), channel.get("link"))
    language = channel.get("language")
    for index, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or entry.get("id")
        label = f"{item} item {index}" + (f" ({link})" if link else "")
        if not link or not str(link).startswith(("http://", "https://")):
            yield IngestError(label, "item has no link", Code.MISSING_FIELD)
            continue
        title = clean_text(entry.get("title") or "")
        if not title:
            yield IngestError(label, "item has no title", Code.MISSING_FIELD)
            continue
        yield ArticleIn(
            url=canonical_url(link),
            title=title,
            text=_entry_text(entry),
            published=_entry_published(entry),  # type: ignore[arg-type]  # checked by caller
            outlet=outlet if outlet.domain or not link else registry.resolve(outlet.name, link),
            language=entry.get("language") or language or "",
            author=entry.get("author"),
            source=item,
        )
