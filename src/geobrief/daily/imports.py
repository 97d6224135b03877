"""Source lists to import: OPML (through listparser) and Kagi's ``kite_feeds.json``.

Both are read from a path the user gives, within the size cap, and each feed becomes a
``SourceEntry``. Kagi's list (kite-public, CC BY-NC 4.0) is not shipped with geobrief: it
maps a category ("Ukraine", "Diplomacy", "USA | Texas") to its feed URLs, and one category is
imported at a time. An entry that cannot be used (no URL, not http(s)) is
left out with one line saying why; the rest are imported.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

import listparser

from geobrief.daily.sources import SourceEntry, SourcesError, entry_from
from geobrief.errors import GeobriefError, IngestError
from geobrief.ingest.safexml import check_xml


@dataclass
class Imported:
    entries: list[SourceEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per entry left out


def read_list(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourcesError(f"{path}: too large ({size / 1_048_576:.1f} MB, cap "
                               f"{max_bytes / 1_048_576:.1f} MB, setting max_bytes)")
        return path.read_bytes()
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror}") from exc


def is_kite(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def import_list(path: Path, max_bytes: int, category: str | None = None) -> Imported:
    """The feeds of an OPML file or of one category of Kagi's feed list at ``path``."""
    data = read_list(path, max_bytes)
    if is_kite(data):
        if not category:
            raise SourcesError(f"{path}: a Kagi feed list holds many categories; choose one "
                               "with --category (see --list-categories)")
        return kite_category(path, data, category)
    return opml(path, data, category)


def kite_categories(path: Path, data: bytes) -> dict[str, dict]:
    try:
        raw = json.loads(data)
    except ValueError as exc:
        raise SourcesError(f"{path}: not a Kagi feed list: {exc}") from exc
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise SourcesError(f"{path}: not a Kagi feed list (an object of categories)")
    return raw


def kite_category(path: Path, data: bytes, category: str) -> Imported:
    categories = kite_categories(path, data)
    names = {name.casefold(): name for name in categories}
    name = names.get(category.strip().casefold())
    if name is None:
        close = difflib.get_close_matches(category, list(categories), n=5, cutoff=0.5)
        hint = f"; close: {', '.join(close)}" if close else ""
        raise SourcesError(f"{path}: no category {category!r} ({len(categories)} categories"
                           f"{hint}; see --list-categories)")
    chosen = categories[name]
    feeds = chosen.get("feeds")
    if not isinstance(feeds, list):
        raise SourcesError(f"{path}: category {name!r} has no list of feeds")
    found = Imported()
    for n, url in enumerate(feeds, 1):
        where = f"{path.name} {name!r} feed {n}"
        try:
            # not the category's source_language: the category "Ukraine" holds feeds in
            # English too, and a declared language wins over detection
            found.entries.append(entry_from(
                {"url": url if isinstance(url, str) else None, "category": name}, where))
        except GeobriefError as exc:
            found.problems.append(f"{exc.args[0]}; left out")
    return found


def opml(path: Path, data: bytes, category: str | None = None) -> Imported:
    """The feeds of an OPML subscription list (``category``: only those filed under it)."""
    try:
        check_xml(str(path), data)  # no entity expansion, no external references
    except IngestError as exc:
        raise SourcesError(f"{path}: {exc.reason}") from exc
    parsed = listparser.parse(data.decode("utf-8", errors="replace"))
    if parsed.bozo and not parsed.feeds:
        raise SourcesError(f"{path}: not an OPML list: {parsed.bozo_exception}")
    found = Imported()
    for n, feed in enumerate(parsed.feeds, 1):
        filed = ["/".join(path_) for path_ in feed.categories if path_]
        if category and not any(f.casefold().startswith(category.casefold())
                                for f in filed):
            continue
        where = f"{path.name} outline {n}"
        values = {"url": feed.url or None, "name": (feed.title or "").strip() or None,
                  "category": filed[0] if filed else None}
        try:
            found.entries.append(entry_from(values, where))
        except GeobriefError as exc:
            found.problems.append(f"{exc.args[0]}; left out")
    return found
