"""Headlines as a second piece of evidence that two reports tell one event.

Outlets that report one event tell it in different words over the full text (a wire
report, an explainer, a reaction piece), but their headlines name the same few things:
"Equifax", "breach", "2.5 million". On Giveme5W1H, of the pairs of articles published
within three days of each other, a full-text cosine of 0.3 finds 39 % of the pairs of one
event and no pair of two events; "or a headline cosine of at least 0.2 while the full
texts agree at least 0.15" finds 70 %, still with no pair of two events. In the clusterer
(where an article meets story centroids, not single articles) the defaults, 0.25 and 0.2,
raise Giveme5W1H story recall with precision kept; lower gates let Timeline17's stand-in
headlines (each text's first sentence, with datelines and bylines) join unrelated stories.
Figures in docs/evaluation.md.

A story keeps the sum of its members' headline vectors, indexed by term; an article whose
full text is not close enough to any story may still join the story whose headlines are
close to its own, when the full texts are not far apart.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from geobrief.analyse.features import STOPWORDS, words


def headline_counts(title: str) -> dict[str, float]:
    """Sublinear counts of a headline's words, filtered as article terms are."""
    counts = Counter(w for w in words(title)
                     if w not in STOPWORDS and len(w) > 2 and not w[0].isdigit())
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


class HeadlineIndex:
    """Each story's sum of member headline vectors, with an inverted index over terms."""

    def __init__(self) -> None:
        self.sums: dict[str, dict[str, float]] = {}
        self.norms: dict[str, float] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)

    def add(self, story: str, vector: dict[str, float]) -> None:
        if not vector:
            return
        total = self.sums.setdefault(story, {})
        for term, weight in vector.items():
            if term not in total:
                self.postings[term].add(story)
            total[term] = total.get(term, 0.0) + weight
        self.norms[story] = math.sqrt(sum(w * w for w in total.values())) or 1.0

    def remove(self, story: str) -> None:
        for term in self.sums.pop(story, {}):
            holders = self.postings.get(term)
            if holders is not None:
                holders.discard(story)
                if not holders:
                    del self.postings[term]
        self.norms.pop(story, None)

    def similar(self, vector: dict[str, float], at_least: float) -> list[tuple[float, str]]:
        """Stories whose headlines have a cosine of at least ``at_least`` with ``vector``
        (a normalised headline vector), most similar first, ties by story id."""
        partial: dict[str, float] = defaultdict(float)
        for term in sorted(vector):
            weight = vector[term]
            for story in self.postings.get(term, ()):
                partial[story] += weight * self.sums[story][term]
        scored = [(value / self.norms[story], story) for story, value in partial.items()]
        return sorted((s for s in scored if s[0] >= at_least), key=lambda s: (-s[0], s[1]))
