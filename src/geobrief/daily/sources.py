"""The sources file: the feeds ``geobrief run`` fetches, their outlet metadata, and the
hosts the network guard lets through.

A TOML file (setting ``sources_file``; by default ``sources.toml`` beside the config file,
else beside a SQLite store, else in the working directory)::

    [network]
    allow = ["127.0.0.1", "intranet.example", "10.1.2.0/24"]  # hosts or networks

    [[source]]
    url = "https://www.theguardian.com/world/rss"
    name = "The Guardian"          # optional: outlet metadata, over the publishers table
    country = "GB"
    family = "Guardian Media Group"
    funding = "private"            # private | public | state | unknown
    category = "World"
    language = "en"
    every = "30m"                  # how often it is due (setting feed_interval_minutes)
    pages = "auto"                 # fetch article pages of blurb-only items: auto | always | never

``geobrief sources add|remove|import`` edit it through tomlkit, which keeps the user's
comments and layout. Its health (last fetch, status, failures, pause) lives in the store's
``feeds`` table, keyed by the URL with credentials redacted.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field, fields
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Table

from geobrief.errors import Code, SettingsError
from geobrief.ingest.validate import checked_url
from geobrief.settings import Settings
from geobrief.store.engine import sqlite_path
from geobrief.stories.publishers import Funding

FILE_NAME = "sources.toml"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$", re.I)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SourcesError(SettingsError):
    """A sources file, OPML list or Kagi feed list that cannot be used (GB504)."""

    code = Code.BAD_SOURCES


class Pages(StrEnum):
    AUTO = "auto"  # fetch the article page when the feed carries only a blurb
    ALWAYS = "always"
    NEVER = "never"


def parse_duration(text: str, what: str = "duration") -> timedelta:
    """``"30m"``, ``"2h"``, ``"1d"``, ``"90s"`` as a timedelta; SourcesError otherwise."""
    match = _DURATION.match(str(text))
    if not match:
        raise SourcesError(f"{what} {text!r}: use a number and a unit, s, m, h or d "
                           "(30m, 2h, 1d)")
    duration = timedelta(seconds=float(match.group(1)) * _SECONDS[match.group(2).lower()])
    if not duration:
        raise SourcesError(f"{what} {text!r}: must be more than zero")
    return duration


def format_duration(minutes: float) -> str:
    if minutes % 1440 == 0:
        return f"{minutes / 1440:g}d"
    if minutes % 60 == 0:
        return f"{minutes / 60:g}h"
    return f"{minutes:g}m"


@dataclass(frozen=True)
class SourceEntry:
    """One feed of the sources file; unset metadata comes from the publishers table."""

    url: str
    name: str | None = None
    category: str | None = None
    language: str | None = None
    country: str | None = None
    family: str | None = None
    funding: Funding | None = None
    every: str | None = None  # as written ("30m"); see ``every_minutes``
    pages: Pages = Pages.AUTO

    @property
    def every_minutes(self) -> float | None:
        return parse_duration(self.every).total_seconds() / 60 if self.every else None

    def to_toml(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) is not None
                and not (f.name == "pages" and self.pages is Pages.AUTO)}


_KEYS = {f.name for f in fields(SourceEntry)}


def entry_from(values: dict[str, Any], where: str) -> SourceEntry:
    """A checked entry from a TOML table (or a command's options); SourcesError naming
    ``where`` and the field otherwise."""
    unknown = sorted(set(values) - _KEYS)
    if unknown:
        raise SourcesError(f"{where}: unknown field(s) {', '.join(unknown)} (known: "
                           f"{', '.join(sorted(_KEYS))})")
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise SourcesError(f"{where}: {key} must be text, not {type(value).__name__}")
        clean[key] = value.strip()
    if not clean.get("url"):
        raise SourcesError(f"{where}: a source needs a url")
    try:
        clean["url"] = _feed_url(where, clean["url"])
        if "country" in clean:
            clean["country"] = _country(clean["country"])
        if "funding" in clean:
            clean["funding"] = Funding(clean["funding"].lower())
        if "pages" in clean:
            clean["pages"] = Pages(clean["pages"].lower())
        if "every" in clean:
            parse_duration(clean["every"], "every")
    except (ValueError, SettingsError) as exc:
        raise SourcesError(f"{where}: {exc}") from exc
    return SourceEntry(**clean)


def _feed_url(where: str, url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"url {url[:100]!r} is not http(s)")
    checked_url(where, url)  # parses, no control characters, not too long
    return url


def _country(code: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise ValueError(f"country {code!r} is not an ISO 3166-1 alpha-2 code (GB, US, …)")
    return code.upper()


@dataclass
class SourcesFile:
    """The sources file as read, and its TOML document (written back with comments)."""

    path: Path
    sources: list[SourceEntry] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    document: tomlkit.TOMLDocument = field(default_factory=lambda: new_document())

    def find(self, key: str) -> SourceEntry | None:
        """The source whose URL (or name, case-insensitively) is ``key``."""
        for entry in self.sources:
            if entry.url == key or (entry.name or "").casefold() == key.casefold():
                return entry
        return None

    def add(self, entry: SourceEntry) -> bool:
        """Add ``entry`` unless its URL is there already; whether it was added."""
        if any(e.url == entry.url for e in self.sources):
            return False
        self.sources.append(entry)
        table = tomlkit.table()
        for key, value in entry.to_toml().items():
            table[key] = value
        table.add(tomlkit.nl())
        self._sources_table().append(table)
        return True

    def remove(self, entry: SourceEntry) -> None:
        self.sources.remove(entry)
        tables = self._sources_table()
        for index, table in enumerate(tables):
            if table.get("url") == entry.url:
                del tables[index]
                break

    def allow_host(self, host: str) -> bool:
        if host in self.allow:
            return False
        self.allow.append(host)
        network = self.document.get("network")
        if not isinstance(network, Table):
            network = tomlkit.table()
            self.document["network"] = network
        allow = network.get("allow")
        if allow is None:
            network["allow"] = tomlkit.array()
            allow = network["allow"]
        allow.append(host)
        return True

    def _sources_table(self) -> AoT:
        tables = self.document.get("source")
        if not isinstance(tables, AoT):
            tables = tomlkit.aot()
            self.document.append("source", tables)
        return tables

    def save(self) -> None:
        """Write the file atomically (a temporary file renamed over it)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = tomlkit.dumps(self.document)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.",
                                             dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def new_document() -> tomlkit.TOMLDocument:
    """A new sources file: a header, an empty allow list, then the sources."""
    document = tomlkit.document()
    document.add(tomlkit.comment("geobrief sources: `geobrief sources add|remove|import` edit "
                                 "this file; comments are kept (docs/running.md)"))
    document.add(tomlkit.nl())
    network = tomlkit.table()
    network.add(tomlkit.comment("hosts (or networks, 10.1.0.0/16) the network guard lets "
                                "through although they are not public addresses"))
    network.add("allow", tomlkit.array())
    network.add(tomlkit.nl())
    document.add("network", network)
    return document


def sources_path(settings: Settings) -> Path:
    """Where the sources file is: the setting ``sources_file``, else ``sources.toml``
    beside the config file, else beside a SQLite store, else here."""
    if settings.sources_file:
        return Path(settings.sources_file)
    if settings.config_file:
        return Path(settings.config_file).parent / FILE_NAME
    store = sqlite_path(settings.db)
    return store.parent / FILE_NAME if store is not None else Path(FILE_NAME)


def load_sources(path: Path) -> SourcesFile:
    """The sources file at ``path`` (empty when there is none yet); SourcesError naming
    the file and the entry when it cannot be used."""
    if not path.exists():
        return SourcesFile(path)
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc}") from exc
    data = document.unwrap()
    unknown = sorted(set(data) - {"source", "network"})
    if unknown:
        raise SourcesError(f"{path}: unknown table(s) {', '.join(unknown)} "
                           "(a sources file has [network] and [[source]])")
    raw = data.get("source", [])
    if not isinstance(raw, list):
        raise SourcesError(f"{path}: source must be an array of tables ([[source]])")
    entries: list[SourceEntry] = []
    for n, values in enumerate(raw, 1):
        if not isinstance(values, dict):
            raise SourcesError(f"{path} source {n}: not a table")
        entry = entry_from(values, f"{path} source {n}")
        if any(e.url == entry.url for e in entries):
            raise SourcesError(f"{path} source {n}: {entry.url} is listed twice")
        entries.append(entry)
    network = data.get("network", {})
    allow = network.get("allow", []) if isinstance(network, dict) else None
    if not isinstance(allow, list) or not all(isinstance(h, str) for h in allow):
        raise SourcesError(f"{path}: [network] allow must be a list of host names or networks")
    return SourcesFile(path, entries, list(allow), document)
