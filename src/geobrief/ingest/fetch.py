"""Fetching http(s) sources: the network guard, redirects followed one checked hop at a
time, timeouts, a size cap, conditional GET, per-host politeness, a clear User-Agent.

Every connection goes through the network guard (``ingest/guard.py``): a host that
resolves to a loopback, private, link-local or otherwise non-public address is refused
(GB118) unless allowed. Redirects are followed here, not by httpx, so that each hop is a
new request through the guard, its scheme is checked (http and https only, GB119) and no
more than ``max_redirects`` are followed. The httpx transport can be injected
(``Fetcher(transport=...)``, which replaces the guarded one) and so can the guard's
resolver (``resolver=``); the tests use a real HTTP server on loopback, allowed.

A feed that keeps failing is counted, retried after a backoff that doubles with each
failure, and paused after ``feed_pause_after`` failures for ``feed_pause_hours`` (doubling
again with each failure after, up to a week), then tried again: a failed download, and
equally a download that cannot be read as a source (``failed``). The feed's row and every
message name the URL with its credentials redacted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from geobrief.errors import Code, IngestError
from geobrief.ingest.guard import AddressRefused, GuardedTransport, NetworkPolicy, Resolver
from geobrief.ingest.guard import host_key as _host_key
from geobrief.redact import redact, redact_url
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.feeds import count_failure, feed_state, now_utc, record_feed

MAX_PAUSE = timedelta(days=7)
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class Fetched:
    url: str
    status: int
    data: bytes | None  # None when the server said 304 Not Modified
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


def retry_schedule(settings: Settings, failures: int, now: datetime
                   ) -> tuple[datetime, datetime | None]:
    """When a feed that failed ``failures`` times in a row is due again, and until when it
    is paused (None: not paused): a backoff of ``feed_backoff_minutes`` doubling with each
    failure, then from ``feed_pause_after`` failures a pause of ``feed_pause_hours``
    doubling with each failure after, up to a week."""
    if failures >= settings.feed_pause_after:
        extra = min(failures - settings.feed_pause_after, 10)
        pause = min(timedelta(hours=settings.feed_pause_hours) * 2 ** extra, MAX_PAUSE)
        return now + pause, now + pause
    backoff = timedelta(minutes=settings.feed_backoff_minutes) * 2 ** min(failures - 1, 20)
    return now + min(backoff, MAX_PAUSE), None


def host_of(url: str) -> str:
    try:
        return _host_key(urlsplit(url).hostname or "")
    except ValueError:
        return ""


class Politeness:
    """One request at a time per host, at least ``delay`` seconds after the last one
    to it ended. Thread-safe: workers fetching different hosts do not wait for each other."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, float("-inf")) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


class Fetcher:
    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        transport: httpx.BaseTransport | None = None,
        allow: Iterable[str] = (),
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.policy = NetworkPolicy.of([*settings.allow_hosts, *allow])
        if transport is None:
            transport = (GuardedTransport(self.policy, resolver) if resolver is not None
                         else GuardedTransport(self.policy))
        self.polite = Politeness(settings.host_delay)
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout, connect=min(10.0, settings.timeout)),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=False,  # followed in ``download``, each hop checked
            trust_env=False,  # no proxy from the environment: it would connect unchecked
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def _state(self, url: str) -> dict[str, Any] | None:
        return feed_state(self.store, redact_url(url)) if self.store is not None else None

    def _record(self, url: str, **values: object) -> None:
        if self.store is not None:
            record_feed(self.store, redact_url(url), **values)

    def _due(self, every_minutes: float | None) -> datetime:
        return now_utc() + timedelta(
            minutes=every_minutes or self.settings.feed_interval_minutes)

    def failed(self, url: str, reason: str, code: Code = Code.FETCH_FAILED) -> IngestError:
        """Count a failure of ``url`` (backing off, pausing it at ``feed_pause_after``);
        the error to report, naming the URL without its credentials."""
        label, reason = redact_url(url), redact(reason)
        if self.store is None:
            return IngestError(label, reason, code)
        now = now_utc()
        failures = count_failure(self.store, label, reason, self.settings.feed_pause_after,
                                 lambda n: retry_schedule(self.settings, n, now))
        paused = failures >= self.settings.feed_pause_after
        if paused:
            until = retry_schedule(self.settings, failures, now)[1]
            reason += f"; paused after {failures} failures"
            reason += f" until {until:%Y-%m-%d %H:%M} UTC" if until else ""
        return IngestError(label, reason, code)

    def remember(self, url: str, fetched: Fetched, every_minutes: float | None = None) -> None:
        """Keep a download's validators (ETag, Last-Modified) for the next conditional GET,
        clear its failures and schedule it: the source was fetched and read.

        Called once the download's items are stored, so that a run killed in between
        downloads the source again instead of being told 304 and losing its items.
        """
        if fetched.data is not None:
            self._record(url, etag=fetched.etag, last_modified=fetched.last_modified,
                         failures=0, paused=False, paused_until=None, last_error=None,
                         last_ok=now_utc(), next_due=self._due(every_minutes))

    def get(self, url: str, force: bool = False, every_minutes: float | None = None
            ) -> Fetched:
        """GET a feed (or any source) at ``url``, conditionally; raise IngestError on
        failure (counted towards pausing it), return data None on 304."""
        state = self._state(url)
        if state and state["paused"] and not force and not _pause_over(state):
            until = state.get("paused_until")
            when = f" until {until:%Y-%m-%d %H:%M} UTC" if until else ""
            raise IngestError(
                redact_url(url),
                f"paused{when} after {state['failures']} failures (use --force to try again)",
                Code.FEED_PAUSED,
            )
        headers = {}
        if state and not force:
            if state.get("etag"):
                headers["If-None-Match"] = state["etag"]
            if state.get("last_modified"):
                headers["If-Modified-Since"] = state["last_modified"]
        try:
            fetched = self.download(url, headers)
        except IngestError as exc:
            raise self.failed(url, exc.reason, exc.code) from exc
        if fetched.data is None:
            self._record(url, last_status=304, failures=0, paused=False, paused_until=None,
                         last_error=None, last_ok=now_utc(), next_due=self._due(every_minutes))
        else:
            self._record(url, last_status=fetched.status)
        return fetched

    def download(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url`` following at most ``max_redirects`` redirects, each hop through the
        guard; IngestError on any failure (not counted: ``get`` counts a feed's)."""
        label, current = redact_url(url), url
        for _hop in range(self.settings.max_redirects + 1):
            where = "" if current == url else f"redirect to {redact_url(current)}: "
            try:
                scheme = urlsplit(current).scheme.lower()
                if scheme not in ("http", "https"):
                    raise IngestError(label, f"{where}refused: {scheme or 'no'} scheme "
                                             "(http and https only)", Code.URL_REFUSED)
                with self.polite.turn(host_of(current)), \
                        self.client.stream("GET", current, headers=headers) as response:
                    if response.status_code in REDIRECTS and "location" in response.headers:
                        current = urljoin(str(response.url), response.headers["location"])
                        continue
                    return self._read(label, where, current, response)
            except IngestError:
                raise
            except AddressRefused as exc:
                raise IngestError(label, f"{where}{exc.host} {exc.reason}",
                                  Code.ADDRESS_REFUSED) from exc
            except Exception as exc:  # httpx errors, a URL it cannot use, a broken header
                raise IngestError(label, f"{where}fetch failed: {type(exc).__name__}: {exc}",
                                  Code.FETCH_FAILED) from exc
        raise IngestError(label, f"refused: more than {self.settings.max_redirects} "
                                 "redirects (setting max_redirects)", Code.URL_REFUSED)

    def _read(self, label: str, where: str, url: str, response: httpx.Response) -> Fetched:
        """The body of a final response, within the size cap."""
        if response.status_code == 304:
            return Fetched(url, 304, None, "")
        if response.status_code >= 300:
            raise IngestError(label, f"{where}HTTP {response.status_code}", Code.FETCH_FAILED)
        cap = self.settings.max_bytes
        declared = int(response.headers.get("content-length") or 0)
        if declared > cap:
            raise IngestError(label, where + _too_large(declared, cap), Code.TOO_LARGE)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise IngestError(label, where + _too_large(size, cap), Code.TOO_LARGE)
            chunks.append(chunk)
        return Fetched(str(response.url), response.status_code, b"".join(chunks),
                       response.headers.get("content-type", ""),
                       etag=response.headers.get("etag"),
                       last_modified=response.headers.get("last-modified"))


def _pause_over(state: dict[str, Any]) -> bool:
    """A paused feed may be tried again once its pause has passed (one paused without an
    end, before pauses had one, waits for --force)."""
    until = state.get("paused_until")
    return until is not None and now_utc() >= until


def _too_large(size: int, cap: int) -> str:
    return f"too large: over {cap / 1_048_576:.1f} MB cap (read {size / 1_048_576:.1f} MB)"
