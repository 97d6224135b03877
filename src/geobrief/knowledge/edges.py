"""The edges of the relationship graph: typed, dated ties between two countries, each with
its source, and how each reads in a sentence.

An :class:`Edge` is one tie on the graph's date: a defence treaty (with its status), an
alliance, a side in a war, sanctions, arms, aid, troops, trade, a shared IGO, a dispute, a
border. For a directed kind (sanctions, arms, aid, troops, trade, a side) ``a`` is the
actor: the sender, the supplier, the donor, the state whose troops are in ``b``, the
trader, the supporting party.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from geobrief.knowledge.load import Knowledge
from geobrief.knowledge.relations import Relation, RelationKind, Relations
from geobrief.models import EdgeKind

FROM_RELATION: dict[RelationKind, EdgeKind] = {
    RelationKind.CONFLICT: EdgeKind.CONFLICT, RelationKind.SIDE: EdgeKind.SIDE,
    RelationKind.DISPUTE: EdgeKind.DISPUTE, RelationKind.SANCTIONS: EdgeKind.SANCTIONS,
    RelationKind.ARMS: EdgeKind.ARMS, RelationKind.AID: EdgeKind.AID,
    RelationKind.TROOPS: EdgeKind.TROOPS, RelationKind.TRADE: EdgeKind.TRADE,
}
# Lower is stronger: the order of direct ties. A war or a side in it is the most direct
# tie; an active defence treaty next; a dormant treaty says little.
STRENGTH: dict[str, int] = {
    "self": 0, EdgeKind.CONFLICT: 1, EdgeKind.SIDE: 1, EdgeKind.TREATY: 2,
    EdgeKind.TROOPS: 3, EdgeKind.ALLIANCE: 4, EdgeKind.SANCTIONS: 5, EdgeKind.ARMS: 6,
    EdgeKind.AID: 6, EdgeKind.TREATY_PENDING: 7, EdgeKind.TREATY_SUSPENDED: 8,
    EdgeKind.DISPUTE: 9, EdgeKind.LAND_BORDER: 10, EdgeKind.TRADE: 11,
    EdgeKind.MARITIME: 12, EdgeKind.TREATY_DORMANT: 13, EdgeKind.IGO: 14,
    EdgeKind.MEMBER: 15,
}
# Ties that make a go-between related to both ends of a two-step chain: the first step is
# a commitment of the reader's country (a treaty, an alliance, a side in a war, troops,
# aid, arms) or a war it fights; never a border, trade, a shared IGO, a dormant treaty
# or sanctions ("the neighbour of a trading partner"; "both sanction North Korea").
CHAIN_KINDS = frozenset({EdgeKind.TREATY, EdgeKind.ALLIANCE, EdgeKind.CONFLICT, EdgeKind.SIDE,
                         EdgeKind.TROOPS, EdgeKind.ARMS, EdgeKind.AID})
LAST_KINDS = CHAIN_KINDS | {EdgeKind.TREATY_PENDING, EdgeKind.LAND_BORDER}
# Organisations whose sanctions and aid are their members' own acts (EU sanctions are
# adopted by every member state); UN sanctions bind all UN members and tie nobody.
MEMBER_ACTS = frozenset({"EU"})
# Direct ties that say little alone: a chain through an ally comes before them.
WEAK_KINDS = frozenset({EdgeKind.TRADE, EdgeKind.MARITIME, EdgeKind.TREATY_DORMANT,
                        EdgeKind.IGO, EdgeKind.MEMBER, EdgeKind.DISPUTE})
POLITICAL = "political"
# Directed ties that commit only their actor: a chain starts from a country that gives
# the aid or the arms, not from one that receives them.
ACTOR_ONLY = frozenset({EdgeKind.AID, EdgeKind.ARMS})


def commits(edge: Edge, node: str, kinds: frozenset[EdgeKind] = CHAIN_KINDS) -> bool:
    """Does ``edge`` bind ``node`` to the other end, so a chain may take this step from
    it? (Two donors of Ukraine are not tied by it: aid and arms count from the giver.)"""
    return edge.kind in kinds and (edge.kind not in ACTOR_ONLY or edge.a == node)


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    kind: EdgeKind
    via: str  # treaty, organisation or conflict name, or "" for borders
    via_id: str
    source: str
    obligations: tuple[str, ...] = ()
    in_force: str | None = None
    start: str | None = None  # when the tie began (as far as the source says)
    end: str | None = None  # its last known date, None while it holds
    role: str = ""  # "secondary/primary", sanction types, "as an EU member", ...
    value: float | None = None  # troops, share of trade, EUR bn, TIV
    licence: str = ""
    note: str = ""  # why a treaty is dormant, ...
    dataset: str = ""  # the relation's dataset key (knowledge/relations.py DATASETS)

    def other(self, node: str) -> str:
        return self.b if node == self.a else self.a


def relation_edges(knowledge: Knowledge, relations: Relations, on: date) -> Iterator[Edge]:
    """Edges from the relations active on ``on``; the EU's sanctions or aid become edges
    from each of its members on that day ("as a member of the EU")."""
    countries = knowledge.countries
    for fact in relations.facts:
        kind = FROM_RELATION.get(fact.kind)
        if kind is None or not fact.active(on):
            continue
        for a, role in _actors(knowledge, fact, on):
            if a in countries and fact.b in countries and a != fact.b:
                yield _edge(fact, kind, a, role, relations, on)


def _actors(knowledge: Knowledge, fact: Relation, on: date) -> list[tuple[str, str]]:
    if not fact.a.startswith("org:"):
        return [(fact.a, fact.role)]
    org = knowledge.organisations.get(fact.a.removeprefix("org:"))
    if org is None or org.id not in MEMBER_ACTS:
        return []
    label = f"{fact.role}; as a member of {org.short_name}".lstrip("; ")
    return [(m.party, label) for m in org.members if m.active(on)]


def _edge(fact: Relation, kind: EdgeKind, a: str, role: str, relations: Relations,
          on: date) -> Edge:
    """The fact as an edge on ``on``: a tie that held through ``on``'s year is open-ended
    (nothing later than the graph's date is said), a persisting one says "latest data"."""
    end = fact.end
    if fact.last_known:
        end = f"{fact.end} (latest data)"
    elif end is not None and end[:4] >= str(on.year):
        end = None
    via = relations.name(fact) or _VIA.get(kind, kind.value)  # never empty: a label
    return Edge(a, fact.b, kind, via, fact.ref, fact.citation, start=fact.start,
                end=end, role=role, value=fact.value, licence=fact.licence,
                dataset=fact.dataset)


_VIA = {EdgeKind.SANCTIONS: "sanctions", EdgeKind.AID: "aid", EdgeKind.ARMS: "arms transfers",
        EdgeKind.TROOPS: "troops stationed abroad", EdgeKind.TRADE: "trade"}


def shared_igos(relations: Relations, a: str, b: str, on: date) -> list[Edge]:
    """The small political IGOs both belong to on ``on`` (computed on demand: the pairs
    would be many). A shared technical body (a railway or fisheries commission) ties
    nobody."""
    of_a = {f.b: f for f in relations.of(a, on, (RelationKind.IGO,)) if POLITICAL in f.role}
    out = []
    for fact in relations.of(b, on, (RelationKind.IGO,)):
        if fact.b in of_a and POLITICAL in fact.role:
            out.append(Edge(a, b, EdgeKind.IGO, fact.detail or fact.b, fact.b, fact.citation,
                            start=max(fact.start, of_a[fact.b].start), licence=fact.licence))
    return out


def _duty(edge: Edge) -> str:
    if "mutual-defence" in edge.obligations:
        return "mutual defence"
    if "collective-defence" in edge.obligations:
        return "collective defence"
    return "mutual assistance"


def _years(edge: Edge) -> str:
    start = (edge.start or "")[:4]
    end = (edge.end or "")[:4]
    if not start:
        return ""
    if edge.end is None:
        return f"since {start}"
    return start if start == end else f"{start}-{end}"


def describe_edge(knowledge: Knowledge, edge: Edge, left: str) -> str:
    """One edge in words, from ``left``'s side, e.g. 'Australia and the United States are
    bound by the ANZUS Treaty (mutual defence)'. Nothing later than the graph's date is
    said."""
    a = knowledge.country_name(left)
    b = knowledge.country_name(edge.other(left))
    text = _TREATIES.get(edge.kind)
    if text is not None:
        return text.format(a=a, b=b, via=edge.via, duty=_duty(edge), note=edge.note)
    actor, target = knowledge.country_name(edge.a), knowledge.country_name(edge.b)
    when = _years(edge)
    if edge.kind == EdgeKind.CONFLICT:
        return _conflict(knowledge, edge, left, when)
    if edge.kind == EdgeKind.SIDE:
        if edge.role == "co-belligerent":
            return f"{a} and {b} fought on the same side in {edge.via} ({when})"
        return f"{actor} took part on {target}'s side in {_war(edge)} ({when})"
    if edge.kind == EdgeKind.DISPUTE:
        return f"{a} and {b} were opponents in a militarised dispute ({edge.role}; {when})"
    if edge.kind == EdgeKind.SANCTIONS:
        kinds = f" ({edge.role.replace(',', ', ')})" if edge.role else ""
        return f"{actor} has imposed sanctions on {target}{kinds}, {when}"
    if edge.kind == EdgeKind.ARMS:
        weapons = f" ({edge.via})" if edge.via != _VIA[EdgeKind.ARMS] else ""
        return f"{actor} supplied arms to {target}{weapons}, {when}"
    if edge.kind == EdgeKind.AID:
        return f"{actor} gives {target} aid ({edge.role}), {when}"
    if edge.kind == EdgeKind.TROOPS:
        count = f"about {edge.value:,.0f}" if edge.value else "its"
        return f"{actor} keeps {count} troops in {target} ({(edge.end or edge.start or '')[:4]})"
    if edge.kind == EdgeKind.TRADE:
        share = f"{edge.value:.0%} of its trade" if edge.value else "a main partner"
        return (f"{target} is one of {actor}'s main trading partners ({share}, "
                f"{(edge.end or '')[:4]})")
    if edge.kind == EdgeKind.IGO:
        return f"{a} and {b} are both members of {edge.via}"
    if edge.kind == EdgeKind.ALLIANCE:
        return f"{a} and {b} are both members of {edge.via}"
    if edge.kind == EdgeKind.LAND_BORDER:
        return f"{a} shares a land border with {b}"
    return f"{a} and {b} are maritime neighbours"


_TREATIES = {
    EdgeKind.TREATY: "{a} and {b} are bound by the {via} ({duty})",
    EdgeKind.TREATY_PENDING: "{a} and {b} have signed the {via} ({duty}), not yet in force",
    EdgeKind.TREATY_SUSPENDED: "{a} and {b} are parties to the {via} ({duty}), suspended",
    EdgeKind.TREATY_DORMANT: "{a} and {b} are parties to the {via} ({duty}), dormant: {note}",
}


def _war(edge: Edge) -> str:
    return edge.via if edge.via.startswith("the ") else f"the conflict {edge.via}"


def _conflict(knowledge: Knowledge, edge: Edge, left: str, when: str) -> str:
    roles = edge.role.split("/") if "/" in edge.role else ["", ""]
    by_country = {edge.a: roles[0], edge.b: roles[1]}
    other = edge.other(left)
    a, b = knowledge.country_name(left), knowledge.country_name(other)
    if by_country.get(other) == "secondary" and by_country.get(left) == "secondary":
        return f"{a} and {b} sent troops to opposite sides of {_war(edge)} ({when})"
    if by_country.get(other) == "secondary":
        return (f"{b} fights against {a} as a supporting party (it sent troops) in "
                f"{_war(edge)} ({when})")
    if by_country.get(left) == "secondary":
        return (f"{a} fights against {b} as a supporting party (it sent troops) in "
                f"{_war(edge)} ({when})")
    return f"{a} and {b} fight on opposite sides of {_war(edge)} ({when})"
