"""The thread index's pruning: stories leaving the thread window take their terms, their
countries and their embeddings out of their threads' sums, each thread rebuilt once."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from geobrief.stories.threadindex import ThreadIndex

DAY = datetime(2024, 11, 1)


def _index() -> ThreadIndex:
    index = ThreadIndex()
    vectors = {
        "s1": {"troops": 0.5, "@KP": 0.3, "russia": 0.2},
        "s2": {"troops": 0.25, "@RU": 0.4, "kursk": 0.1},
        "s3": {"kursk": 0.7, "@RU": 0.1},
        "s4": {"summit": 0.9, "@KR": 0.2},
    }
    for n, (story, vector) in enumerate(vectors.items()):
        thread = "t2" if story == "s4" else "t1"
        index.add(story, thread, DAY + timedelta(days=n), vector,
                  meaning=np.full(3, float(n + 1)), actors={"KP": 1.0 + n})
    return index


def test_pruning_leaves_each_thread_the_sums_of_the_stories_it_keeps(monkeypatch):
    index = _index()
    rebuilt: list[str] = []
    replace = index.sum_arrays.replace
    monkeypatch.setattr(index.sum_arrays, "replace",
                        lambda thread, total: (rebuilt.append(thread), replace(thread, total)))
    index.prune(DAY + timedelta(days=2))  # s1 and s2 leave t1; s3 stays
    assert rebuilt == ["t1"]  # one rebuild for the two stories that left it
    assert index.sum_arrays.sums["t1"] == pytest.approx({"kursk": 0.7, "@RU": 0.1})
    assert index.countries["t1"] == pytest.approx({"@RU": 0.1})
    assert index.members["t1"] == {"s3"}
    assert index.latest["t1"] == DAY + timedelta(days=2)
    assert np.array_equal(index.meaning_sums["t1"], np.full(3, 3.0))
    assert index.actor_sums["t1"] == {"KP": 3.0}
    assert index.sum_arrays.sums["t2"] == {"summit": 0.9, "@KR": 0.2}  # untouched


def test_a_thread_whose_stories_all_leave_is_forgotten():
    index = _index()
    dormant = ThreadIndex()
    index.prune(DAY + timedelta(days=3), into=dormant)
    assert "t1" not in index.sum_arrays.sums and "t1" not in index.members
    assert "t1" not in index.meaning_sums and "t1" not in index.actor_sums
    assert "t1" not in index.latest
    assert dormant.members["t1"] == {"s1", "s2", "s3"}  # handed to the dormant storylines
    assert dormant.sum_arrays.sums["t1"]["kursk"] == pytest.approx(0.8)
