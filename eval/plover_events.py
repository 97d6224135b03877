"""Event coding (geobrief.analyse.events) against PLOVER gold records and PETRARCH2 tests.

PLOVER: ../shared/data/plover/PLOVER_GSR_CAMEO.jsonl holds 322 coded sentences (plus one
DOCUMENT record, skipped), each with one gold ``event`` type and ``source`` / ``target``
actors carrying CAMEO country codes (ISO alpha-3, a few older CAMEO codes, and IGO / NGO /
IMG for bodies that are no country). Each sentence is coded alone; scored on the first
coded event:

- event_type_accuracy: share of records whose first event has the gold type;
  event_coverage: share with any event; event_type_any: gold type among any coded event.
- source / target country accuracy: over the records whose gold source (target) includes
  a country, the share whose first event's source (target) country is one of them (no
  event or no country counts as wrong); *_precision: the same over the records where the
  coder named a country.

PETRARCH2: ../shared/data/petrarch2/PETR.UnitTest.records.jsonl holds unit-test sentences
(fictional actors) with expected CAMEO events. Over expected events with a real CAMEO root
(01-20): petrarch_found_root is the share whose root code is among the coded events' roots,
petrarch_found_type the share whose PLOVER type is among the coded types (roots 01 and 02,
statements and appeals, have no PLOVER type of their own: 02 counts as DEMAND, 01 is left
out of the type score). petrarch_noevent_coded: share of the "no event" sentences where
something was coded anyway. Note that the unit tests' verb dictionary gives many verbs codes
of its own choosing to exercise the parser (WARN 160, WELCOME 041, RESTORE 064), so these
shares measure agreement with a test fixture more than with CAMEO.

Held out (never used to write the lexicon): ../shared/data/wcep_2023_01 holds one-sentence
summaries of January 2023 news with a category. wcep_conflict_force is the share of "Armed
conflicts and attacks" summaries with a FIGHT, ASSAULT or COERCE event (recall-like);
wcep_disaster_force the share of "Disasters and accidents" summaries with one (false
alarms: a bus crash is no attack).

    python eval/plover_events.py [--mistakes 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from geobrief.analyse.events import Event, code_events
from geobrief.knowledge.link import bundled_linker
from geobrief.knowledge.load import DATA as KNOWLEDGE

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
PLOVER = SHARED / "plover" / "PLOVER_GSR_CAMEO.jsonl"
PETRARCH = SHARED / "petrarch2" / "PETR.UnitTest.records.jsonl"
WCEP = SHARED / "wcep_2023_01" / "wcep_2023_01_events.jsonl"
FORCE = frozenset({"FIGHT", "ASSAULT", "COERCE"})

# CAMEO country codes that are not the ISO 3166 alpha-3 code of the same country (the gold
# file uses a few older ones: JAP, ITL, and VTN once for Vietnam).
CAMEO_TO_ISO3 = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "YUG": "SRB", "SCG": "SRB",
                 "BUR": "MMR", "DDR": "DEU", "KSV": "XKX", "WSB": "PSE", "GZS": "PSE",
                 "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UK": "GBR"}
# CAMEO root -> PLOVER type (as named in plover.yaml); 08 splits at 084.
ROOT_TYPES = {"02": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
              "06": "COOPERATE", "07": "AID", "09": "INVESTIGATE", "10": "DEMAND",
              "11": "DISAPPROVE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
              "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
              "19": "FIGHT", "20": "ASSAULT"}


def cameo_type(code: str) -> str | None:
    """The PLOVER type of a CAMEO code ("0841" -> RETREAT), None for 01 or unknown roots."""
    root = code[:2]
    if root == "08":
        return "RETREAT" if code[:3] >= "084" else "CONCEDE"
    return ROOT_TYPES.get(root)


def plover_records(path: Path = PLOVER) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if r.get("event") != "DOCUMENT" and r.get("text")]


def _iso3_table() -> dict[str, str]:
    rows = yaml.safe_load((KNOWLEDGE / "countries.yaml").read_text(encoding="utf-8"))
    return {str(r["id"]).upper(): str(r["iso3"]) for r in rows if r.get("iso3")}


def gold_countries(actors: Any, countries: set[str]) -> set[str]:
    """ISO alpha-3 codes of the gold actors that are countries."""
    if not isinstance(actors, list):
        return set()
    codes = {CAMEO_TO_ISO3.get(str(a.get("code")), str(a.get("code"))) for a in actors
             if isinstance(a, dict)}
    return codes & countries


def _scored(first: Event | None, role: str, want: set[str], iso3: dict[str, str],
            stats: Counter[str]) -> None:
    if not want:
        return
    stats[f"{role}_scored"] += 1
    country = getattr(first, f"{role}_country") if first else None
    if country is None:
        return
    stats[f"{role}_named"] += 1
    if iso3.get(country) in want:
        stats[f"{role}_right"] += 1


def run(plover: Path = PLOVER, petrarch: Path = PETRARCH, wcep: Path = WCEP,
        mistakes: int = 0) -> dict[str, float]:
    linker = bundled_linker()
    iso3 = _iso3_table()
    countries = set(iso3.values())
    stats: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    actor_misses: Counter[str] = Counter()
    records = plover_records(plover)
    for record in records:
        events = code_events(record["text"], linker)
        first = events[0] if events else None
        gold = record["event"]
        stats["records"] += 1
        stats["covered"] += first is not None
        stats["type_right"] += first is not None and first.type == gold
        stats["type_any"] += any(e.type == gold for e in events)
        if first is None or first.type != gold:
            confusion[gold][first.type if first else "(none)"] += 1
        for role in ("source", "target"):
            want = gold_countries(record.get(role), countries)
            before = stats[f"{role}_right"]
            _scored(first, role, want, iso3, stats)
            if want and stats[f"{role}_right"] == before and first is not None:
                got = getattr(first, f"{role}_country")
                actor_misses[f"{role}: {getattr(first, role)!r} {got} (want "
                             f"{'/'.join(sorted(want))})"] += 1
    figures: dict[str, float] = {
        "plover_records": stats["records"],
        "event_type_accuracy": stats["type_right"] / (stats["records"] or 1),
        "event_coverage": stats["covered"] / (stats["records"] or 1),
        "event_type_any": stats["type_any"] / (stats["records"] or 1),
    }
    for role in ("source", "target"):
        figures[f"{role}_country_scored"] = stats[f"{role}_scored"]
        figures[f"{role}_country_accuracy"] = stats[f"{role}_right"] / (
            stats[f"{role}_scored"] or 1)
        figures[f"{role}_country_precision"] = stats[f"{role}_right"] / (
            stats[f"{role}_named"] or 1)
    texts = [r["text"] for r in records]
    started = time.perf_counter()
    for text in texts * 3:
        code_events(text, linker)
    figures["sentences_per_second"] = 3 * len(texts) / (time.perf_counter() - started)
    if petrarch.exists():
        figures.update(_petrarch(petrarch, linker))
    if wcep.exists():
        figures.update(_wcep(wcep, linker))
    if mistakes:
        print("most common type mistakes (gold -> coded first):")
        for gold, wrong in sorted(confusion.items(), key=lambda kv: -sum(kv[1].values())):
            print(f"  {gold:12s} {sum(wrong.values()):3d}  {wrong.most_common(mistakes)}")
        print("most common actor mistakes:")
        for line, count in actor_misses.most_common(mistakes):
            print(f"  {count:3d} {line}")
    return figures


def _petrarch(path: Path, linker: Any) -> dict[str, float]:
    stats: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        expected = record.get("expected_events") or []
        events = code_events(record["text"], linker)
        if any(e.get("noevents") for e in expected):
            stats["noevent"] += 1
            stats["noevent_coded"] += bool(events)
            continue
        roots = {e.cameo[:2] for e in events if e.cameo}
        types = {e.type for e in events}
        for want in expected:
            code = str(want.get("eventcode") or "")
            if not code[:2].isdigit() or not "01" <= code[:2] <= "20":
                continue  # errors, discards and the unit tests' private codes (9xx, 8xx)
            stats["expected"] += 1
            stats["found_root"] += code[:2] in roots
            kind = cameo_type(code)
            if kind is not None:
                stats["typed"] += 1
                stats["found_type"] += kind in types
    return {
        "petrarch_expected": stats["expected"],
        "petrarch_found_root": stats["found_root"] / (stats["expected"] or 1),
        "petrarch_typed": stats["typed"],
        "petrarch_found_type": stats["found_type"] / (stats["typed"] or 1),
        "petrarch_noevent_sentences": stats["noevent"],
        "petrarch_noevent_coded": stats["noevent_coded"] / (stats["noevent"] or 1),
    }


def _wcep(path: Path, linker: Any) -> dict[str, float]:
    stats: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        events = code_events(record["summary"], linker)
        category = {"Armed conflicts and attacks": "conflict",
                    "Disasters and accidents": "disaster"}.get(record.get("category"), "other")
        stats[category] += 1
        stats[f"{category}_force"] += any(e.type in FORCE for e in events)
        stats["all"] += 1
        stats["any"] += bool(events)
    return {
        "wcep_summaries": stats["all"],
        "wcep_any_event": stats["any"] / (stats["all"] or 1),
        "wcep_conflict_force": stats["conflict_force"] / (stats["conflict"] or 1),
        "wcep_disaster_force": stats["disaster_force"] / (stats["disaster"] or 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mistakes", type=int, default=0,
                        help="show the N most common mistakes per gold type")
    args = parser.parse_args()
    if not PLOVER.exists():
        print(f"skipped: {PLOVER} not found (../shared/data is internal evaluation data)")
        return 0
    for key, value in run(mistakes=args.mistakes).items():
        print(f"{key:28s} {value:.3f}" if isinstance(value, float) and value <= 1
              else f"{key:28s} {int(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
