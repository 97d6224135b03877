"""Bringing analysis up to date: sentences with cues, mentions linked to the knowledge, and
article features, per batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sqlalchemy import delete, update

from geobrief.analyse.cues import analyse_sentence
from geobrief.analyse.features import article_features
from geobrief.analyse.sentences import split_sentences
from geobrief.knowledge.link import Linker, Mention, bundled_linker
from geobrief.models import Article
from geobrief.store import Store
from geobrief.store.articles import load_articles, pending_article_ids
from geobrief.store.schema import articles, features, mentions, sentences

# Bump when analysis output changes: every article is then analysed again.
ANALYSIS_VERSION = 2  # 2: mentions
BATCH = 500

Progress = Callable[[int, int], None]


def _sentence_rows(article: Article) -> list[dict]:
    rows = []
    for idx, text in enumerate(split_sentences(article.text)):
        cues = analyse_sentence(text)
        rows.append(
            {
                "article_id": article.id,
                "idx": idx,
                "text": text,
                "speaker": cues.speaker,
                "stance": cues.stance,
                "hedge": cues.hedge,
                "band": cues.band,
                "forward": cues.forward,
            }
        )
    return rows


def _mention_rows(article_id: int, found: list[Mention]) -> list[dict]:
    return [
        {"article_id": article_id, "start": m.start, "end": m.end, "text": m.text[:300],
         "type": m.type, "entity_id": m.id, "form": m.form, "country": m.country,
         "sanctioned": " ".join(m.sanctioned) or None}
        for m in found
    ]


def analyse_batch(store: Store, batch: Sequence[Article], linker: Linker) -> None:
    """Analyse ``batch`` and record it in one transaction (a crash loses at most the batch)."""
    sentence_rows: list[dict] = []
    feature_rows: list[dict] = []
    mention_rows: list[dict] = []
    for article in batch:
        sentence_rows.extend(_sentence_rows(article))
        found = linker.link(article.text, article.published.date())
        mention_rows.extend(_mention_rows(article.id, found))
        terms, countries, signature = article_features(linker, article.title, article.text,
                                                       found)
        feature_rows.append(
            {
                "article_id": article.id,
                "terms": json.dumps(terms),
                "countries": json.dumps(dict(countries)),
                "minhash": signature,
            }
        )
    ids = [a.id for a in batch]
    with store.engine.begin() as conn:
        conn.execute(delete(sentences).where(sentences.c.article_id.in_(ids)))
        conn.execute(delete(features).where(features.c.article_id.in_(ids)))
        conn.execute(delete(mentions).where(mentions.c.article_id.in_(ids)))
        if sentence_rows:
            conn.execute(sentences.insert(), sentence_rows)
        if mention_rows:
            conn.execute(mentions.insert(), mention_rows)
        conn.execute(features.insert(), feature_rows)
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
