"""The ties that make a story matter to a reader's country, ranked by strength and by how
specific they are to the story's event.

A :class:`Tie` is one documented relation (or two, for a two-step tie) between the
reader's country and a country that takes part in the story, kept only when it bears on
this kind of event: an active defence treaty matters when an ally is attacked, threatened
or in a dispute with another state, not when it sends tanks to a third country or
holds a trial; military aid matters for the war it is given for, humanitarian aid for a
disaster; trade for a story about trade. Each rule of ``MEANINGFUL`` says when, in words.

Two steps at most, and never through a state unrelated to the reader: the reader's own
commitment to a go-between the story names (it arms Ukraine, which Russia is fighting;
it keeps troops in South Korea, whose neighbour signed the pact), or a state that arms
or fights beside the reader's own enemy in a war.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from geobrief.knowledge.edges import Edge, EdgeKind
from geobrief.knowledge.graph import Graph
from geobrief.knowledge.load import Knowledge
from geobrief.relevance.story import Family, StoryFacts

# The order of reasons before their fit to the event: the reader's own part first, then a
# war it fights, its troops, an active defence treaty, arms and aid, sanctions, a security
# partnership, a border, trade, and a treaty that binds on paper only.
BASE: dict[str, float] = {
    "party": 1.0, "conflict": 0.95, "side": 0.9, "troops": 0.85, "treaty": 0.8,
    "arms": 0.75, "aid": 0.72, "sanctions": 0.66, "alliance": 0.55, "border": 0.5,
    "trade": 0.42, "treaty-weak": 0.3}
CENTRAL = (1.0, 0.88, 0.8)  # by the rank of the story's country the tie runs to
EVENT_ONLY = 0.72  # a country that only an event names (not central)
TWO_STEPS = 0.82
WEAK_TREATIES = frozenset({EdgeKind.TREATY_PENDING, EdgeKind.TREATY_SUSPENDED,
                           EdgeKind.TREATY_DORMANT})
MILITARY_AID = ("military",)
SECURITY_GROUPS = frozenset({"military-alliance", "security-partnership",
                             "intelligence-alliance"})


@dataclass
class Tie:
    """One reason of the relation kind ``kind`` tying ``reader`` to ``party`` (a country
    of the story), resting on ``edges`` (reader's side first)."""

    kind: str
    reader: str
    party: str
    edges: list[Edge]
    strength: float
    via: str | None = None  # the go-between of a two-step tie
    outward: bool = True  # for directed kinds: the reader acts (arms, aids, sanctions...)
    also: list[str] = field(default_factory=list)  # more story countries the tie covers

    @property
    def countries(self) -> list[str]:
        return [self.party, *self.also]


def edge_kind(edge: Edge) -> str:
    """The reason kind of one edge."""
    if edge.kind in WEAK_TREATIES:
        return "treaty-weak"
    if edge.kind in (EdgeKind.LAND_BORDER, EdgeKind.MARITIME):
        return "border"
    return str(edge.kind)


def military(edge: Edge) -> bool:
    """Arms, or aid that includes military aid."""
    return edge.kind == EdgeKind.ARMS or (
        edge.kind == EdgeKind.AID and any(m in edge.role for m in MILITARY_AID))


# --- when a tie bears on the event -----------------------------------------------------

def _others(facts: StoryFacts, party: str) -> list[str]:
    return [c for c in facts.parties() if c != party]


def _security(facts: StoryFacts) -> bool:
    return facts.has("security")


def _war_story(facts: StoryFacts, wars: bool = False) -> bool:
    """The story is about war or the means of it (what military aid and arms are for):
    fighting, military pressure or arms; military words outside politics; or two of its
    main countries at war with each other (``wars``: a truce offer, a meeting of
    generals)."""
    return facts.family in (Family.FIGHT, Family.COERCE, Family.AID) or wars or (
        facts.family != Family.POLITICS and facts.has("military"))


def attacked(facts: StoryFacts, party: str) -> bool:
    """``party`` is on the receiving end of armed force: the target of an attack that
    analysis coded as made by another state or group; not a murder trial, nor its own
    wars abroad."""
    return any(t in ("FIGHT", "ASSAULT") and role == "target"
               for t, role in facts.roles.get(party, ()))


COERCIVE = frozenset({"FIGHT", "ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
FORCE = frozenset({"FIGHT", "ASSAULT"})
REPORTED = 2  # distinct texts that report an attack on an ally before a treaty is named


def pressed(facts: StoryFacts, party: str) -> bool:
    """``party`` is on the receiving end of coercion (force, threats, sanctions, an
    expulsion), not only of words."""
    return any(t in COERCIVE and role == "target" for t, role in facts.roles.get(party, ()))


def fights(facts: StoryFacts, party: str) -> bool:
    """``party`` takes part in the story's fighting: it attacks or is attacked in an
    event analysis coded (not only central to the reporting of someone else's war)."""
    return any(t in ("FIGHT", "ASSAULT") for t, _role in facts.roles.get(party, ()))


def interstate_fight(facts: StoryFacts, party: str) -> bool:
    """Military force between ``party`` and another state of the story: ``party`` itself
    attacks or is attacked (a state only named beside the fighting is not in it)."""
    return facts.family == Family.FIGHT and facts.has("military") and bool(
        _others(facts, party)) and fights(facts, party)


Rule = Callable[[Edge, "Finder", str], bool]


@dataclass
class Finder:
    """Finds the ties of one reader to one story."""

    reader: str
    facts: StoryFacts
    graph: Graph
    knowledge: Knowledge

    def neighbours(self, a: str, b: str) -> bool:
        """A land border, or a sea border on the same continent (not the US and Russia
        over the Bering Strait)."""
        home, other = self.knowledge.countries.get(a), self.knowledge.countries.get(b)
        if home is None or other is None:
            return False
        return b in home.land or (b in home.maritime and home.continent == other.continent)

    def adversary(self, country: str) -> bool:
        """A state the reader sanctions or is at war with."""
        return any(e.kind == EdgeKind.CONFLICT or (e.kind == EdgeKind.SANCTIONS
                                                    and e.a == self.reader)
                   for e in self.graph.direct(self.reader, country))

    def allies(self, country: str) -> bool:
        return any(e.kind == EdgeKind.TREATY for e in self.graph.direct(self.reader, country))

    def war_is_the_story(self, edge: Edge, party: str) -> bool:
        """The war of a side or conflict edge is this story's: the enemy state is named
        too, or, against an armed group, the story names the group or the fighting."""
        enemies = [e.other(party) for e in self.graph.edges.get(party, [])
                   if e.kind == EdgeKind.CONFLICT and e.via_id == edge.via_id]
        if enemies:
            return any(e in self.facts.named for e in enemies)
        opponent = _opponent(_details(self.knowledge).get(edge.via_id, ""))
        return bool(opponent and len(opponent.findall(self.facts.text)) >= 2) or (
            self.facts.family == Family.FIGHT and self.facts.has("insurgency")
            and party in self.facts.central[:1])

    # The rules, one per kind of tie: does this edge to ``party`` bear on the story?

    def conflict(self, edge: Edge, party: str) -> bool:
        """A war the reader fights against the party matters for any story of the party's
        but disasters and the like without a security side; where the reader only
        supports another state in that war, when the war itself is the story."""
        if _secondary(edge, self.reader):
            return self.war_is_the_story(edge, party)
        return self.facts.family != Family.OTHER or _security(self.facts)

    def side(self, edge: Edge, party: str) -> bool:
        """Fighting beside the party (or it beside the reader) matters when that war is
        the story: its enemy is named, or the fighting or the politics (an election, a
        government formed or fallen, in a sentence that names it) of the country the
        reader's forces are there for, when that country is one of the story's two main
        ones."""
        return self.war_is_the_story(edge, party) or (
            party in self.facts.politics_of and party in self.facts.central[:2])

    def troops(self, edge: Edge, party: str) -> bool:
        """The reader's troops in the party's country matter when there is fighting
        between states there, pressure on it or a clash over its security (not the host's
        own measures against another state), its
        government changes, or its alliances are the subject; not for crime, terror at
        home, disasters or its wars abroad."""
        if edge.a != self.reader:
            return False
        facts, family = self.facts, self.facts.family
        if family == Family.FIGHT:
            return attacked(facts, party) and bool(_others(facts, party)) or \
                interstate_fight(facts, party) and not facts.acts(party)
        if family in (Family.COERCE, Family.SANCTION, Family.DISPUTE):
            return party in facts.central and not facts.acts(party) and (
                _security(facts) or facts.has("territory"))
        if family in (Family.AGREE, Family.TALKS):
            return facts.has("alliance") and party in facts.central
        return family == Family.POLITICS and party in facts.central

    def treaty(self, edge: Edge, party: str) -> bool:
        """An active defence treaty with the party matters when the ally is attacked
        (not by a state it is already at war with: its own wars abroad are not what the
        treaty covers) or itself fights a state the reader sanctions or fights, or another
        ally; when it is on the receiving end (pressed, sanctioned, accused) of a state the
        reader sanctions or fights, or of another ally, or is pressed by force or threats;
        in a dispute, a deal or a ruling over territory or waters (the story about the
        ally); when the alliance itself is the subject (in a dispute, the story names the
        treaty or an alliance both belong to: NATO is not Australia's tie to the United
        States); or when its
        government changes and it is a neighbour or its defence is in question. Not when
        the ally only votes, speaks or acts, arms a third country, fights abroad or holds
        a trial; nor when it is merely central to a war story it takes no part in. An attack
        or pressure on the ally counts only when the story reports it more than once (two
        different sentences or headlines): one coded sentence, often a run of headlines
        read as one, is too little to say that an ally is under attack."""
        facts, family = self.facts, self.facts.family
        if family == Family.FIGHT:
            return self._attacked_anew(party) or (
                interstate_fight(facts, party) and fights(facts, party)
                and self._with_ally_or_foe(party))
        if family in (Family.COERCE, Family.SANCTION, Family.DISPUTE):
            return facts.acted_on(party) and (
                self._with_ally_or_foe(party) or self._pressed_anew(party)) or (
                facts.has("territory") or self._alliance_named(edge)) and \
                party in facts.central
        if family in (Family.AGREE, Family.TALKS):
            return (facts.has("alliance") or facts.has("territory")) and \
                party in facts.central
        if family == Family.POLITICS:
            return facts.has("defence") or self.neighbours(self.reader, party)
        return facts.has("territory") and party in facts.central[:1]

    def _attacked_anew(self, party: str) -> bool:
        attackers = [c for c in self.facts.roles if c != party and any(
            t in ("FIGHT", "ASSAULT") and r == "source" for t, r in self.facts.roles[c])]
        at_war = any(e.kind == EdgeKind.CONFLICT for c in attackers
                     for e in self.graph.direct(party, c))
        return attacked(self.facts, party) and not at_war and \
            self.facts.times(party, FORCE, "target") >= REPORTED

    def _alliance_named(self, edge: Edge) -> bool:
        """The story names the alliance that binds the reader to the party: its treaty, or
        a military alliance both belong to (NATO, not another alliance of the party)."""
        names = [edge.via]
        treaty = self.knowledge.treaties.get(edge.via_id)
        if treaty is not None:
            names += [treaty.name, *treaty.aliases]
        both = {edge.a, edge.b}
        for org in self.knowledge.organisations.values():
            if org.kind == "military-alliance" and both <= {m.party for m in org.members}:
                names += [org.name, *org.aliases]
        text = self.facts.text
        return any(n and re.search(rf"\b{re.escape(n)}\b", text) for n in names)

    def _pressed_anew(self, party: str) -> bool:
        return pressed(self.facts, party) and \
            self.facts.times(party, COERCIVE, "target") >= REPORTED

    def _with_ally_or_foe(self, party: str) -> bool:
        """The party's counterpart in the story is a state the reader sanctions or
        fights, or another of its treaty allies."""
        return any(self.adversary(o) or self.allies(o) for o in _others(self.facts, party)
                   if o != self.reader and o in self.facts.central)

    def weak_treaty(self, edge: Edge, party: str) -> bool:
        """A treaty in force on paper only (dormant, suspended, pending) matters only
        when the party is attacked."""
        return self._attacked_anew(party)

    def alliance(self, edge: Edge, party: str) -> bool:
        """A security partnership without a defence treaty (the Quad, AUKUS, Five Eyes)
        matters when the partnership is named in the story or the partner is attacked (an
        attack two texts report, as for a treaty), and never beside a defence treaty with
        the same partner."""
        org = self.knowledge.organisations.get(edge.via_id)
        if org is None or org.kind not in SECURITY_GROUPS or self.allies(party):
            return False
        names = [org.name, org.short_name, *org.aliases]
        named = any(n and n.lower() in self.facts.text.lower() for n in names)
        return named or attacked(self.facts, party) and \
            self.facts.times(party, FORCE, "target") >= REPORTED

    def support(self, edge: Edge, party: str) -> bool:
        """Arms or aid: military support the reader gives matters for a story about the
        war it is given for (the party at war, the story about fighting or arms); the
        backing the reader receives, when the backer's decisions are the story and the
        story names the reader (a backer's pact with a third state is not); humanitarian
        aid for a disaster or victims; financial aid for the economy."""
        facts = self.facts
        if edge.a != self.reader:  # the party backs the reader
            return facts.family in (Family.AID, Family.POLITICS, Family.AGREE,
                                    Family.TALKS) and (_security(facts) or military(edge)) \
                and facts.named[self.reader] > 0
        if military(edge):
            return _war_story(facts, self.wars_between_central()) and self.in_a_war(party)
        if facts.has("disaster") or facts.has("harm") and facts.family == Family.OTHER:
            return "humanitarian" in edge.role
        return facts.family == Family.OTHER and facts.has("economy") and \
            "financial" in edge.role

    def wars_between_central(self) -> bool:
        central = self.facts.central
        return any(e.kind == EdgeKind.CONFLICT and e.other(a) in central
                   for a in central for e in self.graph.edges.get(a, []))

    def in_a_war(self, country: str) -> bool:
        return any(e.kind == EdgeKind.CONFLICT and not _secondary(e, country)
                   for e in self.graph.edges.get(country, []))

    def sanctions(self, edge: Edge, party: str) -> bool:
        """The reader's sanctions on the party matter when the story is about what such
        measures target: its weapons programmes (named with it in a headline or in two
        of the story's best sentences, not in passing), or military dealings between it and
        another state the reader also sanctions (a pact, arms, troops). Sanctions on the
        reader by the party matter when the party acts against the reader. Another
        state's new sanctions on the party are not the reader's news."""
        facts = self.facts
        if edge.a != self.reader:
            return facts.acts(party) and facts.acted_on(self.reader)
        if party in facts.weapons_of and party in facts.central[:1]:
            return True
        return facts.family in (Family.AGREE, Family.AID, Family.TALKS) and \
            _security(facts) and bool(self.co_sanctioned(party))

    def co_sanctioned(self, party: str) -> list[Edge]:
        """The reader's sanctions on the story's other main countries, when ``party`` is
        one of them too (two sanctioned states dealing with each other, not a third
        state's talks that name them)."""
        central = self.facts.central
        if party not in central:
            return []
        return [e for other in _others(self.facts, party) if other in central
                for e in self.graph.direct(self.reader, other)
                if e.kind == EdgeKind.SANCTIONS and e.a == self.reader]

    def border(self, edge: Edge, party: str) -> bool:
        """A neighbour matters when it fights or is attacked, makes military moves or
        gains military backing; or for an outbreak, a disaster or people on the move
        there, when the story is about that neighbour (its first country) and the border
        is on land (what crosses a border by itself). Not for its politics or its
        courts."""
        if not self.neighbours(self.reader, party):
            return False
        facts = self.facts
        if facts.family == Family.FIGHT:
            return attacked(facts, party) or interstate_fight(facts, party) or \
                facts.acts(party)
        if facts.family == Family.COERCE:
            return party in facts.central
        if facts.family in (Family.AGREE, Family.TALKS, Family.AID):
            return facts.has("alliance") or facts.has("military")
        spills = facts.has("health") or facts.has("disaster") or facts.has("migration")
        return spills and edge.kind == EdgeKind.LAND_BORDER and party in facts.central[:1]

    def trade(self, edge: Edge, party: str) -> bool:
        """A main trading partner matters for a story about its trade (tariffs, export
        controls, embargoes), from the reader's side of the trade: the partner is the
        story's first country or the one the measures hit (not a partner that only
        comments on another country's exports)."""
        facts = self.facts
        return edge.a == self.reader and facts.has("trade") and \
            facts.family in (Family.SANCTION, Family.OTHER, Family.AGREE,
                             Family.DISPUTE, Family.COERCE) and (
                party in facts.central[:1] or pressed(facts, party))


def _secondary(edge: Edge, country: str) -> bool:
    """``country`` takes part in the conflict of ``edge`` only as a supporting state."""
    if edge.kind != EdgeKind.CONFLICT or "/" not in edge.role:
        return False
    roles = dict(zip((edge.a, edge.b), edge.role.split("/"), strict=False))
    return roles.get(country) == "secondary"


_GROUP_NAMES = {"IS": r"Islamic State|\bISIS\b|\bISIL\b|Daesh|al-Qaida in Iraq|"
                      r"al-Qaeda in Iraq|insurgen\w+",
                "AQAP": r"al-Qaida|al-Qaeda", "al-Qaida": r"al-Qaida|al-Qaeda|al Qaeda",
                "NRF": r"Taliban|NRF", "Taleban": r"Taliban"}


def _opponent(detail: str) -> re.Pattern[str] | None:
    """The armed group a state fights in a conflict ("Mali vs JNIM"), as a pattern."""
    if " vs " not in detail:
        return None
    group = detail.split(" vs ", 1)[1].strip()
    return re.compile(_GROUP_NAMES.get(group, re.escape(group)), re.I) if group else None


_DETAILS: dict[int, dict[str, str]] = {}


def _details(knowledge: Knowledge) -> dict[str, str]:
    """Each conflict record's own detail ("Iraq vs IS"), by record."""
    relations = knowledge.relations
    found = _DETAILS.get(id(relations))
    if found is None:
        found = {f.ref: f.detail for f in relations.facts if " vs " in f.detail}
        _DETAILS.clear()
        _DETAILS[id(relations)] = found
    return found


RULES: dict[str, str] = {
    "conflict": "conflict", "side": "side", "troops": "troops", "treaty": "treaty",
    "treaty-weak": "weak_treaty", "alliance": "alliance", "arms": "support",
    "aid": "support", "sanctions": "sanctions", "border": "border", "trade": "trade"}
# what each rule asks, in words, for the documentation and the tests
MEANINGFUL: dict[str, str] = {
    kind: " ".join((getattr(Finder, name).__doc__ or "").split())
    for kind, name in RULES.items()}


# --- finding them ----------------------------------------------------------------------

def direct_ties(finder: Finder) -> list[Tie]:
    """The reader's meaningful direct ties to the story's parties, strongest first; one
    per (kind, party)."""
    facts, reader = finder.facts, finder.reader
    found: dict[tuple[str, str], Tie] = {}
    for rank, party in enumerate(p for p in facts.parties() if p != reader):
        weight = CENTRAL[rank] if party in facts.central and rank < len(CENTRAL) \
            else EVENT_ONLY
        for edge in finder.graph.direct(reader, party):
            kind = edge_kind(edge)
            rule = RULES.get(kind)
            if rule is None or not getattr(finder, rule)(edge, party):
                continue
            tie = Tie(kind, reader, party, [edge], BASE[kind] * weight,
                      outward=edge.a == reader or edge.kind not in _DIRECTED)
            key = (kind, party)
            if key not in found or tie.strength > found[key].strength:
                found[key] = tie
    return sorted(found.values(), key=lambda t: -t.strength)


_DIRECTED = frozenset({EdgeKind.SANCTIONS, EdgeKind.ARMS, EdgeKind.AID, EdgeKind.TROOPS,
                       EdgeKind.TRADE, EdgeKind.SIDE})


def two_step_ties(finder: Finder) -> list[Tie]:
    """Ties through one go-between, of three meaningful shapes only:

    * the reader arms, aids (militarily) or fights beside a go-between the story names,
      which is at war with a party: "Australia arms Ukraine, which Russia is fighting";
    * a party arms or fights beside the reader's own enemy in a war: "Iran supplies
      Russia, which Ukraine is fighting, with drones";
    * the reader keeps troops in, or is bound by treaty to defend, a go-between the
      story names whose hostile land neighbour (one it sanctions or fights) is a party
      to a security story: "the United States keeps troops in South Korea, whose
      neighbour North Korea signed the pact".
    """
    facts, reader, graph = finder.facts, finder.reader, finder.graph
    out: list[Tie] = []
    if not _war_story(facts, finder.wars_between_central()) and facts.family not in (
            Family.AGREE, Family.TALKS, Family.DISPUTE):
        return out
    for rank, party in enumerate(p for p in facts.central if p != reader):
        weight = CENTRAL[min(rank, len(CENTRAL) - 1)] * TWO_STEPS
        for first in graph.edges.get(reader, []):
            middle = first.other(reader)
            if middle in (party, reader):
                continue
            tie = _shape(finder, first, middle, party, weight)
            if tie is not None:
                out.append(tie)
    out.sort(key=lambda t: -t.strength)
    return out


def _shape(finder: Finder, first: Edge, middle: str, party: str, weight: float
           ) -> Tie | None:
    facts, reader = finder.facts, finder.reader
    second = finder.graph.direct(middle, party)
    named = middle in facts.named
    commits = first.a == reader and (military(first) or first.kind == EdgeKind.SIDE)
    if named and commits and _war_story(facts, finder.wars_between_central()):
        war = next((e for e in second if e.kind == EdgeKind.CONFLICT), None)
        if war is not None:
            kind = edge_kind(first)
            return Tie(kind, reader, party, [first, war], BASE[kind] * weight, via=middle)
    if first.kind == EdgeKind.CONFLICT and (facts.family in (Family.FIGHT, Family.AID)
                                            or facts.has("weapons") and facts.has("munitions")
                                            and facts.family != Family.TALKS):
        helps = next((e for e in second if e.a == party and (
            military(e) or e.kind == EdgeKind.SIDE)), None)
        if helps is not None:
            kind = edge_kind(helps)
            return Tie(kind, reader, party, [first, helps], BASE[kind] * weight,
                       via=middle, outward=False)
    guards = first.kind == EdgeKind.TREATY or (first.kind == EdgeKind.TROOPS
                                                and first.a == reader)
    borders = party in getattr(finder.knowledge.countries.get(middle), "land", ())
    hostile = any(e.kind == EdgeKind.CONFLICT or e.kind == EdgeKind.SANCTIONS and
                  e.a == middle for e in second)
    if named and guards and borders and hostile and (
            facts.family.security or facts.has("alliance") or facts.has("military")):
        kind = edge_kind(first)
        return Tie(kind, reader, party, [first], BASE[kind] * weight, via=middle)
    return None
