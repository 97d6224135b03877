"""Shared pieces of the relation importers: reading a dataset's CSV, mapping its country
codes and names to our ids, and folding year-by-year records into spells.

Every relation importer returns the text of one ``relations_<kind>.csv`` (columns of
:data:`geobrief.knowledge.relations.COLUMNS`) and an :class:`ImportReport`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geobrief.knowledge.importers._common import CountryNames, ImportReport, cow_codes, number
from geobrief.knowledge.load import Knowledge

# Gleditsch-Ward codes that differ from COW's for a country we know (GW 340 is Serbia,
# COW 345; GW 678 is Yemen, COW 679). Other GW codes equal COW's for current states.
GW_TO_COUNTRY: dict[int, str] = {340: "RS", 678: "YE"}
# Names that registers write for a state whose continuing state is one of ours.
SUCCESSOR_NAMES: dict[str, str] = {"soviet union": "RU", "ussr": "RU", "yugoslavia": "RS",
                                   "serbia and montenegro": "RS", "east timor": "TL",
                                   "west germany": "DE", "germany (frg)": "DE",
                                   "north vietnam": "VN", "north yemen": "YE",
                                   "yemen arab republic (north yemen)": "YE", "fry": "RS",
                                   "congo": "CG", "congo (brazzaville)": "CG",
                                   "malagasy republic": "MG", "transjordan": "JO",
                                   "malaya": "MY", "ethiopia (excludes eritrea)": "ET"}
# Organisations that act as one sender or donor; kept as organisation nodes.
ORGANISATION_NAMES: dict[str, str] = {"eu": "org:EU", "european union": "org:EU",
                                      "un": "org:UN", "united nations": "org:UN",
                                      "eu (commission and council)": "org:EU",
                                      "eu institutions": "org:EU", "nato": "org:NATO",
                                      "african union": "org:AU", "ecowas": "org:ECOWAS",
                                      "arab league": "org:ARAB-LEAGUE", "league of arab states":
                                      "org:ARAB-LEAGUE", "oas": "org:OAS", "eec": "org:EU",
                                      "organization of american states": "org:OAS",
                                      "organisation of african unity": "org:AU",
                                      "commonwealth": "org:COMMONWEALTH", "g7": "org:G7",
                                      "osce": "org:OSCE", "csce": "org:OSCE", "oic": "org:OIC",
                                      "mercosur": "org:MERCOSUR", "eeu": "org:EAEU",
                                      "pacific islands forum": "org:PIF",
                                      "united nations**": "org:UN", "nato**": "org:NATO",
                                      "african union**": "org:AU",
                                      "european union**": "org:EU", "osce**": "org:OSCE"}


def rows(path: Path, report: ImportReport, required: tuple[str, ...],
         encoding: str = "utf-8") -> Iterator[tuple[int, dict[str, str]]]:
    """(line, record) of a CSV file; a missing column is reported and nothing is read."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            report.problem(path.name, 1, missing[0], "column missing from the header")
            return
        for record in reader:
            yield reader.line_num, record


class Codes:
    """COW or Gleditsch-Ward state codes -> country id; unknown codes are counted."""

    def __init__(self, knowledge: Knowledge, gleditsch_ward: bool = False) -> None:
        self.map = dict(cow_codes())
        if gleditsch_ward:
            self.map.update(GW_TO_COUNTRY)
        self.known = set(knowledge.countries)
        self.unknown: dict[int, int] = {}

    def __call__(self, text: str | None) -> str | None:
        code = number(text)
        if code is None:
            return None
        cid = self.map.get(code)
        if cid is None or cid not in self.known:
            self.unknown[code] = self.unknown.get(code, 0) + 1
            return None
        return cid

    def note(self, report: ImportReport, file: str) -> None:
        if self.unknown:
            listed = ", ".join(f"{c} ({n})" for c, n in sorted(self.unknown.items())[:15])
            report.notes.append(f"{file}: {len(self.unknown)} state code(s) without a "
                                f"present-day country, rows left out: {listed}")


class Names:
    """Country names as datasets write them -> country id, or an organisation node."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.names = CountryNames(knowledge)
        self.unknown: dict[str, int] = {}

    def __call__(self, text: str) -> str | None:
        key = text.strip().casefold()
        if key in ORGANISATION_NAMES:
            return ORGANISATION_NAMES[key]
        if key in SUCCESSOR_NAMES:
            return SUCCESSOR_NAMES[key]
        found = self.names.resolve(text)
        if found is None:
            self.unknown[text.strip()] = self.unknown.get(text.strip(), 0) + 1
        return found

    def split(self, text: str) -> list[str]:
        """A comma list of names, where a name may itself hold a comma ("Korea, South",
        "Congo, Democratic Republic of the"): a part that is no name alone, and that
        resolves with the next one, is one name with it."""
        parts = [p.strip() for p in text.split(",") if p.strip()]
        out: list[str] = []
        while parts:
            if len(parts) > 1 and not self.names.resolve(parts[0]) and \
                    self.names.resolve(f"{parts[0]}, {parts[1]}"):
                out.append(f"{parts[0]}, {parts[1]}")
                parts = parts[2:]
            else:
                out.append(parts.pop(0))
        return out

    def note(self, report: ImportReport, file: str) -> None:
        if self.unknown:
            listed = ", ".join(f"{n!r} ({c})" for n, c in sorted(self.unknown.items())[:15])
            more = f" and {len(self.unknown) - 15} more" if len(self.unknown) > 15 else ""
            report.notes.append(f"{file}: {len(self.unknown)} name(s) that are no country "
                                f"we know (non-state groups, ended states), left out: "
                                f"{listed}{more}")


@dataclass(frozen=True)
class Spell:
    first: int
    last: int


def spells(years: set[int] | list[int], sparse_until: int = 0, sparse_gap: int = 5
           ) -> list[Spell]:
    """Consecutive years folded into spells. Up to the year ``sparse_until`` a step of
    ``sparse_gap`` years still continues a spell (COW IGO observes every 5 years before
    1965)."""
    out: list[Spell] = []
    for year in sorted(set(years)):
        gap = sparse_gap if year <= sparse_until else 1
        if out and year - out[-1].last <= gap:
            out[-1] = Spell(out[-1].first, year)
        else:
            out.append(Spell(year, year))
    return out


def year_of(text: str | None) -> int | None:
    try:
        return number(text)
    except ValueError:
        return None
