"""Why a story reaches a reader group: the reader's country named in the reporting, or a
chain of treaties, alliances and borders from the reader's country to the story's actors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from geobrief.compose.evidence import Evidence, StoryEvidence
from geobrief.knowledge.graph import Edge, Graph, chain_nodes, describe_edge
from geobrief.knowledge.link import Linker
from geobrief.models import Citation

MAX_ACTORS = 3
MAX_CHAINS = 2
KIND_WEIGHT = {
    "treaty": 0.8,
    "alliance": 0.7,
    "land-border": 0.7,
    "maritime-neighbour": 0.5,
    "member": 0.3,
}


@dataclass
class ReaderTie:
    text: str  # a full sentence for "What is in it for you?"
    glance: str  # the same tie, worded to follow "For readers in X, "
    citations: list[Citation]
    why: list[dict[str, Any]]
    strength: float
    quotes: str = ""  # the reported sentence the glance quotes, if it quotes one


def actors(ev: StoryEvidence, linker: Linker, limit: int = MAX_ACTORS) -> list[str]:
    """The countries central to the story: named at least twice and at least a third as
    often as the most named one (a mention in a headline counts three times). Computed once
    per story: every reader group asks."""
    if ev.actors is None:
        ev.actors = _actors(ev, linker)
    return ev.actors[:limit]


def _actors(ev: StoryEvidence, linker: Linker) -> list[str]:
    weight = Counter(ev.countries)
    for ref in ev.story.articles:
        for country, n in linker.count(ref.title).items():
            weight[country] += 2 * n
    ranked = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return []
    floor = max(2, ranked[0][1] / 3)
    return [c for c, n in ranked if n >= floor]


def _mentioning(ev: StoryEvidence, country: str, linker: Linker) -> list[Evidence]:
    found = [e for e in ev.items if country in e.countries]
    return sorted(found, key=lambda e: -e.score)


def _knowledge_citation(edge: Edge) -> Citation:
    label = f"geobrief knowledge: {edge.via}" if edge.via else "geobrief knowledge: borders"
    source = edge.source if edge.source.startswith("http") else ""
    return Citation("knowledge", source, f"{label} ({edge.source})" if not source else label)


def _self_tie(ev: StoryEvidence, reader: str, name: str, linker: Linker) -> list[ReaderTie]:
    mentions = _mentioning(ev, reader, linker)
    if not mentions:
        return []
    refs = sorted({r.id: r for m in mentions for r in m.refs}.values(), key=lambda r: r.published)
    top = mentions[0]
    ties = [
        ReaderTie(
            text=f"{name[0].upper()}{name[1:]} is named directly in "
            + ("the story's one report." if len(ev.story.articles) == 1 else
               f"{len(refs)} of the story's {len(ev.story.articles)} reports."),
            glance=f"their own country is named in the reporting: {top.attributed()}",
            citations=top.citations(),
            why=[{"kind": "named", "country": reader}],
            strength=1.0 + 0.1 * len(refs),
            quotes=top.attributed(),
        )
    ]
    ties[0].citations = [c for m in mentions[:4] for c in m.citations()][:6]
    for item in mentions[:2]:
        ties.append(
            ReaderTie(
                item.attributed(),
                item.attributed(),
                item.citations(),
                [{"kind": "evidence", "country": reader}],
                0.9,
                quotes=item.attributed(),
            )
        )
    return ties


def _chain_tie(
    ev: StoryEvidence,
    reader: str,
    actor: str,
    rank: int,
    chain: list[Edge],
    graph: Graph,
    linker: Linker,
) -> ReaderTie:
    k = graph.knowledge
    nodes = chain_nodes(chain, reader)
    steps = [describe_edge(k, edge, nodes[i]) for i, edge in enumerate(chain)]
    role = "is at the centre of this story" if rank == 0 else "is named in this story"
    actor_name = k.country_name(actor)
    evidence = _mentioning(ev, actor, linker)
    citations = [_knowledge_citation(e) for e in chain]
    if evidence:
        citations.extend(evidence[0].citations()[:2])
    sentence = "; ".join(steps) + f"; and {actor_name} {role}."
    strength = 1.0
    for edge in chain:
        strength *= KIND_WEIGHT.get(edge.kind, 0.3)
    strength *= 1.0 if rank == 0 else 0.7
    why = [
        {
            "from": nodes[i],
            "to": nodes[i + 1],
            "kind": e.kind,
            "via": e.via or None,
            "via_id": e.via_id or None,
            "source": e.source,
        }
        for i, e in enumerate(chain)
    ]
    return ReaderTie(sentence[0].upper() + sentence[1:], sentence, citations, why, strength)


def reader_ties(ev: StoryEvidence, reader: str, graph: Graph, linker: Linker,
                day: date) -> list[ReaderTie]:
    """Ties from ``reader`` to the story: the reader's country named in the reporting (a
    summary and the best evidence sentence), then chains to the story's main countries
    through countries the story names; one 'no tie' line if there is nothing."""
    k = graph.knowledge
    name = k.country_name(reader)
    ties = _self_tie(ev, reader, name, linker)[:2]
    story_actors = [a for a in actors(ev, linker) if a != reader]
    named = set(ev.countries) | {reader}
    chains = []
    for rank, actor in enumerate(story_actors):
        for chain in graph.why(reader, actor, limit=1, through=named):
            if chain:
                chains.append(_chain_tie(ev, reader, actor, rank, chain, graph, linker))
    chains.sort(key=lambda t: -t.strength)
    ties += chains[:MAX_CHAINS]
    if not ties:
        names = ", ".join(k.country_name(a) for a in story_actors) or "the places in this story"
        ties.append(
            ReaderTie(
                text=f"None of the story's reports names {name}, and geobrief's knowledge "
                f"records no defence treaty, alliance or border tying {name} to {names}.",
                glance=f"no direct tie to {name} was found in the reporting or the knowledge base.",
                citations=ev.citations_today(),
                why=[],
                strength=0.0,
            )
        )
    return ties
