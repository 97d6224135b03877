"""Readers and relevance: how much a story matters to a reader, and why, in words.

A reader is a country (any in the knowledge), an optional region, interests and a
language. A reader group of an edition is the same thing without interests. Relevance
adds up reasons, each with the evidence or the documented fact it rests on:

- ``named``: the reader's country is named in the reporting;
- ``ally``: a treaty ally or alliance partner is a main actor (chains from the graph);
- ``neighbour``: a neighbour is a main actor;
- ``region``: a main actor lies in the reader's region;
- ``interest``: the story's words match one of the reader's interests;
- ``troops`` / ``nationals``: the reader's own troops or nationals are part of the story;
- ``sanctions``: sanctions involving the reader's country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from geobrief.compose.evidence import StoryEvidence, gather
from geobrief.compose.relevance import actors
from geobrief.knowledge.graph import Edge, Graph
from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import Knowledge, bundled_knowledge
from geobrief.models import Citation, Line, Reader
from geobrief.store import Store
from geobrief.store.stories import StoryRow, stories_for_day

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
WEIGHTS = {"named": 2.0, "troops": 2.0, "nationals": 1.5, "sanctions": 1.5, "ally": 1.5,
           "neighbour": 1.2, "region": 0.6, "interest": 1.0}
RELEVANT = 1.0


@dataclass
class Reason:
    kind: str
    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Relevance:
    score: float
    reasons: list[Reason]

    @property
    def relevant(self) -> bool:
        return self.score >= RELEVANT


_PEOPLE = re.compile(r"\b(troops|soldiers|forces|personnel|nationals|citizens|tourists|"
                     r"workers|students|residents|hostages|sailors|peacekeepers)\b", re.I)


def _people_and_sanctions(ev: StoryEvidence, reader: Reader, k: Knowledge) -> list[Reason]:
    """The reader's own troops or nationals in the story ("Japanese nationals", "Australian
    troops"), and sanctions naming the reader's country or its entities."""
    country = k.countries.get(reader.country)
    if country is None:
        return []
    out: list[Reason] = []
    adjectives = [d for d in country.demonyms if not d.endswith("s")] or list(country.demonyms)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(d) for d in adjectives) +
                         r")\s+(?:\w+\s+)?" + _PEOPLE.pattern[2:], re.I) if adjectives else None
    for item in ev.items:
        found = pattern.search(item.text) if pattern else None
        if found:
            kind = "troops" if found.group(1).lower() in ("troops", "soldiers", "forces",
                                                           "personnel", "sailors",
                                                           "peacekeepers") else "nationals"
            out.append(Reason(kind, f"{found.group(0)} are part of the story",
                              item.citations()))
            break
    for item in ev.items:
        if "sanction" in item.text.lower() and reader.country in item.countries:
            out.append(Reason("sanctions", f"sanctions involving {k.country_name(reader.country)}",
                              item.citations()))
            break
    return out


def _is_alliance(edge: Edge, knowledge: Knowledge) -> bool:
    """A defence treaty or a military alliance; partnerships (the Quad, Five Eyes) are
    ties, but not alliances a reader counts on."""
    if edge.kind == "treaty":
        return True
    org = knowledge.organisations.get(edge.via_id)
    return edge.kind == "alliance" and org is not None and org.kind == "military-alliance"


def _interest_hits(ev: StoryEvidence, interest: str) -> list[str]:
    words = INTERESTS.get(interest, ())
    text = " ".join(i.text for i in ev.items).lower() + " " + ev.story.title.lower()
    return [w for w in words if re.search(rf"\b{re.escape(w)}\b", text)]


def relevance(ev: StoryEvidence, reader: Reader, graph: Graph, linker: Linker) -> Relevance:
    """The reasons a story reaches ``reader``, strongest first, and their weighted sum."""
    k = graph.knowledge
    name = k.country_name(reader.country)
    reasons: list[Reason] = []
    named = [e for e in ev.items if reader.country in e.countries]
    if named:
        reasons.append(Reason("named", f"{name} is named in {len(named)} sentences of the "
                              "reporting", named[0].citations()))
    main = [a for a in actors(ev, linker) if a != reader.country]
    home = k.countries.get(reader.country)
    for actor in main:
        ties = [c[0] for c in graph.why(reader.country, actor, limit=3)
                if len(c) == 1 and _is_alliance(c[0], k)]
        if ties:
            vias = ", ".join(dict.fromkeys(e.via for e in ties))
            reasons.append(Reason("ally", f"{k.country_name(actor)[:1].upper()}"
                                  f"{k.country_name(actor)[1:]} is an ally or partner of "
                                  f"{name} ({vias})"))
        other = k.countries.get(actor)
        across_sea = home and actor in home.maritime and other is not None \
            and other.continent == home.continent  # not the US and Russia over the Bering
        if home and (actor in home.land or across_sea):
            reasons.append(Reason("neighbour", f"{k.country_name(actor)} is a neighbour of "
                                  f"{name}"))
        region = reader.region or (home.region if home else None)
        if other and region and other.region == region:
            reasons.append(Reason("region", f"{k.country_name(actor)} lies in {region}"))
    reasons += _people_and_sanctions(ev, reader, k)
    for interest in reader.interests:
        hits = _interest_hits(ev, interest)
        if len(hits) >= 2:
            reasons.append(Reason("interest", f"{interest.replace('-', ' ')}: "
                                  f"{', '.join(hits[:4])}"))
    seen: dict[str, Reason] = {}
    for reason in reasons:
        seen.setdefault(reason.kind, reason)
    ordered = sorted(seen.values(), key=lambda r: -WEIGHTS.get(r.kind, 0))
    return Relevance(round(sum(WEIGHTS.get(r.kind, 0) for r in ordered), 3), ordered)


def interest_lines(ev: StoryEvidence, why: Relevance, reader: str) -> list[Line]:
    """One line per interest of the reader the story meets, citing where it does."""
    lines = []
    for reason in why.reasons:
        if reason.kind != "interest":
            continue
        words = [w.strip() for w in reason.text.split(":", 1)[1].split(",")]
        cited = [e for e in ev.items if any(re.search(rf"\b{re.escape(w)}\b", e.text.lower())
                                            for w in words)][:2]
        if cited:
            topic = reason.text.split(":", 1)[0]
            lines.append(Line(text=f"It touches your interest in {topic}: the reporting "
                              f"covers {', '.join(words)}.", reader=reader,
                              citations=[c for e in cited for c in e.citations()][:4],
                              why=[{"kind": "interest", "interest": topic}]))
    return lines


def story_relevance(store: Store, story_id: str, reader: Reader, day: date,
                    knowledge: Knowledge | None = None) -> Relevance:
    """Relevance of one stored story (as of ``day``) to ``reader``."""
    knowledge = knowledge or bundled_knowledge()
    story = next((s for s in stories_for_day(store, day) if s.id == story_id), None)
    if story is None:
        story = _story_until(store, story_id, day)
    linker = Linker(knowledge) if knowledge is not bundled_knowledge() else _bundled_linker()
    ev = gather(store, story, day, linker)
    return relevance(ev, reader, Graph(knowledge, day), linker)


def _story_until(store: Store, story_id: str, day: date) -> StoryRow:
    from geobrief.store.stories import day_bounds, story_rows

    _start, end = day_bounds(day)
    with store.engine.connect() as conn:
        rows = story_rows(conn, [story_id], end)
    if not rows:
        raise KeyError(f"no story {story_id!r}")
    return rows[0]


def _bundled_linker() -> Linker:
    from geobrief.knowledge.link import bundled_linker

    return bundled_linker()


__all__ = ["INTERESTS", "Reader", "Reason", "Relevance", "interest_lines", "relevance",
           "story_relevance"]
