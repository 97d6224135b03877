"""Reads of the events analysis stored per sentence."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select

from geobrief.models import EventNote
from geobrief.store.engine import Store
from geobrief.store.schema import articles, events, outlets, sentences

# What a briefing line carries of each event (the JSON format's ``events``).
FIELDS = ("type", "cameo", "source", "source_country", "target", "target_country", "negated")


def article_events(store: Store, article_ids: list[int]
                   ) -> dict[tuple[int, int], list[EventNote]]:
    """The stored events of these articles, by (article id, sentence index), in order."""
    found: dict[tuple[int, int], list[EventNote]] = defaultdict(list)
    columns = [events.c[name] for name in FIELDS]
    with store.engine.connect() as conn:
        for start in range(0, len(article_ids), 500):
            rows = conn.execute(
                select(events.c.article_id, events.c.idx, *columns)
                .where(events.c.article_id.in_(article_ids[start:start + 500]))
                .order_by(events.c.article_id, events.c.idx, events.c.n)).mappings()
            for row in rows:
                found[(row["article_id"], row["idx"])].append(
                    EventNote(**{k: row[k] for k in FIELDS}))
    return dict(found)


def day_events(store: Store, day: date) -> list[dict[str, Any]]:
    """The events analysis stored for the original reports of ``day`` (copies report
    nothing new), in report and sentence order, each with its sentence, URL and outlet."""
    start = datetime.combine(day, time.min)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            select(events, sentences.c.text.label("sentence"), articles.c.url,
                   outlets.c.name.label("outlet"))
            .join(sentences, (sentences.c.article_id == events.c.article_id)
                  & (sentences.c.idx == events.c.idx))
            .join(articles, articles.c.id == events.c.article_id)
            .join(outlets, outlets.c.id == articles.c.outlet_id)
            .where(articles.c.published >= start)
            .where(articles.c.published <= datetime.combine(day, time.max))
            .where(articles.c.origin_id.is_(None))
            .order_by(articles.c.published, articles.c.url, events.c.idx, events.c.n)
        ).mappings()]
