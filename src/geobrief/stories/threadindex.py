"""The recent stories that a new story may join as a thread, and their threads' sums.

``ThreadIndex`` holds the stories of the thread window with an inverted index over their
top terms, each thread's summed terms and countries, and (with ``thread_embeddings``)
each thread's summed story embeddings; ``stories/online.py`` decides the links.
"""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import datetime

import numpy as np

from geobrief.analyse.features import COUNTRY_PREFIX
from geobrief.stories.cluster import cosine, dot, norm_of, strongest
from geobrief.stories.threadsums import RecentStories, ThreadSums


def unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def country_terms(vector: dict[str, float]) -> dict[str, float]:
    """The country terms (``@XX``) of a vector."""
    return {t: w for t, w in vector.items() if t.startswith(COUNTRY_PREFIX)}


def _add_into(total: dict[str, float], vector: dict[str, float], sign: float) -> None:
    for term, weight in vector.items():
        left = total.get(term, 0.0) + sign * weight
        if abs(left) > 1e-12:
            total[term] = left
        else:
            total.pop(term, None)


class ThreadIndex:
    """Recent stories for thread linking, with an inverted index over their top terms so a
    new story is compared in full only with the few that share its strongest terms.

    Each thread also accumulates the vectors of its recent stories: the names and terms
    that recur over its life gain weight, the incidental terms of one story fade, so a
    story that resembles the thread as a whole joins it even when it resembles none of
    the thread's stories enough on its own."""

    PROBE_TERMS = 20
    SHORTLIST = 12
    # A thread's sum is a broader target than one story: its cosine counts for less, so
    # a thread that has absorbed many stories does not draw in every neighbouring topic.
    THREAD_WEIGHT = 0.8

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, datetime, dict[str, float]]] = {}
        self.stories = RecentStories()  # the stories' vectors as term postings
        self.order: deque[tuple[datetime, str]] = deque()
        self.sum_arrays = ThreadSums()  # each thread's sum, also as term postings
        self.members: dict[str, set[str]] = defaultdict(set)
        self.countries: dict[str, dict[str, float]] = {}  # each thread's summed @-terms
        self.latest: dict[str, datetime] = {}  # each thread's latest story, by first date
        # with thread_embeddings: each story's unit embedding, each thread's sum of them
        self.meanings: dict[str, np.ndarray] = {}
        self.meaning_sums: dict[str, np.ndarray] = {}
        # each story's key actors (its top anchors, analyse/anchors.py), each thread's sum
        self.actors: dict[str, dict[str, float]] = {}
        self.actor_sums: dict[str, dict[str, float]] = {}

    def add(self, story: str, thread: str, first: datetime, vector: dict[str, float],
            meaning: np.ndarray | None = None, actors: dict[str, float] | None = None) -> None:
        known = self.entries.get(story)
        if actors is not None:
            replaced_actors = self.actors.get(story)
            if replaced_actors is not None and known is not None:
                _add_into(self.actor_sums.setdefault(known[0], {}), replaced_actors, -1.0)
            self.actors[story] = actors
            _add_into(self.actor_sums.setdefault(thread, {}), actors, 1.0)
        replaced = self.meanings.pop(story, None)
        if replaced is not None and known is not None:  # added again, as its terms below
            self.meaning_sums[known[0]] = self.meaning_sums[known[0]] - replaced
        if meaning is not None:
            self.meanings[story] = meaning
            held_sum = self.meaning_sums.get(thread)
            self.meaning_sums[thread] = meaning if held_sum is None else held_sum + meaning
        if known is not None:  # added again: its new vector replaces the old
            self.stories.remove(story, known[2])
        self.entries[story] = (thread, first, vector)
        self.stories.add(story, vector)
        self.order.append((first, story))
        self.sum_arrays.add(thread, vector)
        self.members[thread].add(story)
        held = self.countries.setdefault(thread, {})
        for term, weight in country_terms(vector).items():
            held[term] = held.get(term, 0.0) + weight
        self.latest[thread] = max(first, self.latest.get(thread, first))

    def prune(self, before: datetime, into: ThreadIndex | None = None) -> None:
        """Forget the stories first published before ``before``; with ``into``, hand
        them to that index (the dormant storylines) first."""
        leaving = []
        while self.order and self.order[0][0] < before:
            _first, story = self.order.popleft()
            entry = self.entries.get(story)
            if into is not None and entry is not None:
                thread, first, vector = entry
                into.add(story, thread, first, vector, self.meanings.get(story),
                         self.actors.get(story))
            leaving.append(story)
        self.discard(*leaving)

    def discard(self, *stories: str) -> None:
        """Forget stories (pruned, or merged into another before their time). Each thread
        they leave has its sums rebuilt once from the stories it keeps, however many left
        it: the result of taking them out one by one, for one rebuild."""
        left: dict[str, list[bool]] = {}  # thread -> [had embeddings, had actors]
        for story in stories:
            entry = self.entries.pop(story, None)
            if entry is None:
                continue
            self.stories.remove(story, entry[2])
            thread = entry[0]
            self.members[thread].discard(story)
            flags = left.setdefault(thread, [False, False])
            flags[0] |= self.meanings.pop(story, None) is not None
            flags[1] |= self.actors.pop(story, None) is not None
        for thread, (meaning, actors) in left.items():
            self._rebuild(thread)
            if meaning:
                self._rebuild_meaning(thread)
            if actors:
                self._rebuild_actors(thread)

    def _rebuild_actors(self, thread: str) -> None:
        """A thread's sum of actors, from the stories it holds."""
        total: dict[str, float] = {}
        for other in sorted(self.members.get(thread, ())):
            if other in self.actors:
                _add_into(total, self.actors[other], 1.0)
        if total:
            self.actor_sums[thread] = total
        else:
            self.actor_sums.pop(thread, None)

    def actor_cosine(self, thread: str, actors: dict[str, float]) -> float:
        """How alike a story's key actors (a normalised anchor vector) are to those its
        thread's recent stories name."""
        theirs = self.actor_sums.get(thread, {})
        norms = norm_of(actors) * norm_of(theirs)
        return dot(actors, theirs) / norms if norms else 0.0

    def _rebuild_meaning(self, thread: str) -> None:
        """A thread's sum of embeddings, from the stories it holds."""
        held = [self.meanings[s] for s in sorted(self.members.get(thread, ()))
                if s in self.meanings]
        if held:
            self.meaning_sums[thread] = np.sum(held, axis=0)
        else:
            self.meaning_sums.pop(thread, None)

    def closest_by_meaning(self, meaning: np.ndarray) -> tuple[float, str] | None:
        """The thread whose stories' mean embedding is closest to ``meaning`` (a unit
        vector), as (cosine, thread), or None when no held thread has embeddings. Ties
        go to the higher thread id, as in ``best_two``."""
        if not self.meaning_sums:
            return None
        names = sorted(self.meaning_sums)
        sums = np.stack([self.meaning_sums[t] for t in names])
        norms = np.linalg.norm(sums, axis=1)
        cosines = (sums @ meaning) / np.where(norms > 0, norms, 1.0)
        return max(zip(cosines.tolist(), names, strict=True))

    def _rebuild(self, thread: str) -> None:
        """A thread's sum of terms, from the stories it holds (rebuilt rather than a
        leaving story subtracted: no drift, and the sum's terms in the order they have)."""
        total: dict[str, float] = {}
        for other in sorted(self.members[thread]):
            for term, weight in self.entries[other][2].items():
                total[term] = total.get(term, 0.0) + weight
        self.sum_arrays.replace(thread, total)
        self.countries[thread] = country_terms(total)
        if self.members[thread]:
            self.latest[thread] = max(self.entries[s][1] for s in self.members[thread])
        if not total:
            del self.members[thread]
            del self.countries[thread]
            self.latest.pop(thread, None)

    def country_cosine(self, thread: str, mine: dict[str, float]) -> float:
        """How alike the countries a story names (``mine``, its ``country_terms``) are to
        those its thread's stories name."""
        theirs = self.countries.get(thread, {})
        norms = norm_of(mine) * norm_of(theirs)
        return dot(mine, theirs) / norms if norms else 0.0

    def best_two(self, vector: dict[str, float], first: datetime, earliest: datetime,
                 probe: list[tuple[str, float]] | None = None
                 ) -> tuple[tuple[float, str] | None, tuple[float, str] | None]:
        """The closest candidate thread and the runner-up, each as (score, thread) or None
        when there is none. A thread's score is the cosine of its most similar story
        first published in [earliest, first] (stories are linked in (first, id) order, so
        one published at the same time that is already held came before), or
        ``THREAD_WEIGHT`` times the cosine with the thread's sum when that is higher; the
        candidates are those threads and every thread whose sum holds one of the vector's
        strongest terms (``probe``, when given, is ``strongest(vector, PROBE_TERMS)``).
        Ties rank by thread id, higher first. A thread scored only by its sum is among the
        first two only when fewer than two others score more, so only the ``len(found) +
        2`` best sum scores (with ties) are kept."""
        found, chosen, weighted = self._candidates(vector, first, earliest, probe)
        keep = len(found) + 2
        if len(weighted) > keep:
            cut = np.partition(weighted, len(weighted) - keep)[len(weighted) - keep]
            top = weighted >= cut
            chosen, weighted = chosen[top], weighted[top]
        thread_at = self.sum_arrays.thread_at
        for thread, score in zip([thread_at[s] for s in chosen.tolist()], weighted.tolist(),
                                 strict=True):
            found[thread] = max(found.get(thread, 0.0), score)
        ranked = sorted(((v, t) for t, v in found.items()), reverse=True)[:2]
        return (ranked[0] if ranked else None, ranked[1] if len(ranked) > 1 else None)

    def _candidates(self, vector: dict[str, float], first: datetime, earliest: datetime,
                    probe: list[tuple[str, float]] | None = None
                    ) -> tuple[dict[str, float], np.ndarray, np.ndarray]:
        """The shortlisted stories' threads with their best story cosine, and the thread
        slots scored by their sums with those cosines times ``THREAD_WEIGHT``."""
        if probe is None:
            probe = strongest(vector, self.PROBE_TERMS)
        found: dict[str, float] = {}
        for story in self.stories.top(probe, self.SHORTLIST):
            thread, other_first, terms = self.entries[story]
            if earliest <= other_first <= first:
                found[thread] = max(found.get(thread, 0.0), cosine(vector, terms))
        chosen, similarities = self.sum_arrays.cosines(vector, {t for t, _w in probe},
                                                       list(found))
        return found, chosen, similarities * self.THREAD_WEIGHT
