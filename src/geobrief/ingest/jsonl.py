"""JSON Lines of articles: ``url``, ``title``, ``text`` or ``html``, ``published``, ``outlet``,
``language`` (optional). One bad line is reported and skipped; the rest go on."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

import trafilatura

from geobrief.errors import Code, IngestError
from geobrief.ingest.normalise import clean_text, html_to_text, parse_datetime
from geobrief.ingest.outlets import OutletRegistry
from geobrief.ingest.validate import checked_url, item_error
from geobrief.models import ArticleIn

REQUIRED = ("url", "title", "outlet")


def _line_article(label: str, record: object, registry: OutletRegistry, source: str) -> ArticleIn:
    if not isinstance(record, dict):
        raise IngestError(label, "line is not a JSON object", Code.BAD_JSON)
    missing = [key for key in REQUIRED if not record.get(key)]
    if not record.get("text") and not record.get("html"):
        missing.append("text or html")
    if missing:
        raise IngestError(label, f"missing field(s): {', '.join(missing)}", Code.MISSING_FIELD)
    if not record.get("published"):
        raise IngestError(label, "no publication date (field published)", Code.MISSING_DATE)
    wrong = [key for key in (*REQUIRED, "text", "html", "published", "language")
             if record.get(key) is not None and not isinstance(record[key], str)]
    if wrong:
        raise IngestError(label, f"not text: field(s) {', '.join(wrong)}", Code.BAD_FIELD)
    url = checked_url(label, record["url"])
    text = record.get("text")
    if not text:  # trafilatura finds nothing in a short fragment: keep its plain text then
        markup = str(record["html"])
        text = trafilatura.extract(markup) or html_to_text(markup)
    published = parse_datetime(str(record["published"]))
    if published is None:
        raise IngestError(
            label, f"unreadable date {record['published'][:40]!r} (need ISO 8601)",
            Code.MISSING_DATE,
        )
    outlet_name = str(record["outlet"])
    return ArticleIn(
        url=url,
        title=clean_text(str(record["title"])),
        text=clean_text(str(text)),
        published=published,
        outlet=registry.resolve(
            outlet_name, url if "." not in outlet_name else f"https://{outlet_name}/"
        ),
        language=str(record.get("language") or ""),
        author=record.get("author"),
        source=source,
        claimed_outlet=outlet_name,
    )


def capped_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of ``stream``, none held in memory beyond ``limit`` bytes: a longer line is
    skipped unread, in chunks, and given as ``None``."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line


def parse_jsonl(
    item: str, lines: Iterable[bytes | None], registry: OutletRegistry
) -> Iterator[ArticleIn | IngestError]:
    """One article or one error per line; ``None`` stands for a line over the size cap."""
    for number, raw in enumerate(lines, 1):
        label = f"{item} line {number}"
        if raw is None:
            yield IngestError(label, "line too large: over the max_bytes cap", Code.TOO_LARGE)
            continue
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield IngestError(label, f"invalid UTF-8 at byte {exc.start}", Code.BAD_ENCODING)
            continue
        except json.JSONDecodeError as exc:
            yield IngestError(
                label, f"invalid JSON: {exc.msg} at column {exc.colno}", Code.BAD_JSON
            )
            continue
        except Exception as exc:  # nested too deep (RecursionError), or worse
            yield item_error(label, exc)
            continue
        try:
            yield _line_article(label, record, registry, item)
        except Exception as exc:  # one line, whatever it raised, costs only itself
            yield item_error(label, exc)
