"""The application object: the one place where settings, the store, the knowledge (bundled
plus whatever the user imported), the linker and the plugin registry meet.

Every way of using geobrief (the CLI, a script, later the web edition and the scheduler)
goes through ``Geobrief``. Reading (``brief``, ``stories``, ``claims``, ``outlook``,
``events``) never writes; ``ingest`` and ``update`` write; ``publish`` records a briefing
as published, which later briefings list under "Previously".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

from geobrief.analyse.cluster import Workers, analyse_on_workers
from geobrief.analyse.events import Event
from geobrief.analyse.outcomes import Scorecard, Settled, scorecard, settle_outlook
from geobrief.analyse.run import ANALYSIS_VERSION, analyse_pending, check_signature, signature
from geobrief.compose.briefing import Composer, check_countries, compose
from geobrief.compose.evidence import gather
from geobrief.compose.render import render
from geobrief.errors import Code, ComposeError, IngestError
from geobrief.ingest import IngestReport, ingest_sources
from geobrief.ingest.outlets import OutletRegistry
from geobrief.knowledge.digest import knowledge_digest
from geobrief.knowledge.link import Linker, bundled_linker
from geobrief.knowledge.load import Knowledge, bundled_knowledge, knowledge_with
from geobrief.models import Briefing, Edition, Personal, Reader
from geobrief.plugins import Registry, registry
from geobrief.relevance import Relevance, RuleContext, assess
from geobrief.settings import Settings, load_settings
from geobrief.store import Store, open_store
from geobrief.store.analysis import Backlog, backlog, reanalyse_all
from geobrief.store.articles import news_days
from geobrief.store.events import day_events
from geobrief.store.ledger import thread_ledger, threads_behind
from geobrief.store.outlook import outlook_rows
from geobrief.store.readers import load_readers, remove_reader, save_reader
from geobrief.store.stories import (
    Published,
    StoryCarried,
    StoryRow,
    draft_briefings,
    live_stories,
    published_body,
    published_briefings,
    save_draft,
    save_published,
    story_material,
    story_until,
    thread_ids,
)
from geobrief.stories import update_stories
from geobrief.stories.ledger import LEDGER_DAYS, Entry, ledger_for
from geobrief.stories.ledger_join import LedgerMemory, update_ledgers
from geobrief.stories.online import OnlineClusterer
from geobrief.stories.rank import Salience, rank_day

if TYPE_CHECKING:
    from geobrief.editorial import Desk
    from geobrief.newsroom import Newsroom

Say = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


@dataclass(frozen=True)
class Update:
    """What ``Geobrief.update`` did: articles analysed, articles placed into stories, and
    the outlook items settled (None when nothing was analysed)."""

    analysed: int
    placed: int
    settled: Settled | None
    seconds: dict[str, float] = field(default_factory=dict)  # "analyse", "stories"


class Geobrief:
    """geobrief as a library: open with ``geobrief.open(...)``, use as a context manager."""

    def __init__(self, settings: Settings, store: Store | None = None,
                 plugins: Registry | None = None) -> None:
        self.settings = settings
        self._store = store
        self.registry = plugins or registry()
        # a long-running process (the scheduler) may keep the clusterer between updates
        self.clusterer: OnlineClusterer | None = None
        # the claim ledger's entries, kept between updates (checked against the store)
        self.ledger_memory = LedgerMemory(settings.ledger_memory_entries)

    # --- lifetime ---------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The store, opened (and migrated) on first use: ``kb`` needs none."""
        if self._store is None:
            self._store = open_store(self.settings.db, timeout=self.settings.lock_timeout)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> Geobrief:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- knowledge: chosen once -------------------------------------------------------

    @cached_property
    def knowledge(self) -> Knowledge:
        """The bundled knowledge plus what ``kb import`` wrote to ``knowledge_dir``."""
        return knowledge_with(self.settings.knowledge_dir)

    @cached_property
    def linker(self) -> Linker:
        """The one linker: analysis and composition link with the same knowledge."""
        if self.knowledge is bundled_knowledge():
            return bundled_linker()
        return Linker(self.knowledge)

    @cached_property
    def knowledge_digest(self) -> str:
        return knowledge_digest(self.settings.knowledge_dir)

    @property
    def analysis_signature(self) -> str:
        return signature(self.knowledge_digest)

    # --- writing: ingest and update ---------------------------------------------------

    def ingest(self, sources: Iterable[str], *, outlets: OutletRegistry | None = None,
               on_error: Callable[[IngestError], None] | None = None,
               on_progress: Callable[[str, IngestReport], None] | None = None,
               stdin: BinaryIO | None = None, force: bool = False) -> IngestReport:
        """Store the articles of files, folders, URLs (or ``-``: JSON Lines on ``stdin``);
        input formats from plugins included. Does not analyse: call ``update``."""
        formats = [f for f in self.registry.formats if not getattr(f, "builtin", False)]
        return ingest_sources(self.store, list(sources), self.settings, registry=outlets,
                              on_error=on_error, on_progress=on_progress, stdin=stdin,
                              force=force, formats=formats)

    def update(self, say: Say = _quiet, *, workers: Workers | None = None,
               again: bool = False) -> Update:
        """Analyse what is pending (everything again when the knowledge changed, or with
        ``again``), place new articles into stories and threads, settle outlook items.
        Idempotent. ``workers``: analyse on Dask workers (the ``dask`` extra), with the
        same results as in this process.

        Under the store's ``analyse`` lock: a second run at the same time waits for this one
        and then finds nothing left to do, as if it had run after it."""
        with self.store.lock("analyse"):
            started = time.perf_counter()
            analysed = self._analyse(say, workers, again)
            analysing = time.perf_counter() - started
            placed = update_stories(self.store, self.settings, clusterer=self.clusterer,
                                    progress=lambda done, total: say(
                                        f"embedded {done}/{total} articles"))
            if placed:
                say(f"placed {placed} articles into stories")
            read = update_ledgers(self.store, self.knowledge, self.linker,
                                  self.settings.publishers_file, self.ledger_memory)
            if read:
                say(f"claim ledger: read {read} claims")
            settled = None
            if analysed:
                settled = settle_outlook(self.store)
                if settled.happened or settled.lapsed:
                    say(f"outlook: {settled.happened} items happened, {settled.lapsed} "
                        f"lapsed, {settled.still_open} open")
        stories = time.perf_counter() - started - analysing
        return Update(analysed, placed, settled, {"analyse": analysing, "stories": stories})

    def _analyse(self, say: Say, workers: Workers | None, again: bool) -> int:
        def progress(done: int, total: int) -> None:
            say(f"analysed {done}/{total} articles")

        if again:
            reanalyse_all(self.store, self.analysis_signature)
        if workers is None:
            return analyse_pending(self.store, self.linker, self.knowledge_digest, progress)
        check_signature(self.store, self.knowledge_digest)
        say(f"analysing on {workers.describe()}")
        return analyse_on_workers(self.store, self.settings, self.analysis_signature,
                                  workers, progress, say)

    def backlog(self) -> Backlog:
        """How far behind the store is (reads never bring it up to date themselves)."""
        found = backlog(self.store, ANALYSIS_VERSION, self.analysis_signature)
        return replace(found, ledger_threads=len(threads_behind(self.store)))

    # --- reading ----------------------------------------------------------------------

    def days(self) -> list[str]:
        """Every day with stored news, oldest first (ISO dates)."""
        return news_days(self.store)

    def stories(self, day: date | str, audience: str | None = None, soft: bool = False
                ) -> list[tuple[StoryRow, Salience]]:
        """The day's stories, most salient first, with the reasons; ``soft`` keeps sport,
        entertainment, weather and markets (as the setting ``edition_soft_news`` does)."""
        settings = self.settings.with_overrides(edition_soft_news=True) if soft \
            else self.settings
        return rank_day(self.store, _day(day), self.knowledge, audience, settings)

    def audience(self, readers: Sequence[str] | None = None,
                 reader: Reader | str | None = None) -> Edition | Personal:
        """An edition for reader groups (country codes; the setting ``readers`` by
        default), or a personal briefing for one reader (a profile or its stored name)."""
        if reader is not None:
            if isinstance(reader, str):
                found = self.reader(reader)
                if found is None:
                    raise ComposeError(f"no reader {reader!r} (see geobrief readers list)",
                                       Code.NO_SUCH_READER)
                reader = found
            check_countries([reader.country], self.knowledge)
            return Personal(reader)
        return Edition(check_countries(list(readers or self.settings.readers), self.knowledge))

    def brief(self, day: date | str, readers: Sequence[str] | None = None, *,
              reader: Reader | str | None = None, top: int | None = None,
              length: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> Briefing:
        """The briefing for ``day`` from what is stored up to that day, fitted to
        ``length`` (short, standard, long; the setting ``length`` by default). A day
        without reports briefs the storylines still developing, and says so. Reads only:
        to list it under "Previously" in later briefings, ``publish`` it."""
        the_day = _day(day)
        settings = self.settings.with_overrides(top_stories=top, length=length)
        audience = self.audience(readers, reader)
        ranked = rank_day(self.store, the_day, self.knowledge,
                          audience.key if isinstance(audience, Personal) else None, settings)
        quiet = not ranked
        if quiet:
            ranked = [(story, Salience(0.0, reasons=["no new report: a developing storyline"]))
                      for story in live_stories(self.store, the_day,
                                                settings.thread_window_days,
                                                settings.top_stories)]
        if not ranked:
            raise ComposeError(f"no stored news for {the_day.isoformat()}", Code.NO_NEWS)
        candidates = ranked if isinstance(audience, Personal) and not quiet else \
            ranked[: settings.top_stories]
        material = story_material(self.store, [s for s, _ in candidates], the_day,
                                  LEDGER_DAYS, int(settings.storyline_window_days))
        composer = Composer(settings, the_day, audience,
                            RuleContext.on(the_day, self.linker),
                            self.registry.writer(settings.writer),
                            self.registry.extra_sections)
        return compose(composer, candidates, material, progress, quiet)

    def relevance(self, story_id: str, reader: Reader, day: date | str) -> Relevance:
        """Why one stored story (as of ``day``) reaches ``reader``: the relevance rules'
        reasons and score."""
        the_day = _day(day)
        story = story_until(self.store, story_id, the_day)
        if story is None:
            raise KeyError(f"no story {story_id!r}")
        material = story_material(self.store, [story], the_day, LEDGER_DAYS)
        ev = gather(material[story.id], story, the_day, self.linker)
        return assess(ev, reader, RuleContext.on(the_day, self.linker))

    def publish(self, briefing: Briefing) -> None:
        """Record ``briefing`` as published: later briefings of its stories' threads list
        it under "Previously", and a story it carried comes back only with news."""
        save_published(
            self.store, briefing.id, briefing.date.isoformat(), briefing.audience.key,
            ",".join(briefing.readers),
            [StoryCarried(s.id, s.thread, s.title) for s in briefing.stories],
            render(briefing, "json"), datetime.now(UTC).replace(tzinfo=None))

    def save_draft(self, briefing: Briefing) -> str:
        """Record ``briefing`` as a draft for an editor to check (replacing an earlier
        draft of the same id, never a published briefing); returns its id. A draft feeds
        neither Previously nor the outputs until it is published."""
        save_draft(
            self.store, briefing.id, briefing.date.isoformat(), briefing.audience.key,
            ",".join(briefing.readers),
            [StoryCarried(s.id, s.thread, s.title) for s in briefing.stories],
            render(briefing, "json"), datetime.now(UTC).replace(tzinfo=None))
        return briefing.id

    def drafts(self, day: date | str | None = None) -> list[Published]:
        """The drafts not yet published (of ``day``), oldest first."""
        return draft_briefings(self.store, _day(day) if day else None)

    def published(self, day: date | str | None = None) -> list[Published]:
        """The published briefings (of ``day``), oldest first: id, date, audience, when."""
        return published_briefings(self.store, _day(day) if day else None)

    def published_json(self, briefing_id: str) -> str | None:
        """A published briefing's JSON, as it was published."""
        return published_body(self.store, briefing_id)

    def render(self, briefing: Briefing, fmt: str) -> str:
        return render(briefing, fmt)

    def claims(self, story_id: str | None = None, day: date | str | None = None
               ) -> list[Entry]:
        """The stored claim ledger of every thread (or of ``story_id``'s thread), oldest
        first; with ``day``, as it stood then (entries with a stance in the 30 days before).
        Kept up to date by ``update``."""
        threads = thread_ids(self.store, story_id)
        if story_id and not threads:
            raise ComposeError(f"no story {story_id!r} (see geobrief stories --all)",
                               Code.NO_NEWS)
        the_day = _day(day) if day else None
        return [entry for thread in threads
                for entry in ledger_for(thread_ledger(self.store, thread, the_day,
                                                      LEDGER_DAYS if the_day else None),
                                        the_day)]

    def outlook(self, still_open: bool = False) -> list[dict[str, Any]]:
        """Outlook items with their sentences; ``still_open``: only those whose horizon has
        not passed on the news clock and that no later event settled."""
        latest, rows = outlook_rows(self.store)
        today = latest.date().isoformat() if latest else "9999-12-31"
        return [r for r in rows if not still_open
                or not (r["outcome"] or (r["horizon"] and r["horizon"] < today))]

    def outlook_score(self) -> Scorecard:
        """The sources' banded estimates scored against what happened (Brier score,
        calibration by band, shares voided and unresolvable), overall and per source."""
        return scorecard(outlook_rows(self.store)[1])

    def events(self, day: date | str) -> list[tuple[Event, str, str]]:
        """The events analysis stored for the day's original reports: (event, URL, outlet)."""
        return [(Event(r["type"], r["cameo"], r["trigger"], r["source"], r["source_id"],
                       r["source_country"], r["target"], r["target_id"], r["target_country"],
                       bool(r["negated"]), r["sentence"], bool(r["intended"]), r["act"]),
                 r["url"], r["outlet"]) for r in day_events(self.store, _day(day))]

    @cached_property
    def desk(self) -> Desk:
        """Editor sign-off: accounts, a draft's edits, publishing, corrections."""
        from geobrief.editorial import Desk

        return Desk(self)

    @cached_property
    def newsroom(self) -> Newsroom:
        """What the web edition, the feeds and the email read: published editions, the
        archive, storylines, search, sources."""
        from geobrief.newsroom import Newsroom

        return Newsroom(self)

    # --- readers ----------------------------------------------------------------------

    def readers(self) -> list[Reader]:
        return load_readers(self.store)

    def reader(self, name: str) -> Reader | None:
        return next((r for r in load_readers(self.store) if r.name == name), None)

    def save_reader(self, reader: Reader) -> None:
        save_reader(self.store, reader)

    def remove_reader(self, name: str) -> bool:
        return remove_reader(self.store, name)


def _day(day: date | datetime | str) -> date:
    if isinstance(day, datetime):
        return day.date()
    return day if isinstance(day, date) else date.fromisoformat(day)


def open(db: str | None = None, config: str | None = None, **settings: Any) -> Geobrief:
    """Open geobrief on a store (a SQLite path or a database URL; the setting ``db`` by
    default) with settings from ``config`` (TOML), the environment and ``settings``."""
    return Geobrief(load_settings(config=config, db=db, **settings))
