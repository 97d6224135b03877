"""`kb check`: validate the knowledge: unknown ids, overlapping terms of one office (for
roles one person holds at a time; shared roles only per title), dates out of order, facts
without a source, relations between unknown states, and problems found while loading."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from geobrief.knowledge.load import Knowledge


def _dates_in_order(label: str, *pairs: tuple[str, str | None, str, str | None]
                    ) -> Iterator[str]:
    for first_name, first, second_name, second in pairs:
        size = min(len(str(first or "")), len(str(second or "")))  # "2024-02-03" vs "2024"
        if first and second and str(first)[:size] > str(second)[:size]:
            yield f"{label}: {first_name} {first} is after {second_name} {second}"


def check(k: Knowledge) -> list[str]:
    """Every problem found, one line each, naming the record and the field."""
    problems = list(k.problems)
    countries = set(k.countries)
    orgs = set(k.organisations)
    for c in k.countries.values():
        for other in (*c.land, *c.maritime):
            if other not in countries:
                problems.append(f"countries.yaml {c.id}: neighbour {other!r} is not a known id")
        for other in c.land:
            if other in k.countries and c.id not in k.countries[other].land:
                problems.append(f"countries.yaml {c.id}: land border with {other} is not "
                                f"recorded on {other}'s side")
    for o in k.organisations.values():
        for m in o.members:
            if m.party not in countries:
                problems.append(f"organisations.yaml {o.id}: member {m.party!r} is not a "
                                "known country id")
            problems += _dates_in_order(f"organisations.yaml {o.id} member {m.party}",
                                        ("joined", m.joined, "left", m.left))
    for t in k.treaties.values():
        if not t.source:
            problems.append(f"treaties: {t.id}: fact without a source")
        # a law may take effect before it is signed (the Taiwan Relations Act, retroactive
        # to 1979-01-01); an instrument may not
        signed = None if t.kind == "law" else t.signed
        problems += _dates_in_order(f"treaties {t.id}", ("signed", signed, "in force",
                                                         t.in_force),
                                    ("in force", t.in_force, "ended", t.ended))
        for p in t.parties:
            if p.party not in countries:
                problems.append(f"treaties {t.id}: party {p.party!r} is not a known country id")
    problems += _check_people(k, countries, orgs)
    problems += _check_relations(k, countries, orgs)
    return problems


def _check_relations(k: Knowledge, countries: set[str], orgs: set[str]) -> list[str]:
    """Relations: problems found while loading, unknown ids, dates out of order."""
    relations = k.relations
    problems = list(relations.problems)
    for fact in relations.facts:
        label = f"relations {fact.kind} {fact.a}->{fact.b} ({fact.ref or fact.source[:40]})"
        for node in (fact.a, fact.b):
            known = node.startswith("igo:") or node in countries or \
                (node.startswith("org:") and node.removeprefix("org:") in orgs)
            if not known:
                problems.append(f"{label}: {node!r} is not a known country or organisation")
        problems += _dates_in_order(label, ("start", fact.start, "end", fact.end))
    return problems


# Roles one person holds at a time in a state or organisation (people.yaml, Conventions):
# two non-acting terms may not overlap. Every other role ("other", "spokesperson",
# "intelligence-chief", ...) is shared: several people hold it at once (the Kremlin's and
# the foreign ministry's spokespeople), so only terms with the same title may not overlap.
SINGLE_HOLDER_ROLES = frozenset({
    "head-of-state", "head-of-government", "foreign-minister", "defence-minister",
    "secretary-general", "commission-president", "council-president",
    "high-representative", "director-general", "prosecutor", "managing-director",
})


def _latest(day: str) -> str:
    """The latest day a start may mean: "2023-06" may be any day of June (it sorts after
    them all as "2023-06-99"); an unknown start ("") overlaps nothing for sure."""
    if not day:
        return "9999"
    return day + "-99" if len(day) < 10 else day


def _check_people(k: Knowledge, countries: set[str], orgs: set[str]) -> list[str]:
    problems: list[str] = []
    terms: dict[tuple[str, ...], list[tuple[str, str, str]]] = defaultdict(list)
    for p in k.people.values():
        if p.country and p.country not in countries:
            problems.append(f"people.yaml {p.id}: country {p.country!r} is not a known id")
        for office in p.offices:
            where = office.country or office.org or ""
            if office.country and office.country not in countries:
                problems.append(f"people.yaml {p.id}: office country {office.country!r} unknown")
            if office.org and office.org not in orgs:
                problems.append(f"people.yaml {p.id}: office org {office.org!r} unknown")
            problems += _dates_in_order(f"people.yaml {p.id} {office.role}",
                                        ("start", office.start, "end", office.end))
            if office.acting:  # stands in for a suspended or absent holder
                continue
            key: tuple[str, ...] = (office.role, where)
            if office.role not in SINGLE_HOLDER_ROLES:
                key = (office.role, where, office.title)
            terms[key].append((str(office.start or ""), str(office.end or "9999"), p.id))
    for key, spans in terms.items():
        spans.sort()
        for (_s1, e1, a), (s2, _e2, b) in zip(spans, spans[1:], strict=False):
            # only a sure overlap: a month-only date may fall either side of a day in it
            if a != b and _latest(s2) < e1:
                role, where = key[0], key[1]
                title = f" ({key[2]})" if len(key) > 2 else ""
                problems.append(f"people.yaml: {role}{title} of {where}: terms of {a} "
                                f"(to {e1}) and {b} (from {s2}) overlap")
    return problems
