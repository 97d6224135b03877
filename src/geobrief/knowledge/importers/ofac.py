"""The US OFAC SDN list (``sdn.csv``) -> sanctions records (``sanctions.csv``).

Input: OFAC's ``sdn.csv`` as published: no header, 12 columns ``ent_num, SDN_Name,
SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner,
Remarks``; ``-0-`` (often with a trailing space) means empty; the file may end with a DOS
end-of-file mark (Ctrl-Z), which is skipped. Addresses and alternate names live in
OFAC's other files (``add.csv``, ``alt.csv``); this importer reads only the main list.

Mapping:

* kind: SDN_Type ``individual``, ``vessel``, ``aircraft``; empty is an ``entity``.
* programmes: Program split at ``] [`` (``SDGT] [IFSR`` -> SDGT, IFSR).
* aliases: every ``a.k.a. '...'`` in Remarks (not f.k.a./n.k.a.: former and new names).
* country, the first that resolves (names, aliases and demonyms of countries.yaml, with
  OFAC's inverted forms such as "Korea, North" turned round):
  ``nationality X`` (not ``alt. nationality``), then ``citizen X``, then
  ``Nationality of Registration X``; for a vessel its flag (Vess_flag); for an entity the
  country in brackets after a ``Registration Number``/``Registration ID``. A name that
  does not resolve ("possibly Palestinian") leaves the country empty and is reported once,
  with the first line it is on and how many rows carry it.
* id ``ofac-<ent_num>``; source "OFAC SDN list (<date>), entry <ent_num>", the date taken
  from a ``YYYY-MM-DD`` in the file name when there is one.

Output columns: ``id,name,kind,programmes,country,aliases,source`` (programmes and aliases
joined with "; "), sorted by entry number.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from geobrief.knowledge.importers._common import CountryNames, ImportReport, fold
from geobrief.knowledge.load import Knowledge

OUTPUT = "sanctions.csv"
COLUMNS = ("id", "name", "kind", "programmes", "country", "aliases", "source")
FIELDS = ("ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
          "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks")
KINDS = {"individual": "individual", "": "entity", "entity": "entity", "vessel": "vessel",
         "aircraft": "aircraft"}
_EOF = "\x1a"
_AKA = re.compile(r"\ba\.k\.a\. '(.+?)'(?=\s*;|\s*\.?\s*$)")
_NATIONALITY = re.compile(
    r"(?<!alt\. )\b(nationality|citizen|Nationality of Registration) ([^;]+?)\.?\s*(?:;|$)")
_REGISTRATION = re.compile(
    r"^\s*(?:alt\. )?(?:Business |Company |Commercial )?Registration (?:Number|ID)\b"
    r"[^;]*\(([^()]+)\)\s*\.?\s*$")
_NOT_A_COUNTRY = {"none identified", "unknown", "none", ""}
_NATIONALITY_ORDER = ("nationality", "citizen", "Nationality of Registration")


def empty(value: str) -> str:
    value = value.strip()
    return "" if value == "-0-" else value


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _list_date(path: Path) -> str:
    found = re.search(r"\d{4}-\d{2}-\d{2}", path.name)
    return found.group(0) if found else "undated"


class _Countries:
    """Resolves country names, remembering the ones that do not resolve."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.names = CountryNames(knowledge)
        self.cache: dict[str, str | None] = {}
        self.unresolved: dict[tuple[str, str], list[int]] = {}  # (field, name) -> lines

    def get(self, name: str, line: int, column: str, report: bool = True) -> str | None:
        if name not in self.cache:
            self.cache[name] = self.names.resolve(name)
        found = self.cache[name]
        if found is None and report and fold(name) not in _NOT_A_COUNTRY:
            self.unresolved.setdefault((column, name), []).append(line)
        return found


def _country(kind: str, remarks: str, flag: str, line: int, countries: _Countries
             ) -> str | None:
    stated: dict[str, str] = {}
    for said in _NATIONALITY.finditer(remarks):
        stated.setdefault(said.group(1), said.group(2).strip())
    for key in _NATIONALITY_ORDER:
        if key in stated:
            found = countries.get(stated[key], line, "Remarks")
            if found:
                return found
    if kind == "vessel" and flag:
        return countries.get(flag, line, "Vess_flag")
    if kind == "entity":
        for segment in remarks.split(";"):
            match = _REGISTRATION.match(segment)
            if match:
                # a bracket after a registration number is not always a country
                found = countries.get(match.group(1), line, "Remarks", report=False)
                if found:
                    return found
    return None


def _clean(value: str) -> str:
    return " ".join(value.replace(";", ",").split())


def convert(path: Path, knowledge: Knowledge, into: Path | None = None
            ) -> tuple[str, ImportReport]:
    """Read the SDN list at ``path``; return the output text and the report."""
    report = ImportReport(kind="ofac", sources=[path.name])
    listed = _list_date(path)
    countries = _Countries(knowledge)
    records: dict[int, tuple[str, ...]] = {}
    first_line: dict[int, int] = {}
    reader = csv.reader(io.StringIO(_decode(path), newline=""))
    for row in reader:
        line = reader.line_num
        if not row or row == [_EOF] or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != len(FIELDS):
            report.problem(path.name, line, "row",
                           f"expected {len(FIELDS)} columns, found {len(row)}")
            continue
        values = dict(zip(FIELDS, (empty(v) for v in row), strict=True))
        if not values["ent_num"].isdigit():
            report.problem(path.name, line, "ent_num",
                           f"not an entry number: {values['ent_num']!r}")
            continue
        ent_num = int(values["ent_num"])
        if ent_num in records:
            report.problem(path.name, line, "ent_num",
                           f"duplicate entry {ent_num} (first on line {first_line[ent_num]})")
            continue
        name = _clean(values["SDN_Name"])
        if not name:
            report.problem(path.name, line, "SDN_Name", "empty name")
            continue
        kind = KINDS.get(values["SDN_Type"].lower())
        if kind is None:
            report.problem(path.name, line, "SDN_Type", f"unknown type {values['SDN_Type']!r}")
            continue
        programmes = [p.strip(" []") for p in re.split(r"\]\s*\[", values["Program"])]
        programmes = list(dict.fromkeys(p for p in programmes if p))
        if not programmes:
            report.problem(path.name, line, "Program", "no sanctions programme")
            continue
        remarks = values["Remarks"]
        aliases = list(dict.fromkeys(_clean(a) for a in _AKA.findall(remarks)))
        aliases = [a for a in aliases if a and a != name]
        country = _country(kind, remarks, values["Vess_flag"], line, countries) or ""
        records[ent_num] = (f"ofac-{ent_num}", name, kind, "; ".join(programmes), country,
                            "; ".join(aliases),
                            f"OFAC SDN list ({listed}), entry {ent_num}")
        first_line[ent_num] = line
        report.count(kind)
        if country:
            report.count("with country")
        if aliases:
            report.count("with aliases")
    for (column, name), lines in sorted(countries.unresolved.items(),
                                        key=lambda item: item[1][0]):
        report.problem(path.name, lines[0], column,
                       f"country {name!r} not resolved ({len(lines)} row"
                       f"{'s' if len(lines) != 1 else ''}); left empty")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for ent_num in sorted(records):
        writer.writerow(records[ent_num])
    return out.getvalue(), report
