"""The relationship graph: countries tied by defence treaties, alliances and borders.

``why(a, b, on)`` returns the shortest chains that tie two countries on a date, each edge
with its kind and source, so that a briefing can say in words why a story about ``b``
reaches readers in ``a``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geobrief.knowledge.load import Knowledge, Membership

DEFENCE = {"mutual-defence", "collective-defence", "mutual-assistance"}
ALLIANCE_KINDS = {"military-alliance", "security-partnership", "intelligence-alliance"}
CHAIN_KINDS = {"treaty", "alliance"}
LAST_KINDS = {"treaty", "treaty-pending", "alliance", "land-border"}
# Lower is stronger; used to order chains of equal length.
STRENGTH = {"self": 0, "treaty": 1, "alliance": 2, "treaty-pending": 3, "land-border": 4,
            "maritime-neighbour": 5, "member": 6}


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    kind: str  # treaty | alliance | land-border | maritime-neighbour | member
    via: str  # treaty or organisation name, or "" for borders
    via_id: str
    source: str
    obligations: tuple[str, ...] = ()
    in_force: str | None = None

    def other(self, node: str) -> str:
        return self.b if node == self.a else self.a


class Graph:
    def __init__(self, knowledge: Knowledge, on: date | None) -> None:
        self.knowledge = knowledge
        self.on = on
        self.edges: dict[str, list[Edge]] = {}
        self._build()

    def _add(self, edge: Edge) -> None:
        self.edges.setdefault(edge.a, []).append(edge)
        self.edges.setdefault(edge.b, []).append(edge)

    def _pairs(self, parties: list[str]) -> list[tuple[str, str]]:
        ordered = sorted(set(parties))
        return [(x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :]]

    def _build(self) -> None:
        k = self.knowledge
        for treaty in k.treaties.values():
            if not DEFENCE & set(treaty.obligations) or not treaty.in_effect(self.on):
                continue
            if treaty.in_force_on(self.on):
                kind = "treaty"
                parties = [p for p in treaty.parties if p.active(self.on)]
            elif treaty.signed_by(self.on) and treaty.in_force is not None:
                kind = "treaty-pending"  # signed (and perhaps ratified), not yet in force
                parties = [p for p in treaty.parties if p.left is None]
            else:
                continue
            for x, y in self._pairs([p.party for p in parties]):
                if _suspended_between(parties, x, y, self.on):
                    continue
                self._add(Edge(x, y, kind, treaty.short_name, treaty.id, treaty.source,
                               treaty.obligations, treaty.in_force))
        for org in k.organisations.values():
            if org.kind not in ALLIANCE_KINDS:
                continue
            members = [m.party for m in org.members if m.active(self.on)]
            for x, y in self._pairs(members):
                self._add(Edge(x, y, "alliance", org.short_name, org.id, org.source))
        for country in k.countries.values():
            for other in country.land:
                if country.id < other:
                    self._add(Edge(country.id, other, "land-border", "", "", country.source))
            for other in country.maritime:
                if country.id < other and other not in country.land:
                    self._add(Edge(country.id, other, "maritime-neighbour", "", "",
                                   country.source))

    def chains(self, start: str, goal: str, limit: int = 3, max_edges: int = 3
               ) -> list[list[Edge]]:
        """The few most meaningful chains: the direct ties, then shortest chains through
        different countries (each new chain avoids the go-betweens of the earlier ones)."""
        found = [c for c in self.why(start, goal, max_edges, limit) if c]
        if found and len(found[0]) == 1:
            banned: set[str] = set()
        else:
            banned = {n for c in found for n in chain_nodes(c, start)[1:-1]}
        nodes = set(self.edges) - banned
        patterns = {_pattern(c) for c in found}
        for _attempt in range(4 * limit):  # bounded: each try bans the go-betweens it used
            if len(found) >= limit:
                break
            extra = self.why(start, goal, max_edges, 1, through=nodes - {start, goal} | {goal})
            extra = [c for c in extra if c and c not in found]
            if not extra or len(extra[0]) == 1:
                break
            nodes -= set(chain_nodes(extra[0], start)[1:-1])
            if _pattern(extra[0]) not in patterns:  # the same treaties through another
                patterns.add(_pattern(extra[0]))    # member says nothing new
                found.append(extra[0])
        return found[:limit]

    def why(self, start: str, goal: str, max_edges: int = 3, limit: int = 3,
            through: set[str] | None = None) -> list[list[Edge]]:
        """Chains tying ``start`` to ``goal``: every direct tie (strongest first), else the
        shortest chain of treaty and alliance ties, whose last step may also be a land
        border ("an ally of an ally", "the neighbour of an ally"). Longer chains through
        borders say little and are not offered. ``through`` limits the countries a chain may
        pass through (a briefing passes the countries its story names)."""
        if start == goal:
            return [[]]
        direct = [
            e for e in sorted(self.edges.get(start, []), key=_edge_order) if e.other(start) == goal
        ]
        if direct:
            return [[e] for e in direct[:limit]]
        parent: dict[str, tuple[str, Edge] | None] = {start: None}
        frontier = [start]
        for _depth in range(max_edges - 1):
            nxt: list[str] = []
            for node in frontier:
                for edge in sorted(self.edges.get(node, []), key=_edge_order):
                    other = edge.other(node)
                    allowed = through is None or other in through
                    if edge.kind in CHAIN_KINDS and other not in parent and allowed:
                        parent[other] = (node, edge)
                        nxt.append(other)
            for node in nxt:
                last = next(
                    (
                        e
                        for e in sorted(self.edges.get(node, []), key=_edge_order)
                        if e.other(node) == goal and e.kind in LAST_KINDS
                    ),
                    None,
                )
                if last is not None:
                    return [self._unwind(parent, node) + [last]]
            frontier = nxt
        return []

    @staticmethod
    def _unwind(parent: dict[str, tuple[str, Edge] | None], node: str) -> list[Edge]:
        chain: list[Edge] = []
        while parent[node] is not None:
            prev, edge = parent[node]  # type: ignore[misc]
            chain.append(edge)
            node = prev
        return list(reversed(chain))


def _pattern(chain: list[Edge]) -> tuple[str, ...]:
    return tuple(f"{e.kind}:{e.via_id}" for e in chain)


def _suspended_between(parties: list[Membership], x: str, y: str, on: date | None) -> bool:
    by_party = {p.party: p for p in parties}
    return by_party[x].suspended_towards(y, on) or by_party[y].suspended_towards(x, on)


def _edge_order(edge: Edge) -> tuple[int, str, str]:
    return (STRENGTH[edge.kind], edge.via_id, edge.a + edge.b)


def chain_nodes(chain: list[Edge], start: str) -> list[str]:
    nodes = [start]
    for edge in chain:
        nodes.append(edge.other(nodes[-1]))
    return nodes


def _duty(edge: Edge) -> str:
    if "mutual-defence" in edge.obligations:
        return "mutual defence"
    if "collective-defence" in edge.obligations:
        return "collective defence"
    return "mutual assistance"


def describe_edge(knowledge: Knowledge, edge: Edge, left: str) -> str:
    """One edge in words, e.g. 'Australia and the United States are bound by the ANZUS
    Treaty (mutual defence)'. Nothing later than the graph's date is said."""
    a = knowledge.country_name(left)
    b = knowledge.country_name(edge.other(left))
    if edge.kind == "treaty-pending":
        return f"{a} and {b} have signed the {edge.via} ({_duty(edge)}), not yet in force"
    if edge.kind == "treaty":
        return f"{a} and {b} are bound by the {edge.via} ({_duty(edge)})"
    if edge.kind == "alliance":
        return f"{a} and {b} are both members of {edge.via}"
    if edge.kind == "land-border":
        return f"{a} shares a land border with {b}"
    return f"{a} and {b} are maritime neighbours"
