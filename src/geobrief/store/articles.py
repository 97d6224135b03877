"""Outlets and articles: idempotent upserts and the reads later stages need."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, Select, and_, func, select, update

from geobrief.models import Article, ArticleIn, Outlet
from geobrief.store.engine import Store, insert_missing
from geobrief.store.provenance import source_key
from geobrief.store.schema import articles, outlets


def _same_site(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _outlet_id(store: Store, conn: Connection, outlet: Outlet, cache: dict[Outlet, int]) -> int:
    """The id of ``outlet``, made when new. An outlet is known by its name, but a name
    already held by an outlet of another domain is not taken over: the newcomer is stored
    as "Name (domain)", so that a source cannot speak for another outlet by its name."""
    if outlet in cache:
        return cache[outlet]
    name = outlet.name
    row = conn.execute(select(outlets).where(outlets.c.name == name)).mappings().first()
    if row is not None and row["domain"] and outlet.domain and not _same_site(
            row["domain"], outlet.domain):
        name = f"{outlet.name[:150]} ({outlet.domain[:45]})"
        row = conn.execute(select(outlets).where(outlets.c.name == name)).mappings().first()
    if row is None:
        conn.execute(insert_missing(store, outlets, {
            "name": name, "domain": outlet.domain, "country": outlet.country,
            "kind": outlet.kind}, ["name"]))
        row = conn.execute(select(outlets).where(outlets.c.name == name)).mappings().one()
    missing = {
        key: getattr(outlet, key)
        for key in ("domain", "country", "kind")
        if row[key] is None and getattr(outlet, key)
    }
    if missing:
        conn.execute(update(outlets).where(outlets.c.id == row["id"]).values(**missing))
    cache[outlet] = int(row["id"])
    return int(row["id"])


def save_articles(store: Store, items: Iterable[tuple[ArticleIn, str]]) -> dict[str, int]:
    """Upsert ``(article, content_hash)`` pairs in one transaction, under the writer lock.

    An article is its source's (``store.provenance``): the key is (source, canonical URL),
    and the same content from the same source under another URL is a duplicate too. A
    changed article (same source and URL, new hash) is updated and queued for analysis
    again. The same URL or content from another source is another report, stored beside
    the first (analysis links copies to their origin): no source revises or hides another
    source's article. Returns counts of ``added``, ``updated`` and ``duplicate``.
    """
    counts = {"added": 0, "updated": 0, "duplicate": 0}
    cache: dict[Outlet, int] = {}
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.write() as conn:
        for item, digest in items:
            key = item.source_key or source_key(item.source, item.claimed_outlet)
            existing = conn.execute(
                select(articles.c.id, articles.c.content_hash).where(
                    and_(articles.c.source_key == key, articles.c.url == item.url))
            ).first()
            if existing is not None and existing.content_hash == digest:
                counts["duplicate"] += 1
                continue
            same_content = conn.execute(
                select(articles.c.id).where(
                    and_(articles.c.source_key == key, articles.c.content_hash == digest)
                ).limit(1)
            ).first()
            if same_content is not None:
                counts["duplicate"] += 1
                continue
            values = {
                "content_hash": digest,
                "outlet_id": _outlet_id(store, conn, item.outlet, cache),
                "title": item.title,
                "text": item.text,
                "published": _naive_utc(item.published),
                "language": item.language,
                "author": item.author,
                "source": item.source,
                "claimed_outlet": item.claimed_outlet,
                "analysed": 0,
            }
            if existing is not None:
                conn.execute(update(articles).where(articles.c.id == existing.id).values(**values))
                counts["updated"] += 1
            else:
                conn.execute(articles.insert().values(
                    url=item.url, source_key=key, ingested_at=now, **values))
                counts["added"] += 1
    return counts


def _naive_utc(moment: datetime) -> datetime:
    """Store times as naive UTC: SQLite keeps no zone, and PostgreSQL gets the same value."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _article(row: dict) -> Article:
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        text=row["text"],
        published=row["published"],
        outlet=Outlet(row["outlet_name"], row["domain"], row["country"], row["kind"]),
        language=row["language"],
        content_hash=row["content_hash"],
        origin_id=row["origin_id"],
    )


def _article_query() -> Select:
    return select(
        articles,
        outlets.c.name.label("outlet_name"),
        outlets.c.domain,
        outlets.c.country,
        outlets.c.kind,
    ).join(outlets, outlets.c.id == articles.c.outlet_id)


def load_articles(store: Store, ids: Sequence[int]) -> list[Article]:
    if not ids:
        return []
    out: list[Article] = []
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = conn.execute(_article_query().where(articles.c.id.in_(chunk))).mappings()
            out.extend(_article(dict(r)) for r in rows)
    order = {i: n for n, i in enumerate(ids)}
    return sorted(out, key=lambda a: order[a.id])


# No article published before this is analysed or placed: ingest refuses dates before the
# earliest_published setting (at least this), but a store filled before that check may
# hold one, and the date arithmetic of stories (windows of up to ten years) must not
# overflow on it. Such an article stays stored, left out of analysis and stories.
ANALYSIS_FLOOR = datetime(100, 1, 1)


def pending_article_ids(store: Store, version: int) -> list[int]:
    """Articles whose analysis is older than ``version``, oldest first (deterministic)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(articles.c.id)
            .where(articles.c.analysed < version)
            .where(articles.c.published >= ANALYSIS_FLOOR)
            .order_by(articles.c.published, articles.c.url, articles.c.source_key)
        )
        return [r.id for r in rows]


def article_ids_between(store: Store, start: datetime, end: datetime) -> list[int]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(articles.c.id)
            .where(and_(articles.c.published >= start, articles.c.published <= end))
            .order_by(articles.c.published, articles.c.url, articles.c.source_key)
        )
        return [r.id for r in rows]


def count_articles(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


def news_days(store: Store) -> list[str]:
    """The UTC dates that have at least one stored article, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.published))
        return sorted({r.published.date().isoformat() for r in rows})


def stored_urls(store: Store, key: str, urls: Iterable[str]) -> set[str]:
    """Which of ``urls`` (canonical) the source with ``key`` has stored already."""
    wanted = sorted(set(urls))
    found: set[str] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            found.update(conn.execute(
                select(articles.c.url).where(articles.c.source_key == key)
                .where(articles.c.url.in_(wanted[start:start + 500]))).scalars())
    return found
