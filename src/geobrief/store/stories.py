"""Reads of stories, their articles and sentences, and stored briefings."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, and_, bindparam, delete, func, select, update

from geobrief.models import Sentence
from geobrief.store.engine import Store
from geobrief.store.schema import (
    articles,
    briefing_stories,
    briefings,
    features,
    outlets,
    outlook,
    sentences,
    stories,
    story_articles,
    threads,
)


@dataclass(frozen=True)
class ArticleRef:
    id: int
    url: str
    title: str
    published: datetime
    outlet: str
    outlet_country: str | None
    origin_id: int | None


@dataclass
class StoryRow:
    id: str
    thread_id: str
    thread_name: str
    title: str
    first_published: datetime
    last_published: datetime
    articles: list[ArticleRef]
    thread_link: str | None = None  # the rule that joined it to its thread; None: it began it
    thread_score: float | None = None
    languages: tuple[str, ...] = ()  # its reports' languages, most reports first


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1) - timedelta(microseconds=1)


def stories_for_day(store: Store, day: date) -> list[StoryRow]:
    """Stories with at least one article published on ``day`` (UTC), with their articles
    published up to the end of that day."""
    start, end = day_bounds(day)
    with store.engine.connect() as conn:
        ids = [
            r.story_id
            for r in conn.execute(
                select(story_articles.c.story_id)
                .distinct()
                .join(articles, articles.c.id == story_articles.c.article_id)
                .where(and_(articles.c.published >= start, articles.c.published <= end))
            )
        ]
        return story_rows(conn, sorted(ids), end)


def story_rows(conn: Connection, ids: list[str], end: datetime) -> list[StoryRow]:
    out = []
    for story_id in ids:
        meta = (
            conn.execute(
                select(stories, threads.c.name.label("thread_name"))
                .join(threads, threads.c.id == stories.c.thread_id)
                .where(stories.c.id == story_id)
            )
            .mappings()
            .one()
        )
        refs = [
            ArticleRef(r.id, r.url, r.title, r.published, r.name, r.country, r.origin_id)
            for r in conn.execute(
                select(
                    articles.c.id,
                    articles.c.url,
                    articles.c.title,
                    articles.c.published,
                    articles.c.origin_id,
                    outlets.c.name,
                    outlets.c.country,
                )
                .join(story_articles, story_articles.c.article_id == articles.c.id)
                .join(outlets, outlets.c.id == articles.c.outlet_id)
                .where(story_articles.c.story_id == story_id)
                .where(articles.c.published <= end)
                .order_by(articles.c.published, articles.c.url)
            )
        ]
        out.append(
            StoryRow(
                story_id,
                meta["thread_id"],
                meta["thread_name"],
                _title_by(meta["title"], refs),
                meta["first_published"],
                min(meta["last_published"], end),
                refs,
                meta["thread_link"],
                meta["thread_score"],
                tuple((meta["languages"] or "").split(",")) if meta["languages"] else (),
            )
        )
    return out


def _title_by(title: str, refs: list[ArticleRef]) -> str:
    """The story's title as of its reports up to the cut-off: its stored title when one of
    them carries it, else the first original report's (the stored title may come from a
    report of a later day, which a listing for an earlier day must not show)."""
    if not refs or any(r.title == title for r in refs):
        return title
    originals = [r for r in refs if r.origin_id is None] or refs
    return originals[0].title


def sentences_for(store: Store, article_ids: list[int]) -> dict[int, list[Sentence]]:
    out: dict[int, list[Sentence]] = {i: [] for i in article_ids}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(sentences)
            .where(sentences.c.article_id.in_(article_ids))
            .order_by(sentences.c.article_id, sentences.c.idx)
        ).mappings()
        for r in rows:
            out[r["article_id"]].append(
                Sentence(
                    r["article_id"],
                    r["idx"],
                    r["text"],
                    r["speaker"],
                    r["stance"],
                    r["hedge"],
                    r["band"],
                    bool(r["forward"]),
                )
            )
    return out


def outlook_for(store: Store, article_ids: list[int]) -> dict[tuple[int, int], dict]:
    """Outlook items of these articles, by (article id, sentence index)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(outlook).where(outlook.c.article_id.in_(article_ids)))
        return {(r.article_id, r.idx): dict(r._mapping) for r in rows}


def countries_for(store: Store, article_ids: list[int]) -> dict[int, Counter[str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(features.c.article_id, features.c.countries).where(
                features.c.article_id.in_(article_ids)
            )
        )
        return {r.article_id: Counter(json.loads(r.countries)) for r in rows}


@dataclass(frozen=True)
class EarlierStory:
    story_id: str
    title: str
    day: str
    briefing_id: str | None


def earlier_in_thread(
    store: Store, thread_id: str, before: date
) -> list[EarlierStory]:
    """Stories of the thread (this one included) with news before ``before``, newest
    first, each with the stored briefing that carried it on its last such day (if any)."""
    start, _ = day_bounds(before)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(stories.c.id, stories.c.title, func.max(articles.c.published).label("last"))
            .join(story_articles, story_articles.c.story_id == stories.c.id)
            .join(articles, articles.c.id == story_articles.c.article_id)
            .where(stories.c.thread_id == thread_id)
            .where(articles.c.published < start)
            .group_by(stories.c.id, stories.c.title)
        ).all()
        briefed = {
            (r.story_id, r.date): (r.briefing_id, r.title)
            for r in conn.execute(
                select(briefing_stories)
                .where(briefing_stories.c.thread_id == thread_id)
                .where(briefing_stories.c.date < before.isoformat())
            )
        }
    out = []
    for r in rows:
        day = r.last.date().isoformat()
        briefing_id, title = briefed.get((r.id, day), (None, r.title))
        out.append(EarlierStory(r.id, title, day, briefing_id))
    out.sort(key=lambda e: (e.day, e.story_id), reverse=True)
    return out


def story_countries(store: Store, stories: list[StoryRow]) -> dict[str, Counter[str]]:
    """Countries each story's reports name (from the articles' features)."""
    ids = [a.id for s in stories for a in s.articles]
    per_article = countries_for(store, ids) if ids else {}
    out: dict[str, Counter[str]] = {}
    for story in stories:
        total: Counter[str] = Counter()
        for ref in story.articles:
            total.update(per_article.get(ref.id, Counter()))
        out[story.id] = total
    return out


def last_briefed(store: Store, story_id: str, before: date) -> str | None:
    """The date of the latest stored briefing before ``before`` that carried the story."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.max(briefing_stories.c.date))
                            .where(briefing_stories.c.story_id == story_id)
                            .where(briefing_stories.c.date < before.isoformat())).scalar()


def briefed_stories(store: Store, before: date, briefing_like: str | None = None) -> set[str]:
    """Ids of stories carried by a stored briefing dated before ``before`` (only briefings
    whose id matches the SQL pattern ``briefing_like``, when given)."""
    query = (select(briefing_stories.c.story_id).distinct()
             .where(briefing_stories.c.date < before.isoformat()))
    if briefing_like:
        query = query.where(briefing_stories.c.briefing_id.like(briefing_like))
    with store.engine.connect() as conn:
        return {r.story_id for r in conn.execute(query)}


def save_briefing(
    store: Store, briefing_id: str, day: str, readers: str, body: dict, created: datetime
) -> None:
    """Store (or replace) a briefing and which stories it carried."""
    with store.engine.begin() as conn:
        conn.execute(delete(briefings).where(briefings.c.id == briefing_id))
        conn.execute(
            briefings.insert().values(
                id=briefing_id, date=day, readers=readers, created_at=created, body=json.dumps(body)
            )
        )
        for story in body["stories"]:
            conn.execute(
                briefing_stories.insert().values(
                    briefing_id=briefing_id,
                    story_id=story["id"],
                    thread_id=story["thread"],
                    date=day,
                    title=story["title"],
                )
            )


@dataclass(frozen=True)
class StorylineStory:
    """One story of a storyline (thread), with what makes it matter to the storyline."""

    story_id: str
    title: str
    first_published: datetime
    last_published: datetime
    reports: int  # its reports published before the cut-off
    outlets: int  # distinct outlets among them
    languages: str | None


def storyline_stories(store: Store, thread_id: str, before: date | None = None,
                      limit: int | None = None) -> list[StorylineStory]:
    """The storyline's stories with reports before ``before`` (all when None), the most
    relevant first: reported by the most outlets, then by the most reports, then the
    latest; at most ``limit``. Unlike ``earlier_in_thread`` it reaches back over the whole
    storyline, not a recent window, so a briefing can recall the signing in June when the
    admission comes in April; a caller that shows them in time order sorts the result by
    ``first_published``."""
    query = (
        select(stories.c.id, stories.c.title, stories.c.languages,
               func.min(articles.c.published).label("first"),
               func.max(articles.c.published).label("last"),
               func.count(articles.c.id).label("reports"),
               func.count(articles.c.outlet_id.distinct()).label("outlets"))
        .join(story_articles, story_articles.c.story_id == stories.c.id)
        .join(articles, articles.c.id == story_articles.c.article_id)
        .where(stories.c.thread_id == thread_id)
        .group_by(stories.c.id, stories.c.title, stories.c.languages)
    )
    if before is not None:
        query = query.where(articles.c.published < day_bounds(before)[0])
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    found = [StorylineStory(r.id, r.title, r.first, r.last, r.reports, r.outlets, r.languages)
             for r in rows]
    found.sort(key=lambda s: (-s.outlets, -s.reports, -s.last_published.timestamp(),
                              s.story_id))
    return found if limit is None else found[:limit]


def thread_story_titles(store: Store, thread_ids: list[str], limit: int = 30
                        ) -> dict[str, list[str]]:
    """The titles of each thread's latest ``limit`` stories."""
    out: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for thread_id in thread_ids:
            out[thread_id] = list(conn.execute(
                select(stories.c.title).where(stories.c.thread_id == thread_id)
                .order_by(stories.c.last_published.desc(), stories.c.id).limit(limit)
            ).scalars())
    return out


def rename_threads(store: Store, names: dict[str, str]) -> None:
    """Store threads' names (thread id -> name)."""
    if not names:
        return
    with store.engine.begin() as conn:
        conn.execute(update(threads).where(threads.c.id == bindparam("tid"))
                     .values(name=bindparam("name")),
                     [{"tid": t, "name": n} for t, n in sorted(names.items())])
