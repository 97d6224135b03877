"""Cosines of one story's vector with many thread sums in a few numpy operations.

``ThreadIndex.scores`` compares a new story with every recent thread that shares one of
its strongest terms, which at scale is most of them; one Python dot product per thread
was most of the clustering time. The cosines here are those of
``cosine(vector, normalise(total))``, computed with the same quotients and products and
summed in the same order (``np.bincount`` adds each row's values in input order, as the
plain loop did), so they are equal to the bit.
"""

from __future__ import annotations

import numpy as np

from geobrief.stories.cluster import norm_of


class ThreadSums:
    """Each thread sum as arrays of term ids and normalised weights, in the sum's order,
    built when a thread is first scored after its sum changed."""

    def __init__(self) -> None:
        self.term_ids: dict[str, int] = {}
        self.arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def forget(self, thread: str) -> None:
        """Drop a thread's arrays (its sum changed or went)."""
        self.arrays.pop(thread, None)

    def _ids(self, terms: dict[str, float]) -> np.ndarray:
        ids, get = self.term_ids, self.term_ids.setdefault
        return np.fromiter((get(t, len(ids)) for t in terms), dtype=np.int64, count=len(terms))

    def _arrays(self, thread: str, total: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        known = self.arrays.get(thread)
        if known is None:
            norm = norm_of(total) or 1.0
            weights = np.fromiter(total.values(), dtype=np.float64, count=len(total)) / norm
            known = self.arrays[thread] = (self._ids(total), weights)
        return known

    def cosines(self, vector: dict[str, float], threads: list[str],
                sums: dict[str, dict[str, float]]) -> list[float]:
        """``cosine(vector, normalise(sums[t]))`` for each thread ``t`` (its sum not empty).

        ``cosine`` walks the shorter of the two: the vector's terms in its order when the
        sum has at least as many terms, else the sum's terms in the sum's order."""
        if not threads:
            return []
        query = self._ids(vector)
        values = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
        arrays = [self._arrays(t, sums[t]) for t in threads]
        sizes = np.fromiter((len(ids) for ids, _w in arrays), dtype=np.int64,
                            count=len(arrays))
        ids = np.concatenate([a[0] for a in arrays])
        weights = np.concatenate([a[1] for a in arrays])
        rows = np.repeat(np.arange(len(arrays)), sizes)
        dense = np.zeros(len(self.term_ids), dtype=np.float64)
        dense[query] = values
        position = np.full(len(self.term_ids), -1, dtype=np.int64)
        position[query] = np.arange(len(query))
        by_sum = (sizes < len(vector))[rows]  # walk the sum: every term, in its order
        scores = np.zeros(len(arrays))  # each row gets its sum from one bincount, + 0.0
        scores += np.bincount(rows[by_sum], weights=weights[by_sum] * dense[ids[by_sum]],
                             minlength=len(arrays))
        # walk the vector: its terms that the sum holds (the others add 0.0), in its order
        at = position[ids]
        hit = ~by_sum & (at >= 0)
        hit_rows, hit_at, hit_weights = rows[hit], at[hit], weights[hit]
        order = np.lexsort((hit_at, hit_rows))
        scores += np.bincount(hit_rows[order],
                              weights=values[hit_at[order]] * hit_weights[order],
                              minlength=len(arrays))
        return [float(x) for x in scores.tolist()]
