"""Outlook items: what settling them reads and writes (the rule is in
``geobrief.analyse.outcomes``), and listing them with their sentences."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, update

from geobrief.models import Outcome
from geobrief.store.engine import Store
from geobrief.store.schema import articles, events, outlets, outlook, sentences


def news_now(conn: Connection) -> datetime | None:
    """The publication time of the newest stored article."""
    return conn.execute(select(func.max(articles.c.published))).scalar()


def deadline(horizon: str | None) -> datetime | None:
    """The end of the horizon's day (a source's "by 31 December" includes that day)."""
    if not horizon:
        return None
    try:
        return datetime.combine(date.fromisoformat(horizon) + timedelta(days=1), time())
    except ValueError:
        return None


def open_items(conn: Connection) -> list[Any]:
    """Open items that name an act and who would do it, with their sentence and act."""
    return list(conn.execute(
        select(outlook.c.article_id, outlook.c.idx, outlook.c.action,
               outlook.c.actor_country, outlook.c.action_by, outlook.c.target_country,
               outlook.c.horizon, outlook.c.act, sentences.c.text, articles.c.published)
        .join(articles, articles.c.id == outlook.c.article_id)
        .join(sentences, and_(sentences.c.article_id == outlook.c.article_id,
                              sentences.c.idx == outlook.c.idx))
        .where(outlook.c.outcome.is_(None))
        # an item with no act and actor to check can never settle (it is unresolvable)
        .where(outlook.c.action.is_not(None)).where(outlook.c.action_by.is_not(None))
        .order_by(articles.c.published, outlook.c.article_id, outlook.c.idx)).all())


def candidate_reports(conn: Connection, item: Any, deadline: datetime | None,
                      limit: int = 200) -> list[Any]:
    """Later reports of the act the item foresees by the same actor (and on the same
    target country, when it names one), earliest first: each event's article, sentence
    index, publication time and sentence text."""
    next_day = datetime.combine(item.published.date() + timedelta(days=1), time())
    conditions = [events.c.act == item.action, events.c.intended.is_(False),
                  events.c.negated.is_(False), sentences.c.forward.is_(False),
                  events.c.source.is_not(None),  # a named actor did it, not one inferred
                  articles.c.published >= next_day]
    if len(item.action_by) == 2 and item.action_by.isupper():
        # a state acts through its forces, officials and bodies: any named actor of that
        # country, but not a place in it
        conditions += [events.c.source_country == item.action_by,
                       or_(events.c.source_id.is_(None),
                           and_(events.c.source_id.not_like("geonames:%"),
                                events.c.source_id.not_like("region:%")))]
    else:  # an international body or a person: the same one must act
        conditions.append(events.c.source_id == item.action_by)
    if item.target_country:
        conditions.append(events.c.target_country == item.target_country)
    if deadline is not None:
        conditions.append(articles.c.published < deadline)
    return list(conn.execute(
        select(events.c.article_id, events.c.idx, articles.c.published, sentences.c.text)
        .join(articles, articles.c.id == events.c.article_id)
        .join(sentences, and_(sentences.c.article_id == events.c.article_id,
                              sentences.c.idx == events.c.idx))
        .where(and_(*conditions))
        .order_by(articles.c.published, events.c.article_id, events.c.idx, events.c.n)
        .limit(limit)).all())


def mark_happened(conn: Connection, item: Any, found: Any) -> None:
    conn.execute(update(outlook).where(_key(item)).values(
        outcome=Outcome.HAPPENED, matched_article_id=found.article_id,
        matched_idx=found.idx, decided=found.published.date().isoformat()))


def mark_lapsed(conn: Connection, item: Any) -> None:
    conn.execute(update(outlook).where(_key(item)).values(outcome=Outcome.LAPSED,
                                                          decided=item.horizon))


def _key(item: Any) -> Any:
    return and_(outlook.c.article_id == item.article_id, outlook.c.idx == item.idx)


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
