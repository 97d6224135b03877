"""Reads of the events analysis stored per sentence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, tuple_

from geobrief.store.engine import Store
from geobrief.store.schema import events

# What a briefing line carries of each event (the JSON format's ``events``).
FIELDS = ("type", "cameo", "source", "source_country", "target", "target_country", "negated")


def sentence_events(store: Store, keys: Iterable[tuple[int, int]]
                    ) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """The stored events of each (article id, sentence index), in their sentence order."""
    wanted = sorted(set(keys))
    found: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    if not wanted:
        return found
    columns = [events.c[name] for name in FIELDS]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(events.c.article_id, events.c.idx, *columns)
            .where(tuple_(events.c.article_id, events.c.idx).in_(wanted))
            .order_by(events.c.article_id, events.c.idx, events.c.n)).mappings()
        for row in rows:
            found[(row["article_id"], row["idx"])].append({k: row[k] for k in FIELDS})
    return found
