"""Reads for a storyline's page: the storyline, the published briefings that carried its
stories, and the articles its forecasts come from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from geobrief.store.engine import Store
from geobrief.store.schema import briefing_stories, briefings, stories, story_articles, threads
from geobrief.store.stories import PUBLISHED


@dataclass(frozen=True)
class Storyline:
    id: str
    name: str
    first_published: datetime
    last_published: datetime


@dataclass(frozen=True)
class Carried:
    """A published briefing that carried one of the storyline's stories."""

    briefing_id: str
    date: str
    audience: str
    story_id: str
    title: str


def storyline(store: Store, thread_id: str) -> Storyline | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(threads).where(threads.c.id == thread_id)).first()
    return Storyline(row.id, row.name, row.first_published, row.last_published) if row \
        else None


def storyline_briefings(store: Store, thread_id: str) -> list[Carried]:
    """The published briefings that carried the storyline's stories, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(briefing_stories.c.briefing_id, briefing_stories.c.date,
                   briefings.c.audience, briefing_stories.c.story_id, briefing_stories.c.title)
            .join(briefings, briefings.c.id == briefing_stories.c.briefing_id)
            .where(briefing_stories.c.thread_id == thread_id)
            .where(briefings.c.status == PUBLISHED)
            .order_by(briefing_stories.c.date, briefing_stories.c.briefing_id))
        return [Carried(r.briefing_id, r.date, r.audience, r.story_id, r.title) for r in rows]


def storyline_articles(store: Store, thread_id: str) -> set[int]:
    """The ids of every article of the storyline's stories."""
    with store.engine.connect() as conn:
        return set(conn.execute(
            select(story_articles.c.article_id)
            .join(stories, stories.c.id == story_articles.c.story_id)
            .where(stories.c.thread_id == thread_id)).scalars())


def any_story_of(store: Store, thread_id: str) -> str | None:
    """One story of the storyline (its claim ledger is the storyline's)."""
    with store.engine.connect() as conn:
        return conn.execute(select(stories.c.id).where(stories.c.thread_id == thread_id)
                            .order_by(stories.c.id).limit(1)).scalar()
