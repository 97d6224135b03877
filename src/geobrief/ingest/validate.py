"""What every record must satisfy before it is stored, on SQLite and PostgreSQL alike.

Parsers turn whatever a source says into an ``ArticleIn``; this module decides whether
that record may be stored, and in what form: text without NUL, control characters or
bidirectional overrides (which PostgreSQL refuses, or which reorder a rendered briefing),
fields of the right type and within the lengths the schema holds, an http(s) URL that
parses, and a publication date inside the plausible window (``earliest_published`` up to
``future_tolerance_hours`` ahead). It also maps any exception met while reading one item
to a coded ``IngestError``, so that one hostile item costs only itself.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from geobrief.errors import Code, IngestError
from geobrief.ingest.normalise import DateOutOfRange, InvalidURL, canonical_url
from geobrief.models import ArticleIn, Outlet

MAX_URL_BYTES = 2000  # articles.url and feeds.url are VARCHAR(2000)
MAX_TITLE = 1000
MAX_AUTHOR = 300  # articles.author
MAX_OUTLET = 200  # outlets.name
MAX_LABEL = 2000  # articles.source
MAX_REASON = 300  # how much of an exception's message an error line repeats

# NUL and the other C0 controls but tab and newline, DEL and the C1 controls; lone
# surrogates (from JSON escapes such as "\ud800", which no database encoding accepts);
# and the bidirectional embeddings, overrides and isolates that make text display in
# another order than it is stored ("Trojan Source")
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)


def sanitise(text: str) -> str:
    """``text`` without the characters no stored field may hold (see ``_FORBIDDEN``)."""
    return _FORBIDDEN.sub("", text)


def clipped(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def one_line(text: str) -> str:
    return " ".join(sanitise(text).split())


def author_name(value: object) -> str | None:
    """An author as a short string: a string as is, ``{"name": ...}`` by its name, a list
    by its names; anything else is dropped (authors are metadata, never a reason to
    refuse an article)."""
    if isinstance(value, dict):
        value = value.get("name")
    elif isinstance(value, list):
        names = [author_name(v) for v in value[:10]]
        value = ", ".join(n for n in names if n)
    if not isinstance(value, str):
        return None
    name = one_line(value)
    return clipped(name, MAX_AUTHOR) if name else None


def checked_url(label: str, url: object) -> str:
    """The canonical form of an item's http(s) URL; GB116 when it is not one."""
    if not isinstance(url, str):
        raise IngestError(label, f"url is a {type(url).__name__}, not a string", Code.BAD_FIELD)
    if sanitise(url) != url or any(c.isspace() for c in url.strip()):
        raise IngestError(label, "url holds control or space characters", Code.BAD_FIELD)
    if not url.strip().lower().startswith(("http://", "https://")):
        raise IngestError(label, f"url is not http(s): {url[:100]!r}", Code.MISSING_FIELD)
    try:
        canonical = canonical_url(url)
    except InvalidURL as exc:
        raise IngestError(label, f"invalid URL: {exc}", Code.BAD_FIELD) from exc
    if len(canonical.encode("utf-8")) > MAX_URL_BYTES:
        raise IngestError(
            label, f"url too long (over {MAX_URL_BYTES} bytes)", Code.BAD_FIELD
        )
    return canonical


def check_window(label: str, published: datetime | None, earliest: date,
                 tolerance_hours: float, now: datetime | None = None) -> datetime:
    """The publication time, refused when missing, before ``earliest`` or in the future."""
    if published is None:
        raise IngestError(label, "no publication date", Code.MISSING_DATE)
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    start = datetime.combine(earliest, time(), UTC)
    if published < start:
        raise IngestError(
            label,
            f"publication date {published.date().isoformat()} is before "
            f"{earliest.isoformat()} (setting earliest_published)",
            Code.DATE_OUT_OF_RANGE,
        )
    now = now or datetime.now(UTC)
    if published > now + timedelta(hours=tolerance_hours):
        raise IngestError(
            label, f"publication date {published.isoformat()} is in the future", Code.FUTURE_DATE
        )
    return published


def validated(article: ArticleIn, label: str) -> ArticleIn:
    """The record in the form it may be stored: clean strings within the schema's lengths.

    The date is checked by the caller (it needs the settings); the URL was checked by
    the parser that made the record."""
    for name in ("title", "text"):
        if not isinstance(getattr(article, name), str):
            raise IngestError(label, f"{name} is not a string", Code.BAD_FIELD)
    article.title = clipped(one_line(article.title), MAX_TITLE)
    article.text = sanitise(article.text).strip()
    if not article.title:
        raise IngestError(label, "item has no title", Code.MISSING_FIELD)
    article.author = author_name(article.author)
    name = clipped(one_line(article.outlet.name), MAX_OUTLET) or "unknown outlet"
    if name != article.outlet.name:
        article.outlet = Outlet(name, article.outlet.domain, article.outlet.country,
                                article.outlet.kind)
    if article.claimed_outlet is not None:
        article.claimed_outlet = clipped(one_line(article.claimed_outlet), MAX_OUTLET) or None
    article.language = article.language if isinstance(article.language, str) else ""
    article.source = clipped(article.source, MAX_LABEL)
    return article


def item_error(label: str, exc: BaseException) -> IngestError:
    """Any exception met while reading one item (or source), as the coded error it costs."""
    if isinstance(exc, IngestError):
        return exc
    if isinstance(exc, InvalidURL):
        return IngestError(label, f"invalid URL: {exc}", Code.BAD_FIELD)
    if isinstance(exc, DateOutOfRange):
        return IngestError(label, str(exc), Code.DATE_OUT_OF_RANGE)
    if isinstance(exc, RecursionError):
        return IngestError(label, "invalid JSON: nested too deep", Code.BAD_JSON)
    reason = clipped(one_line(str(exc)), MAX_REASON)
    return IngestError(
        label, f"unexpected {type(exc).__name__}" + (f": {reason}" if reason else ""),
        Code.UNEXPECTED,
    )
