"""Importers (COW, ATOP, OFAC) and ``load_extras``.

Two kinds of test: small hand-made fixtures in ``tests/fixtures/importers`` (always run),
and the real published files in ``../shared/data`` beside the repository (skipped, with
the reason, when that folder is absent). Nothing from the real files is copied here.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import yaml

from geobrief.knowledge.extras import load_extras
from geobrief.knowledge.graph import Graph
from geobrief.knowledge.importers import IMPORTERS, ImportReport, import_file
from geobrief.knowledge.importers._common import cow_codes
from geobrief.knowledge.load import DATA, Knowledge, Membership, Treaty, load_knowledge

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "importers"

COW_FILE = SHARED / "alliances_peacesciencer" / "cow_states.csv"
ATOP_DIR = SHARED / "atop_v4"
SDN_FILE = SHARED / "ofac_sdn" / "sdn_2024-05-03.csv"


@pytest.fixture(scope="module")
def base() -> Knowledge:
    return load_knowledge()


def fresh(base: Knowledge) -> Knowledge:
    """A copy of the bundled knowledge that a test may add to."""
    return Knowledge(countries=dict(base.countries), organisations=dict(base.organisations),
                     treaties=dict(base.treaties), sanctions=dict(base.sanctions),
                     problems=[])


# ---------------------------------------------------------------- hand-made fixtures


def test_importers_registry() -> None:
    relations = {"ucdp", "cow-war", "cow-mid", "cow-trade", "cow-igo", "gsdb", "sipri", "kiel",
                 "troops"}
    assert set(IMPORTERS) == {"atop", "cow", "ofac"} | relations
    assert {i.output for i in IMPORTERS.values()} == {
        "atop_treaties.yaml", "cow_states.csv", "sanctions.csv",
        *(f"relations_{k.replace('-', '_')}.csv" for k in relations)}
    with pytest.raises(KeyError, match="unknown import kind"):
        import_file("nope", FIXTURES / "sdn.csv", Path("unused"))


def test_cow_fixture_bad_rows_reported_rest_imported(tmp_path: Path, base: Knowledge) -> None:
    report = import_file("cow", FIXTURES / "cow_states.csv", tmp_path, base)
    assert isinstance(report, ImportReport)
    assert "cow_states.csv line 3, field ccode: not a state code" in report.problems[0]
    assert report.problems[1] == "cow_states.csv line 4, field stmonth: month 13 out of range"
    assert report.problems[2].startswith("cow_states.csv line 6, field statenme: COW 2 ZZZ")
    rows = list(csv.DictReader((tmp_path / "cow_states.csv").open(encoding="utf-8")))
    assert [(r["ccode"], r["country"], r["start"]) for r in rows] == [
        ("2", "US", "1816-01-01"), ("20", "CA", "1920-01-10"), ("200", "GB", "1816-01-01"),
        ("220", "FR", "1944"), ("245", "", "1816-01-01")]
    assert report.counts["mapped"] == 4 and report.counts["unmapped"] == 1


def test_atop_fixture_bad_rows_reported_rest_imported(tmp_path: Path, base: Knowledge) -> None:
    import_file("cow", FIXTURES / "cow_states.csv", tmp_path, base)  # names Bavaria
    report = import_file("atop", FIXTURES / "atop" / "atop-alliance-level.csv", tmp_path,
                         base)
    assert report.problems == [
        "atop-alliance-level.csv line 4, field begmo: month 13 out of range",
        "atop-alliance-level.csv line 5, field defense: expected 0 or 1, got '2'",
        "atop-member-level.csv line 8, field member: unknown COW code 1001",
        "atop-member-level.csv line 9, field member: could not convert string to float: "
        "'xyz'",
        "atop-member-level.csv line 10, field atopid: no alliance '9999' in "
        "atop-alliance-level.csv",
        "atop-member-level.csv line 11, field dayent: not a date: day is out of range for "
        "month",
    ]
    entries = yaml.safe_load((tmp_path / "atop_treaties.yaml").read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in entries}
    assert list(by_id) == ["atop-9001", "atop-9002", "atop-9005"]
    us_ca = by_id["atop-9001"]
    assert us_ca["name"] == "ATOP alliance 9001: United States–Canada (1950)"
    assert us_ca["parties"] == [{"country": "CA"}, {"country": "US"}]  # phases merged
    assert us_ca["obligations"] == ["mutual-defence", "non-aggression", "consultation"]
    assert us_ca["in_force"] == "1950-03-01" and us_ca["ended"] is None
    assert us_ca["source"] == "ATOP 4.01 (Leeds et al.), alliance 9001"
    neutral = by_id["atop-9002"]
    assert neutral["in_force"] == "1960-05"  # ATOP leaves the day empty: none guessed
    assert neutral["ended"] == "1970-01-02"
    assert {"country": "FR", "left": "1965-06-30"} in neutral["parties"]
    assert "Bavaria (COW 245)" in neutral["note"]
    assert by_id["atop-9005"]["obligations"][0] == "collective-defence"  # 3 members


def test_atop_without_cow_list_reports_ended_states_as_unknown(tmp_path: Path,
                                                              base: Knowledge) -> None:
    report = import_file("atop", FIXTURES / "atop", tmp_path, base)  # the folder works too
    assert any("field member: unknown COW code 245" in p for p in report.problems)
    assert report.counts["alliances"] == 3


def test_ofac_fixture_bad_rows_reported_rest_imported(tmp_path: Path, base: Knowledge) -> None:
    report = import_file("ofac", FIXTURES / "sdn.csv", tmp_path, base)
    assert report.problems == [
        "sdn.csv line 5, field ent_num: not an entry number: 'abc'",
        "sdn.csv line 6, field row: expected 12 columns, found 4",
        "sdn.csv line 7, field SDN_Type: unknown type 'submarine'",
        "sdn.csv line 8, field SDN_Name: empty name",
        "sdn.csv line 9, field Remarks: country 'Atlantis' not resolved (1 row); left empty",
    ]
    assert report.counts == {"individual": 3, "entity": 1, "vessel": 1, "aircraft": 1,
                             "with country": 5, "with aliases": 1}
    rows = {r["id"]: r for r in csv.DictReader((tmp_path / "sanctions.csv").open(
        encoding="utf-8"))}
    assert list(rows) == ["ofac-101", "ofac-102", "ofac-103", "ofac-104", "ofac-109",
                          "ofac-110"]
    assert rows["ofac-101"]["aliases"] == "EXAMPLE, Vanya; O'NEIL"
    assert rows["ofac-101"]["country"] == "RU"
    assert rows["ofac-102"]["programmes"] == "DPRK3; NPWMD"
    assert rows["ofac-102"]["country"] == "KP"  # registered in "Korea, North"
    assert rows["ofac-102"]["aliases"] == ""  # f.k.a. is a former name, not an alias
    assert rows["ofac-103"]["kind"] == "vessel" and rows["ofac-103"]["country"] == "PA"
    assert rows["ofac-109"]["country"] == "KR"  # nationality unknown, citizen resolves
    assert rows["ofac-110"]["country"] == "CD"  # "alt. nationality" is not the first choice
    assert rows["ofac-101"]["source"] == "OFAC SDN list (undated), entry 101"


def test_write_is_atomic_and_never_overwrites_the_input(tmp_path: Path,
                                                        base: Knowledge) -> None:
    copy = tmp_path / "cow_states.csv"
    copy.write_bytes((FIXTURES / "cow_states.csv").read_bytes())
    with pytest.raises(ValueError, match="overwrite the input"):
        import_file("cow", copy, tmp_path, base)
    out = tmp_path / "out"
    import_file("ofac", FIXTURES / "sdn.csv", out, base)
    assert sorted(p.name for p in out.iterdir()) == ["sanctions.csv"]  # no temp file left


def test_load_extras_fixture_bad_lines_reported_rest_loaded(base: Knowledge) -> None:
    k = fresh(base)
    load_extras(k, FIXTURES / "extras")
    assert k.problems == [
        "atop_treaties.yaml line 14 field id: 'anzus-treaty' must start with atop-; skipped",
        "atop_treaties.yaml line 23 field in_force: atop-9002: not a date '1960-13-45x'; "
        "skipped",
        "atop_treaties.yaml line 32 field country: atop-9003: unknown country 'ZZ'; "
        "party dropped",
        "atop_treaties.yaml line 35 field obligations: atop-9003: unknown obligation "
        "'telepathy'; dropped",
        "atop_treaties.yaml line 38 field id: duplicate id 'atop-9001'; skipped",
        "sanctions.csv line 3 field kind: ofac-2: unknown kind 'submarine'; row skipped",
        "sanctions.csv line 4 field id: duplicate id 'ofac-1'; row skipped",
        "sanctions.csv line 5 field country: ofac-4: unknown country 'ZZ'; left empty",
        "sanctions.csv line 6 field name: ofac-5: empty; row skipped",
    ]
    assert k.treaties["anzus-treaty"] == base.treaties["anzus-treaty"]  # never replaced
    us_ca = k.treaties["atop-9001"]
    assert [(p.party, p.joined, p.left) for p in us_ca.parties] == [
        ("US", "1950-03-01", None), ("CA", "1950-03-01", "1990-01-01")]
    assert [p.party for p in k.treaties["atop-9003"].parties] == ["FR", "DE"]
    assert k.treaties["atop-9003"].obligations == ("mutual-defence",)
    assert sorted(k.sanctions) == ["ofac-1", "ofac-4", "ofac-6"]
    assert k.sanctions["ofac-1"].programmes == ("SDGT", "GLOMAG")
    assert k.sanctions["ofac-1"].aliases == ("ALIAS ONE", "ALIAS TWO")
    assert k.sanctions["ofac-4"].country is None
    g = Graph(k, date(1980, 1, 1))
    assert any(e.via_id == "atop-9001" for e in g.edges["US"])
    assert not any(e.via_id == "atop-9001" for e in Graph(k, date(1995, 1, 1)).edges["CA"])


def test_load_extras_reports_a_contradiction_but_keeps_both(tmp_path: Path,
                                                            base: Knowledge) -> None:
    k = fresh(base)
    for tid in list(k.treaties):
        del k.treaties[tid]
    k.treaties["bundled-pact"] = Treaty(
        id="bundled-pact", name="A bundled pact", aliases=(), kind="treaty",
        signed="1963-01-22", in_force="1963-07-02", ended=None,
        parties=(Membership("FR", "1963-07-02"), Membership("DE", "1963-07-02")),
        obligations=("mutual-defence",), summary="", source="test")
    (tmp_path / "atop_treaties.yaml").write_text(
        "- id: atop-1\n  name: same pact, signed date\n  in_force: '1963-01-22'\n"
        "  parties: [{country: FR}, {country: DE}]\n  source: test\n"
        "- id: atop-2\n  name: same parties and year, other date\n  in_force: '1963-03-03'\n"
        "  parties: [{country: FR}, {country: DE}]\n  source: test\n"
        "- id: atop-3\n  name: same, but ended\n  in_force: '1963-07'\n  ended: '1990'\n"
        "  parties: [{country: FR}, {country: DE}]\n  source: test\n"
        "- id: atop-4\n  name: other parties\n  in_force: '1963-03-03'\n"
        "  parties: [{country: FR}, {country: DE}, {country: IT}]\n  source: test\n",
        encoding="utf-8")
    load_extras(k, tmp_path)
    assert k.problems == [
        "atop_treaties.yaml line 8 field in_force: atop-2 looks like bundled bundled-pact "
        "(same parties, same start year) but dates differ: starts 1963-03-03, bundled "
        "signed 1963-01-22 and in force 1963-07-02; both kept",
        "atop_treaties.yaml line 14 field ended: atop-3 looks like bundled bundled-pact "
        "(same parties, same start year) but dates differ: ended 1990, bundled ended None; "
        "both kept",
    ]
    assert {"atop-1", "atop-2", "atop-3", "atop-4", "bundled-pact"} == set(k.treaties)


def test_countries_yaml_cow_field() -> None:
    raw = yaml.load((DATA / "countries.yaml").read_text(encoding="utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    codes = [e["cow"] for e in raw if "cow" in e]
    assert len(codes) == len(set(codes)) >= 193
    assert all(isinstance(c, int) for c in codes)
    un = {e["id"] for e in raw if e.get("status") == "un-member"}
    assert un <= {e["id"] for e in raw if "cow" in e}
    mapping = cow_codes()
    assert (mapping[2], mapping[732], mapping[365], mapping[260]) == ("US", "KR", "RU", "DE")


# ---------------------------------------------------------------- the real files

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"real data not found at {SHARED} (../shared/data beside the repository)")


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory, base: Knowledge
         ) -> tuple[Path, dict[str, ImportReport]]:
    for needed in (COW_FILE, ATOP_DIR, SDN_FILE):
        if not needed.exists():
            pytest.skip(f"real data file missing: {needed}")
    into = tmp_path_factory.mktemp("knowledge")
    reports = {kind: import_file(kind, path, into, base)
               for kind, path in (("cow", COW_FILE), ("atop", ATOP_DIR), ("ofac", SDN_FILE))}
    return into, reports


@needs_shared
@pytest.mark.shared_data
def test_real_cow(real: tuple[Path, dict[str, ImportReport]], base: Knowledge) -> None:
    into, reports = real
    report = reports["cow"]
    assert report.counts["states"] > 200 and report.counts["spells"] > report.counts["states"]
    assert report.problems == []
    # the only name disagreements are the known, documented pairings
    disagreeing = {p.split("COW ")[1].split()[0] for p in report.notes}
    assert disagreeing == {"260", "345", "484"}, report.notes
    rows = list(csv.DictReader((into / "cow_states.csv").open(encoding="utf-8")))
    last = max(r["end"] for r in rows)
    alive = {r["ccode"] for r in rows if r["end"] == last}
    mapped = {r["ccode"]: r["country"] for r in rows if r["country"]}
    assert alive <= set(mapped)  # every state COW lists at its end is one of ours
    un_members = {m.party for m in base.organisations["UN"].members}
    listed = set(mapped.values())
    assert un_members <= listed  # every UN member is in COW, and mapped
    assert mapped["2"] == "US" and mapped["732"] == "KR" and mapped["710"] == "CN"


@needs_shared
@pytest.mark.shared_data
def test_real_atop(real: tuple[Path, dict[str, ImportReport]]) -> None:
    into, reports = real
    report = reports["atop"]
    assert 600 <= report.counts["alliances"] <= 900
    assert 200 <= report.counts["alliances with defence"] < report.counts["alliances"]
    assert report.problems == ["atop-member-level.csv line 203, field member: unknown COW "
                               "code 8152"]  # ATOP's own code for a non-system member
    entries = {e["id"]: e for e in yaml.safe_load((into / "atop_treaties.yaml").read_text(
        encoding="utf-8"))}
    us_rok = [e for e in entries.values() if {p["country"] for p in e["parties"]} ==
              {"US", "KR"} and e["in_force"].startswith("1953")]
    assert len(us_rok) == 1 and "mutual-defence" in us_rok[0]["obligations"]
    assert us_rok[0]["name"].endswith("United States–South Korea (1953)")
    nato = [e for e in entries.values() if e["in_force"].startswith("1949") and
            {"US", "CA", "GB", "FR", "BE", "NL", "LU", "NO", "DK", "IS", "IT", "PT"} <=
            {p["country"] for p in e["parties"]}]
    assert len(nato) == 1 and "collective-defence" in nato[0]["obligations"]
    germany = [p for p in nato[0]["parties"] if p["country"] == "DE"]
    assert len(germany) == 1  # West Germany (1955) and Germany (1990) are one membership
    assert all(e["id"].startswith("atop-") for e in entries.values())


@needs_shared
@pytest.mark.shared_data
def test_real_ofac(real: tuple[Path, dict[str, ImportReport]]) -> None:
    into, reports = real
    counts = reports["ofac"].counts
    assert counts["individual"] + counts["entity"] + counts["vessel"] + counts["aircraft"] \
        == 14965
    assert counts["individual"] > 6000 and counts["entity"] > 6000
    assert 500 < counts["vessel"] < 1200 and 200 < counts["aircraft"] < 600
    assert counts["with country"] > 7000
    assert len(reports["ofac"].problems) < 10
    rows = list(csv.DictReader((into / "sanctions.csv").open(encoding="utf-8")))
    programmes = [set(r["programmes"].split("; ")) for r in rows]
    assert sum("RUSSIA-EO14024" in p for p in programmes) > 3000
    assert sum(any(x.startswith("DPRK") for x in p) for p in programmes) > 200
    by_id = {r["id"]: r for r in rows}
    tanker = by_id["ofac-15036"]  # an Iranian-flagged crude tanker listed under IRAN
    assert (tanker["name"], tanker["kind"], tanker["country"]) == ("ARTAVIL", "vessel", "IR")
    assert "IRAN" in tanker["programmes"].split("; ")
    assert all(r["source"].startswith("OFAC SDN list (2024-05-03), entry ") for r in rows)


@needs_shared
@pytest.mark.shared_data
def test_real_reimport_is_byte_identical(real: tuple[Path, dict[str, ImportReport]],
                                         tmp_path: Path, base: Knowledge) -> None:
    into, _ = real
    import_file("cow", COW_FILE, tmp_path, base)
    for kind, path in (("atop", ATOP_DIR), ("ofac", SDN_FILE), ("cow", COW_FILE)):
        import_file(kind, path, tmp_path, base)
        name = IMPORTERS[kind].output
        assert (tmp_path / name).read_bytes() == (into / name).read_bytes(), name


@needs_shared
@pytest.mark.shared_data
def test_real_load_extras_gives_the_graph_an_atop_tie(
        real: tuple[Path, dict[str, ImportReport]], base: Knowledge) -> None:
    into, _ = real
    k = fresh(base)
    load_extras(k, into)
    assert sum(t.startswith("atop-") for t in k.treaties) > 600
    assert len(k.sanctions) == 14965
    assert all("looks like bundled" in p for p in k.problems), k.problems
    # the US and Pakistan have no bundled defence treaty; ATOP has their 1959 agreement
    treaties_only = {"relations": False}  # trade and arms tie them too; this is about treaties
    assert Graph(base, date(2018, 6, 1), **treaties_only).why("US", "PK", max_edges=1) == []
    chains = Graph(k, date(2018, 6, 1), **treaties_only).why("US", "PK", max_edges=1)
    assert chains and chains[0][0].via_id.startswith("atop-")
    assert chains[0][0].source.startswith("ATOP 4.01")
