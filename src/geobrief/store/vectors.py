"""Stored article embeddings (the optional ``thread_embeddings``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import select

from geobrief.store.engine import Store
from geobrief.store.schema import articles, embeddings


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def unembedded(store: Store, ids: Sequence[int]) -> list[Any]:
    """(id, title, text) of the articles among ``ids`` with no stored vector, by id."""
    with store.engine.connect() as conn:
        have = {i for (i,) in conn.execute(select(embeddings.c.article_id)
                                           .where(embeddings.c.article_id.in_(list(ids))))}
        return list(conn.execute(select(articles.c.id, articles.c.title, articles.c.text)
                                 .where(articles.c.id.in_([i for i in ids if i not in have]))
                                 .order_by(articles.c.id)).all())


def save_vectors(store: Store, model: str, vectors: dict[int, np.ndarray]) -> None:
    with store.write() as conn:
        conn.execute(embeddings.insert(), [
            {"article_id": i, "model": model, "vector": to_blob(v)} for i, v in vectors.items()])
