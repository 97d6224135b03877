"""Articles analysed with furniture that has changed since: what analysis spread over
workers checks at the end of each pass.

In one process, a line that becomes furniture queues the articles analysed before that
hold it (store/furniture.py), so every article ends analysed with the furniture of the
whole store. With workers, another worker can queue an article after this worker read
its lines but before it saved its analysis (which marks it analysed): the queueing is
lost. Comparing, once every batch of a pass is stored, the furniture each article was
read with against its outlet's lines now finds those articles, whichever worker ran.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import update

from geobrief.store.engine import Store
from geobrief.store.furniture import furniture_of
from geobrief.store.schema import articles


def requeue_stale(store: Store, ids: Sequence[int], read_with: Mapping[int, frozenset[str]]
                  ) -> list[int]:
    """Queue again (``analysed = 0``) the articles of ``ids`` whose furniture now differs
    from what they were read with (``read_with``; an article absent from it had none);
    returns them, in the order of ``ids``."""
    if not ids:
        return []
    with store.write() as conn:
        now = furniture_of(conn, list(ids))
        stale = [i for i in ids if frozenset(now.get(i, ())) != read_with.get(i, frozenset())]
        if stale:
            conn.execute(update(articles).where(articles.c.id.in_(stale)).values(analysed=0))
    return stale
