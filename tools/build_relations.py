"""Build src/geobrief/knowledge/data/relations/*.csv: the relations geobrief ships.

Runs the same importers a user runs (``geobrief kb import KIND PATH``) on the copies of
the datasets in ``../shared/data/relations`` (or ``--data``), keeps what the licence of
each dataset allows geobrief to ship, trims it to what news of our time needs, and writes
one sorted CSV per dataset:

=========  ==========================  ============================================
dataset    shipped                     why
=========  ==========================  ============================================
ucdp       every state-state tie       UCDP data are CC BY 4.0 (cited per fact)
cow-war    wars from 1946              COW data are free to use with citation
cow-mid    disputes from 1990          same; older disputes say little about today
cow-trade  main partners from 1990     same; only each state's top-5 partners (>=5 %)
cow-igo    memberships held from 1990  same; only IGOs of at most 40 members (a
                                       shared universal IGO, the UPU, ties nobody)
troops     US troops, >= 100, yearly   DMDC counts are US government works
gsdb       nothing                     no licence to redistribute: import your copy
sipri      nothing                     non-commercial terms: import your copy
kiel       nothing                     no licence stated: import your copy
=========  ==========================  ============================================

(See :data:`geobrief.knowledge.relations.DATASETS`; docs/knowledge.md says the same.)

    python tools/build_relations.py [--data ../shared/data/relations]

The output is deterministic: rerunning on the same inputs gives byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from geobrief.knowledge.importers import IMPORTERS
from geobrief.knowledge.load import load_knowledge
from geobrief.knowledge.relations import DATASETS, Relation, parse_rows, render_rows

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/geobrief/knowledge/data/relations"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "relations"


@dataclass(frozen=True)
class Shipped:
    kind: str  # importer kind
    dataset: str  # key in DATASETS
    path: str  # input, relative to the data folder
    since: int  # keep facts that still held in or after this year


SHIPPED = (
    Shipped("ucdp", "ucdp-acd", "ucdp_acd/UcdpPrioConflict_v25_1.csv", 1946),
    Shipped("cow-war", "cow-war", "peacesciencer_cow/cow_war_inter.csv", 1946),
    Shipped("cow-mid", "cow-mid", "peacesciencer_cow/cow_mid_ddydisps.csv", 1990),
    Shipped("cow-trade", "cow-trade", "peacesciencer_cow/cow_trade_ndy.csv", 1990),
    Shipped("cow-igo", "cow-igo", "cow_igo/igo_membership_state_year_long.csv", 1990),
    Shipped("troops", "troopdata", "us_troops_abroad/troopdata-rebuild-country-year.csv",
            1990),
)


MAX_IGO_MEMBERS = 40


def _kept(fact: Relation, since: int) -> bool:
    return fact.end is None or int(fact.end[:4]) >= since


def _small_igos(facts: list[Relation]) -> list[Relation]:
    """Memberships of IGOs with at most MAX_IGO_MEMBERS members in their last year."""
    last: dict[str, str] = {}
    for fact in facts:
        last[fact.b] = max(last.get(fact.b, ""), fact.end or "9999")
    members: dict[str, int] = {}
    for fact in facts:
        if (fact.end or "9999") == last[fact.b]:
            members[fact.b] = members.get(fact.b, 0) + 1
    return [f for f in facts if members.get(f.b, 0) <= MAX_IGO_MEMBERS]


def build(data: Path, out: Path = OUT) -> dict[str, int]:
    knowledge = load_knowledge()
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for item in SHIPPED:
        if not DATASETS[item.dataset].ships:
            raise SystemExit(f"{item.dataset}: its licence does not let geobrief ship it")
        text, report = IMPORTERS[item.kind].convert(data / item.path, knowledge, None)
        if report.problems:
            raise SystemExit(f"{item.kind}: {report.problems[:5]}")
        problems: list[str] = []
        facts = [f for f in parse_rows(text, item.kind, problems) if _kept(f, item.since)]
        if item.kind == "cow-igo":
            facts = _small_igos(facts)
        target = out / IMPORTERS[item.kind].output.removeprefix("relations_")
        target.write_text(render_rows(facts), encoding="utf-8")
        counts[item.kind] = len(facts)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no relations data at {args.data}", file=sys.stderr)
        return 1
    for kind, count in build(args.data).items():
        print(f"{kind:10s} {count:6d} facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
