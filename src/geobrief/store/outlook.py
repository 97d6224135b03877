"""Outlook items: settling them against later events (see ``geobrief.analyse.outcomes``
for the rule), and listing them with their sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, update

from geobrief.models import Outcome
from geobrief.store.engine import Store
from geobrief.store.schema import articles, events, outlets, outlook, sentences


@dataclass
class Settled:
    happened: int = 0
    lapsed: int = 0
    still_open: int = 0


def news_now(conn: Connection) -> datetime | None:
    """The publication time of the newest stored article."""
    return conn.execute(select(func.max(articles.c.published))).scalar()


def _open_items(conn: Connection) -> list[Any]:
    return list(conn.execute(
        select(outlook.c.article_id, outlook.c.idx, outlook.c.action,
               outlook.c.actor_country, outlook.c.action_by, outlook.c.target_country,
               outlook.c.horizon, articles.c.published)
        .join(articles, articles.c.id == outlook.c.article_id)
        .where(outlook.c.outcome.is_(None))
        # an item with neither an act to check nor a horizon to pass can never settle
        .where(or_(outlook.c.action.is_not(None), outlook.c.horizon.is_not(None)))
        .order_by(articles.c.published, outlook.c.article_id, outlook.c.idx)).all())


def _deadline(horizon: str | None) -> datetime | None:
    """The end of the horizon's day (a source's "by 31 December" includes that day)."""
    if not horizon:
        return None
    try:
        return datetime.combine(date.fromisoformat(horizon) + timedelta(days=1), time())
    except ValueError:
        return None


def _first_match(conn: Connection, item: Any, deadline: datetime | None) -> Any:
    """The first later report of the act the item foresees, or None."""
    next_day = datetime.combine(item.published.date() + timedelta(days=1), time())
    conditions = [events.c.act == item.action, events.c.intended.is_(False),
                  events.c.negated.is_(False), sentences.c.forward.is_(False),
                  events.c.source.is_not(None),  # a named actor did it, not one inferred
                  articles.c.published >= next_day]
    if item.actor_country:
        conditions.append(events.c.source_country == item.actor_country)
    else:  # an international body or a person: the same one must act
        conditions.append(events.c.source_id == item.action_by)
    if item.target_country:
        conditions.append(events.c.target_country == item.target_country)
    if deadline is not None:
        conditions.append(articles.c.published < deadline)
    return conn.execute(
        select(events.c.article_id, events.c.idx, articles.c.published)
        .join(articles, articles.c.id == events.c.article_id)
        .join(sentences, and_(sentences.c.article_id == events.c.article_id,
                              sentences.c.idx == events.c.idx))
        .where(and_(*conditions))
        .order_by(articles.c.published, events.c.article_id, events.c.idx, events.c.n)
        .limit(1)).first()


def settle_outlook(store: Store, now: datetime | None = None) -> Settled:
    """Mark open outlook items that later events fulfilled (``happened``) or whose horizon
    passed without one (``lapsed``); returns the counts. Safe to run repeatedly."""
    settled = Settled()
    with store.write() as conn:
        now = now or news_now(conn)
        if now is None:
            return settled
        for item in _open_items(conn):
            deadline = _deadline(item.horizon)
            checkable = item.action and (item.actor_country or item.action_by)
            found = _first_match(conn, item, deadline) if checkable else None
            key = and_(outlook.c.article_id == item.article_id, outlook.c.idx == item.idx)
            if found is not None:
                conn.execute(update(outlook).where(key).values(
                    outcome=Outcome.HAPPENED, matched_article_id=found.article_id,
                    matched_idx=found.idx, decided=found.published.date().isoformat()))
                settled.happened += 1
            elif deadline is not None and deadline <= now:
                conn.execute(update(outlook).where(key).values(
                    outcome=Outcome.LAPSED, decided=item.horizon))
                settled.lapsed += 1
            else:
                settled.still_open += 1
    return settled


def outlook_rows(store: Store) -> tuple[datetime | None, list[dict[str, Any]]]:
    """Every outlook item with its sentence, report and outlet, oldest first; and the news
    clock (the newest stored article's time)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(outlook, sentences.c.text, articles.c.published, articles.c.url,
                   outlets.c.name.label("outlet"))
            .join(sentences, (sentences.c.article_id == outlook.c.article_id)
                  & (sentences.c.idx == outlook.c.idx))
            .join(articles, articles.c.id == outlook.c.article_id)
            .join(outlets, outlets.c.id == articles.c.outlet_id)
            .order_by(articles.c.published, outlook.c.article_id, outlook.c.idx)
        ).mappings().all()
        return news_now(conn), [dict(r) for r in rows]
