"""Bringing stories up to date: copies, clusters and threads for articles not yet placed."""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.schema import articles, features, stories, story_articles, threads
from geobrief.stories.cluster import StoryIndex, cosine, tfidf
from geobrief.stories.duplicates import DuplicateIndex

DUPLICATE_WINDOW = timedelta(days=4)


@dataclass
class Row:
    id: int
    url: str
    title: str
    published: datetime
    terms: dict[str, float]
    minhash: bytes
    origin_id: int | None
    story_id: str | None


def _short_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode()).hexdigest()[:12]


def _rows(
    store: Store, start: datetime | None, end: datetime | None, unplaced_only: bool
) -> list[Row]:
    query = (
        select(
            articles.c.id,
            articles.c.url,
            articles.c.title,
            articles.c.published,
            articles.c.origin_id,
            features.c.terms,
            features.c.minhash,
            story_articles.c.story_id,
        )
        .join(features, features.c.article_id == articles.c.id)
        .outerjoin(story_articles, story_articles.c.article_id == articles.c.id)
        .order_by(articles.c.published, articles.c.url)
    )
    if unplaced_only:
        query = query.where(story_articles.c.story_id.is_(None))
    if start is not None:
        query = query.where(articles.c.published >= start)
    if end is not None:
        query = query.where(articles.c.published <= end)
    with store.engine.connect() as conn:
        return [
            Row(
                r.id,
                r.url,
                r.title,
                r.published,
                json.loads(r.terms),
                r.minhash,
                r.origin_id,
                r.story_id,
            )
            for r in conn.execute(query)
        ]


def _idf(rows: list[Row]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for row in rows:
        df.update(row.terms.keys())
    n = len(rows)
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}


class StoryBuilder:
    """Holds the context (recent articles and active stories) and places new articles."""

    def __init__(self, store: Store, settings: Settings, new: list[Row]) -> None:
        self.store = store
        self.settings = settings
        self.window = timedelta(hours=settings.story_window_hours)
        start = new[0].published - max(
            self.window, DUPLICATE_WINDOW, timedelta(days=settings.story_max_days)
        )
        self.context = [
            r for r in _rows(store, start, new[-1].published, False) if r.story_id is not None
        ]
        self.idf = _idf(self.context + new)
        self.index = StoryIndex(self.window, timedelta(days=settings.story_max_days))
        self.duplicates = DuplicateIndex(settings.duplicate_threshold)
        self.members: dict[str, list[tuple[Row, dict[str, float]]]] = {}
        self.story_of: dict[int, str] = {}
        for row in self.context:
            vector = tfidf(row.terms, self.idf)
            self.duplicates.add(row.id, row.minhash, row.origin_id)
            self.story_of[row.id] = row.story_id  # type: ignore[assignment]
            self._join(row.story_id, row, vector)  # type: ignore[arg-type]
        self.new_stories: list[str] = []
        self.threads: dict[str, str] = {}
        self.placed: list[tuple[Row, str, float]] = []

    def _join(self, story: str, row: Row, vector: dict[str, float]) -> None:
        self.index.add(story, vector, row.published)
        self.members.setdefault(story, []).append((row, vector))

    def place(self, row: Row) -> None:
        vector = tfidf(row.terms, self.idf)
        row.origin_id = self.duplicates.add(row.id, row.minhash)
        if row.origin_id is not None and row.origin_id in self.story_of:
            story, score = self.story_of[row.origin_id], 1.0
        else:
            best, score = self.index.best(vector, row.published)
            if best is None or score < self.settings.story_threshold:
                best, score = _short_id("s-", row.url), 1.0
                self.new_stories.append(best)
            story = best
        self.story_of[row.id] = story
        self._join(story, row, vector)
        self.placed.append((row, story, score))

    def headline(self, story: str) -> str:
        """The title of the original article closest to the story's centroid."""
        centroid = self.index.vector(story)
        members = [(r, v) for r, v in self.members[story] if r.origin_id is None] or self.members[
            story
        ]
        best = max(members, key=lambda m: (cosine(m[1], centroid), -m[0].published.timestamp()))
        return best[0].title


def update_stories(store: Store, settings: Settings) -> int:
    """Place every analysed article that has no story yet; returns how many were placed."""
    new = _rows(store, None, None, True)
    if not new:
        return 0
    builder = StoryBuilder(store, settings, new)
    for row in new:
        builder.place(row)
    _assign_threads(store, settings, builder)
    _write(store, builder)
    return len(new)


def _thread_candidates(store: Store, first: datetime, days: float) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(stories.c.id, stories.c.thread_id, stories.c.terms, stories.c.first_published)
            .where(stories.c.last_published >= first - timedelta(days=days))
            .where(stories.c.thread_id.is_not(None))
        ).mappings()
        return [dict(r) for r in rows]


def _assign_threads(store: Store, settings: Settings, builder: StoryBuilder) -> None:
    """Link each new story to the thread of the most similar earlier story, or start one."""
    new_first = {s: min(r.published for r, _ in builder.members[s]) for s in builder.new_stories}
    if not new_first:
        return
    earliest = min(new_first.values())
    known = [
        (c["id"], c["thread_id"], c["first_published"], json.loads(c["terms"]))
        for c in _thread_candidates(store, earliest, settings.thread_window_days)
        if c["id"] not in new_first
    ]
    for story in sorted(builder.new_stories, key=lambda s: (new_first[s], s)):
        vector = builder.index.vector(story)
        first = new_first[story]
        best: tuple[float, str] | None = None
        for _sid, thread, other_first, terms in known:
            if other_first >= first or other_first < first - timedelta(
                days=settings.thread_window_days
            ):
                continue
            score = cosine(vector, terms)
            if score >= settings.thread_threshold and (best is None or score > best[0]):
                best = (score, thread)
        thread = best[1] if best else "t-" + story[2:]
        builder.threads[story] = thread
        known.append((story, thread, first, vector))


def _write(store: Store, builder: StoryBuilder) -> None:
    touched = {story for _row, story, _score in builder.placed}
    with store.engine.begin() as conn:
        for story in sorted(touched):
            rows = [r for r, _ in builder.members[story]]
            first = min(r.published for r in rows)
            last = max(r.published for r in rows)
            values = {
                "title": builder.headline(story),
                "first_published": first,
                "last_published": last,
                "terms": json.dumps(_top(builder.index.vector(story))),
            }
            if story in builder.new_stories:
                thread = builder.threads[story]
                exists = conn.execute(select(threads.c.id).where(threads.c.id == thread)).first()
                if exists is None:
                    conn.execute(
                        threads.insert().values(
                            id=thread,
                            name=values["title"],
                            first_published=first,
                            last_published=last,
                        )
                    )
                conn.execute(stories.insert().values(id=story, thread_id=thread, **values))
            else:
                conn.execute(update(stories).where(stories.c.id == story).values(**values))
                thread = conn.execute(
                    select(stories.c.thread_id).where(stories.c.id == story)
                ).scalar_one()
            conn.execute(
                update(threads)
                .where(threads.c.id == thread)
                .where(threads.c.last_published < last)
                .values(last_published=last)
            )
        for row, story, score in builder.placed:
            conn.execute(
                story_articles.insert().values(
                    article_id=row.id, story_id=story, similarity=round(score, 4)
                )
            )
            if row.origin_id is not None:
                conn.execute(
                    update(articles).where(articles.c.id == row.id).values(origin_id=row.origin_id)
                )


def _top(vector: dict[str, float], n: int = 150) -> dict[str, float]:
    return dict(sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n])
