"""Anchors as evidence that a report belongs to a story its words do not reach.

Words place most reports: two English reports of one event share their vocabulary. A
report in another language shares none of it, and a report in the same language can tell
the event in other words; both still share the event's anchors (``analyse/anchors.py``):
the countries, figures and names. ``AnchorIndex`` keeps each open story's summed anchor
vector (anchors weighted by rarity, as terms are) and the languages of its reports; the
clusterer asks it for the story a report's anchors point to when words failed.

A join by anchors needs agreement on several things at once (``story_anchor_min_shared``
anchors in common, at least one a figure or a name, not only countries), so two events
that name the same countries (an earthquake in Iran's West Azerbaijan province and an
attack on Azerbaijan's embassy in Tehran) do not join by their countries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from geobrief.analyse.anchors import COUNTRY
from geobrief.stories.headlines import HeadlineIndex


@dataclass(frozen=True)
class AnchorMatch:
    story: str
    score: float  # cosine of the report's anchors with the story's
    shared: int  # anchors in common
    cross_language: bool  # the report's language is none of the story's (always, today)


class AnchorIndex(HeadlineIndex):
    """Each held story's summed (weighted, normalised) anchor vectors, inverted by anchor
    (kept as ``HeadlineIndex`` keeps headlines), and the languages of its reports."""

    def __init__(self) -> None:
        super().__init__()
        self.languages: dict[str, Counter[str]] = {}
        self.holding: Counter[str] = Counter()  # held stories with a report in each language

    def add_report(self, story: str, vector: dict[str, float], language: str) -> None:
        held = self.languages.setdefault(story, Counter())
        if not held[language]:
            self.holding[language] += 1
        held[language] += 1
        self.add(story, vector)

    def remove(self, story: str) -> None:
        super().remove(story)
        for language in self.languages.pop(story, Counter()):
            self.holding[language] -= 1

    def all_in(self, language: str) -> bool:
        """Whether every held story has a report in ``language`` (then no story can be
        joined across languages, and matching is skipped)."""
        return self.holding[language] == len(self.languages)

    def story_languages(self, story: str) -> list[str]:
        """The languages of a held story's reports, most reports first."""
        held = self.languages.get(story, Counter())
        return [lang for lang, _n in sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))]

    def matches(self, vector: dict[str, float], language: str, min_shared: int
                ) -> list[AnchorMatch]:
        """Held stories in none of whose reports' languages ``language`` is, sharing at
        least ``min_shared`` anchors with ``vector`` (a normalised anchor vector), one of
        them not a country, best cosine first. Candidates come from the figures and names
        (a story sharing only countries cannot qualify), then every anchor is counted."""
        languages = self.languages
        candidates = {story for term in vector if not term.startswith(COUNTRY)
                      for story in self.postings.get(term, ())
                      if language not in languages[story]}
        shared: Counter[str] = Counter()
        for term in vector:
            holders = self.postings.get(term)
            if holders:
                shared.update(candidates & holders if len(holders) > len(candidates)
                              else holders & candidates)
        out = []
        for story, n in shared.items():
            if n < min_shared:
                continue
            total = self.sums[story]
            score = sum(w * total.get(t, 0.0) for t, w in vector.items()) / self.norms[story]
            out.append(AnchorMatch(story, score, n, True))
        return sorted(out, key=lambda m: (-m.score, m.story))
