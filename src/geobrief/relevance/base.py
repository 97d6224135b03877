"""What a relevance rule is, and what it is given."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from geobrief.compose.evidence import Evidence, StoryEvidence
from geobrief.knowledge.graph import Edge, Graph
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import Knowledge
from geobrief.models import Citation, CitationKind, Reader, Reason

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


def knowledge_citation(edge: Edge) -> Citation:
    """The documented fact behind an edge of the knowledge graph."""
    label = f"geobrief knowledge: {edge.via}" if edge.via else "geobrief knowledge: borders"
    source = edge.source if edge.source.startswith("http") else ""
    return Citation(CitationKind.KNOWLEDGE, source,
                    f"{label} ({edge.source})" if not source else label)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
