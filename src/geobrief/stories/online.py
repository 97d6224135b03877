"""The online clusterer: places each new article into a story (or founds one) without
recomputing the rest, links new stories to threads, and writes what it placed.

It keeps in memory only what a new article can still meet: stories within the story
window and span, signatures within the copy window, and the recent stories of the thread
window. A process that ingests continuously keeps one clusterer between batches, so adding
an article costs its own terms, not the size of the store; ``update_stories`` builds one
from the store when none is given. Articles are placed in (published, url) order, so a
batch gives the same result whatever order its articles arrived in.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice, repeat
from operator import mul, truediv
from typing import Any

import numpy as np

from geobrief.analyse.anchors import specific_actors
from geobrief.models import LinkRule
from geobrief.settings import Settings
from geobrief.store import Store
from geobrief.store.placing import save_placement
from geobrief.stories.anchors import AnchorIndex
from geobrief.stories.centroids import Centroids
from geobrief.stories.cluster import StoryIndex, normalise, strongest
from geobrief.stories.duplicates import DuplicateIndex
from geobrief.stories.headlines import HeadlineIndex, headline_counts
from geobrief.stories.situations import continues_situation
from geobrief.stories.threadindex import ThreadIndex, country_terms, unit

DUPLICATE_WINDOW = timedelta(days=4)
PRUNE_EVERY = timedelta(hours=1)
THREAD_TERMS = 150  # terms kept of a story's centroid for thread linking (as stored)
STORY_ACTORS = 30  # anchors kept of a story for thread linking (as stored)


@dataclass
class Row:
    id: int
    url: str
    title: str
    published: datetime
    terms: dict[str, float]
    minhash: bytes
    origin_id: int | None
    story_id: str | None
    meaning: np.ndarray | None = None  # the article's sentence embedding, when made
    language: str = ""  # two-letter code (``analyse.anchors.language_of``); "" unknown
    anchors: dict[str, float] = field(default_factory=dict)  # see analyse/anchors.py


@dataclass
class Placement:
    row: Row
    story: str
    score: float
    stored_origin: int | None = None  # the article's origin_id as read, before placing


@dataclass(frozen=True)
class ThreadLink:
    """Why a new story joined an existing thread: the rule that took it (``LINK_RULES``)
    and the thread's similarity score; stored with the story so a reader of ``geobrief
    stories`` (or an evaluation) can see how each link was made."""

    thread: str
    rule: LinkRule
    score: float


# the thread-link rules of ``OnlineClusterer._linked_thread``, in the order they are tried,
# "meaning", the only rule when ``thread_embeddings`` is on (``_meaning_link``), and
# "storyline", to a storyline quiet for longer than the thread window (``_storyline_link``)
LINK_RULES = tuple(LinkRule)


def short_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode()).hexdigest()[:12]


def own_thread(story: str) -> str:
    """The id of the thread a story begins when it joins none (``s-abc`` -> ``t-abc``)."""
    return "t-" + story[2:]


class OnlineClusterer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.window = timedelta(hours=settings.story_window_hours)
        self.span = timedelta(days=settings.story_max_days)
        self.thread_span = timedelta(days=settings.thread_window_days)
        self.storyline_span = timedelta(days=max(settings.storyline_window_days,
                                                 settings.thread_window_days))
        self.thread_live = timedelta(days=settings.thread_live_days)
        self.index = StoryIndex(self.window, self.span)
        self.headlines = HeadlineIndex()
        self.anchors = AnchorIndex()
        self.anchor_df: Counter[str] = Counter()
        self.duplicates = DuplicateIndex(settings.duplicate_threshold)
        self.df: Counter[str] = Counter()
        self.documents = 0
        self.members: dict[str, list[tuple[Row, dict[str, float]]]] = {}
        self.meaning_of: dict[str, np.ndarray] = {}  # each story's sum of member embeddings
        self.story_of: dict[int, str] = {}
        self.thread_of: dict[str, str] = {}
        self.link_of: dict[str, ThreadLink] = {}  # new stories that joined a thread, until written
        self.recent = ThreadIndex()
        self.dormant = ThreadIndex()  # stories past the thread window, within the storyline's
        self.pending: list[Placement] = []
        self.new_stories: list[str] = []
        # threads a new story joined at the last flush, when due a new name: named again
        # each time their recent stories have doubled since this process last named them,
        # so a long storyline is named a few times, not at every story (naming reads and
        # compares its titles)
        self.grown_threads: set[str] = set()
        self.named_at: dict[str, int] = {}
        self.pruned_at: datetime | None = None
        self._idf: dict[str, float] = {}  # term weights at self._idf_at documents
        self._idf_at = -1
        self.arrays = Centroids()  # members' terms as arrays, for centroid_now
        # centroid_now as arrays and as a dict, until the flush
        self._centroids: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._centroid_dicts: dict[str, dict[str, float]] = {}
        self._strongest: dict[str, dict[str, float]] = {}

    # --- state ---------------------------------------------------------------------------

    def vector(self, terms: dict[str, float]) -> dict[str, float]:
        idf = self._idf
        if self._idf_at != self.documents:  # weights change only when documents are counted
            idf.clear()
            self._idf_at = self.documents
        missing = [t for t in terms if t not in idf]
        if missing:
            n, df = self.documents + 1, self.df
            idf.update(zip(missing, [math.log(n / (df[t] + 1)) + 1.0 for t in missing],
                           strict=True))
        # normalise({t: w * idf[t] for t, w in terms.items()}), its loops in C
        weighted = list(map(mul, terms.values(), map(idf.__getitem__, terms)))
        norm = math.sqrt(sum(map(mul, weighted, weighted))) or 1.0
        return dict(zip(terms, map(truediv, weighted, repeat(norm)), strict=True))

    def count(self, row: Row) -> None:
        self.df.update(row.terms.keys())
        self.anchor_df.update(row.anchors.keys())
        self.documents += 1

    def anchor_vector(self, anchors: dict[str, float]) -> dict[str, float]:
        """An article's anchors weighted by rarity (as ``vector`` weighs terms), normalised."""
        n, df = self.documents + 1, self.anchor_df
        weighted = {t: w * (math.log(n / (df[t] + 1)) + 1.0) for t, w in anchors.items()}
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        return {t: w / norm for t, w in weighted.items()}

    def remember(self, context: list[Row],
                 recent: list[tuple[str, str, datetime, dict, np.ndarray | None,
                                   dict[str, float] | None]]) -> None:
        """Take in already placed articles (with their stories) and recent stories (id,
        thread, first published, terms and unit embedding or None)."""
        for row in context:
            self.count(row)
        for row in context:
            story = row.story_id or ""
            self.duplicates.add(row.id, row.minhash, row.origin_id, row.published)
            self.story_of[row.id] = story
            self._join(story, row, self.vector(row.terms))
        for story_id, thread, first, terms, meaning, actors in recent:
            self.recent.add(story_id, thread, first, terms, meaning, actors)
            self.thread_of[story_id] = thread

    def _join(self, story: str, row: Row, vector: dict[str, float],
              title: dict[str, float] | None = None) -> None:
        self.index.add(story, vector, row.published)
        if self.settings.story_headline_threshold > 0:
            self.headlines.add(story, title if title is not None
                               else self.vector(headline_counts(row.title)))
        self.members.setdefault(story, []).append((row, vector))
        self.anchors.add_report(story, self.anchor_vector(row.anchors), row.language)
        self.arrays.add(story, row.terms, vector)
        if row.meaning is not None:
            held = self.meaning_of.get(story)
            self.meaning_of[story] = row.meaning if held is None else held + row.meaning

    # --- placing -----------------------------------------------------------------------------

    def place(self, rows: list[Row]) -> list[Placement]:
        """Place a batch (in publication order). Term weights count the whole batch first,
        so every article of a batch is weighed alike."""
        for row in rows:
            self.count(row)
        return [self.add(row, counted=True) for row in rows]

    def add(self, row: Row, counted: bool = False) -> Placement:
        """Place one article (articles must come in publication order)."""
        self._maybe_prune(row.published)
        if not counted:
            self.count(row)
        vector = self.vector(row.terms)
        title: dict[str, float] | None = None  # the headline's vector, once computed
        stored_origin = row.origin_id
        row.origin_id = self.duplicates.add(row.id, row.minhash, published=row.published)
        if row.origin_id is not None and row.origin_id in self.story_of \
                and self.story_of[row.origin_id] in self.members:
            story, score = self.story_of[row.origin_id], 1.0
        else:
            best, score = self.index.best(vector, row.published,
                                          self.settings.story_threshold)
            if (best is None or score < self.settings.story_threshold) \
                    and self.settings.story_headline_threshold > 0:
                title = self.vector(headline_counts(row.title))
                best, score = self._by_headline(row, vector, title)
            if best is not None and self._elsewhere(row, best):
                best = None  # words alike, places apart: another event of the same kind
            if best is None and self.settings.story_anchor_threshold > 0:
                best, score = self._by_anchors(row)
            if best is None:
                best, score = short_id("s-", row.url), 1.0
                self.new_stories.append(best)
            story = best
        self.story_of[row.id] = story
        self._join(story, row, vector, title)
        placement = Placement(row, story, score, stored_origin)
        self.pending.append(placement)
        return placement

    def _by_headline(self, row: Row, vector: dict[str, float], title: dict[str, float]
                     ) -> tuple[str | None, float]:
        """The story whose headlines are closest to the article's (``title``, its headline
        vector), among the stories it may still join whose full text agrees with it at
        least ``story_headline_gate`` (see ``stories/headlines.py``); its full-text cosine
        is the placement's score."""
        settings, index = self.settings, self.index
        for _similarity, story in self.headlines.similar(title, settings.story_headline_threshold):
            if not index.is_open(story, row.published):
                continue
            full = index.similarity(vector, story)
            if full >= settings.story_headline_gate:
                return (story, full)
        return (None, 0.0)

    def _elsewhere(self, row: Row, story: str) -> bool:
        """Whether a report names countries and the story's reports name others only (with
        ``story_country_veto``): two reports of one event name its place, while reports of
        two events of one kind ("two people are killed when a crane collapses") share
        their words and not their countries."""
        if not self.settings.story_country_veto:
            return False
        mine = {t for t in row.anchors if t.startswith("@")}
        theirs = {t for t in self.anchors.sums.get(story, {}) if t.startswith("@")}
        return bool(mine) and bool(theirs) and not mine & theirs

    def _by_anchors(self, row: Row) -> tuple[str | None, float]:
        """For a report in a language none of a story's reports is in: the open story
        whose anchors (countries, figures, names) are closest to the report's, at a cosine
        of at least ``story_anchor_threshold`` with at least ``story_anchor_min_shared``
        anchors in common (see ``stories/anchors.py``). Within one language words decide:
        anchors there join neighbouring events of one war (the demo's troop reports, its
        treaty ratification and first clashes all name Russia, North Korea, Kursk and
        the same estimates). The placement's score is the anchor cosine."""
        settings, index = self.settings, self.index
        if not row.anchors or self.anchors.all_in(row.language):
            return (None, 0.0)
        for match in self.anchors.matches(self.anchor_vector(row.anchors), row.language,
                                          settings.story_anchor_min_shared):
            if match.score < settings.story_anchor_threshold:
                break
            if match.cross_language and index.is_open(match.story, row.published):
                return (match.story, match.score)
        return (None, 0.0)

    def _rejoin_singletons(self) -> list[str]:
        """Give each story founded by one report in this batch a second chance, now that
        the batch's later reports have grown the other stories: it joins the open story
        whose centroid is now closest, at the same ``story_threshold``, as it would have
        had that story's reports come first ("What the treaty means for Japan" arrives
        before the two analyses of the treaty that make the story's vocabulary its own).
        Copies and stories of several reports stay as they are. Run after the batch's
        threads are chosen, so a move changes no thread decision (on the demo, moving
        before them let a grown story pull a neighbouring crisis into its thread: thread
        F1 0.839 -> 0.691). Returns the stories given up."""
        if not self.settings.story_rejoin:
            return []
        placed = {p.row.id: p for p in self.pending}
        kept: list[str] = []
        for story in self.new_stories:
            members = self.members.get(story, [])
            if len(members) != 1 or members[0][0].origin_id is not None \
                    or members[0][0].id not in placed:
                kept.append(story)
                continue
            row, vector = members[0]
            self.index.remove(story)
            best, score = self.index.best(vector, row.published, self.settings.story_threshold)
            if best is None or not self._would_hold(best, row.published):
                self.index.add(story, vector, row.published)
                kept.append(story)
                continue
            self._forget_story(story)
            self.story_of[row.id] = best
            self._join(best, row, vector)
            placed[row.id].story, placed[row.id].score = best, score
        moved = [s for s in self.new_stories if s not in kept]
        self.new_stories = kept
        return moved

    def _would_hold(self, story: str, published: datetime) -> bool:
        """Whether a report published at ``published`` fits a held story whose reports may
        all be later: within the story window of its first and within its span."""
        first, last = self.index.first[story], self.index.last[story]
        return first - published <= self.window and last - published <= self.span

    def _forget_story(self, story: str) -> None:
        """Drop a story from every index but the story index (see ``_maybe_prune``)."""
        self.headlines.remove(story)
        self.anchors.remove(story)
        for row, _vector in self.members.pop(story, []):
            self.story_of.pop(row.id, None)
        self.meaning_of.pop(story, None)
        self.arrays.forget(story)

    def _maybe_prune(self, now: datetime) -> None:
        if self.pruned_at is not None and now - self.pruned_at < PRUNE_EVERY:
            return
        self.pruned_at = now
        self.duplicates.prune(now - DUPLICATE_WINDOW)
        waiting = {p.story for p in self.pending}
        for story in self.index.expired(now):
            if story in waiting:
                continue  # written at the next flush, forgotten after
            self.index.remove(story)
            self._forget_story(story)
        self._prune_threads(now)

    def headline(self, story: str) -> str:
        """The title of the original article closest to the story's centroid."""
        similarities = self.arrays.similarities(story, self.index.centroids[story],
                                                self.index.norms[story])
        pairs = [(r, s) for (r, _v), s in zip(self.members[story], similarities, strict=True)]
        members = [(r, s) for r, s in pairs if r.origin_id is None] or pairs
        # max by (similarity, -timestamp) over the members as close as the closest (the
        # first maximal member is the same), so timestamps are taken only on ties
        top = max(s for _r, s in members)
        best = max([m for m in members if m[1] == top],
                   key=lambda m: (m[1], -m[0].published.timestamp()))
        return best[0].title

    # --- threads -------------------------------------------------------------------------

    def centroid_now(self, story: str) -> dict[str, float]:
        """The story's centroid with today's term weights (the index keeps each article's
        vector as weighted when it arrived, when early weights rest on few documents).
        Kept until the flush, as no document is counted in between."""
        known = self._centroid_dicts.get(story)
        if known is None:
            known = self._centroid_dicts[story] = self.arrays.as_dict(
                *self._centroid_arrays(story))
        return known

    def _centroid_arrays(self, story: str) -> tuple[np.ndarray, np.ndarray]:
        """``centroid_now`` as arrays of term ids and weights (see ``Centroids``)."""
        known = self._centroids.get(story)
        if known is None:
            known = self._centroids[story] = self.arrays.centroid(story, self.df,
                                                                  self.documents)
        return known

    def _strongest_now(self, story: str) -> dict[str, float]:
        """``dict(strongest(centroid_now(story), THREAD_TERMS))``, what a story's row stores and
        thread linking keeps of it; kept until the flush, as ``centroid_now``."""
        known = self._strongest.get(story)
        if known is None:
            known = self._strongest[story] = self.arrays.strongest(
                *self._centroid_arrays(story), THREAD_TERMS)
        return known

    def assign_threads(self) -> dict[str, str]:
        """Link each new story to the closest thread within the thread window (see
        ``ThreadIndex.best_two``) that ``_linked_thread`` takes; else start a thread."""
        assigned: dict[str, str] = {}
        first_of = self.index.first  # each story's earliest member (it is still held)
        firsts = {s: first_of[s] for s in self.new_stories}
        for story in sorted(self.new_stories, key=lambda s: (firsts[s], s)):
            vector = self.centroid_now(story)
            first = firsts[story]
            # a batch spanning more than the thread window (a backfill) must not link to
            # threads that ended before it: stories come in order of first publication
            self._prune_threads(first)
            meaning = self._meaning(story)
            if meaning is not None:
                link = self._meaning_link(meaning)
            else:
                # the strongest terms are a prefix of the story's top THREAD_TERMS (both
                # sorted by weight, ties by term)
                probe = list(islice(self._strongest_now(story).items(),
                                    ThreadIndex.PROBE_TERMS))
                best, runner = self.recent.best_two(vector, first, first - self.thread_span,
                                                    probe)
                actors = self.story_actors(story)
                link = self._linked_thread(best, runner, vector, first, actors) or (
                    self._storyline_link(vector, first, probe, actors))
            thread = link.thread if link else own_thread(story)
            if link:
                self.link_of[story] = link
            assigned[story] = thread
            self.thread_of[story] = thread
            # the story's strongest terms, as the flush also stores them
            self.recent.add(story, thread, first, self._strongest_now(story), meaning,
                            self.story_actors(story))
        return assigned

    def _prune_threads(self, now: datetime) -> None:
        """Stories past the thread window move to the dormant storylines, which keep them
        for the storyline window (``_storyline_link``)."""
        self.recent.prune(now - self.thread_span, into=self.dormant)
        self.dormant.prune(now - self.storyline_span)

    def _storyline_link(self, vector: dict[str, float], first: datetime,
                        probe: list[tuple[str, float]], actors: dict[str, float]
                        ) -> ThreadLink | None:
        """The "storyline" rule, tried when no thread of the thread window takes a story:
        a storyline quiet for longer (within ``storyline_window_days``) continues when the
        story is as close to it as the "similar" rule asks (``thread_threshold``) and its
        key actors are the storyline's (``storyline_actor_cosine``): the ratification in
        November of a treaty signed in June, the admission in April of troops first
        reported in October. Only this strict rule reaches past the thread window: the
        weak rules over months would join every story of one country."""
        if self.settings.storyline_actor_cosine <= 0 or not actors:
            return None
        best, _runner = self.dormant.best_two(vector, first, first - self.storyline_span,
                                              probe)
        if best is None or best[0] < self.settings.storyline_threshold:
            return None
        if self.dormant.actor_cosine(best[1], actors) < self.settings.storyline_actor_cosine \
                or not self._shares_actors(best[1], actors, self.dormant):
            return None
        return ThreadLink(best[1], LinkRule.STORYLINE, best[0])

    def story_actors(self, story: str) -> dict[str, float]:
        """A story's key actors: the ``STORY_ACTORS`` heaviest of its summed anchors
        (countries, figures, names), normalised; what its row stores."""
        return dict(normalise(dict(strongest(self.anchors.sums.get(story, {}), STORY_ACTORS))))

    def _meaning(self, story: str) -> np.ndarray | None:
        """The story's unit mean embedding, when ``thread_embeddings`` is on and its
        articles have embeddings; else None (its thread is then chosen by terms)."""
        held = self.meaning_of.get(story)
        if not self.settings.thread_embeddings or held is None:
            return None
        return unit(held)

    def _meaning_link(self, meaning: np.ndarray) -> ThreadLink | None:
        """The "meaning" rule: the thread whose stories' mean embedding is closest, when
        its cosine is at least ``thread_meaning_threshold``. It replaces the term rules:
        their links at 0.2 and the country rule join neighbouring situations that share
        vocabulary (Syria into Libya), which embeddings keep apart."""
        best = self.recent.closest_by_meaning(meaning)
        if best is None or best[0] < self.settings.thread_meaning_threshold:
            return None
        return ThreadLink(best[1], LinkRule.MEANING, best[0])

    def _linked_thread(self, best: tuple[float, str] | None,
                       runner: tuple[float, str] | None, vector: dict[str, float],
                       first: datetime, actors: dict[str, float] | None = None
                       ) -> ThreadLink | None:
        """The thread a story whose two closest threads are ``best`` and ``runner``
        ((score, thread) each) joins and by which rule, or None. The closest, when close
        enough ("similar"); or closer only weakly but clearly, several times closer than
        the runner-up ("clear"). Failing those ("countries"): the closer of the two that
        is still being reported (a story within ``thread_live_days``) and whose stories
        name the same countries as this one, at a weak link (``thread_country_threshold``).
        Countries tell a continuation from a neighbouring situation that shares its
        vocabulary (Timeline17's Egyptian protests and Libyan war; the demo's troops in
        Russia and the US election); they alone would join every story of one country,
        hence the live thread. Last ("situation"): the closer of the two at the same weak
        link that continues a one-country situation (``_same_situation``: same main
        country, same lasting situation, a story within ``thread_situation_days``)."""
        if best is None:
            return None
        settings = self.settings
        if actors is not None and not self._shares_actors(best[1], actors, vector=vector,
                                                          first=first):
            return None  # the closest thread is another storyline of the same kind
        score, thread = best
        if score >= settings.thread_threshold:
            return ThreadLink(thread, LinkRule.SIMILAR, score)
        if score >= settings.thread_clear_threshold and score >= (
                settings.thread_clear_margin * (runner[0] if runner else 0.0)):
            return ThreadLink(thread, LinkRule.CLEAR, score)
        if settings.thread_country_threshold <= 0:
            return None
        countries = country_terms(vector)
        for candidate in (best, runner):
            if candidate is not None and self._same_countries_live(candidate, countries,
                                                                   first) and (
                    actors is None or self._shares_actors(candidate[1], actors,
                                                          vector=vector, first=first)):
                return ThreadLink(candidate[1], LinkRule.COUNTRIES, candidate[0])
        for candidate in (best, runner):
            theirs = self.recent.actor_sums.get(candidate[1]) if candidate else None
            if candidate is not None and candidate[0] >= settings.thread_country_threshold \
                    and actors and theirs \
                    and self._same_situation(candidate[1], actors, theirs, vector, first):
                return ThreadLink(candidate[1], LinkRule.SITUATION, candidate[0])
        return None

    def _shares_actors(self, thread: str, actors: dict[str, float],
                       index: ThreadIndex | None = None, vector: dict[str, float] | None = None,
                       first: datetime | None = None) -> bool:
        """Whether a story's key actors (``story_actors``) and those of a thread's held
        stories (in ``index``, the recent threads by default) have one in common that
        names someone or something in particular (``specific_actors``: ``~lula``,
        ``~equifax``), or two countries: a storyline continues on who and what it is
        about, never on its kind of event alone (WCEP's one-sentence reports of a bus
        crash in Diyarbakir and a shooting in Mardin share "killed", "injured", "Turkey"
        and nothing else). Failing those, a story in the recent threads (its terms
        ``vector``, first published at ``first``) continues a one-country situation
        (``_same_situation``). Off with ``thread_shared_actors``; a thread or story
        without stored actors (placed before anchors were kept) is not held back."""
        theirs = (index or self.recent).actor_sums.get(thread)
        if not self.settings.thread_shared_actors or not actors or not theirs:
            return True
        shared = {t: 1.0 for t in actors if t in theirs}
        if specific_actors(shared) or len(country_terms(shared)) >= 2:
            return True
        return vector is not None and first is not None and self._same_situation(
            thread, actors, theirs, vector, first)

    def _same_situation(self, thread: str, actors: dict[str, float],
                        theirs: dict[str, float], vector: dict[str, float],
                        first: datetime) -> bool:
        """``situations.continues_situation`` for a recent thread (see there)."""
        days = self.settings.thread_situation_days
        latest = self.recent.latest.get(thread)
        if days <= 0 or latest is None or first - latest > timedelta(days=days):
            return False
        held = self.recent
        return continues_situation(actors, theirs, vector, (
            term for story in held.members.get(thread, ()) for term in held.entries[story][2]))

    def _same_countries_live(self, candidate: tuple[float, str], countries: dict[str, float],
                             first: datetime) -> bool:
        """Whether the country rule takes ``candidate`` (score, thread) for a story first
        published at ``first`` that names ``countries`` (see ``_linked_thread``)."""
        score, thread = candidate
        settings = self.settings
        latest = self.recent.latest.get(thread)
        return (score >= settings.thread_country_threshold
                and latest is not None and first - latest <= self.thread_live
                and self.recent.country_cosine(thread, countries) >= (
                    settings.thread_country_cosine))

    # --- writing -------------------------------------------------------------------------

    def flush(self, store: Store) -> int:
        """Write what was placed since the last flush, in one transaction."""
        if not self.pending:
            return 0
        # members joined since any earlier
        self._centroids, self._centroid_dicts, self._strongest = {}, {}, {}
        new_threads = self.assign_threads()
        for story in self._rejoin_singletons():
            new_threads.pop(story, None)
            self.link_of.pop(story, None)
            self.thread_of.pop(story, None)
            self.recent.discard(story)
        touched = sorted({p.story for p in self.pending})
        self.grown_threads = set()
        for thread in {link.thread for link in self.link_of.values()}:
            held = len(self.recent.members.get(thread, ()))
            if held >= 2 * self.named_at.get(thread, 1):  # doubled since last named
                self.named_at[thread] = held
                self.grown_threads.add(thread)
        rows = [self._story_values(story, new_threads.get(story)) for story in touched]
        save_placement(store, rows, self.pending)
        placed = len(self.pending)
        self.pending = []
        self.new_stories = []
        self._centroids, self._centroid_dicts, self._strongest = {}, {}, {}
        return placed

    def _story_values(self, story: str, new_thread: str | None) -> dict[str, Any]:
        link = self.link_of.pop(story, None)
        return {"id": story, "new": new_thread is not None,
                "thread_link": link.rule if link else None,
                "thread_score": round(link.score, 4) if link else None,
                "thread_id": new_thread or self.thread_of.get(story),
                "title": self.headline(story),
                "languages": ",".join(self.anchors.story_languages(story)) or None,
                "anchors": json.dumps(self.story_actors(story)),
                # the index keeps each held story's earliest and latest member
                "first_published": self.index.first[story],
                "last_published": self.index.last[story],
                "terms": json.dumps(self._strongest_now(story))}
