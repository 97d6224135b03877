"""RSS 2.0, Atom and JSON Feed, parsed by feedparser after a safety check of the XML."""

from __future__ import annotations

import calendar
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


def parse_feed(
    item: str, data: bytes, registry: OutletRegistry
) -> Iterator[ArticleIn | IngestError]:
    """Yield one article (or one error) per feed entry; raise IngestError for the whole feed."""
    if looks_like_json_feed(data):
        text = decode(item, data, "utf-8")
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(item, f"invalid JSON Feed: {exc}", Code.BAD_JSON) from exc
        parsed = feedparser.parse(text)
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
