"""Bringing analysis up to date: sentences with cues, mentions linked to the knowledge, and
article features, per batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import delete, update

from geobrief.analyse.anchors import article_anchors
from geobrief.analyse.claims import extract_claim, extract_outlook
from geobrief.analyse.cues import Cues, analyse_sentence
from geobrief.analyse.events import Event, code_events
from geobrief.analyse.features import article_features
from geobrief.analyse.sentences import body_sentences
from geobrief.knowledge.link import Linker, Mention, bundled_linker
from geobrief.models import Article
from geobrief.store import Store
from geobrief.store.articles import load_articles, pending_article_ids
from geobrief.store.schema import (
    articles,
    claims,
    events,
    features,
    mentions,
    outlook,
    sentences,
)

# Bump when analysis output changes: every article is then analysed again.
ANALYSIS_VERSION = 6  # 2: mentions; 3: claims and outlook; 4: events, outlook actions;
# 5: a first line repeating the headline is no sentence; 6: anchors
BATCH = 500

Progress = Callable[[int, int], None]


@dataclass
class Rows:
    """What analysis writes for a batch, table by table."""

    sentences: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    outlook: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    features: list[dict] = field(default_factory=list)


def _actor(text: str, cues: Cues, linker: Linker, on: date) -> tuple[str | None, str | None]:
    """Who would act: the first country, person or organisation named before the hedging
    words, else the speaker."""
    cut = text.find(cues.hedge) if cues.hedge else len(text)
    for mention in linker.link(text, on, unlinked=False):
        if mention.start < max(cut, 0) and mention.type in ("country", "person",
                                                            "organisation"):
            name = linker.knowledge.country_name(mention.id) if mention.type == "country" \
                and mention.id else mention.text
            return name, mention.country
    return cues.speaker, None


def _sentence_rows(article: Article, linker: Linker, rows: Rows) -> None:
    on = article.published.date()
    for idx, text in enumerate(body_sentences(article.title, article.text)):
        cues = analyse_sentence(text)
        key = {"article_id": article.id, "idx": idx}
        rows.sentences.append({**key, "text": text, "speaker": cues.speaker,
                               "stance": cues.stance, "hedge": cues.hedge, "band": cues.band,
                               "forward": cues.forward})
        claim = extract_claim(text, cues, linker, on)
        if claim is not None:
            rows.claims.append({**key, "speaker": claim.speaker, "speaker_id": claim.speaker_id,
                                "speaker_country": claim.speaker_country, "cue": claim.cue,
                                "stance": claim.stance, "quote": claim.quote,
                                "figures": json.dumps([asdict(f) for f in claim.figures])})
        coded = code_events(text, linker, on)
        rows.events.extend(_event_row(key, n, event) for n, event in enumerate(coded))
        if cues.forward:
            actor, country = _actor(text, cues, linker, on)
            item = extract_outlook(text, cues, actor, country, on)
            if item is not None:
                foreseen, acting = _foreseen(coded, country)
                rows.outlook.append({**key, "actor": item.actor,
                                     "actor_country": item.actor_country or acting,
                                     "band": item.band,
                                     "p_low": item.p[0], "p_high": item.p[1],
                                     "words": item.words, "horizon": item.horizon,
                                     "condition": item.condition, "outcome": None,
                                     **foreseen})


def _event_row(key: dict, n: int, event: Event) -> dict:
    return {**key, "n": n, "type": event.type, "cameo": event.cameo,
            "act": event.act or event.type, "intended": event.intended,
            "negated": event.negated, "trigger": event.trigger[:200],
            "source": event.source and event.source[:300], "source_id": event.source_id,
            "source_country": event.source_country,
            "target": event.target and event.target[:300], "target_id": event.target_id,
            "target_country": event.target_country}


def _foreseen(coded: list[Event], actor_country: str | None
              ) -> tuple[dict, str | None]:
    """What an outlook item foresees (its action columns), and the country of who would
    act: the sentence's first stated intention ("will", "is likely to", "vowed to") that
    is not negated and has a named source, the item's actor when it has a country."""
    event = next((e for e in coded if e.intended and not e.negated and e.source and (
        actor_country is None or e.source_country in (None, actor_country))), None)
    if event is None:
        return {"action": None, "action_by": None, "target": None,
                "target_country": None}, None
    return {"action": event.act or event.type, "action_by": event.source_id,
            "target": event.target and event.target[:300],
            "target_country": event.target_country}, event.source_country


def _mention_rows(article_id: int, found: list[Mention]) -> list[dict]:
    return [
        {"article_id": article_id, "start": m.start, "end": m.end, "text": m.text[:300],
         "type": m.type, "entity_id": m.id, "form": m.form, "country": m.country,
         "sanctioned": " ".join(m.sanctioned) or None}
        for m in found
    ]


def analyse_batch(store: Store, batch: Sequence[Article], linker: Linker) -> None:
    """Analyse ``batch`` and record it in one transaction (a crash loses at most the batch)."""
    rows = Rows()
    for article in batch:
        _sentence_rows(article, linker, rows)
        found = linker.link(article.text, article.published.date())
        rows.mentions.extend(_mention_rows(article.id, found))
        terms, countries, signature = article_features(linker, article.title, article.text,
                                                       found)
        anchors = article_anchors(article.title, article.text, article.language, countries)
        rows.features.append({"article_id": article.id, "terms": json.dumps(terms),
                              "countries": json.dumps(dict(countries)), "minhash": signature,
                              "anchors": json.dumps(anchors)})
    ids = [a.id for a in batch]
    tables = ((sentences, rows.sentences), (claims, rows.claims), (outlook, rows.outlook),
              (events, rows.events), (mentions, rows.mentions), (features, rows.features))
    with store.engine.begin() as conn:
        for table, _ in tables:
            conn.execute(delete(table).where(table.c.article_id.in_(ids)))
        for table, values in tables:
            if values:
                conn.execute(table.insert(), values)
        conn.execute(
            update(articles).where(articles.c.id.in_(ids)).values(analysed=ANALYSIS_VERSION)
        )


def analyse_pending(store: Store, progress: Progress | None = None) -> int:
    """Analyse every article not yet analysed at this version; returns how many."""
    pending = pending_article_ids(store, ANALYSIS_VERSION)
    linker = bundled_linker()
    for start in range(0, len(pending), BATCH):
        batch = load_articles(store, pending[start : start + BATCH])
        analyse_batch(store, batch, linker)
        if progress:
            progress(min(start + BATCH, len(pending)), len(pending))
    return len(pending)
