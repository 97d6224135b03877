"""Loading the reviewed knowledge files in ``knowledge/data`` into typed records.

A malformed entry is reported (file, entry, field) in ``Knowledge.problems`` and skipped;
the rest of the knowledge still loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

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
    land: tuple[str, ...]
    maritime: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Membership:
    party: str  # country id
    joined: str | None = None
    left: str | None = None

    def active(self, on: date | None) -> bool:
        if on is None:
            return self.left is None
        day = on.isoformat()
        started = self.joined is None or str(self.joined) <= day
        return started and (self.left is None or str(self.left) > day)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    members: tuple[Membership, ...]
    source: str


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

    def in_effect(self, on: date | None) -> bool:
        return not (self.ended and on is not None and str(self.ended) <= on.isoformat())


@dataclass
class Knowledge:
    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    treaties: dict[str, Treaty] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

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
        land=_tuple(neighbours.get("land")),
        maritime=_tuple(neighbours.get("maritime")),
        source=str(entry.get("source") or ""),
    )


def _memberships(rows: Any, key: str, start: str) -> tuple[Membership, ...]:
    if isinstance(rows, dict):  # {universal: true, except: [...]} is expanded by the caller
        return ()
    out = []
    for row in rows or []:
        if isinstance(row, str):
            out.append(Membership(row.upper()))
            continue
        out.append(
            Membership(
                str(row[key]).upper(),
                _text(row.get(start)),
                _text(row.get("left") or row.get("withdrew")),
            )
        )
    return tuple(out)


def _organisation(entry: dict) -> Organisation:
    return Organisation(
        id=str(entry["id"]),
        name=str(entry["name"]),
        aliases=_tuple(entry.get("aliases")),
        kind=str(entry.get("kind") or ""),
        members=_memberships(entry.get("members"), "country", "joined"),
        source=str(entry.get("source") or ""),
    )


def _treaty(entry: dict) -> Treaty:
    return Treaty(
        id=str(entry["id"]),
        name=str(entry["name"]),
        aliases=_tuple(entry.get("aliases")),
        kind=str(entry.get("kind") or "treaty"),
        signed=_text(entry.get("signed")),
        in_force=_text(entry.get("in_force")),
        ended=_text(entry.get("ended")),
        parties=_memberships(entry.get("parties"), "country", "ratified"),
        obligations=_tuple(entry.get("obligations")),
        summary=str(entry.get("summary") or ""),
        source=str(entry.get("source") or ""),
    )


def _load_file(path: Path, build: Any, into: dict, problems: list[str]) -> None:
    if not path.exists():
        problems.append(f"{path.name}: missing")
        return
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
        return
    for number, entry in enumerate(entries, 1):
        try:
            record = build(entry)
        except (KeyError, TypeError, AttributeError) as exc:
            ident = entry.get("id") if isinstance(entry, dict) else None
            problems.append(f"{path.name}: entry {number} ({ident}): bad or missing field {exc}")
            continue
        if not record.source:
            problems.append(f"{path.name}: entry {number} ({record.id}): fact without a source")
        into[record.id] = record


def load_knowledge(folder: Path | None = None) -> Knowledge:
    """Load countries, organisations and treaties from ``folder`` (the bundled data by default)."""
    folder = folder or DATA
    knowledge = Knowledge()
    _load_file(folder / "countries.yaml", _country, knowledge.countries, knowledge.problems)
    _load_file(
        folder / "organisations.yaml", _organisation, knowledge.organisations, knowledge.problems
    )
    _load_file(folder / "treaties.yaml", _treaty, knowledge.treaties, knowledge.problems)
    return knowledge


@lru_cache(maxsize=1)
def bundled_knowledge() -> Knowledge:
    """The bundled knowledge, loaded once per process (it is read-only)."""
    return load_knowledge()
