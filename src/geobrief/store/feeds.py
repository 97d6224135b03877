"""The state of each fetched URL: validators for conditional GET, failures, pauses, and the
daily run's schedule (when a feed is due, until when it is paused).

Keyed by the URL with its credentials redacted (``ingest.secrets``), so that no password
or token is stored. Written with an upsert under the store's writer lock, so that two runs
fetching the same feed never collide on its row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from geobrief.store.engine import Store, upsert
from geobrief.store.schema import feeds

# failures so far -> (when the feed is due again, until when it is paused or None)
RetrySchedule = Callable[[int], tuple[datetime, datetime | None]]


@dataclass(frozen=True)
class FeedHealth:
    """What the store knows of one feed's health (times are naive UTC)."""

    url: str
    last_fetched: datetime | None  # the last attempt
    last_ok: datetime | None  # the last time it answered (200 or 304) and was read
    last_status: int | None
    failures: int
    paused: bool
    paused_until: datetime | None  # None while paused: until fetched with --force
    next_due: datetime | None
    last_error: str | None


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def feed_state(store: Store, url: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
        return dict(row) if row else None


def feed_health(store: Store, urls: Iterable[str] | None = None) -> dict[str, FeedHealth]:
    """The health of each feed (of ``urls``, when given; redacted URLs), by URL."""
    query = select(feeds)
    if urls is not None:
        query = query.where(feeds.c.url.in_(sorted(set(urls))))
    with store.engine.connect() as conn:
        return {r["url"]: FeedHealth(
            r["url"], r["last_fetched"], r["last_ok"], r["last_status"], int(r["failures"]),
            bool(r["paused"]), r["paused_until"], r["next_due"], r["last_error"])
            for r in conn.execute(query).mappings()}


def record_feed(store: Store, url: str, **values: Any) -> None:
    """Create or update the row of ``url`` with ``values`` (and the time of this fetch)."""
    values["last_fetched"] = now_utc()
    with store.write() as conn:
        conn.execute(upsert(store, feeds, {"url": url, "failures": 0, "paused": False},
                            ["url"]))
        conn.execute(feeds.update().where(feeds.c.url == url).values(**values))


def count_failure(store: Store, url: str, reason: str, pause_after: int,
                  schedule: RetrySchedule | None = None) -> int:
    """One more failure of ``url`` (read and written in one transaction, so two runs
    failing at once both count); paused at ``pause_after``; due again, and paused until,
    as ``schedule`` says for that many failures. Returns the count."""
    with store.write() as conn:
        conn.execute(upsert(store, feeds, {"url": url, "failures": 0, "paused": False},
                            ["url"]))
        failures = int(conn.execute(select(feeds.c.failures).where(feeds.c.url == url))
                       .scalar_one()) + 1
        values: dict[str, Any] = {"failures": failures, "paused": failures >= pause_after,
                                  "last_error": reason, "last_fetched": now_utc()}
        if schedule is not None:
            values["next_due"], values["paused_until"] = schedule(failures)
        conn.execute(feeds.update().where(feeds.c.url == url).values(**values))
    return failures
