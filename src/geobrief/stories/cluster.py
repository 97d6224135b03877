"""Online clustering of articles into stories: TF-IDF cosine against story centroids.

An inverted index from term to stories keeps each assignment proportional to the
article's terms, not to the number of stories. Articles are taken in (published, url)
order, so the result does not depend on the order they arrived in within a batch.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import repeat
from operator import mul

import numpy as np

PROBE_TERMS = 25  # an article's strongest terms used to shortlist stories
SHORTLIST = 20  # stories scored on all terms


# The helpers below add and multiply in the same order as the plain loops they replace (so
# the results are bit for bit the same); map() only moves the loop into C.


def norm_of(vector: dict[str, float]) -> float:
    return math.sqrt(sum(map(mul, vector.values(), vector.values())))


def normalise(vector: dict[str, float]) -> dict[str, float]:
    norm = norm_of(vector) or 1.0
    return {t: v / norm for t, v in vector.items()}


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Sum over the terms of ``a``, in its order, of a's weight times b's."""
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def strongest(vector: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The n heaviest (term, weight) pairs, ties by term: ``sorted(vector.items(),
    key=lambda kv: (-kv[1], kv[0]))[:n]``, sorting only the pairs that weigh at least the
    n-th heaviest weight."""
    if len(vector) > 2 * n:
        values = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
        cut = float(np.partition(values, len(values) - n)[len(values) - n])
        return sorted([kv for kv in vector.items() if kv[1] >= cut],
                      key=lambda kv: (-kv[1], kv[0]))[:n]
    return sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def top_scored(scores: dict[str, float], n: int) -> list[str]:
    """``sorted(scores, key=lambda s: (-scores[s], s))[:n]`` without sorting them all: only
    the keys scoring at least the n-th highest score can be among the first n."""
    if len(scores) > 4 * n:
        values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
        cut = np.partition(values, len(values) - n)[len(values) - n]
        keys = list(scores)
        chosen = [keys[i] for i in np.flatnonzero(values >= cut).tolist()]
        return sorted(chosen, key=lambda s: (-scores[s], s))[:n]
    return sorted(scores, key=lambda s: (-scores[s], s))[:n]


def tfidf(terms: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    return normalise({t: w * idf.get(t, 1.0) for t, w in terms.items()})


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return dot(a, b)


@dataclass
class StoryIndex:
    """Story centroids (sums of member vectors) with an inverted index over their terms."""

    window: timedelta
    max_span: timedelta = timedelta(days=3)
    centroids: dict[str, dict[str, float]] = field(default_factory=dict)
    norms: dict[str, float] = field(default_factory=dict)
    last: dict[str, datetime] = field(default_factory=dict)
    first: dict[str, datetime] = field(default_factory=dict)
    # term: {story: the story's centroid}, so a probe reads a weight without another lookup
    postings: dict[str, dict[str, dict[str, float]]] = field(
        default_factory=lambda: defaultdict(dict))

    def add(self, story: str, vector: dict[str, float], published: datetime) -> None:
        centroid = self.centroids.setdefault(story, {})
        for term, weight in vector.items():
            if term not in centroid:
                self.postings[term][story] = centroid
            centroid[term] = centroid.get(term, 0.0) + weight
        self.norms[story] = norm_of(centroid) or 1.0
        self.last[story] = max(published, self.last.get(story, published))
        self.first[story] = min(published, self.first.get(story, published))

    def best(self, vector: dict[str, float], published: datetime) -> tuple[str | None, float]:
        """The most similar story still active at ``published``, and its cosine.

        Stories are shortlisted by the article's strongest terms (a story that shares none
        of them cannot be the most similar in practice), then scored on all terms."""
        earliest = published - self.window
        oldest = published - self.max_span
        centroids, norms = self.centroids, self.norms
        partial: dict[str, float] = defaultdict(float)
        for term, weight in strongest(vector, PROBE_TERMS):
            for story, centroid in self.postings.get(term, {}).items():
                partial[story] += weight * centroid[term] / norms[story]
        last, first = self.last, self.first  # closed stories wait in the index for a prune
        partial = {s: v for s, v in partial.items() if last[s] >= earliest and first[s] >= oldest}
        best: tuple[str | None, float] = (None, 0.0)
        for story in sorted(top_scored(partial, SHORTLIST)):
            score = dot(vector, centroids[story]) / norms[story]
            if score > best[1]:
                best = (story, score)
        return best

    def remove(self, story: str) -> None:
        """Forget a story that can no longer grow (its window or span has passed)."""
        for term in self.centroids.pop(story, {}):
            holders = self.postings.get(term)
            if holders is not None:
                holders.pop(story, None)
                if not holders:
                    del self.postings[term]
        self.norms.pop(story, None)
        self.last.pop(story, None)
        self.first.pop(story, None)

    def expired(self, now: datetime) -> list[str]:
        """Stories that no article published at or after ``now`` may join."""
        return [s for s in self.last
                if self.last[s] < now - self.window or self.first[s] < now - self.max_span]

    def vector(self, story: str) -> dict[str, float]:
        norm = self.norms[story]
        return {t: w / norm for t, w in self.centroids[story].items()}
