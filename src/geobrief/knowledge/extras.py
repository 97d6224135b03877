"""Adding a user's imported knowledge (see :mod:`geobrief.knowledge.importers`).

``load_extras(knowledge, folder)`` reads whichever of the importers' output files exist in
``folder`` and adds them to ``knowledge``:

* ``atop_treaties.yaml`` -> ``knowledge.treaties`` (ids must start with ``atop-``, so they
  never collide with the bundled ones; an id already present is reported and skipped);
* ``sanctions.csv`` -> ``knowledge.sanctions``;
* ``relations_*.csv`` -> ``knowledge.relations`` (read on first use, with the bundled ones).

(``cow_states.csv`` has nothing to add: the COW pairing lives in countries.yaml.)

Every malformed line goes to ``knowledge.problems`` as "<file> line N field F: reason"; a
bad entry or row is skipped (a bad party, obligation or sanctioned party's country only
drops that value) and the rest still loads.

Contradictions are reported, never merged. The check is deliberately simple: an imported
treaty is "clearly the same instrument" as a bundled one when both have the same set of
parties (every party ever, by country id) and the imported start year is the bundled
treaty's signature or entry-into-force year. It then contradicts the bundled treaty when
its start date matches neither the bundled signature nor entry-into-force date, or its end
date differs from the bundled one (dates compared to the precision both give). Both
treaties are kept and one problem line names them. Different party sets are taken to be
different instruments (ATOP's NATO of 2018 is not the bundled NATO of 2024): no problem.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import yaml

from geobrief.knowledge.load import Knowledge, Sanction, Treaty, _treaty
from geobrief.knowledge.relations import imported_files

TREATIES_FILE = "atop_treaties.yaml"
SANCTIONS_FILE = "sanctions.csv"
IMPORTED_PREFIXES = ("atop-",)
SANCTION_KINDS = {"individual", "entity", "vessel", "aircraft"}
SANCTION_COLUMNS = ("id", "name", "kind", "programmes", "country", "aliases", "source")
OBLIGATIONS = {
    "mutual-defence", "collective-defence", "mutual-assistance", "non-aggression",
    "consultation", "neutrality", "basing", "arms-control", "non-proliferation",
    "disarmament", "nuclear-test-ban", "peace", "friendship", "cooperation",
    "security-assurances", "climate", "trade", "legal",
}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_LINE = "__line__"
_LINES = "__lines__"
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):
    """A safe loader that records, in each mapping, its line and its keys' lines."""


def _mapping_with_lines(loader: Any, node: yaml.MappingNode) -> dict:
    mapping = yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    mapping[_LINES] = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", _mapping_with_lines)


def load_extras(knowledge: Knowledge, folder: Path) -> None:
    """Add the imported files found in ``folder`` to ``knowledge`` (see the module doc)."""
    folder = Path(folder)
    if (folder / TREATIES_FILE).exists():
        _load_treaties(knowledge, folder / TREATIES_FILE)
    if (folder / SANCTIONS_FILE).exists():
        _load_sanctions(knowledge, folder / SANCTIONS_FILE)
    knowledge.relation_files = imported_files(folder)  # read on first use


class _Problems:
    def __init__(self, knowledge: Knowledge, file: str) -> None:
        self.knowledge = knowledge
        self.file = file

    def add(self, line: int, column: str, reason: str) -> None:
        self.knowledge.problems.append(f"{self.file} line {line} field {column}: {reason}")


def _line(entry: dict, key: str) -> int:
    return int(entry.get(_LINES, {}).get(key, entry.get(_LINE, 0)))


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in (_LINE, _LINES)}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _date_ok(value: Any) -> bool:
    return value is None or bool(_DATE.fullmatch(str(value)))


def _check_treaty(entry: dict, knowledge: Knowledge, report: _Problems) -> dict | None:
    """The entry cleaned for ``load._treaty``, or None when it cannot be used."""
    tid = entry.get("id")
    if not isinstance(tid, str) or not tid.startswith(IMPORTED_PREFIXES):
        report.add(_line(entry, "id"), "id",
                   f"{tid!r} must start with {' or '.join(IMPORTED_PREFIXES)}; skipped")
        return None
    if tid in knowledge.treaties:
        report.add(_line(entry, "id"), "id", f"duplicate id {tid!r}; skipped")
        return None
    for key in ("name", "source"):
        if not str(entry.get(key) or "").strip():
            report.add(_line(entry, key), key, f"{tid}: missing {key}; skipped")
            return None
    for key in ("signed", "in_force", "ended"):
        if not _date_ok(entry.get(key)):
            report.add(_line(entry, key), key, f"{tid}: not a date {entry.get(key)!r}; skipped")
            return None
    parties = entry.get("parties")
    if not isinstance(parties, list):
        report.add(_line(entry, "parties"), "parties", f"{tid}: not a list; skipped")
        return None
    kept = []
    for party in parties:
        line = party.get(_LINE, _line(entry, "parties")) if isinstance(party, dict) else \
            _line(entry, "parties")
        if not isinstance(party, dict):
            report.add(line, "parties", f"{tid}: party {party!r} is not a mapping; dropped")
            continue
        country = str(party.get("country") or "").upper()
        if country not in knowledge.countries:
            report.add(line, "country", f"{tid}: unknown country {party.get('country')!r}; "
                       "party dropped")
            continue
        bad = next((k for k in ("in_force", "ratified", "acceded", "left", "withdrew")
                    if not _date_ok(party.get(k))), None)
        if bad:
            report.add(line, bad, f"{tid}: not a date {party.get(bad)!r}; party dropped")
            continue
        kept.append(party)
    obligations = entry.get("obligations") or []
    if not isinstance(obligations, list):
        report.add(_line(entry, "obligations"), "obligations", f"{tid}: not a list; skipped")
        return None
    unknown = [o for o in obligations if o not in OBLIGATIONS]
    for item in unknown:
        report.add(_line(entry, "obligations"), "obligations",
                   f"{tid}: unknown obligation {item!r}; dropped")
    cleaned = _strip(entry)
    cleaned["parties"] = _strip(kept)
    cleaned["obligations"] = [o for o in obligations if o in OBLIGATIONS]
    return dict(cleaned)


def _load_treaties(knowledge: Knowledge, path: Path) -> None:
    report = _Problems(knowledge, path.name)
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.add(mark.line + 1 if mark else 0, "file", f"not valid YAML: {exc}")
        return
    if not isinstance(entries, list):
        report.add(1, "file", "expected a list of entries")
        return
    bundled = _by_parties(knowledge)
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            report.add(0, "entry", f"entry {number} is not a mapping; skipped")
            continue
        cleaned = _check_treaty(entry, knowledge, report)
        if cleaned is None:
            continue
        try:
            treaty = _treaty(cleaned, ())
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            report.add(_line(entry, "id"), "entry", f"{cleaned.get('id')}: {exc!r}; skipped")
            continue
        knowledge.treaties[treaty.id] = treaty
        _check_contradiction(treaty, entry, bundled, report)


def _parties(treaty: Treaty) -> frozenset[str]:
    return frozenset(p.party for p in treaty.parties)


def _by_parties(knowledge: Knowledge) -> dict[frozenset[str], list[Treaty]]:
    out: dict[frozenset[str], list[Treaty]] = {}
    for treaty in knowledge.treaties.values():
        if not treaty.id.startswith(IMPORTED_PREFIXES) and treaty.parties:
            out.setdefault(_parties(treaty), []).append(treaty)
    return out


def _same_day(a: str | None, b: str | None) -> bool:
    """Equal to the precision both give ("1953" matches "1953-10-01")."""
    if a is None or b is None:
        return a is None and b is None
    return a.startswith(b) or b.startswith(a)


def _check_contradiction(treaty: Treaty, entry: dict,
                         bundled: dict[frozenset[str], list[Treaty]], report: _Problems
                         ) -> None:
    start = treaty.in_force or treaty.signed
    if start is None:
        return
    for other in bundled.get(_parties(treaty), []):
        years = {d[:4] for d in (other.signed, other.in_force) if d}
        if start[:4] not in years:
            continue
        differs = []
        if not any(_same_day(start, d) for d in (other.signed, other.in_force) if d):
            differs.append(f"starts {start}, bundled signed {other.signed} and in force "
                           f"{other.in_force}")
        if not _same_day(treaty.ended, other.ended):
            differs.append(f"ended {treaty.ended}, bundled ended {other.ended}")
        if differs:
            column = "ended" if len(differs) == 1 and differs[0].startswith("ended") \
                else "in_force"
            report.add(_line(entry, column), column,
                       f"{treaty.id} looks like bundled {other.id} (same parties, same start "
                       f"year) but dates differ: {'; '.join(differs)}; both kept")


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _load_sanctions(knowledge: Knowledge, path: Path) -> None:
    report = _Problems(knowledge, path.name)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in SANCTION_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            report.add(1, missing[0], "column missing from the header; file skipped")
            return
        for row in reader:
            line = reader.line_num
            values = {k: (row.get(k) or "").strip() for k in SANCTION_COLUMNS}
            sid = values["id"]
            if not sid:
                report.add(line, "id", "empty; row skipped")
                continue
            if sid in knowledge.sanctions:
                report.add(line, "id", f"duplicate id {sid!r}; row skipped")
                continue
            bad = next((k for k in ("name", "source") if not values[k]), None)
            if bad:
                report.add(line, bad, f"{sid}: empty; row skipped")
                continue
            if values["kind"] not in SANCTION_KINDS:
                report.add(line, "kind", f"{sid}: unknown kind {values['kind']!r}; row skipped")
                continue
            country: str | None = values["country"].upper() or None
            if country is not None and country not in knowledge.countries:
                report.add(line, "country",
                           f"{sid}: unknown country {values['country']!r}; left empty")
                country = None
            knowledge.sanctions[sid] = Sanction(
                id=sid, name=values["name"], kind=values["kind"],
                programmes=_split(values["programmes"]), country=country,
                aliases=_split(values["aliases"]), source=values["source"])
