"""The relevance rules. Each is a small object with a ``kind``, a ``weight`` (what it adds
to a story's relevance for a personal briefing) and ``evaluate``, which returns the reason
it finds, worded and cited, or None. ``RULES`` lists them; ``assess`` orders the reasons
by strength. To add one, write a class with ``kind``, ``weight`` and ``evaluate`` and
append an instance to ``RULES`` (see docs/extending.md).

The reasons are the reader's ties to the story (relevance/ties.py), each worded by
relevance/wording.py: the reader's country is a party; it fights the party or on its
side; keeps troops there; is bound to its defence; arms or funds it; sanctions it;
shares a border or trades heavily with it; or, in two steps, arms a party's enemy or
guards a party's neighbour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geobrief.compose.evidence import Evidence, StoryEvidence, cite, with_source
from geobrief.knowledge.edges import Edge, EdgeKind
from geobrief.models import Citation, Grounds, Reader, Reason, TieStep
from geobrief.relevance.base import RuleContext, facts_of, finder_of, mentioning
from geobrief.relevance.story import SENTENCES, Family, StoryFacts
from geobrief.relevance.ties import BASE, Tie, direct_ties, two_step_ties
from geobrief.relevance.wording import (
    Names,
    capitalised,
    consequence,
    edge_citation,
    fact,
    possessives,
    troops_count,
    troops_year,
)

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
# what each kind of reason adds to a story's relevance (a personal briefing's choice)
WEIGHTS: dict[str, float] = {
    "party": 2.0, "conflict": 1.8, "side": 1.8, "troops": 1.5, "treaty": 1.5, "arms": 1.3,
    "aid": 1.3, "sanctions": 1.2, "border": 1.2, "alliance": 0.8, "trade": 0.8,
    "treaty-weak": 0.4}
TWO_STEP_WEIGHT = 0.7  # a two-step tie counts for less

_PEOPLE = (r"troops|soldiers|forces|personnel|nationals|citizens|tourists|workers|students|"
           r"residents|hostages|sailors|peacekeepers|passengers|victims|journalists|"
           r"aid workers|civilians|crew")
_MILITARY_PEOPLE = ("troops", "soldiers", "forces", "personnel", "sailors", "peacekeepers")
# what may follow "two South Koreans" when they are people, not an adjective ("two
# American corporations")
_VERB = r"(?:was|were|is|are|among|and|who|had|have|remain\w*|died|killed)"
_COUNT = (r"an?|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,]*|several|some|"
          r"dozens of|hundreds of|thousands of|many")


# --- the reader's own part -------------------------------------------------------------

_ACTS = {
    Family.FIGHT: "{R}'s own forces are in action here",
    Family.COERCE: "the pressure comes from {R} itself",
    Family.SANCTION: "the measures are {R}'s own",
    Family.AID: "the support comes from {R} itself",
    Family.AGREE: "{R} is itself a party to what is agreed",
    Family.TALKS: "{R} is at the table itself",
    Family.DISPUTE: "{R} is one side of the dispute",
}
_ACTED_ON = {
    Family.FIGHT: "{R} is the one attacked",
    Family.COERCE: "the pressure is aimed at {R}",
    Family.SANCTION: "the measures are aimed at {R}",
    Family.AID: "{R} is the one receiving the support",
    Family.AGREE: "{R} is a party to what is agreed",
    Family.TALKS: "{R} is at the table",
    Family.DISPUTE: "{R} is one side of the dispute",
}
# A main country of the story, named other than as a speaker but in no coded act: being
# named does not show that it fights, coerces, sanctions or gives, so the line says only
# what is shown (an American statement inside a story of fighting is not American combat).
_INVOLVED = {
    Family.FIGHT: "{R} is one of the main countries in this story of fighting",
    Family.COERCE: "{R} is one of the main countries in this stand-off",
    Family.SANCTION: "{R} is one of the main countries in this story of sanctions",
    Family.AID: "{R} is one of the main countries in this story of support",
    Family.AGREE: "{R} is a party to what is agreed",
    Family.TALKS: "{R} takes part in the talks",
    Family.DISPUTE: "{R} is a party to the dispute",
    Family.POLITICS: "it is {R}'s own politics",
    Family.OTHER: "the news is about {R} itself",
}


@dataclass(frozen=True)
class Party:
    """The reader's country takes part in the story: it acts or is acted on in an event
    analysis coded (not only as the one who says so), it is one of the story's main
    countries and named other than as a speaker, or its own people (troops, citizens)
    are part of the story. The line says which, with the sentence that shows it."""

    kind: str = "party"
    weight: float = 2.0

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        facts = facts_of(ev, ctx)
        country = reader.country
        people = _own_people(ev, country, facts, ctx)
        role = _role(facts, country)
        if role is None and people is None:
            return _company(ev, reader, ctx, self)
        quote = people[1] if people else (
            facts.shown_in.get(country) if role in ("source", "target") else None
        ) or _best_acting(ev, country, ctx)
        said, citations = (quote.attributed(), quote.citations()) if quote is not None \
            else _headline(ev, country, ctx)
        if not said:
            return None
        frame = _frame(facts, country, people[0] if people else None, role)
        named = Names(ctx.knowledge, country).name(country)
        short = Names(ctx.knowledge, country, glance=True).name(country)
        return Reason(
            self.kind, f"{capitalised(possessives(frame.format(R=named), named))}: {said}",
            citations, self.weight, BASE["party"] + (0.05 if role else 0.0),
            f"{possessives(frame.format(R=short), short)}: {said}", said,
            [Grounds("named", country=country)])


def _company(ev: StoryEvidence, reader: Reader, ctx: RuleContext, rule: Party
             ) -> Reason | None:
    """A company based in the reader's country is what the story is about (its spill,
    its fine, its deal): the reader's country is directly concerned, through it."""
    found = facts_of(ev, ctx).companies.get(reader.country)
    if found is None:
        return None
    name, text = found
    item = next((e for e in sorted(ev.items, key=lambda e: -e.score) if name in e.text),
                None)
    if item is not None:
        said, citations = item.attributed(), item.citations()
    else:
        ref = next((r for r in ev.today or ev.story.articles if name in r.title), None)
        if ref is None:
            return None
        said, citations = with_source(ref.title, ref.outlet), [cite(ref)]
    frame = "it concerns {C}, a company based in {R}".replace("{C}", name)
    names = Names(ctx.knowledge, reader.country)
    glance = Names(ctx.knowledge, reader.country, glance=True)
    return Reason(
        rule.kind, f"{capitalised(frame.format(R=names.name(reader.country)))}: {said}",
        citations, rule.weight, BASE["party"] - 0.05,
        f"{frame.format(R=glance.name(reader.country))}: {said}", said,
        [Grounds("named", country=reader.country)])


def _headline(ev: StoryEvidence, country: str, ctx: RuleContext
              ) -> tuple[str, list[Citation]]:
    """A report's headline naming ``country``, with its outlet (a story told in
    headlines only, or whose sentences name it only as a speaker)."""
    for ref in sorted(ev.today or ev.story.articles, key=lambda a: a.published):
        if country in ctx.linker.count(ref.title) or _leader_of(ref.title, country, ev, ctx):
            return with_source(ref.title, ref.outlet), [cite(ref)]
    return "", []


def _leader_of(text: str, country: str, ev: StoryEvidence, ctx: RuleContext) -> bool:
    return any(m.type == "person" and m.country == country
               for m in ctx.linker.link(text, ev.day, unlinked=False))


# events that make a country a party by themselves (talks and inquiries only when the
# country is also one of the story's main countries)
PARTY_ACTS = frozenset({"FIGHT", "ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE",
                        "AID", "AGREE", "COOPERATE", "CONCEDE", "RETREAT", "DEMAND"})


def _role(facts: StoryFacts, country: str) -> str | None:
    roles = facts.roles.get(country, set())
    if any(t in PARTY_ACTS and r == "source" for t, r in roles):
        return "source"
    if any(r == "target" and t in PARTY_ACTS | {"DISAPPROVE"} for t, r in roles):
        return "target"
    if country in facts.central and facts.acting[country] > 0 and not (
            facts.family == Family.POLITICS and facts.politics_of
            and country not in facts.politics_of):
        return "central"  # (not "its own politics" when the politics is another's)
    return None


def _frame(facts: StoryFacts, country: str, people: str | None, role: str | None) -> str:
    if people is not None:
        military = any(w in people.lower() for w in _MILITARY_PEOPLE)
        return "{R}'s own forces are part of this story" if military else \
            "it concerns {R}'s own people"
    found = facts.role(country)
    family = found[0] if found else facts.family
    table = {"source": _ACTS, "target": _ACTED_ON}.get(role or "", _INVOLVED)
    return table.get(family, _INVOLVED.get(family, _INVOLVED[Family.OTHER]))


_HELD = re.compile(r"\b(killed|dead|died|injured|wounded|missing|detained|arrested|held|"
                   r"hostages?|kidnapped|abducted|evacuated|stranded|among|aboard|on board|"
                   r"deployed|stationed|sent)\b", re.I)


def _own_people(ev: StoryEvidence, country: str, facts: StoryFacts, ctx: RuleContext
                ) -> tuple[str, Evidence] | None:
    """("two South Koreans", the sentence) when one of the story's main sentences
    reports the reader's own people harmed, held, aboard or deployed: "Australian troops
    were deployed", "two South Koreans were among the dead", "Japanese citizens were
    detained" (not "American corporations", nor a passing mention)."""
    home = ctx.knowledge.countries.get(country)
    if home is None or not home.demonyms:
        return None
    forms = sorted(home.demonyms, key=len, reverse=True)
    names = "|".join(re.escape(d) for d in forms)
    pattern = re.compile(
        rf"\b(?:(?:{names})\s+(?:\w+\s+)?(?:{_PEOPLE})\b|(?i:{_COUNT})\s+(?:{names})"
        rf"(?!\w|\s+(?!{_VERB}\b)[a-z]))")
    for item in sorted(ev.items, key=lambda e: -e.score)[:SENTENCES]:
        found = pattern.search(item.text)
        if found and _HELD.search(item.text):
            return found.group(0), item
    return None


def _best_acting(ev: StoryEvidence, country: str, ctx: RuleContext) -> Evidence | None:
    """The best sentence naming ``country`` other than as its speaker."""
    found = mentioning(ev, country)
    for item in found:
        speaker = item.sentence.speaker or ""
        rest = item.text.replace(speaker, " ", 1) if speaker else item.text
        if country in ctx.linker.count(rest):
            return item
    return found[0] if found else None


# --- ties to the story's countries ------------------------------------------------------

@dataclass(frozen=True)
class Ties:
    """The reader's direct ties of ``kinds`` to the story's countries that bear on its
    event (relevance/ties.py says when each kind does), the strongest worded."""

    kind: str
    kinds: tuple[str, ...]
    weight: float

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        finder = finder_of(ev, reader.country, ctx)
        ties = [t for t in direct_ties(finder) if t.kind in self.kinds]
        if not ties:
            return None
        tie = _combined(ties, finder.graph.direct, reader.country)
        if tie.kind == "troops" and len(tie.edges) == 2 and finder.facts.family not in (
                Family.FIGHT, Family.COERCE):
            tie.kind, tie.edges = "treaty", tie.edges[::-1]  # not a fight: the pledge first
        return _reason(tie, ev, ctx, WEIGHTS.get(tie.kind, self.weight))


@dataclass(frozen=True)
class TwoSteps:
    """Two-step ties (relevance/ties.py ``two_step_ties``), when no direct tie of the
    same kind runs to the same country."""

    kind: str = "two-steps"
    weight: float = 0.0  # each reason counts for its own kind, at TWO_STEP_WEIGHT

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        finder = finder_of(ev, reader.country, ctx)
        direct = {(t.kind, t.party) for t in direct_ties(finder)}
        ties = [t for t in two_step_ties(finder) if (t.kind, t.party) not in direct]
        if not ties:
            return None
        tie = ties[0]
        if tie.edges[0].kind in (EdgeKind.TROOPS, EdgeKind.TREATY):
            tie = _combined([tie], finder.graph.direct, reader.country, via=tie.via)
        return _reason(tie, ev, ctx, WEIGHTS.get(tie.kind, 1.0) * TWO_STEP_WEIGHT)


def _combined(ties: list[Tie], direct, reader: str, via: str | None = None) -> Tie:
    """The strongest tie, with what belongs in the same sentence: the treaty beside the
    troops; every enemy of one war; both allies in a clash between allies; both
    states the reader sanctions when they deal with each other."""
    tie = ties[0]
    target = via or tie.party
    if tie.kind == "troops":
        treaty = next((e for e in direct(reader, target) if e.kind == EdgeKind.TREATY), None)
        if treaty is not None:
            tie.edges = [*tie.edges, treaty]
    elif tie.kind in ("conflict", "treaty", "sanctions") and via is None:
        same = [t for t in ties[1:] if t.kind == tie.kind and t.party != tie.party and (
            tie.kind != "treaty" or t.edges[0].via_id == tie.edges[0].via_id)]
        if same:
            tie.also = [t.party for t in same[:1]]
            tie.edges = [*tie.edges, *same[0].edges]
    return tie


def _reason(tie: Tie, ev: StoryEvidence, ctx: RuleContext, weight: float) -> Reason:
    facts = facts_of(ev, ctx)
    text = _sentence(tie, facts, Names(ctx.knowledge, tie.reader, day=ctx.day))
    glance = _sentence(tie, facts, Names(ctx.knowledge, tie.reader, glance=True, day=ctx.day))
    citations = [edge_citation(e, ctx.day) for e in tie.edges]
    shown = mentioning(ev, tie.party)
    if shown:
        citations += shown[0].citations()[:2]
    citations = list({(c.kind, c.url, c.label): c for c in citations}.values())
    why: list[TieStep | Grounds] = [_step(e, tie) for e in tie.edges]
    return Reason(tie.kind, capitalised(text) + ".", citations, weight, tie.strength,
                  glance + ".", why=why)


def _sentence(tie: Tie, facts: StoryFacts, n: Names) -> str:
    reader = tie.reader
    edges = tie.edges
    if tie.kind == "treaty" and tie.also:
        e = edges[0]
        head = (f"{n.name(reader)} is bound to the defence of both {n.name(tie.party)} and "
                f"{n.name(tie.also[0])} by the {e.via}")
    elif tie.via is not None and len(edges) == 2 and tie.kind not in ("troops", "treaty"):
        head = f"{fact(edges[0], n, reader)}, and {fact(edges[1], n, edges[0].other(reader))}"
    elif tie.kind == "treaty" and len(edges) == 2 and edges[1].kind == EdgeKind.TROOPS:
        troops = edges[1]
        head = (f"{fact(edges[0], n, reader)} and keeps {troops_count(troops)} troops there "
                f"({troops_year(troops)})")
    elif tie.kind == "troops" and len(edges) == 2:
        treaty = edges[1]
        head = (f"{fact(edges[0], n, reader)} and is bound to its defence by the "
                f"{treaty.via} (in force since {(treaty.in_force or '')[:4]})")
    elif tie.kind == "sanctions" and tie.also:
        head = (f"{fact(edges[0], n, reader)}, and on {n.name(tie.also[0])} too")
    else:
        head = ", and ".join(fact(e, n, reader) for e in edges)
    return f"{head}; {consequence(tie, facts, n)}"


def _step(edge: Edge, tie: Tie) -> TieStep:
    left = tie.reader if tie.reader in (edge.a, edge.b) else (
        tie.via if tie.via in (edge.a, edge.b) else edge.a)
    return TieStep(str(left), edge.other(str(left)), edge.kind, edge.via or None,
                   edge.via_id or None, edge.source)


# --- interests and region (unchanged in kind) -------------------------------------------

@dataclass(frozen=True)
class Region:
    """A main actor lies in the reader's region (theirs, or their country's): counted
    for a personal briefing's choice, never written (it is where, not why)."""

    kind: str = "region"
    weight: float = 0.6

    def evaluate(self, ev: StoryEvidence, reader: Reader, ctx: RuleContext) -> Reason | None:
        k = ctx.knowledge
        home = k.countries.get(reader.country)
        region = reader.region or (home.region if home else None)
        for actor in (a for a in facts_of(ev, ctx).central if a != reader.country):
            other = k.countries.get(actor)
            if other and region and other.region == region:
                return Reason(self.kind, f"{k.country_name(actor)} lies in {region}", [],
                              self.weight, shown=False)
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


@dataclass
class _Kinds:
    """The relation rules, one per group of kinds."""

    rules: list[Ties] = field(default_factory=lambda: [
        Ties("war", ("conflict", "side"), 1.8),
        Ties("troops", ("troops",), 1.5),
        Ties("treaty", ("treaty", "treaty-weak"), 1.5),
        Ties("support", ("arms", "aid"), 1.3),
        Ties("sanctions", ("sanctions",), 1.2),
        Ties("alliance", ("alliance",), 0.8),
        Ties("border", ("border",), 1.2),
        Ties("trade", ("trade",), 0.8),
    ])


RULES: list = [Party(), *_Kinds().rules, TwoSteps(), Region(), Interests()]
__all__ = ["INTERESTS", "RULES", "WEIGHTS", "Citation"]
