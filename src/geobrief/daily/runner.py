"""``geobrief run`` as a library: one cycle, or cycles in a loop, one run at a time.

One run at a time: the run holds the store's ``run`` stage lock (a lock file beside a
SQLite store, a session advisory lock on PostgreSQL) for its whole life and does not wait
for it: a second run raises ``RunInProgress`` (GB204) at once. The lock goes with the
process, however it ends, so a killed run never blocks the next.

Stopping: ``StopRequest`` turns SIGTERM and SIGINT into a flag the cycle reads between
steps, and cuts the loop's sleep short; what was finished is stored, the rest is done by
the next run. The sources file is read again at every cycle, so edits apply without a
restart.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from types import FrameType
from zoneinfo import ZoneInfo

from geobrief.app import Geobrief
from geobrief.daily.cycle import Cycle, CycleReport, Say
from geobrief.daily.sources import SourcesError, SourcesFile, load_sources, sources_path
from geobrief.errors import Code, StoreError
from geobrief.ingest.fetch import Fetcher
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.feeds import now_utc


class RunInProgress(StoreError):
    """Another ``geobrief run`` holds the store's run lock (GB204)."""

    code = Code.RUN_IN_PROGRESS


class StopRequest:
    """A stop asked for by a signal (or by calling ``set``), read between steps."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.reason: str | None = None

    @contextmanager
    def installed(self) -> Iterator[StopRequest]:
        """Within the block, SIGTERM and SIGINT are a stop request (main thread only);
        the handlers before are put back after it."""
        before = {sig: signal.signal(sig, self._on_signal)
                  for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            yield self
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.set(signal.Signals(signum).name)

    def set(self, reason: str = "asked") -> None:
        self.reason = self.reason or reason
        self.event.set()

    def __call__(self) -> bool:
        return self.event.is_set()

    def sleep(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True when woken by a stop request."""
        return self.event.wait(max(seconds, 0.0))


@contextmanager
def one_run_at_a_time(store: Store) -> Iterator[None]:
    """Hold the store's run lock for the block; RunInProgress at once when it is held."""
    with ExitStack() as stack:
        try:
            stack.enter_context(store.lock("run", wait=0))
        except StoreError as exc:
            if exc.code != Code.STORE_BUSY:
                raise
            raise RunInProgress(f"another geobrief run is in progress on {store.label}; "
                                "this one exits") from exc
        yield


def next_edition(settings: Settings, now: datetime) -> datetime:
    """The next edition time after ``now`` (naive UTC in, naive UTC out)."""
    zone = ZoneInfo(settings.edition_timezone)
    local = now.replace(tzinfo=UTC).astimezone(zone)
    at = clock_time.fromisoformat(settings.edition_time)
    moment = datetime.combine(local.date(), at, zone)
    if moment <= local:
        moment = datetime.combine(local.date() + timedelta(days=1), at, zone)
    return moment.astimezone(UTC).replace(tzinfo=None)


class Runner:
    def __init__(self, gb: Geobrief, say: Say, stop: StopRequest | None = None,
                 clock: Callable[[], datetime] = now_utc) -> None:
        self.gb = gb
        self.say = say
        self.stop = stop or StopRequest()
        self.clock = clock
        self._sources: SourcesFile | None = None  # as last read without error

    def sources(self) -> SourcesFile:
        """The sources file as it is now; in a loop, a file broken by an edit is reported
        and the one last read is used, so the loop keeps running until it is fixed."""
        try:
            self._sources = load_sources(sources_path(self.gb.settings))
        except SourcesError as exc:
            if self._sources is None:
                raise
            self.say(f"error: {exc}; this cycle uses the sources file as last read")
        return self._sources

    def cycle(self) -> CycleReport:
        """One cycle over the sources file as it is now."""
        sources = self.sources()
        fetcher = Fetcher(self.gb.settings, self.gb.store, allow=sources.allow)
        try:
            return Cycle(self.gb, sources.sources, fetcher, self.say, self.stop,
                         self.clock).run()
        finally:
            fetcher.close()

    def loop(self, every: timedelta | None, on_report: Callable[[CycleReport], None]
             ) -> CycleReport:
        """Cycles until stopped (one when ``every`` is None), each starting ``every``
        after the last one started, or at the edition time when that comes first."""
        with one_run_at_a_time(self.gb.store):
            while True:
                started = time.monotonic()
                report = self.cycle()
                on_report(report)
                if every is None or self.stop():
                    return report
                now = self.clock()
                wait = every.total_seconds() - (time.monotonic() - started)
                until_edition = (next_edition(self.gb.settings, now) - now).total_seconds()
                wait = min(wait, until_edition + 1.0)
                self.say(f"next cycle in {max(wait, 0):.0f} s")
                if self.stop.sleep(wait):
                    return report
