"""What a relevance rule is, and what it is given."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from geobrief.compose.evidence import Evidence, StoryEvidence
from geobrief.knowledge.graph import Graph
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import Knowledge
from geobrief.models import Reader, Reason
from geobrief.relevance.story import StoryFacts, story_facts
from geobrief.relevance.ties import Finder

MAX_ACTORS = 3


@dataclass
class RuleContext:
    """What every rule may use: the knowledge in force, its graph on the briefing's date,
    and the one linker."""

    knowledge: Knowledge
    graph: Graph
    linker: Linker
    day: date

    @classmethod
    def on(cls, day: date, linker: Linker) -> RuleContext:
        return cls(linker.knowledge, Graph(linker.knowledge, day), linker, day)


class Rule(Protocol):
    """A relevance rule: a kind, a weight (what it adds to a story's relevance when it
    fires), and ``evaluate``, which returns the reason it finds (with citations) or None."""

    kind: str
    weight: float

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext
                 ) -> Reason | None: ...


def actors(ev: StoryEvidence, linker: Linker, limit: int = MAX_ACTORS) -> list[str]:
    """The countries central to the story: named at least twice and at least a third as
    often as the most named one (a mention in a headline counts three times). Computed once
    per story: every reader asks."""
    if ev.actors is None:
        weight = Counter(ev.countries)
        for ref in ev.story.articles:
            for country, n in linker.count(ref.title).items():
                weight[country] += 2 * n
        ranked = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
        floor = max(2, ranked[0][1] / 3) if ranked else 0
        ev.actors = [c for c, n in ranked if n >= floor]
    return ev.actors[:limit]


def mentioning(ev: StoryEvidence, country: str) -> list[Evidence]:
    """The story's sentences naming ``country``, best first."""
    return sorted((e for e in ev.items if country in e.countries), key=lambda e: -e.score)


def facts_of(ev: StoryEvidence, ctx: RuleContext) -> StoryFacts:
    """What the story is about (read once per story)."""
    return story_facts(ev, ctx.linker, actors(ev, ctx.linker))


def finder_of(ev: StoryEvidence, reader: str, ctx: RuleContext) -> Finder:
    """The tie finder of one reader for one story (made once per reader and day)."""
    key = f"relevance.finder:{reader}:{ctx.day.isoformat()}"
    found = ev.memo.get(key)
    if isinstance(found, Finder):
        return found
    finder = Finder(reader, facts_of(ev, ctx), ctx.graph, ctx.knowledge)
    ev.memo[key] = finder
    return finder
