"""The state of each fetched URL: validators for conditional GET, failures, pauses.

Keyed by the URL with its credentials redacted (``ingest.secrets``), so that no password
or token is stored. Written with an upsert under the store's writer lock, so that two runs
fetching the same feed never collide on its row.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from geobrief.store.engine import Store, upsert
from geobrief.store.schema import feeds


def feed_state(store: Store, url: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
        return dict(row) if row else None


def record_feed(store: Store, url: str, **values: Any) -> None:
    """Create or update the row of ``url`` with ``values`` (and the time of this fetch)."""
    values["last_fetched"] = datetime.now(UTC).replace(tzinfo=None)
    with store.write() as conn:
        conn.execute(upsert(store, feeds, {"url": url, "failures": 0, "paused": False},
                            ["url"]))
        conn.execute(feeds.update().where(feeds.c.url == url).values(**values))


def count_failure(store: Store, url: str, reason: str, pause_after: int) -> int:
    """One more failure of ``url`` (read and written in one transaction, so two runs
    failing at once both count); paused at ``pause_after``. Returns the count."""
    with store.write() as conn:
        conn.execute(upsert(store, feeds, {"url": url, "failures": 0, "paused": False},
                            ["url"]))
        failures = int(conn.execute(select(feeds.c.failures).where(feeds.c.url == url))
                       .scalar_one()) + 1
        conn.execute(feeds.update().where(feeds.c.url == url).values(
            failures=failures, paused=failures >= pause_after, last_error=reason,
            last_fetched=datetime.now(UTC).replace(tzinfo=None)))
    return failures
