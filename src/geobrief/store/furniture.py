"""Page furniture by outlet: the lines each article prints, and those its outlet repeats.

A line an outlet prints in at least ``REPEAT_ARTICLES`` of its articles on at least
``REPEAT_DAYS`` different days (a sidebar headline, a comment notice, a promotion) is
furniture, whatever it says. News repeats too, in updates of one report on one day or
two, which the day count keeps apart. When a line first becomes furniture, the outlet's
articles analysed before that, which hold it, are queued for analysis again, so their
sentences are labelled too.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, and_, delete, func, select, tuple_, update

from geobrief.store.analysis import insert_rows
from geobrief.store.engine import Store
from geobrief.store.schema import articles, outlet_furniture, outlet_lines

REPEAT_ARTICLES = 4
REPEAT_DAYS = 3
MIN_WORDS = 3  # shorter lines ("Advertisement") are left to the sentence rules


def countable(key: str) -> bool:
    return len(key.split()) >= MIN_WORDS


def record_lines(conn: Connection, lines: Mapping[int, tuple[set[str], str]]) -> None:
    """Replace the recorded lines of each article (``article id -> (keys, ISO day)``)."""
    ids = list(lines)
    if not ids:
        return
    conn.execute(delete(outlet_lines).where(outlet_lines.c.article_id.in_(ids)))
    outlet_of = {r.id: r.outlet_id for r in conn.execute(
        select(articles.c.id, articles.c.outlet_id).where(articles.c.id.in_(ids)))}
    rows = [{"article_id": aid, "key": key, "outlet_id": outlet_of[aid], "day": day}
            for aid, (keys, day) in lines.items() if aid in outlet_of
            for key in keys if countable(key)]
    if rows:
        insert_rows(conn, outlet_lines, rows)


def furniture_of(conn: Connection, article_ids: list[int], requeue: bool = True
                 ) -> dict[int, set[str]]:
    """The keys of each article's lines that its outlet repeats (see the module). Lines
    that become furniture now are recorded, and (``requeue``) the other articles holding
    them are queued for analysis again."""
    if not article_ids:
        return {}
    mine = select(outlet_lines.c.outlet_id, outlet_lines.c.key).where(
        outlet_lines.c.article_id.in_(article_ids)).distinct().subquery()
    counted = conn.execute(
        select(outlet_lines.c.outlet_id, outlet_lines.c.key)
        .join(mine, and_(mine.c.outlet_id == outlet_lines.c.outlet_id,
                         mine.c.key == outlet_lines.c.key))
        .group_by(outlet_lines.c.outlet_id, outlet_lines.c.key)
        .having(and_(func.count(func.distinct(outlet_lines.c.article_id)) >= REPEAT_ARTICLES,
                     func.count(func.distinct(outlet_lines.c.day)) >= REPEAT_DAYS))
    )
    repeated = {(r.outlet_id, r.key) for r in counted}
    if repeated:
        _remember(conn, repeated, article_ids, requeue)
    out: dict[int, set[str]] = {aid: set() for aid in article_ids}
    rows = conn.execute(select(outlet_lines.c.article_id, outlet_lines.c.outlet_id,
                               outlet_lines.c.key)
                        .where(outlet_lines.c.article_id.in_(article_ids)))
    for row in rows:
        if (row.outlet_id, row.key) in repeated:
            out[row.article_id].add(row.key)
    return out


def _remember(conn: Connection, repeated: set[tuple[int, str]], batch: list[int],
              requeue: bool) -> None:
    pairs = sorted(repeated)
    known: set[tuple[int, str]] = set()
    for start in range(0, len(pairs), 200):
        chunk = pairs[start:start + 200]
        known.update((r.outlet_id, r.key) for r in conn.execute(
            select(outlet_furniture.c.outlet_id, outlet_furniture.c.key).where(
                tuple_(outlet_furniture.c.outlet_id, outlet_furniture.c.key).in_(chunk))))
    new = [p for p in pairs if p not in known]
    if not new:
        return
    conn.execute(outlet_furniture.insert(), [{"outlet_id": o, "key": k} for o, k in new])
    if not requeue:
        return
    for start in range(0, len(new), 200):
        chunk = new[start:start + 200]
        holders = select(outlet_lines.c.article_id).where(
            tuple_(outlet_lines.c.outlet_id, outlet_lines.c.key).in_(chunk))
        conn.execute(update(articles).where(and_(articles.c.id.in_(holders),
                                                 articles.c.id.not_in(batch)))
                     .values(analysed=0))


def record_furniture(store: Store, lines: Mapping[int, tuple[set[str], str]]
                     ) -> dict[int, set[str]]:
    """Record each article's lines (``record_lines``), then the lines of those articles
    their outlet repeats (``furniture_of``), in one transaction."""
    with store.write() as conn:
        record_lines(conn, lines)
        return furniture_of(conn, list(lines))
