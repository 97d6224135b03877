"""Bringing analysis up to date: sentences with cues, mentions linked to the knowledge, and
article features, per batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from geobrief.analyse.claims import extract_claim, extract_outlook, outlook_actor
from geobrief.analyse.cues import analyse_sentence
from geobrief.analyse.document import (
    SentenceUnit,
    Structure,
    mark_repeated,
    read_structure,
)
from geobrief.analyse.events import Event, code_events
from geobrief.analyse.features import article_features
from geobrief.knowledge.link import Linker, Mention
from geobrief.models import Article
from geobrief.store import Store
from geobrief.store.analysis import SIGNATURE, get_meta, reanalyse_all, save_analysis, set_meta
from geobrief.store.articles import load_articles, pending_article_ids
from geobrief.store.furniture import record_furniture

# Bump when analysis output changes: every article is then analysed again.
ANALYSIS_VERSION = 7  # 2: mentions; 3: claims and outlook; 4: events, outlook actions;
# 5: a first line repeating the headline is no sentence; 6: stance not_confirm (was
# unconfirmed), and the user's knowledge links (see ``signature``); 7: sentences by
# sentencex with spans, noise labels, languages and datelines cut off; outlet furniture
MAX_PASSES = 3  # analyse_pending goes round again for articles requeued by new furniture
BATCH = 500

Progress = Callable[[int, int], None]


@dataclass
class Rows:
    """What analysis writes for a batch, table by table."""

    sentences: list[dict] = field(default_factory=list)
    wire: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    outlook: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    features: list[dict] = field(default_factory=list)


def _numbered(structure: Structure) -> list[tuple[int, SentenceUnit]]:
    """Each sentence with its stored index: news sentences 0, 1, 2... in order (the
    composer takes 0 for the lead), noise sentences -1, -2... in order."""
    out, news, noise = [], 0, 0
    for unit in structure.sentences:
        if unit.noise is None:
            out.append((news, unit))
            news += 1
        else:
            noise -= 1
            out.append((noise, unit))
    return out


def _base_row(key: dict, unit: SentenceUnit, language: str) -> dict:
    return {**key, "text": unit.text, "speaker": None, "stance": "none", "hedge": None,
            "band": None, "forward": False, "start": unit.start, "end": unit.end,
            "noise": unit.noise.value if unit.noise else None,
            "language": unit.language if unit.language != language else None}


def _sentence_rows(article: Article, structure: Structure, linker: Linker,
                   rows: Rows) -> None:
    on = article.published.date()
    for idx, unit in _numbered(structure):
        text = unit.text
        key = {"article_id": article.id, "idx": idx}
        row = _base_row(key, unit, structure.language)
        rows.sentences.append(row)
        if unit.noise is not None:
            continue
        cues = analyse_sentence(text)
        row.update(speaker=cues.speaker, stance=cues.stance, hedge=cues.hedge, band=cues.band,
                   forward=cues.forward)
        claim = extract_claim(text, cues, linker, on)
        if claim is not None:
            rows.claims.append({**key, "speaker": claim.speaker, "speaker_id": claim.speaker_id,
                                "speaker_country": claim.speaker_country, "cue": claim.cue,
                                "stance": claim.stance, "quote": claim.quote,
                                "figures": json.dumps([asdict(f) for f in claim.figures])})
        coded = code_events(text, linker, on)
        rows.events.extend(_event_row(key, n, event) for n, event in enumerate(coded))
        if cues.forward:
            actor, country = outlook_actor(text, cues, linker, on)
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


def structures(store: Store, batch: Sequence[Article]) -> dict[int, Structure]:
    """Each article's structure (``read_structure``), with the lines its outlet repeats
    across its articles labelled as furniture (recorded in the store first)."""
    out = {a.id: read_structure(a.title, a.text, a.language or None) for a in batch}
    lines = {a.id: (out[a.id].lines(), a.published.date().isoformat()) for a in batch}
    repeated = record_furniture(store, lines)
    for article_id, keys in repeated.items():
        if keys:
            mark_repeated(out[article_id], keys)
    return out


def _wire_row(article_id: int, structure: Structure) -> dict | None:
    wire = structure.wire
    if wire.empty():
        return None
    return {"article_id": article_id, "place": wire.place and wire.place[:200],
            "agency": wire.agency and wire.agency[:100], "dated": wire.when and wire.when[:100],
            "byline": wire.byline and wire.byline[:300]}


def analyse_batch(store: Store, batch: Sequence[Article], linker: Linker) -> None:
    """Analyse ``batch`` and record it in one transaction (a crash loses at most the batch)."""
    rows = Rows()
    read = structures(store, batch)
    for article in batch:
        structure = read[article.id]
        _sentence_rows(article, structure, linker, rows)
        wire = _wire_row(article.id, structure)
        if wire is not None:
            rows.wire.append(wire)
        # a dateline's place is not a country involved. Noise sentences stay: on Timeline17
        # blanking them too cost threads (in majority thread 0.688 -> 0.594, F1 0.571 ->
        # 0.520 on the CI subsample), and the composer never quotes them anyway
        text = structure.masked(article.text)
        found = linker.link(text, article.published.date())
        rows.mentions.extend(_mention_rows(article.id, found))
        terms, countries, signature = article_features(linker, article.title, text, found)
        rows.features.append({"article_id": article.id, "terms": json.dumps(terms),
                              "countries": json.dumps(dict(countries)), "minhash": signature})
    save_analysis(store, [a.id for a in batch], vars(rows), ANALYSIS_VERSION)


def signature(knowledge_digest: str) -> str:
    """What analysis output depends on: the analysis version and the knowledge in force."""
    return f"{ANALYSIS_VERSION}:{knowledge_digest}"


def check_signature(store: Store, knowledge_digest: str) -> int:
    """Queue every article again when the store was analysed under another signature
    (the knowledge was imported or edited); returns how many were queued."""
    wanted = signature(knowledge_digest)
    stored = get_meta(store, SIGNATURE)
    if stored == wanted:
        return 0
    if stored is None:  # a new store, or one from before signatures: the version decides
        set_meta(store, SIGNATURE, wanted)
        return 0
    return reanalyse_all(store, wanted)


def analyse_pending(store: Store, linker: Linker, knowledge_digest: str,
                    progress: Progress | None = None) -> int:
    """Analyse every article not yet analysed under this signature (analysis version and
    the knowledge in force), linking with ``linker``; returns how many analyses ran (an
    article requeued because a line of it became furniture counts twice)."""
    check_signature(store, knowledge_digest)
    done = 0
    for _ in range(MAX_PASSES):
        pending = pending_article_ids(store, ANALYSIS_VERSION)
        if not pending:
            break
        for start in range(0, len(pending), BATCH):
            batch = load_articles(store, pending[start : start + BATCH])
            analyse_batch(store, batch, linker)
            if progress:
                progress(min(start + BATCH, len(pending)), len(pending))
        done += len(pending)
    return done
