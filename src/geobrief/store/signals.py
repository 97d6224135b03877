"""Reads of what analysis stored per article that salience weighs: coded events, named
actors (outside the dateline) and figures."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import func, select

from geobrief.store.engine import Store
from geobrief.store.schema import articles, claims, events, mentions, sentences

CHUNK = 500  # ids per IN list, under every database's limit on bound parameters
HEAD = 120  # characters of an article's text read to find its dateline
# "LONDON (Reuters) - ", "KYIV, Ukraine (AP) — ", "Washington, Jan 5 (Reuters) -",
# "MOSCOW — ": where the report was filed, not who is in it
_DATELINE = re.compile(
    r"^\s*(?:[^\n()]{1,60}?\([A-Za-z][A-Za-z .&/'-]{0,30}\)\s*[-\u2013\u2014:]"
    r"|[A-Z][A-Z .'\u2019-]{2,30}(?:,[^\n,()\-\u2013\u2014]{1,30})?\s*[-\u2013\u2014:])\s")


@dataclass(frozen=True)
class EventRef:
    type: str
    negated: bool
    intended: bool
    trigger: str
    source_country: str | None
    target_country: str | None


@dataclass(frozen=True)
class ActorRef:
    type: str  # country | person | organisation | place
    entity_id: str | None
    country: str | None
    text: str


@dataclass(frozen=True)
class FigureRef:
    value: float
    noun: str
    text: str
    context: str = ""  # the sentence it was given in


@dataclass
class ArticleSignals:
    events: list[EventRef]
    actors: list[ActorRef]
    figures: list[FigureRef]


def dateline_end(text: str) -> int:
    """Where the dateline that opens ``text`` ends (0 when it has none)."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def article_signals(store: Store, ids: Iterable[int]) -> dict[int, ArticleSignals]:
    """Events, actors and figures of each article (every id gets an entry)."""
    wanted = sorted(set(ids))
    out = {i: ArticleSignals([], [], []) for i in wanted}
    with store.engine.connect() as conn:
        for part in _chunks(wanted):
            heads = {r.id: dateline_end(r.head or "") for r in conn.execute(
                select(articles.c.id, func.substr(articles.c.text, 1, HEAD).label("head"))
                .where(articles.c.id.in_(part)))}
            for r in conn.execute(
                    select(events.c.article_id, events.c.type, events.c.negated,
                           events.c.intended, events.c.trigger, events.c.source_country,
                           events.c.target_country)
                    .where(events.c.article_id.in_(part))
                    .order_by(events.c.article_id, events.c.idx, events.c.n)):
                out[r.article_id].events.append(EventRef(
                    r.type, bool(r.negated), bool(r.intended), r.trigger, r.source_country,
                    r.target_country))
            # one row per actor and article, at its last mention: an actor named only
            # in the dateline has its last mention there
            last = func.max(mentions.c.start).label("last")
            for m in conn.execute(
                    select(mentions.c.article_id, mentions.c.type, mentions.c.entity_id,
                           mentions.c.country, func.min(mentions.c.text).label("text"), last)
                    .where(mentions.c.article_id.in_(part))
                    .where((mentions.c.entity_id.is_not(None))
                           | (mentions.c.country.is_not(None)))
                    .group_by(mentions.c.article_id, mentions.c.type, mentions.c.entity_id,
                              mentions.c.country)
                    .order_by(mentions.c.article_id, last)):
                if m.last < heads.get(m.article_id, 0):
                    continue  # only in the dateline
                out[m.article_id].actors.append(
                    ActorRef(m.type, m.entity_id, m.country, m.text))
            for article_id, figures in claim_figures(conn, part).items():
                out[article_id].figures.extend(figures)
    return out


def claim_figures(conn, ids: list[int]) -> dict[int, list[FigureRef]]:
    """The figures analysis found in each article's claims. The one place that reads
    figures for salience: switch it to the typed figures once analysis stores them."""
    found: dict[int, list[FigureRef]] = defaultdict(list)
    query = (select(claims.c.article_id, claims.c.figures, sentences.c.text)
             .join(sentences, (sentences.c.article_id == claims.c.article_id)
                   & (sentences.c.idx == claims.c.idx))
             .where(claims.c.article_id.in_(ids)).where(claims.c.figures != "[]"))
    for r in conn.execute(query):
        for figure in json.loads(r.figures):
            # the typed kind ("casualties", "troops") where analysis stored one; the
            # ledger's noun ("casualties in Misrata") is finer than salience needs
            found[r.article_id].append(FigureRef(
                float(figure["value"]), str(figure.get("kind") or figure["noun"]),
                str(figure["text"]), r.text))
    return found
