"""Near-duplicate detection: MinHash signatures bucketed by LSH bands, verified by estimate.

A wire copy or light rewrite attaches to its origin: the earliest article it matches.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from geobrief.analyse.features import N_PERM, similarity

ROWS = 2
BANDS = N_PERM // ROWS


@dataclass
class DuplicateIndex:
    threshold: float

    def __post_init__(self) -> None:
        self.buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
        self.signatures: dict[int, bytes] = {}
        self.origin: dict[int, int] = {}

    def _keys(self, signature: bytes) -> list[tuple[int, bytes]]:
        step = ROWS * 4
        return [(band, signature[band * step : (band + 1) * step]) for band in range(BANDS)]

    def add(self, article_id: int, signature: bytes, origin: int | None = None) -> int | None:
        """Index an article (in publication order); return the origin it copies, if any."""
        if origin is None:
            origin = self.match(signature)
        self.signatures[article_id] = signature
        if origin is not None:
            self.origin[article_id] = origin
        for key in self._keys(signature):
            self.buckets[key].append(article_id)
        return origin

    def match(self, signature: bytes) -> int | None:
        candidates: set[int] = set()
        for key in self._keys(signature):
            candidates.update(self.buckets.get(key, ()))
        best: tuple[float, int] | None = None
        for candidate in sorted(candidates):
            score = similarity(signature, self.signatures[candidate])
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, candidate)
        if best is None:
            return None
        return self.origin.get(best[1], best[1])
