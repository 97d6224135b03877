"""Per-URL fetch state: conditional-GET validators, failure counts, pauses."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from geobrief.store.engine import Store
from geobrief.store.schema import feeds


def feed_state(store: Store, url: str) -> dict | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
        return dict(row) if row else None


def record_feed(store: Store, url: str, **values: object) -> None:
    """Update the URL's state (creating it), stamping the time of the fetch."""
    values["last_fetched"] = datetime.now(UTC).replace(tzinfo=None)
    with store.engine.begin() as conn:
        if conn.execute(select(feeds.c.id).where(feeds.c.url == url)).first() is None:
            conn.execute(feeds.insert().values(url=url, failures=0, paused=False))
        conn.execute(update(feeds).where(feeds.c.url == url).values(**values))
