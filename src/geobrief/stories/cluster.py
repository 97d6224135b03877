"""Online clustering of articles into stories: TF-IDF cosine against story centroids.

An inverted index from term to stories keeps each assignment proportional to the
article's terms, not to the number of stories. Articles are taken in (published, url)
order, so the result does not depend on the order they arrived in within a batch.
"""

from __future__ import annotations

import math
from array import array
from datetime import UTC, datetime, timedelta
from itertools import repeat
from operator import mul

import numpy as np

PROBE_TERMS = 25  # an article's strongest terms used to shortlist stories
SHORTLIST = 20  # stories scored on all terms
BOUND_SLACK = 1e-6  # far above any rounding difference between a bound and a cosine
BATCH_FROM = 2  # shortlisted stories that can win above which they are scored at once
ENTRIES_PER_LOOKUP = 10  # postings entries read in numpy in the time of one dict lookup


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
    n-th heaviest weight. The pairs are sorted as (-weight, term) tuples, compared in C
    (terms are distinct, and negating a weight twice gives it back exactly)."""
    if len(vector) > 2 * n:
        values = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
        cut = float(np.partition(values, len(values) - n)[len(values) - n])
        keyed = [(-w, t) for t, w in vector.items() if w >= cut]
    else:
        keyed = [(-w, t) for t, w in vector.items()]
    keyed.sort()
    return [(t, -w) for w, t in keyed[:n]]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return dot(a, b)


_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)


def instant(moment: datetime) -> int:
    """Microseconds since 1970 (in UTC when aware): ordered as the datetimes are."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment - _EPOCH) // _MICROSECOND


class Postings:
    """One term's stories (as slots) and each story's centroid weight for the term, in
    growable arrays (``array.array``: appending is a C call, not a numpy item write) that
    a probe reads as numpy arrays without copying (``ints``, ``floats``), so it scores
    them all in a few numpy operations. Entries of removed stories stay until they are
    half the list and the term is next used (``dead`` counts them; see
    ``StoryIndex.remove``)."""

    __slots__ = ("slots", "weights", "dead")

    def __init__(self) -> None:
        self.slots = array("q")
        self.weights = array("d")
        self.dead = 0

    def append(self, slot: int, weight: float) -> int:
        """Add an entry and return its position."""
        slots = self.slots
        slots.append(slot)
        self.weights.append(weight)
        return len(slots) - 1

    def keep(self, live: np.ndarray) -> None:
        """Keep only the entries where ``live`` is true."""
        self.slots = array("q", ints(self.slots)[live].tobytes())
        self.weights = array("d", floats(self.weights)[live].tobytes())
        self.dead = 0


def ints(values: array) -> np.ndarray:
    """A numpy view of an ``array("q")`` (the array cannot grow while the view lives)."""
    return np.frombuffer(values, dtype=np.int64)


def floats(values: array) -> np.ndarray:
    """A numpy view of an ``array("d")`` (the array cannot grow while the view lives)."""
    return np.frombuffer(values, dtype=np.float64)


def joined_ints(parts: list[array]) -> np.ndarray:
    """``array("q")``s concatenated in order, as a (read-only) numpy array: one copy in C
    rather than a view per part and ``np.concatenate``."""
    return np.frombuffer(b"".join(parts), dtype=np.int64)


def joined_floats(parts: list[array]) -> np.ndarray:
    """``array("d")``s concatenated in order, as a (read-only) numpy array."""
    return np.frombuffer(b"".join(parts), dtype=np.float64)


class StoryIndex:
    """Story centroids (sums of member vectors) with an inverted index over their terms.

    Each story has a slot, an index into arrays of its norm and dates; each term's postings
    hold slots and centroid weights as arrays (see ``Postings``). A probe computes the
    same products and quotients as a loop over the postings would, and sums each story's
    in the same order (``np.bincount`` adds in input order), so scores are the same to
    the bit."""

    def __init__(self, window: timedelta, max_span: timedelta = timedelta(days=3)) -> None:
        self.window = window
        self.max_span = max_span
        self.centroids: dict[str, dict[str, float]] = {}
        self.norms: dict[str, float] = {}
        self.last: dict[str, datetime] = {}
        self.first: dict[str, datetime] = {}
        self.postings: dict[str, Postings] = {}
        self.slot_of: dict[str, int] = {}
        self.story_at: list[str] = []
        self.places: list[dict[str, int] | None] = []  # slot: {term: position in postings}
        self.slot_norms = np.empty(64, dtype=np.float64)
        self.slot_last = np.empty(64, dtype=np.int64)
        self.slot_first = np.empty(64, dtype=np.int64)
        self.alive = np.zeros(64, dtype=bool)
        self.pick = np.full(64, -1, dtype=np.int64)  # see ``similarities``

    def _slot(self, story: str) -> int:
        slot = self.slot_of.get(story)
        if slot is not None:
            return slot
        slot = len(self.story_at)
        if slot == len(self.alive):
            self.slot_norms = np.concatenate([self.slot_norms, np.empty(slot)])
            self.slot_last = np.concatenate([self.slot_last, np.empty(slot, dtype=np.int64)])
            self.slot_first = np.concatenate([self.slot_first,
                                              np.empty(slot, dtype=np.int64)])
            self.alive = np.concatenate([self.alive, np.zeros(slot, dtype=bool)])
            self.pick = np.concatenate([self.pick, np.full(slot, -1, dtype=np.int64)])
        self.slot_of[story] = slot
        self.story_at.append(story)
        self.places.append({})
        self.alive[slot] = True
        return slot

    def add(self, story: str, vector: dict[str, float], published: datetime) -> None:
        slot = self._slot(story)
        centroid = self.centroids.setdefault(story, {})
        places = self.places[slot]
        assert places is not None
        postings = self.postings
        for term, weight in vector.items():
            position = places.get(term)
            if position is None:
                centroid[term] = weight  # 0.0 + weight
                held = postings.get(term)
                if held is not None and 2 * held.dead >= len(held.slots):
                    held = self._compact(term, held)  # the story has no entry there yet
                if held is None:
                    held = postings[term] = Postings()
                places[term] = held.append(slot, weight)
            else:
                total = centroid[term] + weight
                centroid[term] = total
                postings[term].weights[position] = total
        norm = self.norms[story] = norm_of(centroid) or 1.0
        last = self.last[story] = max(published, self.last.get(story, published))
        first = self.first[story] = min(published, self.first.get(story, published))
        self.slot_norms[slot] = norm
        self.slot_last[slot] = instant(last)
        self.slot_first[slot] = instant(first)

    def best(self, vector: dict[str, float], published: datetime, floor: float = 0.0
             ) -> tuple[str | None, float]:
        """The most similar story still active at ``published``, and its cosine; or
        (None, 0.0) when none reaches ``floor`` (a caller that founds a story below a
        threshold passes it, so hopeless candidates are not scored in full).

        Stories are shortlisted by the article's strongest terms (a story that shares none
        of them cannot be the most similar in practice), then scored on all terms: the
        first of the shortlist by id with the highest cosine wins. A full score is taken
        only for stories that can still win: the probe terms' part of a cosine plus what
        the other terms can add at most (Cauchy-Schwarz: the norm of the article's other
        weights times that of the story's) bounds it, so the winner and its score are
        those of scoring the whole shortlist."""
        postings, norms = self.postings, self.slot_norms
        probe = strongest(vector, PROBE_TERMS)
        helds: list[tuple[Postings, float]] = []
        for term, weight in probe:
            found = postings.get(term)
            if found is not None and 2 * found.dead >= len(found.slots):
                found = self._compact(term, found)
            if found is not None:
                helds.append((found, weight))
        if not helds:
            return (None, 0.0)
        counts = [len(held.slots) for held, _w in helds]
        at = joined_ints([held.slots for held, _w in helds])
        weights = joined_floats([held.weights for held, _w in helds])
        # closed stories wait in the index for a prune; removed ones wait in postings
        keep = (self.alive[at] & (self.slot_last[at] >= instant(published - self.window))
                & (self.slot_first[at] >= instant(published - self.max_span)))
        at, weights = at[keep], weights[keep]
        if not len(at):
            return (None, 0.0)
        probe_weights = np.repeat(np.array([w for _held, w in helds]), counts)[keep]
        divisors = norms[at]
        share = weights / divisors
        # each story's sums add its entries in input order, as a loop over the postings;
        # counted from the lowest open slot, as slots are never reused (the open stories
        # are the recent ones, a small part of all slots at scale)
        low = int(at.min())
        bins = at - low
        partial_all = np.bincount(bins, weights=probe_weights * weights / divisors)
        square_all = np.bincount(bins, weights=share * share)
        present = np.flatnonzero(np.bincount(bins))
        candidates = present + low
        partial, held_square = partial_all[present], square_all[present]
        if len(partial) > SHORTLIST:
            cut = np.partition(partial, len(partial) - SHORTLIST)[len(partial) - SHORTLIST]
            chosen = partial >= cut
            candidates, partial, held_square = (candidates[chosen], partial[chosen],
                                                held_square[chosen])
        probed = {t for t, _w in probe}
        others = [w for t, w in vector.items() if t not in probed]
        rest = math.sqrt(sum(map(mul, others, others)))
        bounds = (partial + rest
                  * np.sqrt(np.maximum(1.0 - held_square, 0.0)) + BOUND_SLACK)
        story_at = self.story_at
        slots = candidates.tolist()
        ranked = sorted(zip(partial.tolist(), [story_at[s] for s in slots], bounds.tolist(),
                            slots, strict=True),
                        key=lambda vs: (-vs[0], vs[1]))[:SHORTLIST]
        return self._winner(vector, sorted(ranked, key=lambda vsb: -vsb[2]), floor)

    def _winner(self, vector: dict[str, float], ranked: list[tuple[float, str, float, int]],
                floor: float) -> tuple[str | None, float]:
        """The first by id of the shortlist's stories (``ranked`` as (partial, story, bound,
        slot), highest bound first) with the highest cosine, scoring only those whose
        bound can still win. When more than ``BATCH_FROM`` of them reach ``floor``, their
        cosines are computed at once (``similarities``) unless that would read many more
        postings entries than scoring them one by one looks up terms; the same values."""
        hopeful = [r[3] for r in ranked if r[2] >= floor]  # a prefix: bounds descend
        scores = self.similarities(vector, hopeful) if len(hopeful) > BATCH_FROM else None
        best: tuple[str | None, float] = (None, 0.0)
        need = floor
        for i, (_partial, story, bound, _slot) in enumerate(ranked):
            if bound < need or bound <= best[1]:
                break  # neither this story nor any after it (bounded lower) can win
            score = scores[i] if scores is not None else self.similarity(vector, story)
            if score > best[1] or (score == best[1] and best[0] is not None
                                   and story < best[0]):
                best = (story, score)
        if best[0] is not None and best[1] < floor:
            return (None, 0.0)
        return best

    def remove(self, story: str) -> None:
        """Forget a story that can no longer grow (its window or span has passed)."""
        slot = self.slot_of.pop(story, None)
        centroid = self.centroids.pop(story, {})
        self.norms.pop(story, None)
        self.last.pop(story, None)
        self.first.pop(story, None)
        if slot is None:
            return
        self.alive[slot] = False
        self.places[slot] = None
        # a term's postings are compacted when next probed or joined once half of them
        # are dead (so a prune does not re-place the live entries of every term of every
        # story it drops), and dropped here when all of them are
        postings = self.postings
        for term in centroid:
            held = postings[term]
            held.dead += 1
            if held.dead >= len(held.slots):
                del postings[term]

    def _compact(self, term: str, held: Postings) -> Postings | None:
        """Drop the entries of removed stories from a term's postings (and the postings
        when none is left); return what is left."""
        live = self.alive[ints(held.slots)]
        if not live.any():
            del self.postings[term]
            return None
        held.keep(live)
        places = self.places
        for position, slot in enumerate(held.slots):
            place = places[slot]
            assert place is not None
            place[term] = position
        return held

    def similarity(self, vector: dict[str, float], story: str) -> float:
        """The cosine of a (normalised) vector with a held story's centroid."""
        return dot(vector, self.centroids[story]) / self.norms[story]

    def similarities(self, vector: dict[str, float], slots: list[int]) -> list[float] | None:
        """``similarity(vector, story)`` for the held stories at these (distinct) slots, from
        the postings of all the vector's terms: each story's products are added in the
        vector's order by ``np.bincount`` as ``dot`` adds them (a term the story lacks adds
        0.0 there, which changes no sum), then divided by its norm, so to the bit. None
        when the postings hold more than ``ENTRIES_PER_LOOKUP`` entries per dictionary
        lookup that ``similarity`` would take for the same stories (common terms in a
        dense store), when one by one is faster."""
        postings = self.postings
        helds = [(held, weight) for term, weight in vector.items()
                 if (held := postings.get(term)) is not None]
        if not helds:
            return [0.0] * len(slots)
        counts = [len(held.slots) for held, _w in helds]
        if sum(counts) > ENTRIES_PER_LOOKUP * len(slots) * len(vector):
            return None
        at = joined_ints([held.slots for held, _w in helds])
        pick = self.pick  # -1, or a slot's place among ``slots`` during this call
        pick[slots] = np.arange(len(slots))
        place = pick[at]
        pick[slots] = -1
        hit = place >= 0
        term_at = np.repeat(np.arange(len(helds)), counts)
        products = (np.array([w for _held, w in helds])[term_at[hit]]
                    * joined_floats([held.weights for held, _w in helds])[hit])
        sums = np.bincount(place[hit], weights=products, minlength=len(slots))
        return (sums / self.slot_norms[slots]).tolist()

    def is_open(self, story: str, at: datetime) -> bool:
        """Whether an article published at ``at`` may still join the story (it is held,
        its last report within the window and its first within the span)."""
        last, first = self.last.get(story), self.first.get(story)
        return last is not None and first is not None \
            and last >= at - self.window and first >= at - self.max_span

    def expired(self, now: datetime) -> list[str]:
        """Stories that no article published at or after ``now`` may join."""
        last_before, first_before = now - self.window, now - self.max_span
        first = self.first
        return [s for s, last in self.last.items()
                if last < last_before or first[s] < first_before]
