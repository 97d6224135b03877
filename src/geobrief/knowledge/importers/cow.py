"""Correlates of War state codes -> our country ids (``cow_states.csv``).

Input: the COW State System Membership list as peacesciencer ships it
(``stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version``; numbers
may be written as floats, "2.0"). A state with interrupted membership has one row per spell.

The pairing itself is the ``cow:`` field of countries.yaml (plus ``SUCCESSOR_CODES``); this
importer checks it against COW's name and abbreviation and lists each disagreement, without
changing the pairing: as a note when it is one of ``KNOWN_PAIRINGS`` (COW 345 "Yugoslavia"
is Serbia), else as a problem.
COW states that ended without a present-day successor (Bavaria, the GDR, ...) get an empty
country id.

Output columns: ``ccode,abbrev,name,country,start,end`` (dates YYYY-MM-DD; a part COW leaves
unknown is dropped, "YYYY-MM" or "YYYY"), one row per spell, sorted by code and start.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geobrief.knowledge.importers._common import (
    FieldError,
    ImportReport,
    cow_codes,
    cow_field_problems,
    fold,
    iso3_codes,
    number,
    read_date,
)
from geobrief.knowledge.load import Knowledge

OUTPUT = "cow_states.csv"
# Pairings checked by hand whose COW name matches none of ours; reported as notes, not
# problems. Any other disagreement is a problem.
KNOWN_PAIRINGS: dict[int, tuple[str, str]] = {
    260: ("DE", "the German Federal Republic (1955-1990) continues as Germany"),
    345: ("RS", "COW keeps Yugoslavia's code for Serbia and Montenegro, then Serbia"),
    484: ("CG", "COW's Congo is the Republic of the Congo (Brazzaville); DR Congo is 490"),
}
COLUMNS = ("ccode", "abbrev", "name", "country", "start", "end")
_REQUIRED = ("stateabb", "ccode", "statenme", "styear", "endyear")


def _matches(knowledge: Knowledge, cid: str, abbrev: str, name: str,
             iso3: dict[str, str]) -> bool:
    country = knowledge.countries[cid]
    names = {fold(n) for n in (country.name, country.official, *country.aliases)}
    return fold(name) in names or abbrev.upper() == iso3.get(cid, "")


def convert(path: Path, knowledge: Knowledge, into: Path | None = None
            ) -> tuple[str, ImportReport]:
    """Read the COW state list at ``path``; return the output text and the report."""
    report = ImportReport(kind="cow", sources=[path.name])
    for problem in cow_field_problems():
        report.problems.append(problem)
    codes = cow_codes()
    iso3 = iso3_codes()
    rows: list[tuple[int, str, str, str, str, str, str]] = []
    checked: set[int] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            report.problem(path.name, 1, missing[0], "column missing from the header")
            return _render([]), report
        for record in reader:
            line = reader.line_num
            try:
                ccode = number(record["ccode"])
                if ccode is None:
                    raise ValueError("empty")
            except (ValueError, TypeError) as exc:
                report.problem(path.name, line, "ccode", f"not a state code: {exc}")
                continue
            name = (record.get("statenme") or "").strip()
            abbrev = (record.get("stateabb") or "").strip()
            if not name:
                report.problem(path.name, line, "statenme", "empty")
                continue
            try:
                dates = [read_date(record, "styear", "stmonth", "stday") or "",
                         read_date(record, "endyear", "endmonth", "endday") or ""]
            except FieldError as exc:
                report.problem(path.name, line, exc.column, str(exc))
                continue
            cid = codes.get(ccode, "")
            if cid and cid not in knowledge.countries:
                report.problem(path.name, line, "ccode",
                               f"COW code {ccode} paired with unknown country {cid}")
                cid = ""
            if cid and ccode not in checked and not _matches(knowledge, cid, abbrev, name, iso3):
                country = knowledge.countries[cid]
                finding = (f"{path.name} line {line}, field statenme: COW {ccode} {abbrev} "
                           f"{name!r} is paired with {cid} {country.name!r}")
                if KNOWN_PAIRINGS.get(ccode, ("",))[0] == cid:
                    report.notes.append(f"{finding}: {KNOWN_PAIRINGS[ccode][1]}")
                else:
                    report.problems.append(f"{finding} (no name, alias or ISO3 match; "
                                           "check the cow: field in countries.yaml)")
            checked.add(ccode)
            rows.append((ccode, dates[0], abbrev, name, cid, dates[0], dates[1]))
            report.count("spells")
    rows.sort()
    report.counts["states"] = len({r[0] for r in rows})
    report.counts["mapped"] = len({r[0] for r in rows if r[4]})
    report.counts["unmapped"] = len({r[0] for r in rows if not r[4]})
    listed = {r[0] for r in rows}
    absent = [f"{code} ({cid})" for code, cid in codes.items() if code not in listed]
    if absent and rows:  # a stale cow: value, or a partial COW list
        more = f" and {len(absent) - 10} more" if len(absent) > 10 else ""
        report.problems.append(f"countries.yaml field cow: {len(absent)} code(s) not in "
                               f"{path.name}: {', '.join(absent[:10])}{more}")
    return _render(rows), report


def _render(rows: list[tuple[int, str, str, str, str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for ccode, _, abbrev, name, cid, start, end in rows:
        writer.writerow((ccode, abbrev, name, cid, start, end))
    return out.getvalue()
