"""One unattended cycle of ``geobrief run``: fetch the feeds that are due, fetch the article
pages of blurb-only items, ingest, update (analyse, stories), and at the edition time
compose that day's briefing and record it as a draft.

Feeds are taken in chunks (``CHUNK``), interleaved by host; a chunk is fetched by
``fetch_workers`` threads, one request at a time per host (``Fetcher.polite``). Every step
commits what it finished, so a cycle killed at any point loses nothing: a feed's
validators are kept only once its items are stored (until then it is fetched again), an
article page is fetched again while its item is not stored, analysis and stories resume,
and the draft is composed by the next cycle after the edition time that finds none.
``stop()`` is asked between steps: a SIGTERM ends the cycle there, cleanly.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock_time
from itertools import zip_longest
from typing import TypeVar
from zoneinfo import ZoneInfo

from geobrief.app import Geobrief
from geobrief.compose.briefing import briefing_id
from geobrief.daily.health import Status, is_due, status_of
from geobrief.daily.sources import Pages, SourceEntry
from geobrief.errors import ComposeError, IngestError, StoreError
from geobrief.ingest.fetch import Fetched, Fetcher, host_of
from geobrief.ingest.outlets import OutletRegistry
from geobrief.ingest.pages import page_text
from geobrief.ingest.sources import Ingestor, Source
from geobrief.ingest.validate import item_error
from geobrief.models import ArticleIn
from geobrief.redact import redact_url
from geobrief.store.articles import stored_urls
from geobrief.store.feeds import feed_health, now_utc
from geobrief.store.provenance import source_key

CHUNK = 32  # feeds fetched, parsed and stored together (bounds memory; a kill costs one)
STAGES = ("fetch", "parse", "ingest", "analyse", "stories", "compose")

Say = Callable[[str], None]
Item = ArticleIn | IngestError
HasUrl = TypeVar("HasUrl", SourceEntry, ArticleIn)


@dataclass
class CycleReport:
    """What one cycle did, and how long each stage took (seconds)."""

    due: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    paused: int = 0  # sources paused when the cycle ended
    pages: int = 0  # article pages fetched for blurb-only items
    added: int = 0
    analysed: int = 0
    placed: int = 0
    drafted: str | None = None  # the id of the draft recorded
    stopped: str | None = None  # the step before which a stop request ended the cycle
    errors: list[IngestError] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def summary(self) -> str:
        drafted = f"drafted {self.drafted}" if self.drafted else "0 drafted"
        line = (f"cycle: {self.fetched} fetched, {self.not_modified} not modified, "
                f"{self.failed} failed, {self.paused} paused, {self.added} added, "
                f"{self.analysed} analysed, {self.placed} placed, {drafted}")
        if self.pages:
            line += f" ({self.pages} article pages fetched)"
        if self.stopped:
            line += f"; stopped before {self.stopped}"
        return line


@dataclass
class FeedBatch:
    """One feed's download in the cycle: the parsed items and what happens to them."""

    entry: SourceEntry
    fetched: Fetched
    items: list[Item] = field(default_factory=list)
    deferred: int = 0  # blurb items left for the next cycle (pages_per_feed)
    unreadable: bool = False  # the download is no feed (counted as a failure)


class Cycle:
    def __init__(self, gb: Geobrief, sources: list[SourceEntry], fetcher: Fetcher,
                 say: Say, stop: Callable[[], bool] = lambda: False,
                 clock: Callable[[], datetime] = now_utc) -> None:
        self.gb = gb
        self.settings = gb.settings
        self.sources = sources
        self.fetcher = fetcher
        self.say = say
        self.stop = stop
        self.clock = clock
        self.report = CycleReport()
        self.ingestor = Ingestor(gb.store, self.settings,
                                 OutletRegistry.load(self.settings.outlets_file), fetcher,
                                 self._error)

    # --- the cycle --------------------------------------------------------------------

    def run(self) -> CycleReport:
        now = self.clock()
        health = feed_health(self.gb.store, [redact_url(e.url) for e in self.sources])
        due = [e for e in self.sources
               if is_due(health.get(redact_url(e.url)), now, self._every(e))]
        self.report.due = len(due)
        self.say(f"cycle at {now:%Y-%m-%d %H:%M} UTC: {len(due)} of {len(self.sources)} "
                 "sources due")
        for chunk in _chunks(by_host(due), CHUNK):
            if self._stopping("fetching"):
                break
            self.feeds(chunk)
        if not self._stopping("updating"):
            self.update()
        if not self._stopping("the edition"):
            self.edition()
        self._count_paused()
        return self.report

    def feeds(self, chunk: list[SourceEntry]) -> None:
        """Fetch, parse, complete and store one chunk of due feeds."""
        with self._timed("fetch"):
            batches = self._fetch(chunk)
        if self._stopping("parsing"):
            return
        with self._timed("parse"):
            for batch in batches:
                self._parse(batch)
        batches = [b for b in batches if not b.unreadable]
        if not self._stopping("fetching article pages"):
            self._complete(batches)
        for batch in batches:
            if self._stopping("storing"):
                return
            self._store(batch)

    def update(self) -> None:
        done = self.gb.update(self.say)
        self.report.analysed, self.report.placed = done.analysed, done.placed
        for stage in ("analyse", "stories"):
            self.report.seconds[stage] += done.seconds.get(stage, 0.0)

    def edition(self) -> None:
        """At or after the edition time (local time of the edition's time zone), compose
        the day's briefing for the setting ``readers`` and record it as a draft, once."""
        zone = ZoneInfo(self.settings.edition_timezone)
        local = self.clock().replace(tzinfo=UTC).astimezone(zone)
        at = clock_time.fromisoformat(self.settings.edition_time)
        if local.time() < at:
            self.say(f"edition: not before {self.settings.edition_time} "
                     f"{self.settings.edition_timezone}")
            return
        day = local.date()
        wanted = briefing_id(day, self.gb.audience())
        if any(b.id == wanted for b in [*self.gb.drafts(day), *self.gb.published(day)]):
            return
        with self._timed("compose"):
            try:
                self.report.drafted = self.gb.save_draft(self.gb.brief(day))
            except ComposeError as exc:
                self.say(f"edition {day}: no draft: {exc}")
                return
        self.say(f"edition {day}: draft {self.report.drafted} recorded")

    # --- steps ------------------------------------------------------------------------

    def _fetch(self, chunk: list[SourceEntry]) -> list[FeedBatch]:
        def one(entry: SourceEntry) -> Fetched | IngestError:
            try:
                return self.fetcher.get(entry.url, every_minutes=entry.every_minutes)
            except IngestError as exc:
                return exc
            except StoreError:
                raise
            except Exception as exc:  # one feed, whatever it raised, costs only itself
                return self.fetcher.failed(entry.url, item_error(entry.url, exc).reason)

        with ThreadPoolExecutor(self.settings.fetch_workers) as pool:
            results = list(pool.map(one, chunk))
        batches = []
        for entry, got in zip(chunk, results, strict=True):
            label = redact_url(entry.url)
            if isinstance(got, IngestError):
                self.report.failed += 1
                self._error(got)
            elif got.data is None:
                self.report.not_modified += 1
                self.say(f"{label}: not modified")
            else:
                self.report.fetched += 1
                batches.append(FeedBatch(entry, got))
        return batches

    def _parse(self, batch: FeedBatch) -> None:
        label = redact_url(batch.entry.url)
        fetched = batch.fetched
        try:
            assert fetched.data is not None
            batch.items = list(self.ingestor.parse(label, fetched.data,
                                                   redact_url(fetched.url),
                                                   fetched.content_type))
        except Exception as exc:  # the download is no source: it counts towards pausing
            failed = item_error(label, exc)
            self.report.failed += 1
            self.report.fetched -= 1
            self._error(self.fetcher.failed(batch.entry.url, failed.reason, failed.code))
            batch.unreadable = True
            return
        if batch.entry.language:  # the sources file's language, where the feed gives none
            for item in batch.items:
                if isinstance(item, ArticleIn) and not item.language:
                    item.language = batch.entry.language
        self.say(f"{label}: {len(batch.items)} items")

    def _complete(self, batches: list[FeedBatch]) -> None:
        """Fetch the article page of each new blurb-only item, at most ``pages_per_feed``
        per feed; the rest wait for the next cycle (their feed is fetched again in full
        until none is left). A blurb item the source has stored already is left out: its
        stored text came from its page, and the blurb must not replace it."""
        wanted: list[ArticleIn] = []
        for batch in batches:
            blurbs = [i for i in batch.items if isinstance(i, ArticleIn)
                      and self._is_blurb(batch, i)]
            if not blurbs:
                continue
            known = stored_urls(self.gb.store, source_key(batch.entry.url),
                                [b.url for b in blurbs])
            new = [b for b in blurbs if b.url not in known]
            keep = new[: self.settings.pages_per_feed]
            batch.deferred = len(new) - len(keep)
            dropped = {id(b) for b in blurbs if b.url in known} | {id(b) for b in new[len(keep):]}
            batch.items = [i for i in batch.items if id(i) not in dropped]
            wanted.extend(keep)
        if not wanted:
            return
        wanted = by_host(wanted)  # one outlet's pages would hold every worker on its delay
        with self._timed("fetch"), ThreadPoolExecutor(self.settings.fetch_workers) as pool:
            pages = list(pool.map(self._page, wanted))
        with self._timed("parse"):
            for item, page in zip(wanted, pages, strict=True):
                if isinstance(page, IngestError):
                    self._error(page)  # the item keeps its blurb
                    continue
                self.report.pages += 1
                try:
                    text = page_text(item.url, page)
                except IngestError as exc:
                    self._error(exc)
                    continue
                if len(text) > len(item.text):
                    item.text = text

    def _page(self, item: ArticleIn) -> bytes | IngestError:
        try:
            got = self.fetcher.download(item.url)
        except IngestError as exc:
            return exc
        except Exception as exc:  # one page, whatever it raised, costs only its text
            return item_error(item.url, exc)
        return got.data or b""

    def _is_blurb(self, batch: FeedBatch, item: ArticleIn) -> bool:
        if batch.entry.pages is Pages.NEVER:
            return False
        return batch.entry.pages is Pages.ALWAYS or len(item.text) < self.settings.blurb_chars

    def _store(self, batch: FeedBatch) -> None:
        label = redact_url(batch.entry.url)
        before = self.ingestor.report.added
        with self._timed("ingest"):
            self.ingestor.store_items(batch.items, Source(batch.entry.url))
            if not batch.deferred:  # validators only once every item is in
                self.fetcher.remember(batch.entry.url, batch.fetched,
                                      batch.entry.every_minutes)
        added = self.ingestor.report.added - before
        self.report.added += added
        later = f", {batch.deferred} items wait for their pages" if batch.deferred else ""
        self.say(f"{label}: {added} added{later}")

    # --- helpers ----------------------------------------------------------------------

    def _every(self, entry: SourceEntry) -> float:
        return entry.every_minutes or self.settings.feed_interval_minutes

    def _error(self, error: IngestError) -> None:
        if error not in self.report.errors:
            self.report.errors.append(error)
            self.say(f"error: {error}")

    def _stopping(self, step: str) -> bool:
        if self.report.stopped is None and self.stop():
            self.report.stopped = step
        return self.report.stopped is not None

    def _count_paused(self) -> None:
        now = self.clock()
        health = feed_health(self.gb.store, [redact_url(e.url) for e in self.sources])
        self.report.paused = sum(
            status_of(health.get(redact_url(e.url)), now) is Status.PAUSED
            for e in self.sources)

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.report.seconds[stage] += time.perf_counter() - started


def by_host(entries: Iterable[HasUrl]) -> list[HasUrl]:
    """The entries (feeds or items) interleaved by host (a, b, c, a, b, a, ...), so that
    workers spread over hosts instead of queueing on one host's politeness delay."""
    queues: dict[str, list[HasUrl]] = defaultdict(list)
    for entry in entries:
        queues[host_of(entry.url)].append(entry)
    rounds = zip_longest(*queues.values())
    return [entry for round_ in rounds for entry in round_ if entry is not None]


def _chunks(items: list[SourceEntry], size: int) -> Iterator[list[SourceEntry]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
