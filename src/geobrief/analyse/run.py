"""Bringing analysis up to date: sentences with cues, mentions linked to the knowledge, and
article features, per batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, update

from geobrief.analyse.claims import ClaimReading, claim_readings
from geobrief.analyse.events import Event
from geobrief.analyse.features import article_features
from geobrief.analyse.figures import Figure
from geobrief.analyse.sentences import body_sentences
from geobrief.analyse.speakers import Party
from geobrief.knowledge.link import Linker, Mention, bundled_linker
from geobrief.models import Article, Stance
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
# 5: a first line repeating the headline is no sentence; 6: claims read per document
# (speakers resolved, stance with scope, typed figures, propositions, forecasts)
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


# The ledger (stories/ledger.py) and the writer still name a non-confirmation
# "unconfirmed" in the store; the ledger task moves them to ``not_confirm``.
_STORED_STANCE = {Stance.NOT_CONFIRM: "unconfirmed"}


# Sums of money are the ledger's "dollars" (one of its AMOUNTS: different sums are
# usually different things, a pledge and a demand, so they neither join nor merge claims).
_LEDGER_KINDS = {"money": "dollars"}


_PRONOUNS = frozenset("he she it they we i".split())


def _ledger_kind(figure: Figure) -> str:
    """The kind the ledger compares a figure within: its typed kind and, where the
    quantity names one, its place (the dead in Misrata are not the dead in Benghazi)."""
    kind = _LEDGER_KINDS.get(figure.kind, figure.kind)
    return f"{kind} in {figure.where}" if figure.where and kind in _EVENT_KINDS else kind


# Counts of an event's toll are counts of that place's event; a deployment is one quantity
# wherever the sentence puts the troops ("in Kursk", "in Russia").
_EVENT_KINDS = frozenset({"casualties", "displaced", "detained"})


def _stored(stance: Stance) -> str:
    return _STORED_STANCE.get(stance, stance.value)


def _sentence_rows(article: Article, linker: Linker, rows: Rows) -> None:
    on = article.published.date()
    texts = body_sentences(article.title, article.text)
    outlet = article.outlet
    state = Party(outlet.name, None, outlet.country) if outlet.kind == "state-media" else None
    for idx, (text, reading) in enumerate(zip(texts, claim_readings(texts, on, linker, state),
                                              strict=True)):
        key = {"article_id": article.id, "idx": idx}
        forecast = reading.forecast
        rows.sentences.append({**key, "text": text, "speaker": reading.speaker,
                               "stance": _stored(reading.stance),
                               "hedge": forecast.hedge if forecast else None,
                               "band": forecast.band if forecast else None,
                               "forward": forecast is not None})
        if reading.is_claim:
            rows.claims.append(_claim_row(key, reading, on.isoformat()))
        rows.events.extend(_event_row(key, n, event) for n, event in enumerate(reading.events))
        if forecast is not None:
            rows.outlook.append(_outlook_row(key, reading))


def _claim_row(key: dict, reading: ClaimReading, day: str) -> dict:
    party, proposition = reading.party, reading.proposition
    figures = [{"text": f.text, "value": f.value, "high": f.high, "qualifier": f.qualifier,
                "unit": f.unit, "quantity": f.quantity, "kind": f.kind,
                "noun": _ledger_kind(f),
                "speaker": party.name if party else reading.speaker,
                "speaker_id": party.id if party else None, "date": day}
               for f in reading.figures
               # nothing to compare: a vague numeral, a term, or a number that counts nothing
               if not f.vague and f.kind not in ("duration", "count")]
    speaker = reading.speaker
    if party is not None and speaker and speaker.lower() in _PRONOUNS:
        speaker = party.name  # "he" means nothing outside its sentence: store who it is
    return {**key, "speaker": speaker, "speaker_id": party.id if party else None,
            "speaker_country": party.country if party else None,
            "speaker_name": party.name[:300] if party else None,
            "cue": reading.cue[:60] if reading.cue else None, "stance": _stored(reading.stance),
            "quote": reading.quote, "figures": json.dumps(figures),
            "proposition": proposition.text if proposition else None,
            "proposition_key": proposition.key if proposition else None,
            "proposition_act": proposition.act if proposition else None,
            "proposition_entities": json.dumps(list(proposition.entities))
            if proposition else None,
            "proposition_time": proposition.time if proposition else None}


def _outlook_row(key: dict, reading: ClaimReading) -> dict:
    forecast = reading.forecast
    assert forecast is not None
    actor = forecast.actor
    country = actor.country if actor else None
    foreseen, acting = _foreseen(reading.events, country)
    p = forecast.p
    return {**key, "actor": actor.name[:300] if actor else None,
            "actor_country": country or acting, "band": forecast.band,
            "p_low": p[0] if p else None, "p_high": p[1] if p else None,
            "words": (forecast.hedge or forecast.words)[:60], "horizon": forecast.horizon,
            "condition": forecast.condition, "outcome": None, "act": forecast.act,
            "source": forecast.source.name[:300] if forecast.source else None,
            "source_id": forecast.source.id if forecast.source else None,
            "source_kind": forecast.source_kind, **foreseen}


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
        rows.features.append({"article_id": article.id, "terms": json.dumps(terms),
                              "countries": json.dumps(dict(countries)), "minhash": signature})
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
