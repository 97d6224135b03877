"""`kb check`: validate the knowledge: unknown ids, overlapping terms of one office, dates
out of order, facts without a source, and problems found while loading."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from geobrief.knowledge.load import Knowledge


def _dates_in_order(label: str, *pairs: tuple[str, str | None, str, str | None]
                    ) -> Iterator[str]:
    for first_name, first, second_name, second in pairs:
        if first and second and str(first) > str(second):
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
        problems += _dates_in_order(f"treaties {t.id}", ("signed", t.signed, "in force",
                                                         t.in_force),
                                    ("in force", t.in_force, "ended", t.ended))
        for p in t.parties:
            if p.party not in countries:
                problems.append(f"treaties {t.id}: party {p.party!r} is not a known country id")
    problems += _check_people(k, countries, orgs)
    return problems


def _check_people(k: Knowledge, countries: set[str], orgs: set[str]) -> list[str]:
    problems: list[str] = []
    terms: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
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
            terms[(office.role, where)].append((str(office.start or ""),
                                                str(office.end or "9999"), p.id))
    for (role, where), spans in terms.items():
        spans.sort()
        for (_s1, e1, a), (s2, _e2, b) in zip(spans, spans[1:], strict=False):
            if a != b and s2 < e1:
                problems.append(f"people.yaml: {role} of {where}: terms of {a} (to {e1}) and "
                                f"{b} (from {s2}) overlap")
    return problems
