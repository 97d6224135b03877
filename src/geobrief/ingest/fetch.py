"""Fetching http(s) sources: timeouts, a size cap, conditional GET, a clear User-Agent.

The httpx transport can be injected (``Fetcher(transport=...)``) so that network code is
testable; the tests use a real HTTP server on loopback. A feed that keeps failing is
counted and paused after ``feed_pause_after`` failures rather than retried forever: a
failed download, and equally a download that cannot be read as a source (``failed``).
The feed's row and every message name the URL with its credentials redacted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from geobrief.errors import Code, IngestError
from geobrief.redact import redact, redact_url
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.feeds import count_failure, feed_state, record_feed


@dataclass
class Fetched:
    url: str
    status: int
    data: bytes | None  # None when the server said 304 Not Modified
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    def __init__(
        self,
        settings: Settings,
        store: Store | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout, connect=min(10.0, settings.timeout)),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def _state(self, url: str) -> dict[str, Any] | None:
        return feed_state(self.store, redact_url(url)) if self.store is not None else None

    def _record(self, url: str, **values: object) -> None:
        if self.store is not None:
            record_feed(self.store, redact_url(url), **values)

    def failed(self, url: str, reason: str, code: Code = Code.FETCH_FAILED) -> IngestError:
        """Count a failure of ``url`` (pausing it at ``feed_pause_after``); the error to
        report, naming the URL without its credentials."""
        label, reason = redact_url(url), redact(reason)
        if self.store is None:
            return IngestError(label, reason, code)
        failures = count_failure(self.store, label, reason, self.settings.feed_pause_after)
        paused = failures >= self.settings.feed_pause_after
        suffix = f"; paused after {failures} failures" if paused else ""
        return IngestError(label, reason + suffix, code)

    def _fail(
        self, url: str, _state: dict | None, reason: str, code: Code = Code.FETCH_FAILED
    ) -> IngestError:
        return self.failed(url, reason, code)

    def remember(self, url: str, fetched: Fetched) -> None:
        """Keep a download's validators (ETag, Last-Modified) for the next conditional GET,
        and clear its failures: the source was fetched and read.

        Called once the download's items are stored, so that a run killed in between
        downloads the source again instead of being told 304 and losing its items.
        """
        if fetched.data is not None:
            self._record(url, etag=fetched.etag, last_modified=fetched.last_modified,
                         failures=0, paused=False, last_error=None)

    def get(self, url: str, force: bool = False) -> Fetched:
        """GET ``url``; raise IngestError on failure, return data None on 304."""
        state = self._state(url)
        if state and state["paused"] and not force:
            raise IngestError(
                redact_url(url),
                f"paused after {state['failures']} failures (use --force to try again)",
                Code.FEED_PAUSED,
            )
        headers = {}
        if state and not force:
            if state.get("etag"):
                headers["If-None-Match"] = state["etag"]
            if state.get("last_modified"):
                headers["If-Modified-Since"] = state["last_modified"]
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    self._record(url, last_status=304, failures=0, paused=False)
                    return Fetched(url, 304, None, "")
                if response.status_code >= 400:
                    raise self._fail(url, state, f"HTTP {response.status_code}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > self.settings.max_bytes:
                    raise self._fail(
                        url, state, _too_large(declared, self.settings.max_bytes), Code.TOO_LARGE
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.settings.max_bytes:
                        raise self._fail(
                            url, state, _too_large(size, self.settings.max_bytes), Code.TOO_LARGE
                        )
                    chunks.append(chunk)
                self._record(url, last_status=response.status_code)
                return Fetched(
                    str(response.url),
                    response.status_code,
                    b"".join(chunks),
                    response.headers.get("content-type", ""),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except IngestError:
            raise
        except Exception as exc:  # httpx errors, a URL it cannot use, a broken header
            raise self._fail(url, state, f"fetch failed: {type(exc).__name__}: {exc}") from exc


def _too_large(size: int, cap: int) -> str:
    return f"too large: over {cap / 1_048_576:.1f} MB cap (read {size / 1_048_576:.1f} MB)"
