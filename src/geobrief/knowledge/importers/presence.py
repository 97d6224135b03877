"""US troops abroad and IGO memberships -> relations (``troops``, ``igo``).

* ``troops``: troopdata's country-year table (``troopdata-rebuild-country-year.csv``;
  ``troops_ad`` = active-duty US military personnel in the host, from DMDC reports). One
  ``troops`` relation US -> host per year with at least :data:`MIN_TROOPS` (fewer is an
  embassy guard or a liaison office, not a deployment), value the count.
* ``cow-igo``: COW IGO v3 state-year memberships in long form
  (``igo_membership_state_year_long.csv``: ccode, year, ioname, status). Years fold into
  membership spells per state, IGO and status (COW observes every 5 years before 1965, so
  a 5-year step continues a spell then). ``b`` is ``igo:<IONAME>``; the IGO's full name
  comes from ``igo_list.csv`` beside the input when present, and its ``political`` flag
  adds "; political" to the role (the graph ties states only by political IGOs).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from geobrief.knowledge.importers._common import ImportReport, number
from geobrief.knowledge.importers._relations import Codes, rows, spells, year_of
from geobrief.knowledge.load import Knowledge
from geobrief.knowledge.relations import Relation, RelationKind, render_rows

TROOPS_OUTPUT = "relations_troops.csv"
IGO_OUTPUT = "relations_cow_igo.csv"
MIN_TROOPS = 100
IGO_LIST = "igo_list.csv"
SPARSE_UNTIL = 1965  # COW IGO observes every 5 years until 1965, then every year


def convert_troops(path: Path, knowledge: Knowledge, into: Path | None = None
                   ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="troops", sources=[path.name])
    codes = Codes(knowledge)
    facts = []
    for line, record in rows(path, report, ("countryname", "year", "ccode", "troops_ad")):
        year = year_of(record["year"])
        try:
            troops = number(record["troops_ad"])
        except ValueError:
            report.problem(path.name, line, "troops_ad", f"not a count {record['troops_ad']!r}")
            continue
        if year is None or troops is None or troops < MIN_TROOPS:
            continue
        host = codes(record["ccode"])
        if host is None or host == "US":
            continue
        facts.append(Relation(RelationKind.TROOPS, "US", host, str(year), str(year),
                              "active duty", float(troops), "US military personnel",
                              "troopdata country-year", "troopdata"))
        report.count("troops")
    codes.note(report, path.name)
    return render_rows(facts), report


def _igo_names(folder: Path) -> dict[str, tuple[str, bool]]:
    """IGO -> (full name, political flag) from igo_list.csv beside the input."""
    path = folder / IGO_LIST
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["ioname"].upper(): ((r.get("longorgname") or r.get("orgname") or "").strip(),
                                      (r.get("political") or "").startswith("1"))
                for r in csv.DictReader(handle)}


def convert_igo(path: Path, knowledge: Knowledge, into: Path | None = None
                ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="cow-igo", sources=[path.name])
    codes = Codes(knowledge)
    names = _igo_names(path.parent)
    years: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for line, record in rows(path, report, ("ccode", "year", "ioname", "status")):
        year = year_of(record["year"])
        if year is None:
            report.problem(path.name, line, "year", "not a year")
            continue
        state = codes(record["ccode"])
        if state is None:
            continue
        status = (record.get("status_label") or record["status"]).strip()
        years[(state, record["ioname"].strip().upper(), status)].add(year)
    codes.note(report, path.name)
    facts = []
    for (state, igo, status), found in years.items():
        for spell in spells(found, sparse_until=SPARSE_UNTIL):
            name, political = names.get(igo, (igo, False))
            role = f"{status}; political" if political else status
            facts.append(Relation(RelationKind.IGO, state, f"igo:{igo}", str(spell.first),
                                  str(spell.last), role, None, name, f"COW IGO {igo}",
                                  "cow-igo"))
    report.count("igo", len(facts))
    return render_rows(facts), report
