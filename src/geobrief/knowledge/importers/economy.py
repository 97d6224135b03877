"""Trade, sanctions, arms and aid -> relations (``trade``, ``sanctions``, ``arms``, ``aid``).

* ``cow-trade``: COW Dyadic Trade v4 non-directed dyad-years (``cow_trade_ndy.csv``:
  ``flow1`` = imports of ``ccode1`` from ``ccode2``, ``flow2`` the reverse, million USD;
  negative = missing). For each state and year the partners are ranked by total trade;
  a partner among the state's :data:`TOP_PARTNERS` with at least :data:`MIN_SHARE` of its
  trade gives ``trade`` (a -> b, value: b's share of a's trade in the spell's last year).
* ``gsdb``: Global Sanctions Data Base R3 (``GSDB_V3.csv``, one row per case; senders
  and targets are names, senders may be "EU", "UN" or a comma list). Each sender gives
  ``sanctions`` sender -> target, role the types (trade, arms, military, financial,
  travel, other), from ``begin`` to ``end`` (GSDB's 2022 means ongoing: left open).
* ``sipri``: the SIPRI trade register (``sipri_trade_register_*.csv``, one row per
  deal). Deals fold into supplier -> recipient spells over the years of order and
  delivery (``arms``, value: TIV of the deals, detail: the main weapons).
* ``kiel``: the Kiel Ukraine Support Tracker's donor-month table
  (``data_explorer.csv``, billion EUR). One ``aid`` relation donor -> Ukraine per donor and
  year, from its first to its last month with aid, value the year's total, role the split
  (military, financial, humanitarian).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from geobrief.knowledge.importers._common import ImportReport
from geobrief.knowledge.importers._relations import Codes, Names, rows, spells, year_of
from geobrief.knowledge.load import Knowledge
from geobrief.knowledge.relations import Relation, RelationKind, render_rows

TRADE_OUTPUT = "relations_cow_trade.csv"
GSDB_OUTPUT = "relations_gsdb.csv"
SIPRI_OUTPUT = "relations_sipri.csv"
KIEL_OUTPUT = "relations_kiel.csv"
TOP_PARTNERS = 5
MIN_SHARE = 0.05
GSDB_LAST_YEAR = 2022  # R3's end year 2022 means "ongoing"
_SANCTION_TYPES = ("trade", "arms", "military", "financial", "travel", "other")


def _flow(text: str | None) -> float:
    try:
        value = float(text or "")
    except ValueError:
        return 0.0
    return value if value > 0 else 0.0


def convert_trade(path: Path, knowledge: Knowledge, into: Path | None = None
                  ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="cow-trade", sources=[path.name])
    codes = Codes(knowledge)
    dyads: dict[int, dict[tuple[str, str], float]] = defaultdict(dict)
    for line, record in rows(path, report, ("ccode1", "ccode2", "year", "flow1", "flow2")):
        year = year_of(record["year"])
        if year is None:
            report.problem(path.name, line, "year", "not a year")
            continue
        a, b = codes(record["ccode1"]), codes(record["ccode2"])
        total = _flow(record["flow1"]) + _flow(record["flow2"])
        if a and b and a != b and total > 0:
            dyads[year][(a, b)] = dyads[year].get((a, b), 0.0) + total
    codes.note(report, path.name)
    shares: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for year, flows in dyads.items():
        partners: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for (a, b), total in flows.items():
            partners[a].append((total, b))
            partners[b].append((total, a))
        for state, found in partners.items():
            whole = sum(t for t, _ in found)
            for total, other in sorted(found, reverse=True)[:TOP_PARTNERS]:
                if total / whole >= MIN_SHARE:
                    shares[(state, other)][year] = total / whole
    facts = []
    for (a, b), by_year in shares.items():
        for spell in spells(set(by_year)):
            share = round(by_year[spell.last], 3)
            facts.append(Relation(RelationKind.TRADE, a, b, str(spell.first), str(spell.last),
                                  "main partner", share, "share of trade", "COW dyadic trade",
                                  "cow-trade"))
            report.count("trade")
    return render_rows(facts), report


def convert_gsdb(path: Path, knowledge: Knowledge, into: Path | None = None
                 ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="gsdb", sources=[path.name])
    names = Names(knowledge)
    facts = []
    for line, record in rows(path, report, ("case_id", "sanctioned_state", "sanctioning_state",
                                            "begin", "end", *_SANCTION_TYPES)):
        begin, end = year_of(record["begin"]), year_of(record["end"])
        if begin is None:
            report.problem(path.name, line, "begin", f"not a year {record['begin']!r}")
            continue
        target = names(record["sanctioned_state"])
        if target is None:
            continue
        types = ",".join(t for t in _SANCTION_TYPES if record.get(t) == "1")
        for sender_name in names.split(record["sanctioning_state"]):
            sender = names(sender_name)
            if sender is None or sender == target:
                continue
            facts.append(Relation(
                RelationKind.SANCTIONS, sender, target, str(begin),
                None if end is None or end >= GSDB_LAST_YEAR else str(end), types, None,
                (record.get("objective") or "").replace("_", " "),
                f"GSDB case {record['case_id']}", "gsdb"))
            report.count("sanctions")
    names.note(report, path.name)
    return render_rows(facts), report


def _delivery_years(text: str) -> set[int]:
    return {y for y in (year_of(part.strip()) for part in text.split(";")) if y}


def convert_sipri(path: Path, knowledge: Knowledge, into: Path | None = None
                  ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="sipri", sources=[path.name])
    names = Names(knowledge)
    deals: dict[tuple[str, str], dict[int, list[tuple[float, str]]]] = defaultdict(
        lambda: defaultdict(list))
    for line, record in rows(path, report, ("recipient", "supplier", "year_of_order",
                                            "weapon_designation", "years_of_delivery",
                                            "tiv_total_order")):
        ordered = year_of(record["year_of_order"])
        if ordered is None:
            report.problem(path.name, line, "year_of_order", "not a year")
            continue
        supplier, recipient = names(record["supplier"]), names(record["recipient"])
        if supplier is None or recipient is None or supplier == recipient:
            continue
        try:
            tiv = float(record["tiv_total_order"] or 0)
        except ValueError:
            tiv = 0.0
        weapon = record["weapon_designation"].strip()
        for year in {ordered} | _delivery_years(record["years_of_delivery"] or ""):
            deals[(supplier, recipient)][year].append((tiv if year == ordered else 0.0, weapon))
        report.count("deals")
    names.note(report, path.name)
    facts = []
    for (supplier, recipient), by_year in deals.items():
        for spell in spells(set(by_year)):
            items = [d for y in range(spell.first, spell.last + 1) for d in by_year.get(y, [])]
            tiv = sum(t for t, _ in items)
            weapons = _main(items)
            facts.append(Relation(RelationKind.ARMS, supplier, recipient, str(spell.first),
                                  str(spell.last), "supplier", round(tiv, 1), weapons,
                                  "SIPRI trade register", "sipri"))
            report.count("arms")
    return render_rows(facts), report


def _main(items: list[tuple[float, str]], limit: int = 3) -> str:
    value: dict[str, float] = defaultdict(float)
    for tiv, weapon in items:
        value[weapon] += tiv
    return "; ".join(w for w, _ in sorted(value.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def convert_kiel(path: Path, knowledge: Knowledge, into: Path | None = None
                 ) -> tuple[str, ImportReport]:
    report = ImportReport(kind="kiel", sources=[path.name])
    names = Names(knowledge)
    years: dict[tuple[str, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    months: dict[tuple[str, int], list[int]] = defaultdict(list)
    for line, record in rows(path, report, ("country", "year", "month", "total", "financial",
                                            "humanitarian", "military")):
        year, month = year_of(record["year"]), year_of(record["month"])
        if year is None or month is None:
            report.problem(path.name, line, "year", "not a year or month")
            continue
        donor = names(record["country"])
        if donor is None:
            continue
        try:
            amounts = {k: float(record[k] or 0) for k in ("total", "financial",
                                                          "humanitarian", "military")}
        except ValueError:
            report.problem(path.name, line, "total", "not a number")
            continue
        if amounts["total"] <= 0:
            continue
        for key, value in amounts.items():
            years[(donor, year)][key] += value
        months[(donor, year)].append(month)
    names.note(report, path.name)
    facts = []
    for (donor, year), sums in years.items():
        first, last = min(months[(donor, year)]), max(months[(donor, year)])
        split = "; ".join(f"{k} {sums[k]:.3f}" for k in ("military", "financial", "humanitarian"))
        facts.append(Relation(RelationKind.AID, donor, "UA", f"{year}-{first:02d}",
                              f"{year}-{last:02d}", split, round(sums["total"], 3),
                              "bilateral aid to Ukraine, billion EUR", "Kiel UST", "kiel"))
        report.count("aid")
    return render_rows(facts), report
