"""Near-duplicate detection: MinHash signatures bucketed by LSH bands, verified by estimate.

A wire copy or light rewrite attaches to its origin: the earliest article it matches.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import datetime

import numpy as np

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
        self.order: deque[tuple[datetime, int]] = deque()  # (published, id), oldest first

    def _keys(self, signature: bytes) -> list[tuple[int, bytes]]:
        step = ROWS * 4
        return [(band, signature[band * step : (band + 1) * step]) for band in range(BANDS)]

    def add(self, article_id: int, signature: bytes, origin: int | None = None,
            published: datetime | None = None) -> int | None:
        """Index an article (in publication order); return the origin it copies, if any."""
        if origin is None:
            origin = self.match(signature)
        self.signatures[article_id] = signature
        if origin is not None:
            self.origin[article_id] = origin
        for key in self._keys(signature):
            self.buckets[key].append(article_id)
        if published is not None:
            self.order.append((published, article_id))
        return origin

    def prune(self, before: datetime) -> None:
        """Forget articles published before ``before``: a copy comes within days, and
        boilerplate pages months apart are not copies of each other."""
        while self.order and self.order[0][0] < before:
            _published, article_id = self.order.popleft()
            signature = self.signatures.pop(article_id, None)
            self.origin.pop(article_id, None)
            if signature is None:
                continue
            for key in self._keys(signature):
                bucket = self.buckets.get(key)
                if bucket is not None:
                    bucket.remove(article_id)
                    if not bucket:
                        del self.buckets[key]

    def match(self, signature: bytes) -> int | None:
        candidates: set[int] = set()
        for key in self._keys(signature):
            candidates.update(self.buckets.get(key, ()))
        if not candidates:
            return None
        if len(candidates) == 1:
            (best,) = candidates
            if similarity(signature, self.signatures[best]) < self.threshold:
                return None
        else:  # the share of equal values, as ``similarity`` has it, for all at once
            ordered = sorted(candidates)
            others = np.frombuffer(b"".join(self.signatures[c] for c in ordered),
                                   dtype=np.uint32).reshape(len(ordered), -1)
            equal = (others == np.frombuffer(signature, dtype=np.uint32)).sum(axis=1)
            first_best = int(np.argmax(equal))  # the earliest id among the most similar
            if float(equal[first_best]) / others.shape[1] < self.threshold:
                return None
            best = ordered[first_best]
        return self.origin.get(best, best)
