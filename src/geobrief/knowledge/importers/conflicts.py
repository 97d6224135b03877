"""Armed conflicts, wars and disputes -> relations (``conflict``, ``side``, ``dispute``).

* ``ucdp``: the UCDP/PRIO Armed Conflict Dataset (``UcdpPrioConflict_v25_1.csv``, one row
  per conflict-year; states as Gleditsch-Ward codes in ``gwno_a``, ``gwno_a_2nd``,
  ``gwno_b``, ``gwno_b_2nd``). Every state of side A (primary or secondary) and every state
  of side B give a ``conflict`` relation (role ``primary/secondary`` says how each took
  part); a secondary state (one that sends troops to support a side) gives a ``side``
  relation to each primary state of its side. Intrastate conflicts without a second state
  give nothing (the relation is between states). Consecutive years fold into one spell;
  a spell that begins in the year of the episode's start date begins on that date, and
  one that ends with the episode ends on its end date.
* ``cow-war``: COW Inter-State Wars as peacesciencer's directed dyad-years
  (``cow_war_inter.csv``): opponents give ``conflict``; states on the same side ``side``
  (role ``co-belligerent``).
* ``cow-mid``: COW Militarized Interstate Disputes v5 dispute-dyad-years
  (``cow_mid_ddydisps.csv``): each dyad of opponents gives ``dispute``, role the dispute's
  highest hostility level (1 no militarised action .. 5 war).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from geobrief.knowledge.importers._common import ImportReport
from geobrief.knowledge.importers._relations import Codes, rows, spells, year_of
from geobrief.knowledge.load import Knowledge
from geobrief.knowledge.relations import Relation, RelationKind, render_rows

UCDP_OUTPUT = "relations_ucdp.csv"
WAR_OUTPUT = "relations_cow_war.csv"
MID_OUTPUT = "relations_cow_mid.csv"
_UCDP_COLUMNS = ("conflict_id", "side_a", "side_b", "year", "gwno_a", "gwno_a_2nd", "gwno_b",
                 "gwno_b_2nd", "start_date2", "ep_end", "ep_end_date")
_HOSTILITY = {1: "no militarised action", 2: "threat to use force", 3: "display of force",
              4: "use of force", 5: "war"}


def _side_name(text: str) -> str:
    text = re.sub(r"^Government of ", "", text.split(",")[0].strip())
    return re.sub(r"\s*\(.*?\)", "", text).strip()


def ucdp_label(side_a: str, side_b: str) -> str:
    """'Government of Russia (Soviet Union)', 'Government of Ukraine' -> 'Russia vs Ukraine'."""
    return f"{_side_name(side_a)} vs {_side_name(side_b)}"


def _states(text: str | None, codes: Codes) -> list[str]:
    found = [codes(part) for part in (text or "").split(",") if part.strip()]
    return [c for c in found if c]


class _Years:
    """Years per relation key, with the dates that open and close episodes."""

    def __init__(self) -> None:
        self.years: dict[tuple, set[int]] = defaultdict(set)
        self.starts: dict[tuple[str, int], str] = {}
        self.ends: dict[tuple[str, int], str] = {}


def convert_ucdp(path: Path, knowledge: Knowledge, into: Path | None = None
                 ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="ucdp", sources=[path.name])
    codes = Codes(knowledge, gleditsch_ward=True)
    seen = _Years()
    labels: dict[str, str] = {}
    for line, record in rows(path, report, _UCDP_COLUMNS):
        year = year_of(record["year"])
        if year is None:
            report.problem(path.name, line, "year", f"not a year {record['year']!r}")
            continue
        ref = f"UCDP conflict {record['conflict_id']}"
        labels[ref] = ucdp_label(record["side_a"], record["side_b"])
        start = record.get("start_date2") or ""
        if start[:4] == str(year):
            seen.starts[(ref, year)] = start
        if record.get("ep_end") == "1" and (record.get("ep_end_date") or "")[:4] == str(year):
            seen.ends[(ref, year)] = record["ep_end_date"]
        report.count("conflict-years")
        sides = []
        for primary, secondary in (("gwno_a", "gwno_a_2nd"), ("gwno_b", "gwno_b_2nd")):
            sides.append([(c, "primary") for c in _states(record[primary], codes)] +
                         [(c, "secondary") for c in _states(record[secondary], codes)])
        for a, role_a in sides[0]:
            for b, role_b in sides[1]:
                if a != b:
                    seen.years[(RelationKind.CONFLICT, a, b, f"{role_a}/{role_b}", ref)].add(year)
        for side in sides:
            for helper, role in side:
                for main, main_role in side:
                    if role == "secondary" and main_role == "primary" and helper != main:
                        seen.years[(RelationKind.SIDE, helper, main, "secondary", ref)].add(year)
    codes.note(report, path.name)
    facts = []
    for (kind, a, b, role, ref), years in seen.years.items():
        for spell in spells(years):
            facts.append(Relation(kind, a, b, seen.starts.get((ref, spell.first),
                                                              str(spell.first)),
                                  seen.ends.get((ref, spell.last), str(spell.last)), role,
                                  None, labels[ref], ref, "ucdp-acd"))
            report.count(kind.value)
    return render_rows(facts), report


def convert_war(path: Path, knowledge: Knowledge, into: Path | None = None
                ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="cow-war", sources=[path.name])
    codes = Codes(knowledge)
    years: dict[tuple, set[int]] = defaultdict(set)
    sides: dict[tuple[str, str], str] = {}
    war_years: dict[str, set[int]] = defaultdict(set)
    for line, record in rows(path, report, ("warnum", "ccode1", "ccode2", "year", "sidea1")):
        try:
            war = f"COW war {int(float(record['warnum']))}"
            year = int(float(record["year"]))
        except ValueError:
            report.problem(path.name, line, "warnum", "not a number")
            continue
        a, b = codes(record["ccode1"]), codes(record["ccode2"])
        if a is None or b is None:
            continue
        sides[(war, a)] = record["sidea1"]
        war_years[war].add(year)
        if a < b:
            years[(RelationKind.CONFLICT, a, b, "", war)].add(year)
    by_war: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (war, state), side in sides.items():
        by_war[war][side].append(state)
    for war, groups in by_war.items():
        for members in groups.values():
            for i, x in enumerate(sorted(members)):
                for y in sorted(members)[i + 1:]:
                    years[(RelationKind.SIDE, x, y, "co-belligerent", war)] |= war_years[war]
    codes.note(report, path.name)
    return _spells(years, "cow-war", report), report


def convert_mid(path: Path, knowledge: Knowledge, into: Path | None = None
                ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="cow-mid", sources=[path.name])
    codes = Codes(knowledge)
    years: dict[tuple, set[int]] = defaultdict(set)
    for line, record in rows(path, report, ("dispnum", "ccode1", "ccode2", "year", "hostlev")):
        try:
            dispute = f"COW MID {int(float(record['dispnum']))}"
            year = int(float(record["year"]))
            level = int(float(record["hostlev"] or 0))
        except ValueError:
            report.problem(path.name, line, "dispnum", "not a number")
            continue
        a, b = codes(record["ccode1"]), codes(record["ccode2"])
        if a is None or b is None or a >= b:
            continue
        role = f"hostility {level}: {_HOSTILITY.get(level, 'unknown')}"
        years[(RelationKind.DISPUTE, a, b, role, dispute)].add(year)
    codes.note(report, path.name)
    return _spells(years, "cow-mid", report), report


def _spells(years: dict[tuple, set[int]], dataset: str, report: ImportReport) -> str:
    facts = []
    for (kind, a, b, role, ref), found in years.items():
        for spell in spells(found):
            facts.append(Relation(kind, a, b, str(spell.first), str(spell.last), role, None,
                                  ref, ref, dataset))
            report.count(kind.value)
    return render_rows(facts)
