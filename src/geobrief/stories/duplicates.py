"""Near-duplicate detection: MinHash signatures bucketed by LSH bands, verified by estimate.

A wire copy or light rewrite attaches to its origin: the earliest article it matches.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from geobrief.analyse.features import N_PERM, similarity

ROWS = 2
BANDS = N_PERM // ROWS
_BAND = np.dtype(np.uint64)  # ROWS uint32 values of a signature (ROWS * 4 = 8 bytes)
assert _BAND.itemsize == ROWS * 4


@dataclass
class DuplicateIndex:
    threshold: float

    def __post_init__(self) -> None:
        # one table per band: the band's values (ROWS uint32s read as one integer) -> ids
        self.tables: list[dict[int, list[int]]] = [{} for _band in range(BANDS)]
        self.signatures: dict[int, bytes] = {}
        self.origin: dict[int, int] = {}
        self.order: deque[tuple[datetime, int]] = deque()  # (published, id), oldest first

    @staticmethod
    def _keys(signature: bytes) -> list[int]:
        """Each band's bytes as one integer (equal exactly when the bytes are), band by band."""
        return np.frombuffer(signature, dtype=_BAND).tolist()

    def add(self, article_id: int, signature: bytes, origin: int | None = None,
            published: datetime | None = None) -> int | None:
        """Index an article (in publication order); return the origin it copies, if any."""
        keys = self._keys(signature)
        if origin is None:
            origin = self._match(signature, keys)
        self.signatures[article_id] = signature
        if origin is not None:
            self.origin[article_id] = origin
        for table, key in zip(self.tables, keys, strict=True):
            bucket = table.get(key)
            if bucket is None:
                table[key] = [article_id]
            else:
                bucket.append(article_id)
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
            for table, key in zip(self.tables, self._keys(signature), strict=True):
                bucket = table.get(key)
                if bucket is not None:
                    bucket.remove(article_id)
                    if not bucket:
                        del table[key]

    def match(self, signature: bytes) -> int | None:
        return self._match(signature, self._keys(signature))

    def _match(self, signature: bytes, keys: list[int]) -> int | None:
        candidates: set[int] = set().union(
            *[b for b in map(dict.get, self.tables, keys) if b])
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
