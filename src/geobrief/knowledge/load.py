"""Loading the reviewed knowledge files in ``knowledge/data`` into typed records.

A malformed entry is reported (file, entry, field) in ``Knowledge.problems`` and skipped;
the rest of the knowledge still loads.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from geobrief.knowledge.cache import cached_parse

if TYPE_CHECKING:
    from geobrief.knowledge.relations import Relations

DATA = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    official: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    metonyms: tuple[str, ...]
    region: str | None
    continent: str | None
    land: tuple[str, ...]
    maritime: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Membership:
    """A country's membership of an organisation or party status in a treaty, over time.

    ``joined`` is when it became bound (joined, or for treaties its own entry into force,
    else ratification or accession); ``suspended`` stops it, towards everyone or only
    towards the parties in ``towards`` (the US suspended ANZUS obligations to New Zealand
    only), until ``reinstated``.
    """

    party: str  # country id
    joined: str | None = None
    left: str | None = None
    suspended: str | None = None
    reinstated: str | None = None
    towards: tuple[str, ...] = ()

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.left is None and (self.suspended is None or self.towards != ())
        day = on.isoformat()
        started = self.joined is None or str(self.joined) <= day
        if not started or (self.left is not None and str(self.left) <= day):
            return False
        return not (self.suspended_on(day) and not self.towards)

    def suspended_on(self, day: str) -> bool:
        if self.suspended is None or str(self.suspended) > day:
            return False
        return self.reinstated is None or str(self.reinstated) > day

    def suspended_towards(self, other: str, on: date | None) -> bool:
        day = on.isoformat() if on else "9999"
        return other in self.towards and self.suspended_on(day)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    members: tuple[Membership, ...]
    source: str
    country: str | None = None  # for a national body or a group based in one country

    @property
    def short_name(self) -> str:
        return self.aliases[0] if len(self.name) > 30 and self.aliases else self.name


_INSTRUMENT = re.compile(r"\b(Treaty|Pact|Agreement|Convention|Charter|Accords?|Protocol)\b")


def short_name(name: str, aliases: tuple[str, ...], pattern: re.Pattern[str] | None = None) -> str:
    if len(name) <= 40 or not aliases:
        return name
    if pattern is not None:
        fitting = [a for a in aliases if pattern.search(a) and len(a) >= 10]
        if fitting:
            return min(fitting, key=len)
    return aliases[0]


class TreatyStatus(StrEnum):
    """Where a treaty stands on a day; a ranking puts dormant and suspended treaties below
    active ones, and says so."""

    ACTIVE = "active"  # in force and applied
    PENDING = "pending"  # signed, not (yet) in force
    SUSPENDED = "suspended"  # in force, but its obligations suspended (by every party)
    DORMANT = "dormant"  # in force on paper, its organisation or practice gone (SEATO)
    ENDED = "ended"


@dataclass(frozen=True)
class Treaty:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    signed: str | None
    in_force: str | None
    ended: str | None
    parties: tuple[Membership, ...]
    obligations: tuple[str, ...]
    summary: str
    source: str
    dormant: str | None = None  # since when it is in force on paper only
    dormant_note: str = ""

    @property
    def short_name(self) -> str:
        """The name to use in a sentence: the formal one if short, else a known short form."""
        return short_name(self.name, self.aliases, _INSTRUMENT)

    def status_on(self, on: date | None) -> TreatyStatus:
        day = on.isoformat() if on is not None else "9999"
        if not self.in_effect(on):
            return TreatyStatus.ENDED
        if not self.in_force_on(on):
            return TreatyStatus.PENDING
        if self.dormant is not None and str(self.dormant) <= day:
            return TreatyStatus.DORMANT
        bound = [p for p in self.parties if p.left is None or str(p.left) > day]
        if bound and all(p.suspended_on(day) and not p.towards for p in bound):
            return TreatyStatus.SUSPENDED
        return TreatyStatus.ACTIVE

    def signed_by(self, on: date | None) -> bool:
        return self.signed is None or on is None or str(self.signed) <= on.isoformat()

    def in_force_on(self, on: date | None) -> bool:
        """In force on ``on``: entered into force by then and not ended."""
        if self.in_force is None:
            return False
        if on is not None and str(self.in_force) > on.isoformat():
            return False
        return self.in_effect(on)

    def in_effect(self, on: date | None) -> bool:
        return not (self.ended and on is not None and str(self.ended) <= on.isoformat())


@dataclass(frozen=True)
class Sanction:
    """A sanctioned person, entity, vessel or aircraft (e.g. from the OFAC SDN list)."""

    id: str  # e.g. "ofac-12345"
    name: str
    kind: str  # individual | entity | vessel | aircraft
    programmes: tuple[str, ...]
    country: str | None  # country id when known
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Office:
    role: str  # head-of-state, head-of-government, foreign-minister, defence-minister, ...
    title: str
    country: str | None
    org: str | None
    start: str | None
    end: str | None
    also: tuple[str, ...] = ()
    acting: bool = False  # stands in for a holder who is suspended or on leave

    def held_on(self, on: date) -> bool:
        day = on.isoformat()
        return (self.start is None or str(self.start) <= day) and \
            (self.end is None or str(self.end) >= day)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    offices: tuple[Office, ...]
    source: str


@dataclass(frozen=True)
class Place:
    id: str  # "geonames:<id>" or "region:<slug>"
    name: str
    country: str | None
    population: int
    kind: str  # city | us-state
    aliases: tuple[str, ...]
    source: str = "GeoNames (CC BY 4.0)"


@dataclass
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    treaties: dict[str, Treaty] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    sanctions: dict[str, Sanction] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # Imported relation files (``relations_*.csv`` of the knowledge folder); the relations
    # themselves load on first use of ``relations`` (see knowledge/relations.py).
    relation_files: list[Path] = field(default_factory=list)
    _relations: Any = field(default=None, repr=False, compare=False)
    _office_index: Any = field(default=None, repr=False, compare=False)

    @property
    def relations(self) -> Relations:
        """Dated relations between states (conflicts, sanctions, arms, aid, troops, trade,
        IGOs), loaded on first use (see knowledge/relations.py)."""
        from geobrief.knowledge.relations import relations_of

        return relations_of(self)

    def holders(self, role: str, on: date, country: str | None = None,
                org: str | None = None) -> list[Person]:
        """Who held ``role`` for ``country`` (or ``org``) on ``on``; on a handover day (one
        term ends as the next begins) only the incoming holder. Read from an index of
        offices by (role, country, org), each person's offices in their order, built on
        first use (and again if ``people`` changed size)."""
        found: list[tuple[Office, Person]] = []
        last: Person | None = None
        for office, person in self._offices().get((role, country, org), ()):
            if person is not last and office.held_on(on):
                found.append((office, person))  # a person's first office held that day
                last = person
        if len(found) > 1:
            day = on.isoformat()
            found = [(o, p) for o, p in found if str(o.end or "9999") != day] or found
        return [p for _o, p in found]

    def _offices(self) -> dict[tuple[str, str | None, str | None], list[tuple[Office, Person]]]:
        """Every office under each role it counts for (its role and ``also``), in the
        order of ``people`` and of each person's offices."""
        if self._office_index is None or self._office_index[0] != len(self.people):
            index: dict[tuple[str, str | None, str | None], list[tuple[Office, Person]]] = {}
            for person in self.people.values():
                for office in person.offices:
                    for role in dict.fromkeys((office.role, *office.also)):
                        index.setdefault((role, office.country, office.org), []).append(
                            (office, person))
            self._office_index = (len(self.people), index)
        return self._office_index[1]

    def country_name(self, cid: str) -> str:
        """The name as it reads mid-sentence: 'the United States', 'Australia'."""
        country = self.countries.get(cid)
        if country is None:
            return cid
        return f"the {country.name}" if _takes_article(country.name) else country.name


_WITH_ARTICLE = {
    "Bahamas",
    "Netherlands",
    "Philippines",
    "Maldives",
    "Comoros",
    "Seychelles",
    "Gambia",
    "Vatican",
    "Holy See",
    "Czech Republic",
    "Dominican Republic",
    "Central African Republic",
    "Falkland Islands",
    "Faroe Islands",
    "Gaza Strip",
    "West Bank",
    "Ivory Coast",
}


def _takes_article(name: str) -> bool:
    return (
        name in _WITH_ARTICLE
        or name.startswith(("United ", "Republic of"))
        or name.endswith(" Islands")
        or name.startswith("DR ")
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _tuple(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(str(v) for v in value)


def _country(entry: dict) -> Country:
    neighbours = entry.get("neighbours") or {}
    return Country(
        id=str(entry["id"]).upper(),
        name=str(entry["name"]),
        official=str(entry.get("official") or entry["name"]),
        aliases=_tuple(entry.get("aliases")),
        demonyms=_tuple(entry.get("demonyms")),
        capital=_text(entry.get("capital")),
        metonyms=_tuple(entry.get("metonyms")),
        region=_text(entry.get("region")),
        continent=_text(entry.get("continent")),
        land=_tuple(neighbours.get("land")),
        maritime=_tuple(neighbours.get("maritime")),
        source=str(entry.get("source") or ""),
    )


def _person(entry: dict) -> Person:
    offices = tuple(
        Office(
            role=str(o["role"]),
            title=str(o.get("title") or ""),
            country=_text(o.get("country")),
            org=_text(o.get("org")),
            start=_text(o.get("start")),
            end=_text(o.get("end")),
            also=_tuple(o.get("also")),
            acting=bool(o.get("acting")),
        )
        for o in entry.get("offices") or []
    )
    return Person(
        id=str(entry["id"]),
        name=str(entry["name"]),
        aliases=_tuple(entry.get("aliases")),
        country=_text(entry.get("country")),
        offices=offices,
        source=str(entry.get("source") or ""),
    )


def _body(entry: dict) -> Organisation:
    return Organisation(id=str(entry["id"]), name=str(entry["name"]),
                        aliases=_tuple(entry.get("aliases")), kind=str(entry["kind"]),
                        members=(), source=str(entry.get("source") or ""),
                        country=str(entry["country"]).upper())


def _region(entry: dict) -> Place:
    return Place(f"region:{entry['id']}", str(entry["name"]), _text(entry.get("country")), 0,
                 str(entry.get("kind") or "region"), _tuple(entry.get("aliases")),
                 str(entry.get("source") or ""))


def _places(path: Path, problems: list[str]) -> dict[str, Place]:
    """Places from the CSV built by tools/build_places.py (GeoNames)."""
    places: dict[str, Place] = {}
    if not path.exists():
        return places
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for number, row in enumerate(csv.DictReader(lines), 2):
            try:
                place = Place(f"geonames:{int(row['geonameid'])}", row["name"], row["country"],
                              int(row["population"]), row["kind"],
                              tuple(a for a in row["aliases"].split("|") if a))
            except (KeyError, ValueError, TypeError) as exc:
                problems.append(f"{path.name} line {number}: bad row ({exc})")
                continue
            places[place.id] = place
    return places


def _membership(row: dict, start_keys: tuple[str, ...], default_start: str | None
                ) -> Membership:
    joined = next((_text(row[k]) for k in start_keys if row.get(k)), None)
    if default_start and (joined is None or joined < default_start):
        joined = default_start  # bound only once the instrument itself is in force
    return Membership(
        party=str(row["country"]).upper(),
        joined=joined,
        left=_text(row.get("left") or row.get("withdrew")),
        suspended=_text(row.get("suspended")),
        reinstated=_text(row.get("reinstated")),
        towards=_tuple(row.get("suspended_towards")),
    )


def _memberships(rows: Any, start_keys: tuple[str, ...], default_start: str | None,
                 ended: str | None, universe: tuple[str, ...]) -> tuple[Membership, ...]:
    """Membership rows; ``{universal: true, except, also}`` expands over ``universe``."""
    if isinstance(rows, dict):
        if not rows.get("universal"):
            return ()
        excluded = {str(c).upper() for c in rows.get("except") or []}
        out = [Membership(c, default_start, ended) for c in universe if c not in excluded]
        out += [_membership(r if isinstance(r, dict) else {"country": r}, start_keys,
                            default_start) for r in rows.get("also") or []]
        return tuple(out)
    out = []
    for row in rows or []:
        member = _membership(row if isinstance(row, dict) else {"country": row}, start_keys,
                             default_start)
        if ended and (member.left is None or member.left > ended):
            member = Membership(member.party, member.joined, ended, member.suspended,
                                member.reinstated, member.towards)
        out.append(member)
    return tuple(out)


def _dated(members: tuple[Membership, ...], founded: str | None) -> tuple[Membership, ...]:
    """A member whose joining date is not recorded joined no earlier than the
    organisation's founding: nobody is a member of the Quad in 2005."""
    if founded is None:
        return members
    return tuple(replace(m, joined=founded) if m.joined is None else m for m in members)


def _organisation(entry: dict, universe: tuple[str, ...]) -> Organisation:
    return Organisation(
        id=str(entry["id"]),
        name=str(entry["name"]),
        aliases=_tuple(entry.get("aliases")),
        kind=str(entry.get("kind") or ""),
        members=_dated(_memberships(entry.get("members"), ("joined",), None,
                                    _text(entry.get("dissolved")), universe),
                       _text(entry.get("founded"))),
        source=str(entry.get("source") or ""),
    )


def _treaty(entry: dict, universe: tuple[str, ...]) -> Treaty:
    in_force = _text(entry.get("in_force"))
    return Treaty(
        id=str(entry["id"]),
        name=str(entry["name"]),
        aliases=_tuple(entry.get("aliases")),
        kind=str(entry.get("kind") or "treaty"),
        signed=_text(entry.get("signed")),
        in_force=_text(entry.get("in_force")),
        ended=_text(entry.get("ended")),
        parties=_memberships(entry.get("parties"), ("in_force", "ratified", "acceded"),
                             in_force, _text(entry.get("ended")), universe),
        obligations=_tuple(entry.get("obligations")),
        summary=str(entry.get("summary") or ""),
        source=str(entry.get("source") or ""),
        dormant=_text(entry.get("dormant")),
        dormant_note=str(entry.get("dormant_note") or ""),
    )


def _parse_yaml(raw: bytes) -> Any:
    return yaml.load(raw.decode("utf-8"), Loader=_Loader)


def _read(path: Path, problems: list[str]) -> list:
    if not path.exists():
        problems.append(f"{path.name}: missing")
        return []
    try:
        entries = cached_parse(path.read_bytes(), _parse_yaml) or []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
        return []
    if not isinstance(entries, list):
        problems.append(f"{path.name}: expected a list of entries")
        return []
    return entries


def _build(name: str, entries: list, build: Any, into: dict, problems: list[str]) -> None:
    """Build records; a bad entry is reported by file, entry and field, and skipped."""
    for number, entry in enumerate(entries, 1):
        try:
            record = build(entry)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            ident = entry.get("id") if isinstance(entry, dict) else None
            problems.append(f"{name}: entry {number} ({ident}): bad or missing field {exc}")
            continue
        if not record.source:
            problems.append(f"{name}: entry {number} ({record.id}): fact without a source")
        if record.id in into:
            problems.append(f"{name}: entry {number}: duplicate id {record.id!r}")
        into[record.id] = record


def _un_members(organisations: list) -> tuple[str, ...]:
    """UN member states: the base set of ``{universal: true}`` memberships."""
    un = next((e for e in organisations if isinstance(e, dict) and e.get("id") == "UN"), None)
    rows = un.get("members") if un else None
    if not isinstance(rows, list):
        return ()
    return tuple(str(r["country"]).upper() for r in rows if isinstance(r, dict) and "country" in r)


def load_knowledge(folder: Path | None = None) -> Knowledge:
    """Load countries, organisations and treaties from ``folder`` (the bundled data by default)."""
    folder = folder or DATA
    k = Knowledge()
    countries = _read(folder / "countries.yaml", k.problems)
    organisations = _read(folder / "organisations.yaml", k.problems)
    treaties = _read(folder / "treaties.yaml", k.problems)
    universe = _un_members(organisations)
    _build("countries.yaml", countries, _country, k.countries, k.problems)
    _build("organisations.yaml", organisations, lambda e: _organisation(e, universe),
           k.organisations, k.problems)
    _build("treaties.yaml", treaties, lambda e: _treaty(e, universe), k.treaties, k.problems)
    people = _read(folder / "people.yaml", k.problems)
    _build("people.yaml", people, _person, k.people, k.problems)
    _build("bodies.yaml", _read(folder / "bodies.yaml", k.problems), _body, k.organisations,
           k.problems)
    k.places = _places(folder / "places.csv", k.problems)
    _build("regions.yaml", _read(folder / "regions.yaml", k.problems), _region, k.places,
           k.problems)
    return k


@lru_cache(maxsize=4)
def knowledge_with(extra: str | None) -> Knowledge:
    """The bundled knowledge plus what ``kb import`` wrote to the folder ``extra``."""
    if extra is None or not Path(extra).is_dir():
        return bundled_knowledge()
    from geobrief.knowledge.extras import load_extras

    knowledge = load_knowledge()
    load_extras(knowledge, Path(extra))
    return knowledge


@lru_cache(maxsize=1)
def bundled_knowledge() -> Knowledge:
    """The bundled knowledge, loaded once per process (it is read-only)."""
    return load_knowledge()
