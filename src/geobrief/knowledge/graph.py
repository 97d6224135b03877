"""The relationship graph: countries tied by defence treaties, alliances, wars and the
sides states take in them, sanctions, arms, aid, troops, trade, IGOs and borders.

``why(a, b, on)`` returns the chains that tie two countries on a date, each edge typed
(:class:`~geobrief.knowledge.edges.EdgeKind`), dated and with its source, so that a
briefing can say in words why a story about ``b`` reaches readers in ``a``. Every direct
tie comes first, strongest first (a war before a treaty, an active treaty before a
dormant one); else chains of at most two steps whose go-between is tied to both ends by
something that matters (a treaty, an alliance, a war, troops, sanctions, arms or aid;
never a border, trade or a shared IGO alone), so no chain runs through an unrelated state.
"""

from __future__ import annotations

from datetime import date

from geobrief.knowledge.edges import (
    LAST_KINDS,
    STRENGTH,
    WEAK_KINDS,
    Edge,
    EdgeKind,
    commits,
    describe_edge,
    relation_edges,
    shared_igos,
)
from geobrief.knowledge.load import Knowledge, Membership, TreatyStatus

DEFENCE = {"mutual-defence", "collective-defence", "mutual-assistance"}
ALLIANCE_KINDS = {"military-alliance", "security-partnership", "intelligence-alliance"}
MAX_EDGES = 2
_TREATY_EDGE = {TreatyStatus.ACTIVE: EdgeKind.TREATY,
                TreatyStatus.PENDING: EdgeKind.TREATY_PENDING,
                TreatyStatus.SUSPENDED: EdgeKind.TREATY_SUSPENDED,
                TreatyStatus.DORMANT: EdgeKind.TREATY_DORMANT}

__all__ = ["Edge", "EdgeKind", "Graph", "chain_nodes", "describe_edge"]


class Graph:
    """The ties among countries on ``on`` (None: every tie in effect today).

    ``relations=False`` leaves out the dated relations (wars, sanctions, arms, aid,
    troops, trade, disputes, IGOs) and keeps treaties, alliances and borders.
    """

    def __init__(self, knowledge: Knowledge, on: date | None, relations: bool = True) -> None:
        self.knowledge = knowledge
        self.on = on
        self.with_relations = relations
        self.edges: dict[str, list[Edge]] = {}
        self._build()

    def _add(self, edge: Edge) -> None:
        self.edges.setdefault(edge.a, []).append(edge)
        self.edges.setdefault(edge.b, []).append(edge)

    def _pairs(self, parties: list[str]) -> list[tuple[str, str]]:
        ordered = sorted(set(parties))
        return [(x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :]]

    def _build(self) -> None:
        self._treaties()
        k = self.knowledge
        for org in k.organisations.values():
            if org.kind not in ALLIANCE_KINDS:
                continue
            members = [m.party for m in org.members if m.active(self.on)]
            for x, y in self._pairs(members):
                self._add(Edge(x, y, EdgeKind.ALLIANCE, org.short_name, org.id, org.source))
        for country in k.countries.values():
            for other in country.land:
                if country.id < other:
                    self._add(Edge(country.id, other, EdgeKind.LAND_BORDER, "", "",
                                   country.source))
            for other in country.maritime:
                if country.id < other and other not in country.land:
                    self._add(Edge(country.id, other, EdgeKind.MARITIME, "", "",
                                   country.source))
        if self.with_relations:
            self._relations()

    def _relations(self) -> None:
        """Relation edges, one per tie however many years it spans. Sanctions from a state
        on one it aids are left out: those cases target persons or a region (the EU's
        Crimea measures are coded as sanctions "on Ukraine"), not the state."""
        seen: set[tuple[str, ...]] = set()
        edges = []
        for edge in relation_edges(self.knowledge, self.knowledge.relations, self.day):
            key = (edge.kind, *sorted((edge.a, edge.b)), edge.via_id)
            if key not in seen:
                seen.add(key)
                edges.append(edge)
        aids = {(e.a, e.b) for e in edges if e.kind == EdgeKind.AID}
        for edge in edges:
            if not (edge.kind == EdgeKind.SANCTIONS and (edge.a, edge.b) in aids):
                self._add(edge)

    @property
    def day(self) -> date:
        return self.on or date.today()

    def _treaties(self) -> None:
        for treaty in self.knowledge.treaties.values():
            if not DEFENCE & set(treaty.obligations):
                continue
            status = treaty.status_on(self.on)
            if status == TreatyStatus.ENDED or not treaty.signed_by(self.on):
                continue
            if status == TreatyStatus.PENDING:
                if treaty.in_force is None:
                    continue
                parties = [p for p in treaty.parties if p.left is None]
            else:
                parties = [p for p in treaty.parties if p.active(self.on)
                           or (status == TreatyStatus.SUSPENDED and p.left is None)]
            kind = _TREATY_EDGE[status]
            for x, y in self._pairs([p.party for p in parties]):
                if _suspended_between(parties, x, y, self.on):
                    continue
                self._add(Edge(x, y, kind, treaty.short_name, treaty.id, treaty.source,
                               treaty.obligations, treaty.in_force, start=treaty.in_force,
                               note=treaty.dormant_note))

    def direct(self, a: str, b: str) -> list[Edge]:
        """Every tie between ``a`` and ``b``, strongest first; of several records of one
        kind in one direction (two sanctions cases), the first."""
        found: list[Edge] = []
        kinds: set[tuple[str, str]] = set()
        for edge in sorted((e for e in self.edges.get(a, []) if e.other(a) == b),
                           key=_edge_order):
            if edge.kind in _TREATY_EDGE.values() or edge.kind == EdgeKind.ALLIANCE or \
                    (edge.kind, edge.a) not in kinds:
                kinds.add((edge.kind, edge.a))
                found.append(edge)
        return found

    def igos(self, a: str, b: str) -> list[Edge]:
        """The small political IGOs both belong to: a weak tie, never offered by ``why``
        (a shared technical body ties nobody), kept for a later ranking."""
        if not self.with_relations:
            return []
        return shared_igos(self.knowledge.relations, a, b, self.day)

    def chains(self, start: str, goal: str, limit: int = 3, max_edges: int = MAX_EDGES
               ) -> list[list[Edge]]:
        """The few most meaningful chains: the direct ties, strongest first, then two-step
        chains through different go-betweens (each new chain avoids the go-betweens of the
        earlier ones and repeats no pattern of ties)."""
        direct = self.direct(start, goal) if start != goal else []
        found = [[e] for e in direct if e.kind not in WEAK_KINDS][:limit]
        weak = [[e] for e in direct if e.kind in WEAK_KINDS]
        patterns = {_pattern(c) for c in found}
        nodes = set(self.edges) - {start}
        for _attempt in range(4 * limit):  # bounded: each try bans the go-between it used
            if len(found) >= limit:
                break
            extra = self._two_steps(start, goal, nodes, max_edges)
            if extra is None:
                break
            nodes -= set(chain_nodes(extra, start)[1:-1])
            if _pattern(extra) not in patterns:  # the same ties through another member
                patterns.add(_pattern(extra))    # say nothing new
                found.append(extra)
        return (found + weak)[:limit]

    def why(self, start: str, goal: str, max_edges: int = MAX_EDGES, limit: int = 3,
            through: set[str] | None = None) -> list[list[Edge]]:
        """Chains tying ``start`` to ``goal``: every direct tie that says something
        (strongest first); else the best chain of two steps whose go-between is bound to
        ``start`` by a commitment of ``start`` (a treaty, an alliance, a war, troops, aid
        or arms it gives), and to ``goal`` by one of those, a pending treaty or a land
        border ("an ally of an ally", "the neighbour of an
        ally"). Longer chains say little and are never offered. ``through`` limits the
        countries a chain may pass through (a briefing passes the countries its story
        names). Weak direct ties (trade, a shared IGO, a dormant treaty, a maritime
        neighbour, an old dispute) come after that chain."""
        if start == goal:
            return [[]]
        direct = self.direct(start, goal)
        strong = [[e] for e in direct if e.kind not in WEAK_KINDS]
        if strong:
            return strong[:limit]
        nodes = set(self.edges) if through is None else set(through)
        chain = self._two_steps(start, goal, nodes - {start}, max_edges)
        return ([chain] if chain else []) + [[e] for e in direct][: limit - bool(chain)]

    def _two_steps(self, start: str, goal: str, nodes: set[str], max_edges: int
                   ) -> list[Edge] | None:
        if min(max_edges, MAX_EDGES) < 2:
            return None
        best: tuple[tuple[int, int, str], list[Edge]] | None = None
        for first in sorted(self.edges.get(start, []), key=_edge_order):
            middle = first.other(start)
            if not commits(first, start) or middle not in nodes or middle == goal:
                continue
            last = next((e for e in sorted(self.edges.get(middle, []), key=_edge_order)
                         if e.other(middle) == goal and commits(e, middle, LAST_KINDS)),
                        None)
            if last is None:
                continue
            rank = (STRENGTH[first.kind] + STRENGTH[last.kind], STRENGTH[first.kind], middle)
            if best is None or rank < best[0]:
                best = (rank, [first, last])
        return best[1] if best else None


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
