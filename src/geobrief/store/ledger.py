"""The claim ledger as stored per thread (tables ``ledger_entries``, ``ledger_claims``,
``ledger_threads``; see ``geobrief.stories.ledger`` for how entries are built): which
threads have claims the ledger has not read, a thread's claims to read, its stored
entries, and saving what was read."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, select, tuple_

from geobrief.store.engine import Store
from geobrief.store.schema import (
    articles,
    claims,
    ledger_claims,
    ledger_entries,
    ledger_threads,
    outlets,
    sentences,
    stories,
    story_articles,
)


@dataclass(frozen=True)
class ThreadState:
    """How far a thread's stored ledger has read: the latest claim's publication time,
    the number of claims read, and how many of those are still stored as read (fewer
    when analysis replaced some: then the thread is read again from the start)."""

    through: datetime | None
    claims: int
    held: int
    revision: str | None = None  # the token of its last save (see ``save_thread``)

    @property
    def stale(self) -> bool:
        return self.held != self.claims


def _claims_query() -> Any:
    origin = articles.alias("origin")
    origin_outlet = outlets.alias("origin_outlet")
    return (
        select(claims, sentences.c.text, sentences.c.forward, articles.c.published,
               articles.c.url,
               articles.c.title, articles.c.origin_id, outlets.c.name.label("outlet"),
               outlets.c.domain.label("outlet_domain"),
               outlets.c.country.label("outlet_country"),
               origin_outlet.c.name.label("origin_outlet"),
               origin_outlet.c.domain.label("origin_domain"),
               stories.c.thread_id)
        .join(sentences, (sentences.c.article_id == claims.c.article_id)
              & (sentences.c.idx == claims.c.idx))
        .join(articles, articles.c.id == claims.c.article_id)
        .join(outlets, outlets.c.id == articles.c.outlet_id)
        .outerjoin(origin, origin.c.id == articles.c.origin_id)
        .outerjoin(origin_outlet, origin_outlet.c.id == origin.c.outlet_id)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .join(stories, stories.c.id == story_articles.c.story_id)
        .order_by(articles.c.published, articles.c.url, claims.c.idx)
    )


def threads_behind(store: Store) -> list[str]:
    """Threads with claims of placed articles that their ledger has not read, or whose
    ledger read claims that analysis has since replaced."""
    with store.engine.connect() as conn:
        unread = conn.execute(
            select(stories.c.thread_id).distinct()
            .select_from(claims)
            .join(story_articles, story_articles.c.article_id == claims.c.article_id)
            .join(stories, stories.c.id == story_articles.c.story_id)
            .outerjoin(ledger_claims, (ledger_claims.c.article_id == claims.c.article_id)
                       & (ledger_claims.c.idx == claims.c.idx))
            .where(ledger_claims.c.article_id.is_(None))).scalars().all()
        held: dict[str, int] = dict(conn.execute(
            select(ledger_claims.c.thread_id, func.count())
            .group_by(ledger_claims.c.thread_id)).all())
        stale = [r.thread_id for r in conn.execute(select(ledger_threads))
                 if held.get(r.thread_id, 0) != r.claims]
    return sorted(set(unread) | set(stale))


def thread_state(store: Store, thread: str) -> ThreadState:
    with store.engine.connect() as conn:
        row = conn.execute(select(ledger_threads)
                           .where(ledger_threads.c.thread_id == thread)).first()
        held = conn.execute(select(func.count()).select_from(ledger_claims)
                            .where(ledger_claims.c.thread_id == thread)).scalar() or 0
    if row is None:
        return ThreadState(None, 0, int(held))
    return ThreadState(row.through, row.claims, int(held), row.revision)


def thread_claim_rows(store: Store, thread: str, unread_only: bool) -> list[dict]:
    """The thread's stored claims with their sentence, report, outlet and the outlet of
    the report it copies (if it is a copy), oldest first; ``unread_only``: only those the
    ledger has not read."""
    query = _claims_query().where(stories.c.thread_id == thread)
    if unread_only:
        query = query.outerjoin(
            ledger_claims, (ledger_claims.c.article_id == claims.c.article_id)
            & (ledger_claims.c.idx == claims.c.idx)).where(ledger_claims.c.article_id.is_(None))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def stored_entries(store: Store, thread: str) -> list[dict]:
    """The thread's stored ledger entries (their JSON, decoded), oldest first."""
    with store.engine.connect() as conn:
        return _entries(conn, thread, None, None)


def _entries(conn: Connection, thread: str, since: str | None, until: str | None
             ) -> list[dict]:
    query = select(ledger_entries.c.data).where(ledger_entries.c.thread_id == thread)
    if until is not None:
        query = query.where(ledger_entries.c.first_day <= until)
    if since is not None:
        query = query.where(ledger_entries.c.last_day >= since)
    query = query.order_by(ledger_entries.c.first_day, ledger_entries.c.id)
    return [json.loads(data) for data in conn.execute(query).scalars()]


def thread_ledger(store: Store, thread: str, until: date | None = None,
                  days: int | None = None) -> list[dict]:
    """The stored entries of a thread with a stance up to ``until`` and, with ``days``,
    one in the ``days`` before it (all without them); callers cut later stances off."""
    until_day = until.isoformat() if until else None
    since = (until - timedelta(days=days)).isoformat() if until and days else None
    with store.engine.connect() as conn:
        return _entries(conn, thread, since, until_day)


def all_thread_ids(store: Store) -> list[str]:
    """Threads that have a stored ledger, in order of their first entry."""
    with store.engine.connect() as conn:
        return list(conn.execute(
            select(ledger_entries.c.thread_id).group_by(ledger_entries.c.thread_id)
            .order_by(func.min(ledger_entries.c.first_day), ledger_entries.c.thread_id)
        ).scalars())


def save_thread(store: Store, thread: str, entries: list[dict], joined: list[tuple],
                through: datetime, read: int, rebuilt: bool) -> str:
    """Store a thread's entries (replacing those with the same ids; all of the thread's
    when ``rebuilt``), the claims that joined them (``(article_id, idx, entry_id)``), and
    how far the thread has been read (``read`` claims in all, up to ``through``). Returns
    the save's revision token: while ``thread_state`` gives the same, the stored ledger is
    the one saved here."""
    revision = uuid.uuid4().hex
    with store.write() as conn:
        if rebuilt:
            conn.execute(delete(ledger_entries).where(ledger_entries.c.thread_id == thread))
            conn.execute(delete(ledger_claims).where(ledger_claims.c.thread_id == thread))
        # Ids and claims may still be held under a thread that has since been split or
        # merged away: this thread's reading replaces them.
        entries = list({e["id"]: e for e in entries}.values())
        ids = [e["id"] for e in entries]
        for start in range(0, len(ids), 500):
            conn.execute(delete(ledger_entries)
                         .where(ledger_entries.c.id.in_(ids[start:start + 500])))
        _forget_claims(conn, joined)
        if entries:
            conn.execute(ledger_entries.insert(), [
                {"id": e["id"], "thread_id": thread, "status": e["status"],
                 "first_day": e["stances"][0]["day"] if e["stances"] else through.date()
                 .isoformat(),
                 "last_day": e["stances"][-1]["day"] if e["stances"] else through.date()
                 .isoformat(),
                 "data": json.dumps(e, ensure_ascii=False)} for e in entries])
        if joined:
            conn.execute(ledger_claims.insert(), [
                {"article_id": a, "idx": i, "thread_id": thread, "entry_id": e}
                for (a, i), e in {(a, i): e for a, i, e in joined}.items()])
        conn.execute(delete(ledger_threads).where(ledger_threads.c.thread_id == thread))
        conn.execute(ledger_threads.insert().values(thread_id=thread, through=through,
                                                    claims=read, revision=revision))
    return revision


def _forget_claims(conn: Connection, joined: list[tuple]) -> None:
    """Delete the stored joins of the claims in ``joined`` (under whatever thread)."""
    pairs = sorted({(a, i) for a, i, _e in joined})
    for start in range(0, len(pairs), 400):
        conn.execute(delete(ledger_claims).where(
            tuple_(ledger_claims.c.article_id, ledger_claims.c.idx)
            .in_(pairs[start:start + 400])))
