"""Salience: which stories lead a day, and why.

A story's salience on a day adds up, each part explained in words:
- independent reports that day (a wire story and its copies count once);
- the spread of the outlets' home countries that day;
- velocity: reports that day against the story's earlier daily rate;
- the weight of the actors: countries named that are permanent members of the UN
  Security Council or G20 members;
- continuity: a little for a story with earlier reports.
A story already briefed is left out on a day with no original report, since it has
nothing new.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from geobrief.knowledge.load import Knowledge
from geobrief.store import Store
from geobrief.store.stories import StoryRow, briefed_stories, stories_for_day, story_countries

P5 = frozenset({"CN", "FR", "GB", "RU", "US"})


@dataclass
class Salience:
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    sources: int = 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _g20(knowledge: Knowledge) -> frozenset[str]:
    g20 = knowledge.organisations.get("G20")
    return frozenset(m.party for m in g20.members) if g20 else frozenset()


def salience(story: StoryRow, day: date, countries: Counter[str] | None = None,
             knowledge: Knowledge | None = None) -> Salience:
    """Salience of ``story`` on ``day``; ``countries`` are those its reports name."""
    today = [a for a in story.articles if a.published.date() == day]
    origins = {a.origin_id or a.id for a in today}
    home = {a.outlet_country or a.outlet for a in today}
    earlier = [a for a in story.articles if a.published.date() < day]
    days_before = len({a.published.date() for a in earlier}) or 1
    velocity = math.log1p(len(today) / max(1.0, len(earlier) / days_before))
    parts = {
        "independent reports": float(len(origins)),
        "home countries": 0.5 * len(home),
        "velocity": 0.5 * velocity,
        "continuity": 0.3 * math.log1p(len(earlier)),
    }
    reasons = [f"{len(origins)} independent report{'s' if len(origins) != 1 else ''} "
               f"({len(today)} in all)", f"outlets from {len(home)} "
               f"home countr{'ies' if len(home) != 1 else 'y'}"]
    if earlier:
        reasons.append(f"continuing: {_count(len(earlier), 'earlier report')} over "
                       f"{_count(days_before, 'day')}")
    if countries and knowledge is not None:
        g20 = _g20(knowledge)
        named = [c for c, _n in countries.most_common(4)]
        weight = sum(1.0 if c in P5 else 0.5 if c in g20 else 0.0 for c in named[:2])
        parts["actors"] = weight
        big = [knowledge.country_name(c) for c in named[:2] if c in P5 or c in g20]
        if big:
            reasons.append("involves " + " and ".join(big))
    return Salience(round(sum(parts.values()), 3), parts, reasons, len(origins))


def has_news(story: StoryRow, day: date, briefed_before: bool) -> bool:
    """A story already briefed needs an original report on ``day`` to be briefed again."""
    if not briefed_before:
        return any(a.published.date() == day for a in story.articles)
    return any(a.published.date() == day and a.origin_id is None for a in story.articles)


def rank_day(store: Store, day: date, knowledge: Knowledge | None,
             audience: str | None = None) -> list[tuple[StoryRow, Salience]]:
    """The day's stories from the store, ranked (see ``rank``); a story counts as briefed
    when a published briefing for ``audience`` (any, by default) carried it."""
    stories = stories_for_day(store, day)
    return rank(stories, day, story_countries(store, stories), knowledge,
                briefed_stories(store, day, audience))


def rank(stories: list[StoryRow], day: date, countries: dict[str, Counter[str]],
         knowledge: Knowledge | None, briefed: set[str]) -> list[tuple[StoryRow, Salience]]:
    """Stories with news on ``day``, most salient first (ties by id, so stable)."""
    scored = [(s, salience(s, day, countries.get(s.id), knowledge)) for s in stories
              if has_news(s, day, s.id in briefed)]
    return sorted(scored, key=lambda pair: (-pair[1].score, pair[0].id))
