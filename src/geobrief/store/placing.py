"""Placing articles into stories and threads: what the clusterer reads and what it writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, null, select, update

from geobrief.store.articles import ANALYSIS_FLOOR
from geobrief.store.engine import Store
from geobrief.store.schema import (
    articles,
    embeddings,
    features,
    stories,
    story_articles,
    threads,
)

PLACED_CHUNK = 500  # article ids per UPDATE when marking articles placed


def article_rows(store: Store, start: datetime | None, end: datetime | None,
                 unplaced_only: bool, meanings: bool, limit: int | None = None) -> list[Any]:
    """Analysed articles with their features (terms, MinHash) and story, in publication
    order (the first ``limit`` only, when given); with ``meanings``, also their stored
    embedding blob (``vector``, else null)."""
    query = (
        select(articles.c.id, articles.c.url, articles.c.title, articles.c.published,
               articles.c.origin_id, features.c.terms, features.c.minhash,
               story_articles.c.story_id, articles.c.language, features.c.anchors,
               embeddings.c.vector if meanings else null().label("vector"))
        .join(features, features.c.article_id == articles.c.id)
        .outerjoin(story_articles, story_articles.c.article_id == articles.c.id)
        .where(articles.c.published >= ANALYSIS_FLOOR)
        .order_by(articles.c.published, articles.c.url, articles.c.source_key)
    )
    if meanings:
        query = query.outerjoin(embeddings, embeddings.c.article_id == articles.c.id)
    if unplaced_only:
        query = query.where(articles.c.placed.is_(False))
    else:
        query = query.where(articles.c.placed.is_(True))
    if start is not None:
        query = query.where(articles.c.published >= start)
    if end is not None:
        query = query.where(articles.c.published <= end)
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return list(conn.execute(query))


def recent_stories(store: Store, since: datetime, meanings: bool
                   ) -> tuple[list[Any], list[tuple[str, bytes]]]:
    """Stories last published since ``since`` (id, thread, first published, terms JSON),
    and with ``meanings`` the (story id, embedding blob) of each of their articles."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(stories.c.id, stories.c.thread_id, stories.c.first_published, stories.c.terms,
                   stories.c.anchors)
            .where(stories.c.last_published >= since)
            .where(stories.c.thread_id.is_not(None))
            .order_by(stories.c.first_published, stories.c.id)).all()
        blobs = [(story, blob) for story, blob in conn.execute(
            select(story_articles.c.story_id, embeddings.c.vector)
            .join(embeddings, embeddings.c.article_id == story_articles.c.article_id)
            .join(stories, stories.c.id == story_articles.c.story_id)
            .where(stories.c.last_published >= since)
            .order_by(story_articles.c.story_id, story_articles.c.article_id))] \
            if meanings else []
    return list(rows), blobs


def save_placement(store: Store, story_rows: list[dict[str, Any]], pending: list[Any]) -> None:
    """Write stories (and new threads) and the articles' placements in one transaction.
    ``pending`` items have ``row.id``, ``row.origin_id``, ``stored_origin``, ``story`` and
    ``score``."""
    with store.write() as conn:
        _write_stories(conn, story_rows)
        _write_placements(conn, pending)


def _write_placements(conn: Connection, pending: list[Any]) -> None:
    """Link the articles to their stories and mark them placed. Only an article whose
    origin changed (a copy: unplaced articles have none) gets its own UPDATE; the rest
    are marked placed by id lists, a few statements rather than one per article."""
    conn.execute(story_articles.insert(), [
        {"article_id": p.row.id, "story_id": p.story, "similarity": round(p.score, 4)}
        for p in pending])
    moved = [p for p in pending if p.row.origin_id != p.stored_origin]
    if moved:
        conn.execute(update(articles).where(articles.c.id == bindparam("aid"))
                     .values(origin_id=bindparam("origin"), placed=True),
                     [{"aid": p.row.id, "origin": p.row.origin_id} for p in moved])
    ids = [p.row.id for p in pending if p.row.origin_id == p.stored_origin]
    for start in range(0, len(ids), PLACED_CHUNK):
        conn.execute(update(articles).where(articles.c.id.in_(ids[start:start + PLACED_CHUNK]))
                     .values(placed=True))

def _write_stories(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert new stories (and their threads), update the others, in a few statements."""
    fields = ("title", "first_published", "last_published", "terms", "languages", "anchors")
    new = [r for r in rows if r["new"]]
    if new:
        known = {t for (t,) in conn.execute(select(threads.c.id).where(
            threads.c.id.in_({r["thread_id"] for r in new})))}
        fresh = {r["thread_id"]: r for r in new if r["thread_id"] not in known}
        if fresh:
            conn.execute(threads.insert(), [
                {"id": t, "name": r["title"], "first_published": r["first_published"],
                 "last_published": r["last_published"]} for t, r in sorted(fresh.items())])
        conn.execute(stories.insert(), [
            {"id": r["id"], "thread_id": r["thread_id"], "thread_link": r["thread_link"],
             "thread_score": r["thread_score"], **{f: r[f] for f in fields}}
            for r in new])
    old = [r for r in rows if not r["new"]]
    if old:
        conn.execute(update(stories).where(stories.c.id == bindparam("sid"))
                     .values({f: bindparam(f) for f in fields}),
                     [{"sid": r["id"], **{f: r[f] for f in fields}} for r in old])
    missing = [r for r in old if r["thread_id"] is None]
    for r in missing:  # a story loaded without its thread (older than the thread window)
        r["thread_id"] = conn.execute(select(stories.c.thread_id)
                                      .where(stories.c.id == r["id"])).scalar_one()
    latest: dict[str, datetime] = {}
    for r in rows:
        latest[r["thread_id"]] = max(latest.get(r["thread_id"], r["last_published"]),
                                     r["last_published"])
    conn.execute(update(threads).where(threads.c.id == bindparam("tid"))
                 .where(threads.c.last_published < bindparam("last"))
                 .values(last_published=bindparam("last")),
                 [{"tid": t, "last": last} for t, last in sorted(latest.items())])
