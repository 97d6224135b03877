"""ATOP 4.01 alliances -> treaty records (``atop_treaties.yaml``).

Input: the ATOP alliance-level and member-level tables (Leeds et al., version 4.01). Pass
either table or the folder holding both; the other is found beside it
(``atop-alliance-level.csv`` / ``atop-member-level.csv``).

ATOP conventions, as read from the data:

* ``atopid`` identifies an alliance; ``member`` (member level) and ``mem1``..``mem59``
  (alliance level) are COW state codes; a few members outside the COW system carry
  ATOP's own codes (e.g. 8152, Annam), which are reported as unknown COW codes.
* ``begyr/begmo/begday`` (alliance) and ``yrent/moent/dayent`` (member) are the dates of
  signature/entry; ``endyr/endmo/endday`` and ``yrexit/moexit/dayexit`` are the dates of
  termination/exit, with year 0 meaning still in effect at the end of the data
  (``ineffect`` = 1). An empty day (or month) means unknown: the date is then written
  "YYYY-MM" (or "YYYY"), never guessed.
* A member has one row per phase of the alliance (``phase``); back-to-back or overlapping
  phase rows are merged into one membership, a real gap gives a second membership.
* ``defense``, ``offense``, ``neutral``, ``nonagg``, ``consul`` (alliance level) are 0/1
  obligation flags; they map to defence -> mutual-defence (collective-defence with more
  than two members), offence -> mutual-assistance, neutrality -> neutrality, non-aggression
  -> non-aggression, consultation -> consultation.

COW codes map to country ids by countries.yaml's ``cow:`` field (West Germany, COW 260, is
Germany). Members that were states COW lists but that have no present-day id (Bavaria,
the GDR, Czechoslovakia, ...) are left out of ``parties`` and named in the entry's note.

Output: a YAML list in the schema of data/treaties.yaml, one entry per alliance, sorted by
ATOP id: id ``atop-<atopid>``; kind ``agreement``; ``signed`` and ``in_force`` both the ATOP
begin date (ATOP dates an alliance from its signature, so this may precede the real entry
into force);
``ended``; parties ``{country, in_force, left}`` (a member's own entry and exit, left out
when they equal the alliance's); ``obligations``; ``source``.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from geobrief.knowledge.importers._common import (
    FieldError,
    ImportReport,
    cow_codes,
    number,
    read_date,
)
from geobrief.knowledge.load import Knowledge

OUTPUT = "atop_treaties.yaml"
VERSION = "ATOP 4.01 (Leeds et al.)"
ALLIANCE_FILE = "atop-alliance-level.csv"
MEMBER_FILE = "atop-member-level.csv"
OBLIGATIONS = (  # ATOP column -> our obligation, in output order
    ("defense", "mutual-defence"),
    ("offense", "mutual-assistance"),
    ("neutral", "neutrality"),
    ("nonagg", "non-aggression"),
    ("consul", "consultation"),
)
_WORDS = {"defense": "defence", "offense": "offence", "neutral": "neutrality",
          "nonagg": "non-aggression", "consul": "consultation"}
_ALLIANCE_COLUMNS = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday",
                     *(c for c, _ in OBLIGATIONS))
_MEMBER_COLUMNS = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit",
                   "dayexit")


@dataclass
class _Alliance:
    atopid: int
    line: int
    begin: str
    end: str | None
    flags: dict[str, bool]
    members: list[int] = field(default_factory=list)  # COW codes, alliance-level order
    spells: dict[int, list[tuple[str, str | None]]] = field(default_factory=dict)


def companion_paths(path: Path) -> tuple[Path, Path]:
    """(alliance-level, member-level) for a folder or either of the two tables."""
    if path.is_dir():
        return path / ALLIANCE_FILE, path / MEMBER_FILE
    if "member-level" in path.name:
        return path.with_name(path.name.replace("member-level", "alliance-level")), path
    return path, path.with_name(path.name.replace("alliance-level", "member-level"))


def _cow_names(candidates: list[Path]) -> dict[int, str]:
    """COW code -> name, from the first COW state list found: the user's imported
    ``cow_states.csv`` (import "cow" first) or one beside the tables. It names
    ended states (Bavaria, COW 245) in notes and tells them from unknown codes; without
    one, every code no country carries is reported as unknown."""
    for candidate in candidates:
        if candidate.exists():
            with candidate.open(encoding="utf-8", newline="") as handle:
                out: dict[int, str] = {}
                for row in csv.DictReader(handle):
                    try:
                        code = number(row.get("ccode"))
                    except ValueError:
                        continue
                    if code is not None:
                        out[code] = (row.get("statenme") or row.get("name") or "").strip()
                return out
    return {}


def _flag(record: dict[str, str], column: str) -> bool:
    value = number(record.get(column))
    if value not in (0, 1):
        raise ValueError(f"expected 0 or 1, got {record.get(column)!r}")
    return value == 1


def _columns(reader: csv.DictReader, wanted: tuple[str, ...], name: str,
             report: ImportReport) -> bool:
    missing = [c for c in wanted if c not in (reader.fieldnames or [])]
    for column in missing:
        report.problem(name, 1, column, "column missing from the header")
    return not missing


def _read_alliances(path: Path, known: set[int], report: ImportReport
                    ) -> dict[int, _Alliance]:
    alliances: dict[int, _Alliance] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not _columns(reader, _ALLIANCE_COLUMNS, path.name, report):
            return alliances
        for record in reader:
            line = reader.line_num
            column = "atopid"
            try:
                atopid = number(record["atopid"])
                if atopid is None:
                    raise ValueError("empty")
                if atopid in alliances:
                    raise ValueError(f"duplicate alliance {atopid} "
                                     f"(first on line {alliances[atopid].line})")
                column = "begyr"
                begin = read_date(record, "begyr", "begmo", "begday")
                if begin is None:
                    raise ValueError("no begin year")
                column = "endyr"
                end = read_date(record, "endyr", "endmo", "endday")
                if end is not None and end < begin:
                    raise ValueError(f"ends {end} before it begins {begin}")
                flags = {}
                for name, _ in OBLIGATIONS:
                    column = name
                    flags[name] = _flag(record, name)
                members = []
                for i in range(1, 60):
                    column = f"mem{i}"
                    code = number(record.get(column))
                    if code is not None:
                        members.append(code)
            except FieldError as exc:
                report.problem(path.name, line, exc.column, str(exc))
                continue
            except (ValueError, TypeError) as exc:
                report.problem(path.name, line, column, str(exc))
                continue
            alliances[atopid] = _Alliance(atopid, line, begin, end, flags, members)
    return alliances


def _read_members(path: Path, alliances: dict[int, _Alliance], known: set[int],
                  report: ImportReport) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not _columns(reader, _MEMBER_COLUMNS, path.name, report):
            return
        for record in reader:
            line = reader.line_num
            column = "atopid"
            try:
                atopid = number(record["atopid"])
                if atopid not in alliances:
                    raise ValueError(f"no alliance {record['atopid']!r} in {ALLIANCE_FILE}")
                column = "member"
                code = number(record["member"])
                if code is None:
                    raise ValueError("empty")
                if code not in known:
                    raise ValueError(f"unknown COW code {code}")
                column = "yrent"
                entered = read_date(record, "yrent", "moent", "dayent")
                if entered is None:
                    raise ValueError("no entry year")
                column = "yrexit"
                left = read_date(record, "yrexit", "moexit", "dayexit")
                if left is not None and left < entered:
                    raise ValueError(f"exit {left} before entry {entered}")
            except FieldError as exc:
                report.problem(path.name, line, exc.column, str(exc))
                continue
            except (ValueError, TypeError) as exc:
                report.problem(path.name, line, column, str(exc))
                continue
            alliances[atopid].spells.setdefault(code, []).append((entered, left))
            report.count("member rows")


def _next_day(day: str) -> str:
    if len(day) != 10:
        return day
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _merge(spells: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Merge back-to-back or overlapping (entry, exit) spells; exit None is open-ended."""
    out: list[tuple[str, str | None]] = []
    for start, end in sorted(spells, key=lambda s: (s[0], s[1] or "9999")):
        if out:
            last_start, last_end = out[-1]
            if last_end is None or start <= _next_day(last_end):
                merged_end = None if last_end is None or end is None else max(last_end, end)
                out[-1] = (last_start, merged_end)
                continue
        out.append((start, end))
    return out


def _quote(value: str) -> str:
    """A YAML scalar: bare for kebab-case words, else a JSON (= YAML) double-quoted string."""
    if re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _name(alliance: _Alliance, labels: list[str]) -> str:
    year = alliance.begin[:4]
    if len(labels) == 2:
        who = "–".join(labels)
    elif len(labels) <= 4:
        who = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else "".join(
            labels)
    else:
        who = ", ".join(labels[:3]) + f" and {len(labels) - 3} others"
    return f"ATOP alliance {alliance.atopid}: {who} ({year})"


def _entry(alliance: _Alliance, codes: dict[int, str], knowledge: Knowledge,
           cow_names: dict[int, str], report: ImportReport) -> list[str]:
    order = list(dict.fromkeys(alliance.members + sorted(alliance.spells)))
    labels = []
    for code in order:
        cid = codes.get(code)
        if cid and cid in knowledge.countries:
            labels.append(knowledge.countries[cid].name)
        else:
            labels.append(cow_names.get(code) or f"COW {code}")
    labels = list(dict.fromkeys(labels))  # West Germany and Germany are one party
    by_country: dict[str, list[tuple[str, str | None]]] = {}
    omitted = []
    for code in order:
        cid = codes.get(code)
        if not cid or cid not in knowledge.countries:
            if code in alliance.spells:
                omitted.append(f"{cow_names.get(code) or 'state'} (COW {code})")
            continue
        by_country.setdefault(cid, []).extend(alliance.spells.get(code, []))
    parties = []
    for cid, spells in by_country.items():
        for start, end in _merge(spells):
            row = [f"country: {_quote(cid)}"]
            if start != alliance.begin:
                row.append(f"in_force: {_quote(start)}")
            if end is not None and end != alliance.end:
                row.append(f"left: {_quote(end)}")
            parties.append((start, cid, "{" + ", ".join(row) + "}"))
            report.count("memberships")
    parties.sort()
    many = len(labels) > 2
    obligations = []
    for column, ours in OBLIGATIONS:
        if alliance.flags[column]:
            obligations.append("collective-defence" if ours == "mutual-defence" and many
                               else ours)
    words = [_WORDS[c] for c, _ in OBLIGATIONS if alliance.flags[c]]
    summary = (f"Alliance coded by {VERSION} with {', '.join(words) or 'no'} obligations; "
               f"{len(labels)} member{'s' if len(labels) != 1 else ''}"
               f"{' (bilateral)' if len(labels) == 2 else ''}.")
    lines = [
        f"- id: atop-{alliance.atopid}",
        f"  name: {_quote(_name(alliance, labels))}",
        "  kind: agreement",
        f"  signed: {_quote(alliance.begin)}",
        f"  in_force: {_quote(alliance.begin)}",
        f"  ended: {_quote(alliance.end) if alliance.end else 'null'}",
        "  parties:" + ("" if parties else " []"),
        *(f"    - {p}" for _, _, p in parties),
        f"  obligations: [{', '.join(obligations)}]",
        f"  summary: {_quote(summary)}",
    ]
    if omitted:
        note = f"Members without a present-day country id, left out: {', '.join(omitted)}."
        lines.append(f"  note: {_quote(note)}")
        report.count("memberships omitted (ended states)", len(omitted))
    lines.append(f"  source: {_quote(f'{VERSION}, alliance {alliance.atopid}')}")
    return lines


HEADER = """\
# geobrief imported knowledge: alliances from {version}.
#
# Written by geobrief.knowledge.importers.atop from {alliance}
# and {member}; do not edit by hand (re-import instead).
# Schema as data/treaties.yaml, with these conventions:
#   id         atop-<ATOP id>
#   kind       agreement (ATOP codes written alliance agreements of every form)
#   signed, in_force  the ATOP begin date (ATOP dates alliances from signature)
#   ended      the ATOP end date, or null when in effect at the end of the data (2018)
#   parties    {{country, in_force, left}}: a member's own entry/exit when it differs from
#              the alliance's begin/end; back-to-back ATOP phases are merged
#   dates      YYYY-MM-DD, or YYYY-MM / YYYY where ATOP leaves the day / month unknown
#   obligations  defense -> mutual-defence (collective-defence with 3+ members),
#              offense -> mutual-assistance, neutral -> neutrality,
#              nonagg -> non-aggression, consul -> consultation
#   note       members without a present-day country id (ended states), left out
"""


def convert(path: Path, knowledge: Knowledge, into: Path | None = None
            ) -> tuple[str, ImportReport]:
    """Read the ATOP tables at or beside ``path``; return the output text and the report.
    ``into`` (the user's knowledge folder) may hold an imported ``cow_states.csv``."""
    alliance_path, member_path = companion_paths(path)
    report = ImportReport(kind="atop", sources=[alliance_path.name, member_path.name])
    for needed in (alliance_path, member_path):
        if not needed.exists():
            raise FileNotFoundError(f"ATOP table not found: {needed}")
    codes = cow_codes()
    folder = alliance_path.parent
    cow_names = _cow_names([*([into / "cow_states.csv"] if into else []),
                            folder / "cow_states.csv"])
    known = set(codes) | set(cow_names)
    alliances = _read_alliances(alliance_path, known, report)
    _read_members(member_path, alliances, known, report)
    out = [HEADER.format(version=VERSION, alliance=alliance_path.name,
                         member=member_path.name)]
    for atopid in sorted(alliances):
        alliance = alliances[atopid]
        if not alliance.spells:
            report.problem(alliance_path.name, alliance.line, "atopid",
                           f"alliance {atopid} has no usable member rows; left out")
            continue
        out.append("\n".join(_entry(alliance, codes, knowledge, cow_names, report)) + "\n")
        report.count("alliances")
        if alliance.end is None:
            report.count("alliances in effect")
        if alliance.flags["defense"]:
            report.count("alliances with defence")
    return "\n".join(out), report
