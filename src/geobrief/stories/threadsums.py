"""Thread sums held as term postings, so a story is scored against every thread at once.

``ThreadIndex.best_two`` compares a new story with every recent thread that shares one of
its strongest terms, which at scale is most of them, and big threads hold thousands of
terms. Converting each thread's whole sum to arrays whenever a story joined it made a
join cost the thread's size; here each term keeps the threads whose sum holds it and
the summed weights (as ``StoryIndex`` keeps stories), so a join costs the story's terms
and scoring costs the postings of the vector's terms.

The cosines are those of ``cosine(vector, normalise(total))``, computed with the same
quotients and products and summed in the same order: ``cosine`` walks the vector's terms
in its order when the sum has at least as many terms, else the sum's terms in the sum's
order (each entry keeps its term's rank in the sum for that), and ``np.bincount`` adds
each thread's products in input order, as the plain loop did. So they are equal to the
bit.
"""

from __future__ import annotations

import math
from array import array

import numpy as np

from geobrief.stories.cluster import (
    Postings,
    floats,
    ints,
    joined_floats,
    joined_ints,
)

_DEAD = 0  # the slot of entries whose term left a thread's sum; never alive


def squares_norm(values: np.ndarray) -> float:
    """``norm_of`` a dict holding these values in this order: ``np.cumsum`` adds them in
    order from the first, as ``sum`` does from 0 (0 + x == x for the squares)."""
    if not len(values):
        return 0.0
    return math.sqrt(float(np.cumsum(values * values)[-1]))


class SumPostings:
    """One term's threads (as slots), each thread's summed weight for the term and the
    term's rank in the thread's sum, in growable arrays (as ``Postings``). Entries of
    removed threads and of terms that left a sum stay until they are half the list
    (``dead`` counts them)."""

    __slots__ = ("slots", "weights", "ranks", "dead")

    def __init__(self) -> None:
        self.slots = array("q")
        self.weights = array("d")
        self.ranks = array("q")
        self.dead = 0

    def append(self, slot: int, weight: float, rank: int) -> int:
        """Add an entry and return its position."""
        slots = self.slots
        slots.append(slot)
        self.weights.append(weight)
        self.ranks.append(rank)
        return len(slots) - 1


class ThreadSums:
    """Each recent thread's sum of story vectors: as a dict (``sums``, in the order its
    terms first came) and as term postings with the sum's norm and size per thread slot."""

    def __init__(self) -> None:
        self.sums: dict[str, dict[str, float]] = {}
        self.postings: dict[str, SumPostings] = {}
        self.slot_of: dict[str, int] = {}
        self.thread_at: list[str] = [""]  # slot _DEAD
        self.places: list[dict[str, int] | None] = [None]  # slot: {term: postings position}
        # slot: the sum's weights in its order, for the norm (a big thread holds thousands
        # of terms, and a join recomputed the norm over all of them in Python)
        self.values: list[np.ndarray | None] = [None]
        self.norms = np.ones(64, dtype=np.float64)
        self.sizes = np.zeros(64, dtype=np.int64)
        self.alive = np.zeros(64, dtype=bool)

    def _slot(self, thread: str) -> int:
        slot = self.slot_of.get(thread)
        if slot is not None:
            return slot
        slot = len(self.thread_at)
        if slot == len(self.alive):
            self.norms = np.concatenate([self.norms, np.ones(slot)])
            self.sizes = np.concatenate([self.sizes, np.zeros(slot, dtype=np.int64)])
            self.alive = np.concatenate([self.alive, np.zeros(slot, dtype=bool)])
        self.slot_of[thread] = slot
        self.thread_at.append(thread)
        self.places.append({})
        self.values.append(np.empty(0, dtype=np.float64))
        self.alive[slot] = True
        return slot

    def add(self, thread: str, vector: dict[str, float]) -> None:
        """Add a story's vector to its thread's sum."""
        slot = self._slot(thread)
        total = self.sums.setdefault(thread, {})
        places, values = self.places[slot], self.values[slot]
        assert places is not None and values is not None
        postings = self.postings
        fresh: list[float] = []
        ranks: list[int] = []
        totals: list[float] = []
        for term, weight in vector.items():
            position = places.get(term)
            if position is None:
                rank = len(total)
                total[term] = weight  # 0.0 + weight
                held = postings.get(term)
                if held is None:
                    held = postings[term] = SumPostings()
                places[term] = held.append(slot, weight, rank)
                fresh.append(weight)
            else:
                value = total[term] + weight
                total[term] = value
                held = postings[term]
                held.weights[position] = value
                ranks.append(held.ranks[position])
                totals.append(value)
        if fresh:
            values = self.values[slot] = np.concatenate([values, fresh])
        if ranks:
            values[ranks] = totals
        self.norms[slot] = squares_norm(values) or 1.0
        self.sizes[slot] = len(total)

    def replace(self, thread: str, total: dict[str, float]) -> None:
        """Set a thread's sum to ``total`` (rebuilt after a story left), or drop the thread
        when it is empty."""
        slot = self.slot_of.get(thread)
        if slot is None:
            if total:
                self.add(thread, total)
            return
        places = self.places[slot]
        assert places is not None
        postings = self.postings
        if not total:
            del self.sums[thread], self.slot_of[thread]
            self.alive[slot] = False
            self.places[slot] = self.values[slot] = None
            for term in places:
                self._kill(term, postings[term])
            return
        for term in places.keys() - total.keys():
            postings[term].slots[places.pop(term)] = _DEAD
            self._kill(term, postings[term])
        for rank, (term, weight) in enumerate(total.items()):
            position = places.get(term)
            if position is None:
                held = postings.get(term)
                if held is None:
                    held = postings[term] = SumPostings()
                places[term] = held.append(slot, weight, rank)
            else:
                postings[term].weights[position] = weight
                postings[term].ranks[position] = rank
        self.sums[thread] = total
        values = self.values[slot] = np.fromiter(total.values(), dtype=np.float64,
                                                 count=len(total))
        self.norms[slot] = squares_norm(values) or 1.0
        self.sizes[slot] = len(total)

    def _kill(self, term: str, held: SumPostings) -> None:
        """Count a dead entry; drop the dead entries once they are half the list."""
        held.dead += 1
        if 2 * held.dead < len(held.slots):
            return
        live = self.alive[ints(held.slots)]
        if not live.any():
            del self.postings[term]
            return
        held.slots = array("q", ints(held.slots)[live].tobytes())
        held.weights = array("d", floats(held.weights)[live].tobytes())
        held.ranks = array("q", ints(held.ranks)[live].tobytes())
        held.dead = 0
        places = self.places
        for position, slot in enumerate(held.slots):
            place = places[slot]
            assert place is not None
            place[term] = position

    def cosines(self, vector: dict[str, float], probe: set[str], extra: list[str]
                ) -> tuple[np.ndarray, np.ndarray]:
        """The candidate threads: those whose sum holds a term of ``probe`` (a subset of
        the vector's terms) and those of ``extra`` that have a sum, as slots in slot
        order, and ``cosine(vector, normalise(sum))`` for each."""
        postings = self.postings
        helds = [(held, value, term in probe) for term, value in vector.items()
                 if (held := postings.get(term)) is not None]
        n = len(self.alive)
        candidate = np.zeros(n, dtype=bool)
        for thread in extra:
            at = self.slot_of.get(thread)
            if at is not None:
                candidate[at] = True
        if not helds:
            chosen = np.flatnonzero(candidate)
            return chosen, np.zeros(len(chosen), dtype=np.float64)
        every = joined_ints([held.slots for held, _v, _p in helds])
        counts = [len(held.slots) for held, _v, _p in helds]
        term_at = np.repeat(np.arange(len(counts)), counts)  # the vector's terms, in order
        candidate[every[np.array([p for _h, _v, p in helds])[term_at]]] = True
        candidate &= self.alive  # entries of removed threads and terms point to dead slots
        keep = candidate[every]
        slot, term_at = every[keep], term_at[keep]
        products = (joined_floats([held.weights for held, _v, _p in helds])[keep]
                    / self.norms[slot] * np.array([v for _h, v, _p in helds])[term_at])
        # walk the vector (its terms in its order, as concatenated) when the sum has at
        # least as many terms, else the sum's terms in the sum's order; the terms that
        # one of them does not share with the other add 0.0, which changes no sum
        by_sum = self.sizes[slot] < len(vector)
        scores = np.zeros(n)  # each thread's sum comes from one bincount, + 0.0
        scores += np.bincount(slot[~by_sum], weights=products[~by_sum], minlength=n)
        if by_sum.any():
            rank = joined_ints([held.ranks for held, _v, _p in helds])[keep][by_sum]
            slot, products = slot[by_sum], products[by_sum]
            order = np.lexsort((rank, slot))
            scores += np.bincount(slot[order], weights=products[order], minlength=n)
        chosen = np.flatnonzero(candidate)
        return chosen, scores[chosen]


class RecentStories:
    """The recent stories' vectors as term postings (story slots and weights, see
    ``Postings``), so the stories sharing a new story's strongest terms are shortlisted
    in a few numpy operations rather than a Python loop over every posting."""

    def __init__(self) -> None:
        self.postings: dict[str, Postings] = {}
        self.slot_of: dict[str, int] = {}
        self.story_at: list[str] = []
        self.alive = np.zeros(64, dtype=bool)

    def add(self, story: str, vector: dict[str, float]) -> None:
        slot = len(self.story_at)
        if slot == len(self.alive):
            self.alive = np.concatenate([self.alive, np.zeros(slot, dtype=bool)])
        self.slot_of[story] = slot
        self.story_at.append(story)
        self.alive[slot] = True
        postings = self.postings
        for term, weight in vector.items():
            held = postings.get(term)
            if held is None:
                held = postings[term] = Postings()
            held.append(slot, weight)

    def remove(self, story: str, vector: dict[str, float]) -> None:
        """Forget a story (``vector`` as added); entries go once they are half a list."""
        slot = self.slot_of.pop(story, None)
        if slot is None:
            return
        self.alive[slot] = False
        postings = self.postings
        for term in vector:
            held = postings[term]
            held.dead += 1
            if 2 * held.dead >= len(held.slots):
                live = self.alive[ints(held.slots)]
                if not live.any():
                    del postings[term]
                    continue
                held.keep(live)

    def top(self, probe: list[tuple[str, float]], n: int) -> list[str]:
        """The n stories with the highest ``partial[s]`` (ties by story id), where
        ``partial[s]`` sums, over the probe's (term, weight) pairs in order, weight times
        story s's weight for the term: the same products added in the same order as a loop
        over the postings (``np.bincount`` adds in input order)."""
        postings = self.postings
        helds = [(held, weight) for term, weight in probe
                 if (held := postings.get(term)) is not None]
        if not helds:
            return []
        slot = joined_ints([held.slots for held, _w in helds])
        # weight times each story's weight for the term, as ``weight * weights`` per term
        parts = (np.repeat(np.array([w for _h, w in helds]), [len(h.slots) for h, _w in helds])
                 * joined_floats([held.weights for held, _w in helds]))
        live = self.alive[slot]
        slot = slot[live]
        hit = np.zeros(len(self.alive), dtype=bool)
        hit[slot] = True
        candidates = np.flatnonzero(hit)
        partial = np.bincount(slot, weights=parts[live],
                              minlength=len(self.alive))[candidates]
        if len(partial) > n:
            cut = np.partition(partial, len(partial) - n)[len(partial) - n]
            chosen = partial >= cut
            candidates, partial = candidates[chosen], partial[chosen]
        story_at = self.story_at
        ranked = sorted(zip(partial.tolist(), [story_at[s] for s in candidates.tolist()],
                            strict=True), key=lambda vs: (-vs[0], vs[1]))
        return [story for _v, story in ranked[:n]]
