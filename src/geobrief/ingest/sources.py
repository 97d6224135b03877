"""From SOURCE arguments (files, folders, URLs, ``-``) to stored articles.

Each source is parsed and stored on its own, in its own transaction, so that one bad
source or item costs only itself: an ingest killed halfway and run again ends with the
same store as an uninterrupted run. Any exception while reading one item costs that item
(a coded error naming it); any exception while reading one source costs that source, and
for a URL counts towards pausing it; the items before and after are stored.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from geobrief.errors import Code, IngestError, StoreError
from geobrief.ingest.feeds import looks_like_json_feed, parse_feed
from geobrief.ingest.fetch import Fetcher
from geobrief.ingest.jsonl import capped_lines, parse_jsonl
from geobrief.ingest.normalise import content_hash, detect_language
from geobrief.ingest.outlets import OutletRegistry
from geobrief.ingest.pages import parse_page
from geobrief.ingest.validate import check_window, item_error, validated
from geobrief.models import ArticleIn
from geobrief.redact import redact, redact_url
from geobrief.settings import Settings
from geobrief.store import OperationalError, StatementError, Store
from geobrief.store.articles import save_articles
from geobrief.store.provenance import source_key, source_kind

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
PAGE_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = FEED_SUFFIXES | PAGE_SUFFIXES | JSONL_SUFFIXES | {".json"}
BATCH = 1000


@dataclass
class IngestReport:
    sources: int = 0
    added: int = 0
    updated: int = 0
    duplicate: int = 0
    not_modified: int = 0
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        return (
            f"{self.sources} sources: {self.added} added, {self.updated} updated, "
            f"{self.duplicate} duplicates skipped, {self.not_modified} not modified, "
            f"{len(self.errors)} errors"
        )


ErrorHook = Callable[[IngestError], None]
ProgressHook = Callable[[str, IngestReport], None]


def expand_sources(sources: Iterable[str], extra_suffixes: Iterable[str] = ()
                   ) -> Iterator[str]:
    """Files and URLs as given; folders walked (sorted) for files of known kinds (and
    those of input formats from plugins)."""
    known = KNOWN_SUFFIXES | {s.lower() for s in extra_suffixes}
    for source in sources:
        if source == "-" or source.startswith(("http://", "https://")):
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in known:
                    yield str(child)
        else:
            yield source


def detect_format(name: str, data: bytes, content_type: str = "") -> str:
    """'feed', 'page' or 'jsonl', from the name's suffix, then the content type, then content."""
    suffix = Path(name.split("?")[0]).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES or looks_like_json_feed(data):
        return "feed"
    if suffix in PAGE_SUFFIXES or "html" in content_type:
        return "page"
    if any(kind in content_type for kind in ("rss", "atom", "xml")):
        return "feed"
    head = data[:1024].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "page"
    if head.startswith(b"{"):
        return "jsonl"
    raise IngestError(
        name, "unknown format (expected a feed, an HTML page or JSON Lines)", Code.UNKNOWN_FORMAT
    )


@dataclass(frozen=True)
class Source:
    """One SOURCE as given (``name``, which may carry credentials), how messages and the
    store name it (``label``, redacted) and its kind: ``url``, ``file`` or ``stdin``."""

    name: str

    @property
    def kind(self) -> str:
        return source_kind(self.name)

    @property
    def label(self) -> str:
        return {"stdin": "<stdin>", "url": redact_url(self.name)}.get(self.kind, self.name)


def finish(article: ArticleIn, settings: Settings) -> ArticleIn:
    """Checks every stored article must pass; fills in language."""
    label = article.url
    validated(article, label)
    article.published = check_window(label, article.published, settings.earliest_published,
                                     settings.future_tolerance_hours)
    if not article.text.strip():
        raise IngestError(label, "no article text", Code.NOT_AN_ARTICLE)
    article.language = detect_language(article.title + "\n" + article.text, article.language)
    return article


class Ingestor:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        registry: OutletRegistry,
        fetcher: Fetcher | None,
        on_error: ErrorHook | None,
        force: bool = False,
    ) -> None:
        self.force = force
        self.store = store
        self.settings = settings
        self.registry = registry
        self.fetcher = fetcher
        self.on_error = on_error
        self.report = IngestReport()
        self.formats: list[Any] = []  # input formats from plugins (geobrief.plugins)

    def error(self, exc: IngestError) -> None:
        exc = IngestError(redact(exc.item), redact(exc.reason), exc.code)
        self.report.errors.append(exc)
        if self.on_error:
            self.on_error(exc)

    def prepare(self, item: ArticleIn, source: Source) -> tuple[ArticleIn, str]:
        """The checked record with its provenance, and its content fingerprint."""
        done = finish(item, self.settings)
        done.source = source.label
        done.source_key = source_key(source.name, done.claimed_outlet)
        if source.kind == "url":
            done.outlet = self.registry.vouched(done.outlet, source.label)
        return done, content_hash(done.title, done.text)

    def store_items(self, items: Iterable[ArticleIn | IngestError], source: Source) -> None:
        """Store every good item; each bad one costs itself. A parser that breaks part way
        costs the rest of its source (re-raised, once what came before is stored)."""
        batch: list[tuple[ArticleIn, str]] = []
        iterator = iter(items)
        try:
            while True:
                try:
                    item = next(iterator)
                except StopIteration:
                    break
                if isinstance(item, IngestError):
                    self.error(item)
                    continue
                try:
                    batch.append(self.prepare(item, source))
                except Exception as exc:  # one item, whatever it raised, costs only itself
                    self.error(item_error(str(getattr(item, "url", source.label)), exc))
                    continue
                if len(batch) >= BATCH:
                    self.save(batch)
                    batch = []
        finally:
            if batch:
                self.save(batch)

    def save(self, batch: list[tuple[ArticleIn, str]]) -> None:
        """Store a batch in one transaction; should the database refuse it, store its
        items one by one so that the one it refuses costs only itself."""
        try:
            counts = save_articles(self.store, batch)
        except OperationalError:
            raise  # the database itself failed (gone, full): no item's fault
        except StatementError as exc:
            if len(batch) == 1:
                self.error(item_error(batch[0][0].url, exc.orig or exc))
            for one in batch if len(batch) > 1 else []:
                self.save([one])
            return
        self.report.added += counts["added"]
        self.report.updated += counts["updated"]
        self.report.duplicate += counts["duplicate"]

    def parse(
        self, name: str, data: bytes, url: str | None, content_type: str = ""
    ) -> Iterator[ArticleIn | IngestError]:
        kind = detect_format(name, data, content_type)
        if kind == "jsonl":
            return parse_jsonl(name, data.splitlines(), self.registry)
        if kind == "feed":
            return parse_feed(name, data, self.registry)
        return iter([parse_page(name, data, self.registry, url, self.settings.min_article_chars)])

    def one(self, source: Source, stdin: BinaryIO | None) -> None:
        self.report.sources += 1
        if source.kind == "stdin":
            stream = stdin if stdin is not None else sys.stdin.buffer
            lines = capped_lines(stream, self.settings.max_bytes)
            self.store_items(parse_jsonl("<stdin>", lines, self.registry), source)
            return
        if source.kind == "url":
            self.one_url(source)
            return
        plugin = next((f for f in self.formats
                       if Path(source.name).suffix.lower() in f.suffixes), None)
        if plugin is not None:  # an input format from a plugin
            data = read_local(source.name, self.settings.max_bytes)
            self.store_items(plugin.parse(source.name, data, self.registry), source)
            return
        if Path(source.name).suffix.lower() in JSONL_SUFFIXES:  # bulk: streamed, cap per line
            check_readable(source.name)
            with open(source.name, "rb") as handle:
                lines = capped_lines(handle, self.settings.max_bytes)
                self.store_items(parse_jsonl(source.name, lines, self.registry), source)
            return
        data = read_local(source.name, self.settings.max_bytes)
        self.store_items(self.parse(source.name, data, None), source)

    def one_url(self, source: Source) -> None:
        """Fetch, parse and store one URL; a failure at any step counts towards pausing it."""
        if self.fetcher is None:
            self.fetcher = Fetcher(self.settings, self.store)
        fetched = self.fetcher.get(source.name, force=self.force)
        if fetched.data is None:
            self.report.not_modified += 1
            return
        try:
            self.store_items(
                self.parse(source.label, fetched.data, redact_url(fetched.url),
                           fetched.content_type), source)
        except StoreError:
            raise
        except Exception as exc:
            failed = item_error(source.label, exc)
            raise self.fetcher.failed(source.name, failed.reason, failed.code) from exc
        self.fetcher.remember(source.name, fetched)  # only now: a crash before means fetch again


def check_readable(source: str) -> int:
    """The size of a local file; IngestError when it is missing or empty."""
    try:
        size = Path(source).stat().st_size
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror}", Code.NOT_FOUND) from exc
    if size == 0:
        raise IngestError(source, "empty file", Code.EMPTY)
    return size


def read_local(source: str, max_bytes: int) -> bytes:
    path = Path(source)
    size = check_readable(source)
    if size > max_bytes:
        raise IngestError(
            source,
            f"too large: {size / 1_048_576:.1f} MB is over the "
            f"{max_bytes / 1_048_576:.1f} MB cap (setting max_bytes)",
            Code.TOO_LARGE,
        )
    return path.read_bytes()


def ingest_sources(
    store: Store,
    sources: Iterable[str],
    settings: Settings,
    registry: OutletRegistry | None = None,
    fetcher: Fetcher | None = None,
    on_error: ErrorHook | None = None,
    on_progress: ProgressHook | None = None,
    stdin: BinaryIO | None = None,
    force: bool = False,
    formats: Sequence[Any] = (),
) -> IngestReport:
    """Ingest every source; errors are reported through ``on_error`` and in the report.

    ``force`` fetches URLs unconditionally, paused ones included."""
    registry = registry or OutletRegistry.load(settings.outlets_file)
    ingestor = Ingestor(store, settings, registry, fetcher, on_error, force)
    ingestor.formats = list(formats)
    for name in expand_sources(sources, [s for f in formats for s in f.suffixes]):
        source = Source(name)
        try:
            ingestor.one(source, stdin)
        except StoreError:
            raise  # the store itself failed (busy, gone): no later source can be stored
        except Exception as exc:  # one source, whatever it raised, costs only itself
            ingestor.error(item_error(source.label, exc))
        if on_progress:
            on_progress(source.label, ingestor.report)
    if ingestor.fetcher is not None and fetcher is None:
        ingestor.fetcher.close()
    return ingestor.report
