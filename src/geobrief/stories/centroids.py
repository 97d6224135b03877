"""Story centroids with today's term weights, computed in numpy.

At each flush every story that gained an article is written with its centroid under the
current term weights, which change with every batch. Recomputing each member's vector
as a dict (``OnlineClusterer.vector``) and summing them made a big story cost its whole
membership in Python at every flush. Here each member's terms are kept as arrays of term
ids and raw weights, and a centroid is a few numpy operations over them.

The arithmetic is that of ``normalise(sum of normalise({t: w * idf[t]}))`` over the
members in order: the same products and quotients, each member's squared norm and each
term's total summed in input order by ``np.bincount`` (as the plain loops added them),
the terms in the order they first came, and the term weights from ``math.log`` as
``vector`` computes them. So the centroids are equal to the bit.
"""

from __future__ import annotations

import math
from collections import Counter
from operator import itemgetter

import numpy as np


class Centroids:
    """Members' terms as arrays of term ids and weights, and the centroids built from
    them under the term weights of a given document count."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # row id: (ids, weights)
        self.idf = np.empty(1024, dtype=np.float64)
        self.known = np.zeros(1024, dtype=bool)  # which idf entries hold the current weight
        self.known_at = -1  # the document count they were computed at

    def add(self, row_id: int, terms: dict[str, float]) -> None:
        """Keep a member's terms (as analysed, before term weighting)."""
        ids = self.ids
        for term in terms:
            if term not in ids:
                ids[term] = len(self.terms)
                self.terms.append(term)
        self.rows[row_id] = (
            np.fromiter(map(ids.__getitem__, terms), dtype=np.int64, count=len(terms)),
            np.fromiter(terms.values(), dtype=np.float64, count=len(terms)))

    def forget(self, row_id: int) -> None:
        self.rows.pop(row_id, None)

    def _weights(self, ids: np.ndarray, df: Counter[str], documents: int) -> np.ndarray:
        """Each term's weight ``log((n + 1) / (df + 1)) + 1`` at ``documents`` documents,
        computed by ``math.log`` once per term and document count."""
        if len(self.known) < len(self.terms):
            size = 2 * len(self.terms)
            self.idf = np.concatenate([self.idf, np.empty(size - len(self.idf))])
            self.known = np.concatenate([self.known, np.zeros(size - len(self.known),
                                                              dtype=bool)])
        if self.known_at != documents:
            self.known[:] = False
            self.known_at = documents
        missing = np.unique(ids[~self.known[ids]])
        if len(missing):
            terms, n = self.terms, documents
            self.idf[missing] = [math.log((n + 1) / (df[terms[i]] + 1)) + 1.0
                                 for i in missing.tolist()]
            self.known[missing] = True
        return self.idf[ids]

    def centroid(self, row_ids: list[int], df: Counter[str], documents: int
                 ) -> tuple[np.ndarray, np.ndarray]:
        """The normalised sum of the members' normalised weighted vectors: term ids in
        the order they first came, and their weights."""
        arrays = [self.rows[r] for r in row_ids]
        if not arrays:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        ids = np.concatenate([a[0] for a in arrays])
        counts = np.fromiter((len(a[0]) for a in arrays), dtype=np.int64, count=len(arrays))
        member = np.repeat(np.arange(len(arrays)), counts)
        weighted = np.concatenate([a[1] for a in arrays]) * self._weights(ids, df, documents)
        norms = np.sqrt(np.bincount(member, weights=weighted * weighted,
                                    minlength=len(arrays)))
        norms[norms == 0.0] = 1.0
        vectors = weighted / norms[member]
        terms, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
        order = np.argsort(first)
        totals = np.bincount(inverse, weights=vectors, minlength=len(terms))[order]
        squares = np.bincount(np.zeros(len(totals), dtype=np.int64),
                              weights=totals * totals, minlength=1)
        norm = math.sqrt(float(squares[0])) or 1.0
        return terms[order], totals / norm

    def as_dict(self, ids: np.ndarray, weights: np.ndarray) -> dict[str, float]:
        if not len(ids):
            return {}
        names = itemgetter(*ids.tolist())(self.terms)
        if len(ids) == 1:
            names = (names,)
        return dict(zip(names, weights.tolist(), strict=True))

    def strongest(self, ids: np.ndarray, weights: np.ndarray, n: int) -> dict[str, float]:
        """``dict(strongest(as_dict(ids, weights), n))``: the n heaviest terms, ties by
        term, sorting only those that weigh at least the n-th heaviest weight."""
        if len(weights) > n:
            cut = np.partition(weights, len(weights) - n)[len(weights) - n]
            chosen = weights >= cut
            ids, weights = ids[chosen], weights[chosen]
        terms = self.terms
        pairs = sorted(zip([terms[i] for i in ids.tolist()], weights.tolist(), strict=True),
                       key=lambda kv: (-kv[1], kv[0]))
        return dict(pairs[:n])
