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

PROBE_TERMS = 25  # an article's strongest terms used to shortlist stories
SHORTLIST = 20  # stories scored on all terms


def normalise(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def tfidf(terms: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    return normalise({t: w * idf.get(t, 1.0) for t, w in terms.items()})


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@dataclass
class StoryIndex:
    """Story centroids (sums of member vectors) with an inverted index over their terms."""

    window: timedelta
    max_span: timedelta = timedelta(days=3)
    centroids: dict[str, dict[str, float]] = field(default_factory=dict)
    norms: dict[str, float] = field(default_factory=dict)
    last: dict[str, datetime] = field(default_factory=dict)
    first: dict[str, datetime] = field(default_factory=dict)
    postings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, story: str, vector: dict[str, float], published: datetime) -> None:
        centroid = self.centroids.setdefault(story, {})
        for term, weight in vector.items():
            if term not in centroid:
                self.postings[term].add(story)
            centroid[term] = centroid.get(term, 0.0) + weight
        self.norms[story] = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
        self.last[story] = max(published, self.last.get(story, published))
        self.first[story] = min(published, self.first.get(story, published))

    def best(self, vector: dict[str, float], published: datetime) -> tuple[str | None, float]:
        """The most similar story still active at ``published``, and its cosine.

        Stories are shortlisted by the article's strongest terms (a story that shares none
        of them cannot be the most similar in practice), then scored on all terms."""
        earliest = published - self.window
        oldest = published - self.max_span
        probe = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:PROBE_TERMS]
        partial: dict[str, float] = defaultdict(float)
        for term, weight in probe:
            for story in self.postings.get(term, ()):
                if self.last[story] >= earliest and self.first[story] >= oldest:
                    partial[story] += weight * self.centroids[story][term] / self.norms[story]
        shortlist = sorted(partial, key=lambda s: (-partial[s], s))[:SHORTLIST]
        best: tuple[str | None, float] = (None, 0.0)
        for story in sorted(shortlist):
            centroid = self.centroids[story]
            score = sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / self.norms[story]
            if score > best[1]:
                best = (story, score)
        return best

    def remove(self, story: str) -> None:
        """Forget a story that can no longer grow (its window or span has passed)."""
        for term in self.centroids.pop(story, {}):
            holders = self.postings.get(term)
            if holders is not None:
                holders.discard(story)
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
