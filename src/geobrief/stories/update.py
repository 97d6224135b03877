"""Bringing stories up to date: copies, clusters and threads for articles not yet placed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import numpy as np

from geobrief.analyse.anchors import language_of
from geobrief.analyse.embeddings import embed_missing, from_blob
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.placing import article_rows, recent_stories
from geobrief.store.stories import rename_threads, thread_story_titles
from geobrief.stories.names import storyline_name
from geobrief.stories.online import DUPLICATE_WINDOW, OnlineClusterer, Row
from geobrief.stories.threadindex import unit

# Articles read, placed and written per round: placing a backfill holds at most this many
# new articles' rows in memory whatever its size (the clusterer itself holds only what the
# thread window can still meet). A batch up to this size is placed exactly as in one call;
# a larger one as if the update had run once per chunk, as the hourly updates do.
PLACE_CHUNK = 5000


def _rows(store: Store, start: datetime | None, end: datetime | None,
          unplaced_only: bool, meanings: bool, limit: int | None = None) -> list[Row]:
    """Analysed articles with their features and story; with ``meanings``, also their
    stored embeddings (read only when ``thread_embeddings`` is on)."""
    return [Row(r.id, r.url, r.title, r.published, json.loads(r.terms), r.minhash,
                r.origin_id, r.story_id, None if r.vector is None else from_blob(r.vector),
                language_of(r.language), json.loads(r.anchors) if r.anchors else {})
            for r in article_rows(store, start, end, unplaced_only, meanings, limit)]


def _recent_stories(store: Store, since: datetime, meanings: bool
                    ) -> list[tuple[str, str, datetime, dict, np.ndarray | None,
                                    dict[str, float] | None]]:
    """Stories still within the thread window, with their unit mean embedding (None
    when their articles have none, or without ``meanings``)."""
    rows, blobs = recent_stories(store, since, meanings)
    sums: dict[str, np.ndarray] = {}
    for story, blob in blobs:  # the sum of the stored article embeddings of each story
        vector = from_blob(blob)
        sums[story] = sums[story] + vector if story in sums else vector
    return [(r.id, r.thread_id, r.first_published, json.loads(r.terms),
             unit(sums[r.id]) if r.id in sums else None,
             json.loads(r.anchors) if r.anchors else None) for r in rows]


def clusterer_from_store(store: Store, settings: Settings, start: datetime) -> OnlineClusterer:
    """A clusterer holding what articles published from ``start`` on can still meet."""
    clusterer = OnlineClusterer(settings)
    reach = max(clusterer.window, clusterer.span, DUPLICATE_WINDOW)
    meanings = settings.thread_embeddings
    context = _rows(store, start - reach, None, False, meanings)
    clusterer.remember(context, _recent_stories(store, start - clusterer.storyline_span,
                                                meanings))
    return clusterer


def update_stories(store: Store, settings: Settings, until: datetime | None = None,
                   clusterer: OnlineClusterer | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   chunk: int | None = None) -> int:
    """Place every analysed article that has no story yet (published up to ``until``, when
    given), ``chunk`` articles (``PLACE_CHUNK`` by default) at a time in publication order
    (read, placed and written in turn, so memory does not grow with the backlog); returns
    how many were placed.
    Pass the same ``clusterer`` between calls to keep its state in memory instead of
    reading it back from the store. With ``thread_embeddings`` on, the new articles are
    embedded first (``progress`` is told how many of how many, per chunk)."""
    chunk = chunk or PLACE_CHUNK
    placed = 0
    grown: set[str] = set()
    while True:
        new = _rows(store, None, until, True, settings.thread_embeddings, chunk)
        if not new:
            break
        if settings.thread_embeddings:
            made = embed_missing(store, [r.id for r in new if r.meaning is None], progress)
            for row in new:
                row.meaning = made.get(row.id, row.meaning)
        if clusterer is None:
            clusterer = clusterer_from_store(store, settings, new[0].published)
        clusterer.place(new)
        done = clusterer.flush(store)
        placed += done
        grown |= clusterer.grown_threads
        if len(new) < chunk or not done:
            break  # the last chunk (or nothing was written: never read the same again)
    if placed:
        name_storylines(store, sorted(grown))
    return placed


def name_storylines(store: Store, thread_ids: list[str]) -> None:
    """Name each thread after the phrase its stories' titles repeat (``stories/names.py``);
    a thread whose titles share none keeps its name (its first story's title, whole)."""
    names = {}
    for thread, titles in thread_story_titles(store, thread_ids).items():
        name = storyline_name(titles) if len(titles) > 1 else None
        if name:
            names[thread] = name
    rename_threads(store, names)


__all__ = ["Row", "clusterer_from_store", "update_stories"]
