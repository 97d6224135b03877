"""Bringing analysis up to date: sentences with cues, mentions linked to the knowledge, and
article features, per batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from geobrief.analyse.anchors import article_anchors
from geobrief.analyse.claims import ClaimReading, claim_readings
from geobrief.analyse.document import (
    SentenceUnit,
    Structure,
    mark_repeated,
    read_structure,
)
from geobrief.analyse.events import Event
from geobrief.analyse.features import article_features
from geobrief.analyse.figures import INCREMENTS, Figure
from geobrief.analyse.speakers import Party
from geobrief.knowledge.link import Linker, Mention
from geobrief.models import Article
from geobrief.store import Store
from geobrief.store.analysis import SIGNATURE, get_meta, reanalyse_all, save_analysis, set_meta
from geobrief.store.articles import load_articles, pending_article_ids
from geobrief.store.furniture import record_furniture

# Bump when analysis output changes: every article is then analysed again.
ANALYSIS_VERSION = 13  # 2: mentions; 3: claims and outlook; 4: events, outlook actions;
# 5: a first line repeating the headline is no sentence; 6: stance not_confirm (was
# unconfirmed), and the user's knowledge links (see ``signature``); 7: sentences by
# sentencex with spans, noise labels, languages and datelines cut off; outlet furniture;
# 8: claims read per document (speakers resolved, stance with scope, typed figures,
# propositions, forecasts); 9: anchors (countries, figures, names) for joining reports
# across languages; 10: figures typed by what they measure, each given by whom it is;
# 11: reader comments in threads and transcripts, speakers' pronouns and subjects resolved,
# more not_confirm phrasings; 12: figure sources and quantities (sources.py), speakers
# (relatives, coordinated subjects, capitals and the Kremlin by their own name), forecast
# actors; and the ledger, rebuilt with the claims, compares words as stems; 13: page
# furniture above a dateline, figures in their own clause and projected totals, officials
# named by their capital speak for its state, title-case headlines' anchors
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


def _sentence_rows(article: Article, structure: Structure, linker: Linker,
                   rows: Rows) -> None:
    on = article.published.date()
    numbered = _numbered(structure)
    news = [(idx, unit) for idx, unit in numbered if unit.noise is None]
    outlet = article.outlet
    state = Party(outlet.name, None, outlet.country) if outlet.kind == "state-media" else None
    readings = dict(zip((idx for idx, _ in news),
                        claim_readings([u.text for _, u in news], on, linker, state),
                        strict=True))
    for idx, unit in numbered:
        key = {"article_id": article.id, "idx": idx}
        row = _base_row(key, unit, structure.language)
        rows.sentences.append(row)
        reading = readings.get(idx)
        if reading is None:  # furniture carries no claim
            continue
        forecast = reading.forecast
        row.update(speaker=reading.speaker, stance=reading.stance.value,
                   hedge=forecast.hedge if forecast else None,
                   band=forecast.band if forecast else None, forward=forecast is not None)
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
                "speaker_id": party.id if party else None, "date": day,
                # "could reach 12,000": a projection, compared only with projections
                **({"projected": True} if f.projected else {})}
               for f, by in zip(reading.figures, reading.figure_parties, strict=True)
               # nothing to compare: a vague numeral, a term, or a number that counts nothing;
               # nor the writer's gloss or another source's number in the speaker's sentence
               if not f.vague and f.kind not in ("duration", "count") and by == party
               and f.qualifier not in INCREMENTS]  # "another 25": no total to compare
    speaker = reading.speaker
    if party is not None and speaker and speaker.lower() in _PRONOUNS:
        speaker = party.name  # "he" means nothing outside its sentence: store who it is
    return {**key, "speaker": speaker, "speaker_id": party.id if party else None,
            "speaker_country": party.country if party else None,
            "speaker_name": party.name[:300] if party else None,
            "cue": reading.cue[:60] if reading.cue else None, "stance": reading.stance.value,
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


def structures(store: Store, batch: Sequence[Article]
               ) -> tuple[dict[int, Structure], dict[int, set[str]]]:
    """Each article's structure (``read_structure``), with the lines its outlet repeats
    across its articles labelled as furniture (recorded in the store first); and those
    lines' keys per article (the furniture it was read with)."""
    out = {a.id: read_structure(a.title, a.text, a.language or None) for a in batch}
    lines = {a.id: (out[a.id].lines(), a.published.date().isoformat()) for a in batch}
    repeated = record_furniture(store, lines)
    for article_id, keys in repeated.items():
        if keys:
            mark_repeated(out[article_id], keys)
    return out, repeated


def _wire_row(article_id: int, structure: Structure) -> dict | None:
    wire = structure.wire
    if wire.empty():
        return None
    return {"article_id": article_id, "place": wire.place and wire.place[:200],
            "agency": wire.agency and wire.agency[:100], "dated": wire.when and wire.when[:100],
            "byline": wire.byline and wire.byline[:300]}


def analyse_batch(store: Store, batch: Sequence[Article], linker: Linker
                  ) -> dict[int, set[str]]:
    """Analyse ``batch`` and record it in one transaction (a crash loses at most the batch).
    Returns the furniture each article was read with (``structures``): analysis spread
    over workers (analyse/cluster.py) checks it against the outlet's lines at the end."""
    rows = Rows()
    read, furniture = structures(store, batch)
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
        anchors = article_anchors(article.title, text, article.language, countries)
        rows.features.append({"article_id": article.id, "terms": json.dumps(terms),
                              "countries": json.dumps(dict(countries)), "minhash": signature,
                              "anchors": json.dumps(anchors)})
    save_analysis(store, [a.id for a in batch], vars(rows), ANALYSIS_VERSION)
    return furniture


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
