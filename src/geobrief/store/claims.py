"""Reads of stored claims: a thread's, with their sentences and reports."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from geobrief.store.engine import Store
from geobrief.store.schema import articles, claims, outlets, sentences, stories, story_articles


def thread_claims(store: Store, thread: str, until: date | None, days: int,
                  limit: int) -> list[dict]:
    """The thread's stored claims with sentence text, report and outlet, oldest first: the
    last ``limit`` of those published within ``days`` before ``until`` (all, without it)."""
    query = (
        select(claims, sentences.c.text, articles.c.published, articles.c.url,
               articles.c.title, articles.c.origin_id, outlets.c.name.label("outlet"))
        .join(sentences, (sentences.c.article_id == claims.c.article_id)
              & (sentences.c.idx == claims.c.idx))
        .join(articles, articles.c.id == claims.c.article_id)
        .join(outlets, outlets.c.id == articles.c.outlet_id)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .join(stories, stories.c.id == story_articles.c.story_id)
        .where(stories.c.thread_id == thread)
        .order_by(articles.c.published, articles.c.url, claims.c.idx)
    )
    if until is not None:
        query = query.where(articles.c.published <= datetime.combine(until, time.max))
        since = max(until, date.min + timedelta(days=days)) - timedelta(days=days)
        query = query.where(articles.c.published >= datetime.combine(since, time.min))
    with store.engine.connect() as conn:
        found = [dict(r) for r in conn.execute(query).mappings()]
    return found[-limit:]  # the latest claims: a thread can run for months


