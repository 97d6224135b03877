"""Dated relations between states: the model, the importers (on small hand-made files and
on the real datasets), what geobrief ships, and how the graph uses them."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from geobrief.knowledge.edges import EdgeKind
from geobrief.knowledge.extras import load_extras
from geobrief.knowledge.graph import Graph
from geobrief.knowledge.importers import import_file
from geobrief.knowledge.load import bundled_knowledge, load_knowledge
from geobrief.knowledge.relations import (
    DATASETS,
    SHIPPED,
    Relation,
    RelationKind,
    parse_rows,
)

REPO = Path(__file__).resolve().parents[1]
RELATIONS = REPO.parent / "shared" / "data" / "relations"
needs_relations = pytest.mark.skipif(
    not RELATIONS.is_dir(), reason=f"relations data not found at {RELATIONS}")


def _write(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _facts(folder: Path, name: str) -> list[Relation]:
    problems: list[str] = []
    facts = parse_rows((folder / name).read_text(encoding="utf-8"), name, problems)
    assert problems == []
    return facts


def test_dates_cover_their_precision_and_persisting_facts_hold_after_the_data() -> None:
    war = Relation(RelationKind.CONFLICT, "KP", "UA", "2024", "2024", dataset="ucdp-acd")
    assert war.active(date(2024, 1, 1)) and war.active(date(2024, 12, 31))
    assert not war.active(date(2023, 12, 31)) and not war.active(date(2025, 1, 1))
    month = Relation(RelationKind.SIDE, "KP", "RU", "2024-10", "2025-04-26")
    assert month.active(date(2024, 10, 1)) and not month.active(date(2024, 9, 30))
    assert month.active(date(2025, 4, 26)) and not month.active(date(2025, 4, 27))
    # troops at troopdata's last year (2024) are taken to stay until newer data
    troops = Relation(RelationKind.TROOPS, "US", "KR", "2024", "2024", value=24515,
                      dataset="troopdata")
    assert troops.last_known and troops.active(date(2025, 6, 1))
    older = Relation(RelationKind.TROOPS, "US", "KR", "2023", "2023", dataset="troopdata")
    assert not older.last_known and not older.active(date(2024, 6, 1))


UCDP_HEADER = ["conflict_id", "location", "side_a", "side_a_id", "side_a_2nd", "side_b",
               "side_b_id", "side_b_2nd", "incompatibility", "territory_name", "year",
               "intensity_level", "cumulative_intensity", "type_of_conflict", "start_date",
               "start_prec", "start_date2", "start_prec2", "ep_end", "ep_end_date",
               "ep_end_prec", "gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd", "gwno_loc",
               "region", "version"]


def _ucdp_row(year: int, second: str, gw_second: str) -> list[object]:
    return [13243, "Russia, Ukraine", "Government of Russia (Soviet Union)", 57, second,
            "Government of Ukraine", 132, "", 1, "", year, 2, 1, 2, "2022-02-24", 1,
            "2022-02-24", 1, 0, "", "", 365, gw_second, 369, "", "365, 369", 1, 25.1]


def test_ucdp_import_gives_sides_and_supporting_parties(tmp_path: Path) -> None:
    source = _write(tmp_path / "ucdp.csv", [UCDP_HEADER, _ucdp_row(2022, "", ""),
                                            _ucdp_row(2023, "", ""),
                                            _ucdp_row(2024, "Government of North Korea",
                                                      "731")])
    report = import_file("ucdp", source, tmp_path / "kb")
    assert report.problems == [] and report.counts["conflict"] == 2
    facts = {(f.kind, f.a, f.b): f for f in _facts(tmp_path / "kb", "relations_ucdp.csv")}
    war = facts[(RelationKind.CONFLICT, "RU", "UA")]
    assert (war.start, war.end, war.role) == ("2022-02-24", "2024", "primary/primary")
    assert war.detail == "Russia vs Ukraine" and war.ref == "UCDP conflict 13243"
    assert facts[(RelationKind.CONFLICT, "KP", "UA")].role == "secondary/primary"
    side = facts[(RelationKind.SIDE, "KP", "RU")]
    assert (side.start, side.end) == ("2024", "2024")
    again = import_file("ucdp", source, tmp_path / "kb2")  # same input, same bytes
    assert (tmp_path / "kb2" / "relations_ucdp.csv").read_bytes() == \
        (tmp_path / "kb" / "relations_ucdp.csv").read_bytes() and again.problems == []


def test_gsdb_import_splits_senders_and_keeps_organisations(tmp_path: Path) -> None:
    header = ["case_id", "sanctioned_state", "sanctioning_state", "begin", "end", "trade",
              "descr_trade", "arms", "military", "financial", "travel", "other",
              "target_mult", "sender_mult", "objective", "success"]
    source = _write(tmp_path / "gsdb.csv", [
        header,
        [7, "Korea, North", "Japan, Korea, South, EU", 2006, 2022, 1, "", 0, 0, 1, 0, 0, 0, 1,
         "prevent_war", ""],
        [8, "Atlantis", "United States", 2001, 2003, 1, "", 0, 0, 0, 0, 0, 0, 0, "other", ""],
        [9, "Iran", "United States", "soon", 2003, 1, "", 0, 0, 0, 0, 0, 0, 0, "other", ""],
    ])
    report = import_file("gsdb", source, tmp_path)
    assert len(report.problems) == 1 and "line 4, field begin" in report.problems[0]
    assert any("'Atlantis'" in note for note in report.notes)
    facts = _facts(tmp_path, "relations_gsdb.csv")
    assert {(f.a, f.b) for f in facts} == {("JP", "KP"), ("KR", "KP"), ("org:EU", "KP")}
    assert all(f.end is None and f.role == "trade,financial" for f in facts)  # ongoing


def test_troops_trade_igo_and_aid_imports(tmp_path: Path) -> None:
    troops = _write(tmp_path / "troops.csv", [
        ["countryname", "year", "ccode", "troops_ad"], ["South Korea", 2024, 732, 24515],
        ["Iceland", 2024, 395, 12], ["Japan", 2024, 740, "many"]])
    report = import_file("troops", troops, tmp_path)
    assert len(report.problems) == 1
    assert [(f.b, f.value) for f in _facts(tmp_path, "relations_troops.csv")] == [
        ("KR", 24515.0)]
    trade = _write(tmp_path / "trade.csv", [
        ["ccode1", "ccode2", "year", "flow1", "flow2"], [2, 20, 2013, 300, 320],
        [2, 20, 2014, 310, 330], [2, 710, 2014, 450, 120], [20, 710, 2014, 5, -9]])
    import_file("cow-trade", trade, tmp_path)
    shares = {(f.a, f.b): f for f in _facts(tmp_path, "relations_cow_trade.csv")}
    assert shares[("CA", "US")].start == "2013" and shares[("CA", "US")].value == 0.992
    assert ("US", "CN") in shares
    igo = _write(tmp_path / "igo_membership.csv", [
        ["ccode", "year", "state", "ioname", "status", "status_label"],
        *[[2, y, "usa", "nato", 1, "full"] for y in (1950, 1955, 1960, 1965, 1966)],
        [2, 1990, "usa", "nato", 1, "full"]])
    _write(tmp_path / "igo_list.csv", [["ioname", "longorgname", "political"],
                                       ["NATO", "North Atlantic Treaty Organization", 1]])
    import_file("cow-igo", igo, tmp_path)
    spells = [(f.start, f.end, f.role) for f in _facts(tmp_path, "relations_cow_igo.csv")]
    assert spells == [("1950", "1966", "full; political"), ("1990", "1990", "full; political")]
    kiel = _write(tmp_path / "kiel.csv", [
        ["country", "iso", "year", "month", "total", "financial", "humanitarian", "military"],
        ["Australia", "AUS", 2022, 2, 0.002, 0, 0, 0.002],
        ["Australia", "AUS", 2022, 5, 0.1, 0, 0.05, 0.05],
        ["EU (Commission and Council)", "EU", 2023, 1, 1.5, 1.5, 0, 0]])
    import_file("kiel", kiel, tmp_path)
    aid = {f.a: f for f in _facts(tmp_path, "relations_kiel.csv")}
    assert (aid["AU"].start, aid["AU"].end, aid["AU"].value) == ("2022-02", "2022-05", 0.102)
    assert aid["org:EU"].b == "UA"


def test_shipped_relations_come_only_from_datasets_that_may_ship() -> None:
    files = sorted(SHIPPED.glob("*.csv"))
    assert files, "no shipped relations"
    for path in files:
        for fact in _facts(SHIPPED, path.name):
            assert DATASETS[fact.dataset].ships, (path.name, fact)
    assert {d.key for d in DATASETS.values() if not d.ships} == {"gsdb", "sipri", "kiel"}


def test_relations_load_lazily_and_check_clean() -> None:
    knowledge = load_knowledge()
    assert knowledge._relations is None  # nothing read until a relation is asked for
    relations = knowledge.relations
    assert relations.problems == [] and len(relations.facts) > 5000
    assert relations.name(relations.between("UA", "KP", date(2024, 11, 24))[0]) == \
        "the Russia-Ukraine war"


def test_imported_relations_join_the_graph(tmp_path: Path) -> None:
    _write(tmp_path / "relations_gsdb.csv", [
        ["kind", "a", "b", "start", "end", "role", "value", "detail", "ref", "dataset",
         "source"],
        ["sanctions", "NZ", "BY", "2022", "", "travel", "", "", "GSDB case 1", "gsdb", ""]])
    knowledge = load_knowledge()
    load_extras(knowledge, tmp_path)
    ties = Graph(knowledge, date(2023, 1, 1)).direct("NZ", "BY")
    assert [(e.kind, e.source) for e in ties] == [
        (EdgeKind.SANCTIONS, "Global Sanctions Data Base R3 "
         "(https://www.globalsanctionsdatabase.com), GSDB case 1")]
    assert not Graph(bundled_knowledge(), date(2023, 1, 1)).direct("NZ", "BY")


def test_two_steps_at_most_and_only_through_a_committed_go_between() -> None:
    graph = Graph(bundled_knowledge(), date(2024, 11, 24))
    for a, b in (("KR", "RU"), ("AU", "KP"), ("US", "KR"), ("JP", "BR"), ("ZA", "KP")):
        for chain in graph.chains(a, b, limit=5):
            assert len(chain) <= 2
            if len(chain) == 2:
                first, last = chain
                assert first.kind not in (EdgeKind.LAND_BORDER, EdgeKind.TRADE,
                                          EdgeKind.SANCTIONS, EdgeKind.IGO)
                assert not (first.kind == EdgeKind.AID and first.a != a)


@needs_relations
@pytest.mark.shared_data
def test_build_relations_reproduces_the_shipped_files(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import build_relations  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    counts = build_relations.build(RELATIONS, tmp_path)
    assert counts["ucdp"] > 1000 and counts["troops"] > 1000
    for path in sorted(SHIPPED.glob("*.csv")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@needs_relations
@pytest.mark.shared_data
def test_real_datasets_import_without_problems(tmp_path: Path) -> None:
    inputs = {
        "ucdp": "ucdp_acd/UcdpPrioConflict_v25_1.csv",
        "gsdb": "gsdb_sanctions/GSDB_V3.csv",
        "sipri": "sipri_arms_transfers/sipri_trade_register_1950_2024.clean.csv",
        "kiel": "kiel_ukraine_support/data_explorer.csv",
    }
    for kind, path in inputs.items():
        report = import_file(kind, RELATIONS / path, tmp_path)
        assert report.problems == [], (kind, report.problems[:3])
    knowledge = load_knowledge()
    load_extras(knowledge, tmp_path)
    relations = knowledge.relations
    day = date(2022, 6, 1)
    assert relations.between("US", "KP", day, (RelationKind.SANCTIONS,))
    assert any(f.a == "US" for f in relations.between("UA", "US", day, (RelationKind.AID,)))
    assert relations.between("US", "TW", date(2020, 6, 1), (RelationKind.ARMS,))
    result = subprocess.run([sys.executable, "-m", "geobrief", "kb", "check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:]


def test_a_curated_date_narrows_the_datasets_year() -> None:
    # UCDP: North Korea took part "in 2024"; its troops arrived in October 2024
    graph = Graph(bundled_knowledge(), date(2024, 9, 15))
    assert not [e for e in graph.direct("UA", "KP") if e.kind == EdgeKind.CONFLICT]
    later = Graph(bundled_knowledge(), date(2024, 11, 24)).direct("UA", "KP")
    assert later[0].kind == EdgeKind.CONFLICT and later[0].start == "2024-10"
    assert later[0].via == "the Russia-Ukraine war"


def test_no_sanctions_edge_from_a_state_on_one_it_aids(tmp_path: Path) -> None:
    # GSDB codes the EU's Crimea measures of 2014 as sanctions "on Ukraine"
    _write(tmp_path / "relations_gsdb.csv", [
        ["kind", "a", "b", "start", "end", "role", "value", "detail", "ref", "dataset",
         "source"],
        ["sanctions", "org:EU", "UA", "2014", "", "financial,travel", "", "", "GSDB case 9",
         "gsdb", ""],
        ["sanctions", "org:EU", "BY", "2014", "", "financial", "", "", "GSDB case 8", "gsdb",
         ""]])
    knowledge = load_knowledge()
    load_extras(knowledge, tmp_path)
    graph = Graph(knowledge, date(2023, 6, 1))
    assert EdgeKind.SANCTIONS not in {e.kind for e in graph.direct("PL", "UA")}
    assert EdgeKind.AID in {e.kind for e in graph.direct("PL", "UA")}
    # one sanctions edge however many cases (EU since 2004 curated, GSDB case 8)
    assert [e.kind for e in graph.direct("PL", "BY")].count(EdgeKind.SANCTIONS) == 1
