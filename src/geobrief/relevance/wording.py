"""How a tie reads: one plain sentence per reason that states the documented relation
(with its year) and what the story's kind of event changes for the reader.

Templates are per (relation kind, event family). Each says only what the relation and
the story support: the relation as the knowledge records it, the story's event as
analysis coded it, and a consequence that follows from the two; where the consequence is
a possibility, it says "can" or "could". ``{R}`` is the reader's country (at the start of
a glance bullet: "their country"), ``{X}`` the story's country the tie runs to, ``{Y}``
another of the story's countries, ``{M}`` the go-between of a two-step tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from geobrief.compose.render.common import possessive
from geobrief.knowledge.edges import Edge, EdgeKind
from geobrief.knowledge.load import Knowledge
from geobrief.knowledge.relations import DATASETS
from geobrief.models import Citation, CitationKind
from geobrief.relevance.story import Family, StoryFacts
from geobrief.relevance.ties import Tie, attacked, military

_DEFAULT = "default"


@dataclass
class Names:
    """Country names for one sentence: the reader's as ``{R}`` (or "their country")."""

    knowledge: Knowledge
    reader: str
    glance: bool = False
    day: date | None = None  # the story's day: details dated after it are left out

    def name(self, code: str) -> str:
        if code == self.reader and self.glance:
            return "their country"
        return self.knowledge.country_name(code)

    def possessive(self, code: str) -> str:
        return possessive(self.name(code))


def possessives(text: str, *names: str) -> str:
    """"the United States' forces", not "the United States's": a name ending in -s (not
    -ss) takes the apostrophe alone, however a template put it."""
    for name in names:
        text = text.replace(f"{name}'s ", f"{possessive(name)} ")
    return text


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the facts, in words ----------------------------------------------------------------

def year_of(value: str | None) -> str:
    return (value or "")[:4]


def since(edge: Edge) -> str:
    start = year_of(edge.start)
    return f"since {start}" if start else ""


def _paren(text: str) -> str:
    return f" ({text})" if text else ""


def _aid_verb(edge: Edge) -> str:
    role = edge.role
    gives = [w for w in ("military", "financial", "humanitarian") if w in role]
    if edge.kind == EdgeKind.ARMS or gives == ["military"] or (
            "military" in gives and "financial" not in gives):
        return "arms"
    if "military" in gives:
        return "arms and funds"
    if "financial" in gives:
        return "funds"
    return "gives humanitarian aid to"


_DATED = re.compile(r"\((?:\w+ )?((?:19|20)\d\d)(?:-\d\d)?\)")


def _known_by(detail: str, day: date | None) -> str:
    """The parts of a curated detail ("Bushmaster vehicles (from 2022); M1A1 Abrams tanks
    (announced 2024-10)") that were known on ``day``: none dated after its year."""
    if day is None:
        return detail
    parts = [p.strip() for p in detail.split(";")]
    kept = [p for p in parts if not any(int(y) > day.year for y in _DATED.findall(p))]
    return "; ".join(kept)


def _aid_detail(edge: Edge, day: date | None = None) -> str:
    """What the support is, as the knowledge names it (what was known on ``day``), and
    since when."""
    detail = edge.via if edge.via not in ("aid", "arms transfers", "") else ""
    detail = _known_by(detail, day)
    when = since(edge)
    kinds = edge.role.split(";")[0] if ";" in edge.role or not detail else ""
    parts = [p for p in (detail, kinds.strip() if kinds and not detail else "", when) if p]
    return "; ".join(parts)


def _sanction_types(edge: Edge) -> str:
    types = [t.strip() for t in edge.role.split(";")[0].split(",") if t.strip()]
    if not types:
        return ""
    words = {"arms": "an arms embargo", "trade": "trade", "financial": "finance",
             "travel": "travel"}
    named = [words.get(t, t) for t in types]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def troops_count(edge: Edge) -> str:
    value = edge.value or 0
    if value >= 1000:
        return f"about {round(value, -2):,.0f}"
    if value >= 100:
        return f"about {round(value, -1):,.0f}"
    return "some"


def troops_year(edge: Edge) -> str:
    """The year of a troop count (a dataset's country-year), or since when a curated
    deployment without an end holds."""
    if edge.dataset == "curated" and not edge.end:
        return f"since {year_of(edge.start)}"
    return year_of(edge.end or edge.start)


def _treaty_year(edge: Edge) -> str:
    return year_of(edge.in_force or edge.start)


def fact(edge: Edge, n: Names, me: str) -> str:
    """One relation in words, from ``me``'s side (the reader, or a go-between)."""
    e, x = edge, edge.other(me)
    R, X = n.name(me), n.name(x)
    kind = e.kind
    if kind == EdgeKind.CONFLICT:
        role = e.role.split("/") if "/" in e.role else ["", ""]
        roles = {e.a: role[0], e.b: role[1]}
        if roles.get(x) == "secondary":
            return f"{X} has sent troops to fight against {R} in {_war(e)} ({since(e)})"
        if roles.get(me) == "secondary":
            return f"{R} takes part against {X} in {_war(e)}, as a state that supports " \
                   f"the other side with troops ({since(e)})"
        return f"{R} is at war with {X} ({_war(e)}, {since(e)})"
    if kind == EdgeKind.SIDE:
        helper, helped = (R, n.possessive(x)) if e.a == me else (X, n.possessive(me))
        return f"{helper} fights on {helped} side in {_war(e)} ({since(e)})"
    if kind == EdgeKind.TROOPS:
        home, host = (R, X) if e.a == me else (X, R)
        return f"{home} keeps {troops_count(e)} troops in {host} ({troops_year(e)})"
    if kind == EdgeKind.TREATY:
        return f"{R} is bound to {n.possessive(x)} defence by the {e.via} " \
               f"(in force since {_treaty_year(e)})"
    if kind in (EdgeKind.TREATY_DORMANT, EdgeKind.TREATY_SUSPENDED, EdgeKind.TREATY_PENDING):
        status = {EdgeKind.TREATY_DORMANT: f"dormant ({e.note})" if e.note else "dormant",
                  EdgeKind.TREATY_SUSPENDED: "suspended",
                  EdgeKind.TREATY_PENDING: "signed but not yet in force"}[kind]
        return f"{R} and {X} are parties to the {e.via}, but it is {status}, so its " \
               "defence commitment binds them on paper only"
    if kind in (EdgeKind.AID, EdgeKind.ARMS):
        return f"{n.name(e.a)} {_aid_verb(e)} {n.name(e.b)}{_paren(_aid_detail(e, n.day))}"
    if kind == EdgeKind.SANCTIONS:
        types = _sanction_types(e)
        what = f" ({types}; {since(e)})" if types else _paren(since(e))
        return f"{n.name(e.a)} has sanctions on {n.name(e.b)}{what}"
    if kind == EdgeKind.ALLIANCE:
        return f"{R} and {X} are partners in {e.via}, which carries no defence commitment"
    if kind == EdgeKind.LAND_BORDER:
        return f"{X} borders {R}"
    if kind == EdgeKind.MARITIME:
        return f"{X} is {n.possessive(me)} neighbour across the sea"
    if kind == EdgeKind.TRADE:
        share = f"{e.value:.0%} of {n.possessive(e.a)} trade, " if e.value else ""
        return f"{n.name(e.b)} is one of {n.possessive(e.a)} main trading partners " \
               f"({share}{year_of(e.end)})"
    return f"{R} and {X} are tied by {e.via or kind}"


def _war(edge: Edge) -> str:
    via = edge.via or "the war"
    return via if via.startswith("the ") else f"the conflict {via}"


# --- what the story changes ---------------------------------------------------------------

def _family(facts: StoryFacts) -> Family:
    return facts.family


def _others(facts: StoryFacts, *exclude: str) -> list[str]:
    return [c for c in facts.parties() if c not in exclude]


def consequence(tie: Tie, facts: StoryFacts, n: Names) -> str:
    """What the story's event changes for the reader, given the tie."""
    return possessives(_consequence(tie, facts, n), *(n.name(c) for c in (
        tie.party, tie.reader, *facts.parties()) if c))


def _consequence(tie: Tie, facts: StoryFacts, n: Names) -> str:
    kind, x = tie.kind, tie.party
    X, R = n.name(x), n.name(tie.reader)
    others = _others(facts, x, tie.reader)
    Y = n.name(others[0]) if others else ""
    family = _family(facts)
    if tie.via is not None:
        return _two_steps(tie, facts, n)
    if kind == "conflict":
        return _CONFLICT.get(family, _CONFLICT[_DEFAULT]).format(X=X, R=R, Y=Y or "others")
    if kind == "side":
        return _SIDE.get(family, _SIDE[_DEFAULT]).format(X=X, R=R, Xs=n.possessive(x))
    if kind == "troops":
        return _TROOPS.get(family, _TROOPS[_DEFAULT]).format(X=X, R=R)
    if kind in ("treaty", "alliance", "treaty-weak"):
        return _treaty(tie, facts, n, Y)
    if kind in ("aid", "arms"):
        return _support(tie, facts, n, Y)
    if kind == "sanctions":
        if x in facts.weapons_of:
            return f"news of {n.possessive(x)} weapons programme bears on what those " \
                   "sanctions are meant to restrain"
        other = n.name(tie.also[0]) if tie.also else Y
        return f"a deal that can move weapons, troops or money between {X} and " \
               f"{other} cuts against what those sanctions aim to stop"
    if kind == "border":
        return _border(facts, X, R, x)
    if kind == "trade":
        return f"measures that hit {n.possessive(x)} trade can reach {n.possessive(tie.reader)}" \
               " exporters and importers"
    return ""


_CONFLICT = {
    Family.FIGHT: "fighting that involves {X} is news of, or bears on, that war",
    Family.COERCE: "{X}'s military moves can change what {R} faces",
    Family.AGREE: "what {X} agrees with {Y} can add to the forces and support it brings "
                  "to that war",
    Family.TALKS: "what {X} settles with {Y} can add to the forces and support it brings "
                  "to that war",
    Family.DISPUTE: "a rift between {X} and {Y} could weigh on the partners and forces {X} "
                    "can draw on",
    Family.SANCTION: "measures against {X} aim at the means it wages that war with",
    Family.AID: "support reaching {X} adds to what {R} faces",
    Family.POLITICS: "a change in who leads {X} can change how that war is waged",
    _DEFAULT: "what happens inside {X} can bear on that war",
}
_SIDE = {
    Family.POLITICS: "a change of government in {X} changes the government {R}'s forces are "
                     "there to back",
    Family.FIGHT: "fighting in {X} is the war {R}'s forces take part in",
    _DEFAULT: "what happens to {X} bears on a war {R}'s forces take part in",
}
_TROOPS = {
    Family.FIGHT: "fighting there can put them at risk",
    Family.COERCE: "military pressure on or from {X} is pressure where they serve",
    Family.SANCTION: "a clash between {X} and another state concerns the country where "
                     "they serve",
    Family.DISPUTE: "a dispute over {X}'s security concerns the country where they serve",
    Family.POLITICS: "who governs {X} can change the terms on which they serve there",
    _DEFAULT: "security arrangements made there can change the mission they serve",
}


def _treaty(tie: Tie, facts: StoryFacts, n: Names, Y: str) -> str:
    x, family = tie.party, facts.family
    X, R = n.name(x), n.name(tie.reader)
    if tie.kind == "alliance":
        group = tie.edges[0].via
        if group.lower() in facts.text.lower():
            return f"what is decided in {group} shapes a partnership {R} is part of"
        return f"an attack on a partner {R} works with on security concerns it, though no " \
               "treaty obliges it to act"
    hedge = "" if tie.kind == "treaty" else "though only on paper, "
    if tie.also:
        return f"a clash between two of {n.possessive(tie.reader)} own allies strains the " \
               "alliance that binds all three"
    if family == Family.FIGHT:
        if attacked(facts, x):
            return hedge + f"an armed attack on {X} is the case that commitment is written for"
        return hedge + f"armed clashes involving {X} can bring that commitment into play"
    if family == Family.COERCE:
        return hedge + f"pressure on {X} tests a commitment {R} has made"
    if family in (Family.SANCTION, Family.DISPUTE):
        if facts.has("territory") and not Y:
            return f"a dispute over {n.possessive(x)} territory and waters concerns an ally " \
                   f"{R} is pledged to defend"
        if facts.has("alliance"):
            return f"a rift over the alliance involving {X} is {n.possessive(tie.reader)} " \
                   "own alliance business"
        who = f"{X} and {Y}" if Y else X
        return f"a clash between {who} concerns an ally {R} is pledged to defend, should it " \
               "escalate"
    if family in (Family.AGREE, Family.TALKS):
        with_ = f" with {Y}" if Y else ""
        return f"new defence commitments by {X}{with_} bear on the alliance {R} shares with it"
    if family == Family.POLITICS:
        return f"a change at the top of {n.possessive(x)} government changes the partner " \
               f"{R} works with in that alliance"
    return f"what happens to {X} concerns an ally {R} is pledged to defend"


def _support(tie: Tie, facts: StoryFacts, n: Names, Y: str) -> str:
    x, family = tie.party, facts.family
    X, R = n.name(x), n.name(tie.reader)
    edge = tie.edges[0]
    if not tie.outward:  # the party backs the reader
        if family == Family.POLITICS:
            return f"a change at the top of {n.possessive(x)} government can change that " \
                   "support"
        return f"what {X} decides bears on the support {R} receives"
    if not military(edge):
        if facts.has("disaster") or facts.has("harm"):
            return "the damage reported here adds to the needs that aid meets"
        return f"{n.possessive(x)} economy is what that money supports"
    if family == Family.AID:
        return f"new arms for {X} from {Y or 'others'} join the support {R} is part of" \
            if Y else f"new arms for {X} join the support {R} is part of"
    if family == Family.FIGHT:
        return f"this is the war that support is meant to help {X} fight"
    if family == Family.POLITICS:
        return f"who leads {X} decides how that support is used"
    return f"how that war goes decides what the support achieves, and what more {R} " \
           "may be asked to give"


def _border(facts: StoryFacts, X: str, R: str, x: str = "") -> str:
    family = facts.family
    if family == Family.FIGHT and x and not attacked(facts, x) and facts.acts(x):
        # the neighbour's forces fight elsewhere (North Korea's in Kursk): nothing spills
        # over the border, but the forces across it are at war
        return f"{X}'s forces in combat, even far away, bear on the military balance on " \
               f"{R}'s border"
    if family == Family.FIGHT:
        return "fighting next door can spill over the border, in refugees or incidents"
    if family == Family.COERCE:
        return f"{X}'s military moves are made on {R}'s doorstep"
    if family in (Family.AGREE, Family.TALKS, Family.AID):
        return f"new military backing for a neighbour can change the balance on {R}'s " \
               "border"
    if facts.has("health"):
        return "an outbreak next door can cross the border"
    if facts.has("migration"):
        return f"people on the move next door can reach {R}'s border"
    return "a disaster next door can reach across the border"


def _two_steps(tie: Tie, facts: StoryFacts, n: Names) -> str:
    x, m = tie.party, str(tie.via)
    X, M, R = n.name(x), n.name(m), n.name(tie.reader)
    family = facts.family
    first = tie.edges[0]
    if first.kind == EdgeKind.CONFLICT:  # the party helps the reader's enemy
        if family == Family.FIGHT and facts.acted_on(x):
            return f"an attack on {n.possessive(x)} military sites concerns a supplier of " \
                   f"the forces {R} faces"
        if facts.has("weapons") and facts.has("munitions"):
            sends = "troops" if tie.edges[1].kind == EdgeKind.SIDE else "arms"
            return f"what {X} builds for war can reach the forces {R} faces, through the " \
                   f"{sends} it sends"
        return f"what {X} does bears on the forces {R} faces"
    if first.kind in (EdgeKind.TROOPS, EdgeKind.TREATY):  # the reader guards the middle
        if family in (Family.AGREE, Family.TALKS, Family.AID):
            return f"{X}, {n.possessive(m)} neighbour, is a party here, and new military " \
                   "backing for it can change the balance those forces are there to hold"
        return f"{X}, {n.possessive(m)} neighbour, is a party here, and its military moves " \
               "are what those forces are there to deter"
    if family == Family.FIGHT:
        return f"{n.possessive(x)} fighting is the war that support is meant to help {M} " \
               "win"
    return f"what {X} gains or loses in that war bears on what {n.possessive(tie.reader)} " \
           f"support to {M} has to meet"


# --- citations ------------------------------------------------------------------------------

def edge_citation(edge: Edge, day: date) -> Citation:
    """The documented fact behind an edge: its source and the years it covers."""
    years = _years(edge, day)
    dataset = DATASETS.get(edge.dataset)
    if dataset is not None and edge.dataset != "curated":
        ref = f", {edge.via_id}" if edge.via_id and edge.via_id != edge.dataset else ""
        return Citation(CitationKind.KNOWLEDGE, dataset.url,
                        f"{dataset.name} {dataset.version}{ref}, {years}".replace(" ,", ","))
    url = edge.source if edge.source.startswith("http") else ""
    if edge.kind in (EdgeKind.LAND_BORDER, EdgeKind.MARITIME):
        return Citation(CitationKind.KNOWLEDGE, url,
                        f"geobrief knowledge: borders ({edge.source})")
    what = edge.via if edge.kind in _TREATY_KINDS | {EdgeKind.ALLIANCE} else ""
    label = what or (edge.source if not url else f"geobrief knowledge: {edge.kind}")
    if url or (what and edge.source):
        label = f"{label}, {years}" if url else f"{label} ({edge.source}), {years}"
    else:
        label = f"{label}, {years}"
    return Citation(CitationKind.KNOWLEDGE, url, label)


_TREATY_KINDS = frozenset({EdgeKind.TREATY, EdgeKind.TREATY_DORMANT,
                           EdgeKind.TREATY_SUSPENDED, EdgeKind.TREATY_PENDING})


def _years(edge: Edge, day: date) -> str:
    if edge.kind in _TREATY_KINDS:
        return f"in force since {_treaty_year(edge)}" if _treaty_year(edge) else "signed"
    start = year_of(edge.start)
    end = year_of(edge.end) or str(day.year)
    if not start:
        return end
    return start if start == end else f"{start}-{end}"
