"""The relevance rules. Each is a small object; ``RULES`` lists them in the order their
reasons are told. To add one, write a class with ``kind``, ``weight`` and ``evaluate``
and append an instance to ``RULES`` (see docs/extending.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geobrief.compose.evidence import StoryEvidence
from geobrief.knowledge.graph import Edge, chain_nodes, describe_edge
from geobrief.knowledge.load import Knowledge
from geobrief.models import EdgeKind, Grounds, Reader, Reason, TieStep
from geobrief.relevance.base import (
    RuleContext,
    actors,
    capitalised,
    knowledge_citation,
    mentioning,
)

MAX_CHAINS = 2
KIND_WEIGHT: dict[str, float] = {
    EdgeKind.TREATY: 0.8, EdgeKind.ALLIANCE: 0.7, EdgeKind.LAND_BORDER: 0.7,
    EdgeKind.MARITIME_NEIGHBOUR: 0.5, EdgeKind.MEMBER: 0.3}

INTERESTS: dict[str, tuple[str, ...]] = {
    "defence-and-security": ("troops", "military", "missile", "missiles", "defence", "defense",
                             "weapons", "nuclear", "army", "strike", "strikes", "soldiers",
                             "war", "attack", "drone", "drones", "security", "arms"),
    "energy": ("oil", "gas", "energy", "fuel", "pipeline", "opec", "lng", "electricity",
               "coal", "power grid"),
    "trade-and-markets": ("trade", "tariff", "tariffs", "markets", "exports", "imports",
                          "economy", "economic", "investment", "sanctions", "currency",
                          "finance", "financing", "billion"),
    "travel": ("flights", "visa", "travel", "tourists", "airport", "airline", "embassy",
               "travellers", "border crossing"),
    "migration": ("migrants", "refugees", "asylum", "migration", "displaced", "deportation"),
    "technology": ("technology", "chips", "semiconductor", "cyber", "artificial intelligence",
                   "satellite", "hackers", "software"),
    "climate": ("climate", "emissions", "cop29", "warming", "fossil", "renewable",
                "carbon", "adaptation"),
    "human-rights": ("rights", "court", "icc", "arrest", "warrant", "warrants", "prisoners",
                     "war crimes", "humanitarian", "civilians", "torture", "detained"),
}


@dataclass(frozen=True)
class Named:
    """The reader's country is named in the reporting: how often, and the best sentence."""

    kind: str = "named"
    weight: float = 2.0

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        found = mentioning(ev, reader.country)
        if not found:
            return None
        name = ctx.knowledge.country_name(reader.country)
        refs = {r.id for m in found for r in m.refs}
        count = len(ev.story.articles)
        top = found[0]
        evidence = [Reason("evidence", item.attributed(), item.citations(), 0.0, 0.9,
                           item.attributed(), item.attributed(),
                           [Grounds("evidence", country=reader.country)])
                    for item in found[:1]]
        return Reason(
            self.kind, capitalised(name) + " is named directly in "
            + ("the story's one report." if count == 1 else
               f"{len(refs)} of the story's {count} reports."),
            [c for m in found[:4] for c in m.citations()][:6], self.weight,
            1.0 + 0.1 * len(refs),
            f"their own country is named in the reporting: {top.attributed()}",
            top.attributed(), [Grounds("named", country=reader.country)], more=evidence)


@dataclass(frozen=True)
class Chains:
    """Chains of treaties, alliances and borders from the reader's country to the story's
    main countries, through countries the story names; each edge cited to its source."""

    kind: str = "chain"
    weight: float = 0.0  # told, not counted: Allies and Neighbours count the close ties

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        named = set(ev.countries) | {reader.country}
        found = []
        story_actors = [a for a in actors(ev, ctx.linker) if a != reader.country]
        for rank, actor in enumerate(story_actors):
            for chain in ctx.graph.why(reader.country, actor, limit=1, through=named):
                if chain:
                    found.append(self._reason(ev, reader.country, actor, rank, chain, ctx))
        found.sort(key=lambda r: -r.strength)
        if not found:
            return None
        first, *rest = found[:MAX_CHAINS]
        first.more = rest
        return first

    def _reason(self, ev: StoryEvidence, reader: str, actor: str, rank: int,
                chain: list[Edge], ctx: RuleContext) -> Reason:
        k = ctx.knowledge
        nodes = chain_nodes(chain, reader)
        steps = [describe_edge(k, edge, nodes[i]) for i, edge in enumerate(chain)]
        role = "is at the centre of this story" if rank == 0 else "is named in this story"
        evidence = mentioning(ev, actor)
        citations = [knowledge_citation(e) for e in chain]
        if evidence:
            citations.extend(evidence[0].citations()[:2])
        sentence = "; ".join(steps) + f"; and {k.country_name(actor)} {role}."
        strength = 1.0
        for edge in chain:
            strength *= KIND_WEIGHT.get(edge.kind, 0.3)  # other kinds of tie: weak
        strength *= 1.0 if rank == 0 else 0.7
        why: list[TieStep | Grounds] = [
            TieStep(nodes[i], nodes[i + 1], e.kind, e.via or None, e.via_id or None,
                    e.source) for i, e in enumerate(chain)]
        return Reason(self.kind, capitalised(sentence), citations, self.weight, strength,
                      sentence, why=why)


def _is_alliance(edge: Edge, knowledge: Knowledge) -> bool:
    """A defence treaty or a military alliance; partnerships (the Quad, Five Eyes) are
    ties, but not alliances a reader counts on."""
    if edge.kind == EdgeKind.TREATY:
        return True
    org = knowledge.organisations.get(edge.via_id)
    return edge.kind == EdgeKind.ALLIANCE and org is not None and org.kind == "military-alliance"


@dataclass(frozen=True)
class Allies:
    """A treaty ally or military-alliance partner is a main actor of the story."""

    kind: str = "ally"
    weight: float = 1.5

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        k = ctx.knowledge
        for actor in (a for a in actors(ev, ctx.linker) if a != reader.country):
            ties = [c[0] for c in ctx.graph.why(reader.country, actor, limit=3)
                    if len(c) == 1 and _is_alliance(c[0], k)]
            if ties:
                vias = ", ".join(dict.fromkeys(e.via for e in ties))
                return Reason(self.kind, f"{capitalised(k.country_name(actor))} is an ally or "
                              f"partner of {k.country_name(reader.country)} ({vias})",
                              [knowledge_citation(e) for e in ties], self.weight, shown=False)
        return None


@dataclass(frozen=True)
class Neighbours:
    """A main actor borders the reader's country (by land, or across a sea on the same
    continent: not the US and Russia over the Bering Strait)."""

    kind: str = "neighbour"
    weight: float = 1.2

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        k = ctx.knowledge
        home = k.countries.get(reader.country)
        if home is None:
            return None
        for actor in (a for a in actors(ev, ctx.linker) if a != reader.country):
            other = k.countries.get(actor)
            across_sea = actor in home.maritime and other is not None \
                and other.continent == home.continent
            if actor in home.land or across_sea:
                return Reason(self.kind, f"{k.country_name(actor)} is a neighbour of "
                              f"{k.country_name(reader.country)}", [], self.weight,
                              shown=False)
        return None


@dataclass(frozen=True)
class Region:
    """A main actor lies in the reader's region (theirs, or their country's)."""

    kind: str = "region"
    weight: float = 0.6

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        k = ctx.knowledge
        home = k.countries.get(reader.country)
        region = reader.region or (home.region if home else None)
        for actor in (a for a in actors(ev, ctx.linker) if a != reader.country):
            other = k.countries.get(actor)
            if other and region and other.region == region:
                return Reason(self.kind, f"{k.country_name(actor)} lies in {region}", [],
                              self.weight, shown=False)
        return None


_PEOPLE = re.compile(r"\b(troops|soldiers|forces|personnel|nationals|citizens|tourists|"
                     r"workers|students|residents|hostages|sailors|peacekeepers)\b", re.I)
_MILITARY = ("troops", "soldiers", "forces", "personnel", "sailors", "peacekeepers")


@dataclass(frozen=True)
class OwnPeople:
    """The reader's own troops or nationals are part of the story ("Japanese nationals",
    "Australian troops"): kind ``troops`` (weight 2.0) or ``nationals`` (1.5)."""

    kind: str = "troops"
    weight: float = 2.0
    nationals_weight: float = 1.5

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        country = ctx.knowledge.countries.get(reader.country)
        if country is None:
            return None
        adjectives = [d for d in country.demonyms if not d.endswith("s")] \
            or list(country.demonyms)
        if not adjectives:
            return None
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(d) for d in adjectives) +
                             r")\s+(?:\w+\s+)?" + _PEOPLE.pattern[2:], re.I)
        for item in ev.items:
            found = pattern.search(item.text)
            if found:
                troops = found.group(1).lower() in _MILITARY
                return Reason("troops" if troops else "nationals",
                              f"{found.group(0)} are part of the story", item.citations(),
                              self.weight if troops else self.nationals_weight, shown=False)
        return None


@dataclass(frozen=True)
class Sanctions:
    """Sanctions involving the reader's country are reported."""

    kind: str = "sanctions"
    weight: float = 1.5

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        for item in ev.items:
            if "sanction" in item.text.lower() and reader.country in item.countries:
                return Reason(self.kind, "sanctions involving "
                              f"{ctx.knowledge.country_name(reader.country)}",
                              item.citations(), self.weight, shown=False)
        return None


@dataclass(frozen=True)
class Interests:
    """The story's words match the reader's interests (two words of an interest at least);
    the line cites the sentences that carry them."""

    kind: str = "interest"
    weight: float = 1.0

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        found = [self._reason(ev, interest) for interest in reader.interests]
        met = [r for r in found if r is not None]
        if not met:
            return None
        first, *rest = met
        first.more = rest
        return first

    def _reason(self, ev: StoryEvidence, interest: str) -> Reason | None:
        text = " ".join(i.text for i in ev.items).lower() + " " + ev.story.title.lower()
        hits = [w for w in INTERESTS.get(interest, ())
                if re.search(rf"\b{re.escape(w)}\b", text)]
        if len(hits) < 2:
            return None
        words = hits[:4]
        cited = [e for e in ev.items if any(re.search(rf"\b{re.escape(w)}\b", e.text.lower())
                                            for w in words)][:2]
        topic = interest.replace("-", " ")
        return Reason(self.kind, f"It touches your interest in {topic}: the reporting covers "
                      f"{', '.join(words)}.", [c for e in cited for c in e.citations()][:4],
                      self.weight, why=[Grounds("interest", interest=topic)])


RULES: list = [Named(), Chains(), Allies(), Neighbours(), Region(), OwnPeople(), Sanctions(),
               Interests()]
