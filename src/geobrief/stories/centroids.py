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


class StoryTerms:
    """One story's terms in the order they first came (as the index's centroid holds
    them) and, per member, its terms' positions in that order, raw weights and weights
    as placed (its vector when it arrived)."""

    __slots__ = ("order", "order_ids", "position", "sizes", "member", "positions", "raw",
                 "placed")

    def __init__(self) -> None:
        self.order: list[int] = []  # term ids
        self.position: dict[str, int] = {}
        self.order_ids = np.empty(0, dtype=np.int64)  # ``order`` as an array, as of its use
        self.sizes: list[int] = []  # each member's count of terms
        self.member = np.empty(0, dtype=np.int64)  # each entry's member, as of its use
        # these three are lists of per-member arrays, concatenated in order when used
        self.positions: list[np.ndarray] = []
        self.raw: list[np.ndarray] = []
        self.placed: list[np.ndarray] = []


class Centroids:
    """Each story's members as arrays (see ``StoryTerms``), and the centroids and member
    similarities computed from them."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.stories: dict[str, StoryTerms] = {}
        self.idf = np.empty(1024, dtype=np.float64)
        self.known = np.zeros(1024, dtype=bool)  # which idf entries hold the current weight
        self.known_at = -1  # the document count they were computed at

    def add(self, story: str, terms: dict[str, float], vector: dict[str, float]) -> None:
        """Keep a member's terms (as analysed) and its vector as placed (same terms)."""
        ids, names = self.ids, self.terms
        held = self.stories.get(story)
        if held is None:
            held = self.stories[story] = StoryTerms()
        position, order = held.position, held.order
        for term in terms:
            if term not in position:
                position[term] = len(order)
                term_id = ids.get(term)
                if term_id is None:
                    term_id = ids[term] = len(names)
                    names.append(term)
                order.append(term_id)
        count = len(terms)
        held.sizes.append(count)
        held.positions.append(np.fromiter(map(position.__getitem__, terms), dtype=np.int64,
                                          count=count))
        held.raw.append(np.fromiter(terms.values(), dtype=np.float64, count=count))
        held.placed.append(np.fromiter(vector.values(), dtype=np.float64, count=count))

    def forget(self, story: str) -> None:
        self.stories.pop(story, None)

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
            # (n + 1) / (df + 1) of integers below 2 ** 53 is the same quotient in numpy;
            # the logarithm is math.log's, as OnlineClusterer.vector takes it
            counts = np.fromiter(map(df.__getitem__, map(self.terms.__getitem__,
                                                         missing.tolist())),
                                 dtype=np.float64, count=len(missing))
            quotients = (documents + 1) / (counts + 1.0)
            self.idf[missing] = np.fromiter(map(math.log, quotients.tolist()),
                                            dtype=np.float64, count=len(missing)) + 1.0
            self.known[missing] = True
        return self.idf[ids]

    def centroid(self, story: str, df: Counter[str], documents: int
                 ) -> tuple[np.ndarray, np.ndarray]:
        """The normalised sum of the members' normalised weighted vectors: term ids in
        the order they first came, and their weights."""
        held = self.stories[story]
        if not held.order:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        order = _grown(held)
        at, member, counts = _folded(held.positions), _members(held), len(held.sizes)
        # each distinct term weighed once, then spread over the entries (the same gather)
        weighted = _folded(held.raw) * self._weights(order, df, documents)[at]
        norms = np.sqrt(np.bincount(member, weights=weighted * weighted, minlength=counts))
        norms[norms == 0.0] = 1.0
        totals = np.bincount(at, weights=weighted / norms[member], minlength=len(order))
        squares = np.bincount(np.zeros(len(totals), dtype=np.int64),
                              weights=totals * totals, minlength=1)
        norm = math.sqrt(float(squares[0])) or 1.0
        return order, totals / norm

    def similarities(self, story: str, centroid: dict[str, float], norm: float
                     ) -> list[float]:
        """``cosine(vector, {t: w / norm for t, w in centroid.items()})`` for each member's
        vector as placed, ``centroid`` holding the story's terms in their first order: a
        member holds no more terms than the centroid, so cosine walks the member's."""
        held = self.stories[story]
        if not held.positions:
            return []
        values = np.fromiter(centroid.values(), dtype=np.float64, count=len(centroid))
        values = values / norm
        at, member = _folded(held.positions), _members(held)
        return np.bincount(member, weights=_folded(held.placed) * values[at],
                           minlength=len(held.sizes)).tolist()

    def as_dict(self, ids: np.ndarray, weights: np.ndarray) -> dict[str, float]:
        if not len(ids):
            return {}
        names = itemgetter(*ids.tolist())(self.terms)
        if len(ids) == 1:
            names = (names,)
        return dict(zip(names, weights.tolist(), strict=True))

    def strongest(self, ids: np.ndarray, weights: np.ndarray, n: int) -> dict[str, float]:
        """``dict(strongest(as_dict(ids, weights), n))``: the n heaviest terms, ties by
        term. Sorted by weight in numpy; by (weight, term) in Python only when two of the
        weights that count are equal."""
        if len(weights) > n:
            cut = np.partition(weights, len(weights) - n)[len(weights) - n]
            chosen = weights >= cut
            ids, weights = ids[chosen], weights[chosen]
        order = np.argsort(-weights, kind="stable")
        ranked = weights[order]
        terms = self.terms
        if len(ranked) > 1 and not (ranked[1:] != ranked[:-1]).all():
            # (-weight, term) tuples sort as the key (-weight, term) does: terms are distinct
            keyed = sorted(zip((-weights).tolist(), [terms[i] for i in ids.tolist()],
                               weights.tolist(), strict=True))
            return {term: weight for _key, term, weight in keyed[:n]}
        order = order[:n]
        return self.as_dict(ids[order], ranked[:n])


def _folded(parts: list[np.ndarray]) -> np.ndarray:
    """The parts concatenated in order; the list is left holding just that, so a story's
    members are not concatenated again at every flush."""
    if len(parts) > 1:
        parts[:] = [np.concatenate(parts)]
    return parts[0]


def _grown(held: StoryTerms) -> np.ndarray:
    """``held.order`` as an array, extended by the terms that came since its last use."""
    known = len(held.order_ids)
    if known < len(held.order):
        held.order_ids = np.concatenate([held.order_ids,
                                         np.array(held.order[known:], dtype=np.int64)])
    return held.order_ids


def _members(held: StoryTerms) -> np.ndarray:
    """Each entry's member (its index among the story's members), for the entries of all
    members so far."""
    known = len(held.member)
    total = sum(held.sizes)
    if known < total:
        done = int(np.searchsorted(np.cumsum(held.sizes), known, side="right"))
        sizes = held.sizes[done:]
        held.member = np.concatenate([held.member, np.repeat(
            np.arange(done, done + len(sizes), dtype=np.int64), sizes)])
    return held.member
