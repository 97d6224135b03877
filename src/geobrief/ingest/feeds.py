"""RSS 2.0, Atom and JSON Feed, parsed by feedparser after a safety check of the XML."""

from __future__ import annotations

import calendar
import codecs
import html
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from geobrief.errors import Code, IngestError
from geobrief.ingest.decode import decode
from geobrief.ingest.normalise import DateOutOfRange, clean_text, html_to_text, parse_datetime
from geobrief.ingest.outlets import OutletRegistry
from geobrief.ingest.safexml import check_xml
from geobrief.ingest.validate import checked_url, item_error
from geobrief.models import ArticleIn, Outlet


def looks_like_json_feed(data: bytes) -> bool:
    head = data[:4096].removeprefix(codecs.BOM_UTF8).lstrip()
    return head.startswith(b"{") and b"jsonfeed.org/version" in head


def _entry_published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (ValueError, OverflowError, OSError) as exc:  # year 0, year 99999
                raise DateOutOfRange(f"publication date {entry.get(key[:-7])!r} is out of "
                                     "range") from exc
    for key in ("published", "updated", "date_published"):
        moment = parse_datetime(entry.get(key))
        if moment:
            return moment
    return None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, dict) else None
        if isinstance(value, str) and value:
            return html_to_text(value)
    summary = entry.get("summary") or entry.get("description") or ""
    return html_to_text(summary if isinstance(summary, str) else "")


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
        text = decode(item, data, "utf-8-sig")
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
    outlet = registry.resolve(_text_or_none(channel.get("title")),
                              _text_or_none(channel.get("link")))
    language = _text_or_none(channel.get("language"))
    for index, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or entry.get("id")
        label = f"{item} item {index}" + (f" ({link})" if isinstance(link, str) else "")
        try:
            yield _entry_article(label, entry, item, outlet, language, registry)
        except Exception as exc:  # one entry, whatever it raised, costs only itself
            yield item_error(label, exc)


def _entry_article(label: str, entry: Any, item: str, outlet: Outlet, language: str | None,
                   registry: OutletRegistry) -> ArticleIn:
    link = entry.get("link") or entry.get("id")
    if not isinstance(link, str) or not link.strip().lower().startswith(("http://", "https://")):
        raise IngestError(label, "item has no link", Code.MISSING_FIELD)
    title = entry.get("title")
    title = clean_text(title) if isinstance(title, str) else ""
    if not title:
        raise IngestError(label, "item has no title", Code.MISSING_FIELD)
    url = checked_url(label, link)
    return ArticleIn(
        url=url,
        title=title,
        text=_entry_text(entry),
        published=_entry_published(entry),  # type: ignore[arg-type]  # checked by caller
        outlet=outlet if outlet.domain else registry.resolve(outlet.name, url),
        language=_text_or_none(entry.get("language")) or language or "",
        author=entry.get("author"),
        source=item,
        claimed_outlet=outlet.name,
    )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
