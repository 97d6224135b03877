"""The core (issue #15): the library API on the demo store, knowledge chosen once, reads
that do not write, explicit publishing, the typed model against the JSON schema, and only
store/ speaking SQL."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from click.testing import CliRunner

import geobrief
from geobrief.cli import cli
from geobrief.compose.render.jsonfmt import load_schema
from geobrief.models import (
    Citation,
    CitationKind,
    ClaimNote,
    EdgeKind,
    Line,
    PreviousBrief,
    Stance,
    Status,
    StoryBrief,
)

ROOT = Path(__file__).parent.parent


def _copy(db: Path, folder: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", folder / f"demo.db{suffix}")
    return folder / "demo.db"


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def run(db: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", str(db), "-q", *args])


# --- the library API ----------------------------------------------------------------------


def test_readme_library_example_runs_on_the_demo_store(demo_run, tmp_path):
    """The README's example, on a copy of the demo store."""
    db = _copy(demo_run[0] / "demo.db", tmp_path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'with geobrief.open(db="news.db") as gb:' in readme
    with geobrief.open(db=str(db)) as gb:
        gb.update()  # idempotent: nothing left to do
        briefing = gb.brief("2024-11-22", readers=["US", "UA"])
        assert briefing.readers == ["US", "UA"]
        data = json.loads(briefing.to_json())
        assert data["edition"]["readers"] == ["US", "UA"]
        assert "# Daily briefing, 2024-11-22" in briefing.to_markdown()
        assert briefing.to_html().startswith("<!DOCTYPE html>")
        ranked = gb.stories("2024-11-22")
        assert ranked and ranked[0][1].score >= ranked[-1][1].score


def test_reads_do_not_write_and_publishing_is_explicit(store, tmp_path):
    db = _copy(store, tmp_path)
    before = _count(db, "briefings")
    first = run(db, "brief", "--date", "2024-11-21", "--format", "json")
    assert first.exit_code == 0, first.output
    assert _count(db, "briefings") == before  # brief read only
    later = json.loads(run(db, "brief", "--date", "2024-11-22", "--format", "json").stdout)
    assert not any(p["briefing"] for s in later["stories"] for p in s["previously"])
    published = run(db, "publish", "--date", "2024-11-21")
    assert published.exit_code == 0 and "published 2024-11-21:AU-US-UA-KR" in published.output
    assert _count(db, "briefings") == before + 1
    again = json.loads(run(db, "brief", "--date", "2024-11-22", "--format", "json").stdout)
    carried = [p for s in again["stories"] for p in s["previously"] if p["briefing"]]
    assert carried and carried[0]["briefing"] == "2024-11-21:AU-US-UA-KR"
    with geobrief.open(db=str(db)) as gb:
        assert [p.audience for p in gb.published("2024-11-21")] == ["AU-US-UA-KR"]
        recorded = json.loads(gb.published_json("2024-11-21:AU-US-UA-KR") or "{}")
        assert recorded["id"] == "2024-11-21:AU-US-UA-KR" and recorded["stories"]


def test_a_read_of_a_store_behind_says_so_in_one_line_and_update_catches_up(isolated):
    corpus = ROOT / "src" / "geobrief" / "data" / "demo"
    db = isolated / "behind.db"
    assert run(db, "ingest", "--no-analyse", str(corpus / "feeds" / "borovitsky.rss.xml")
               ).exit_code == 0
    read = CliRunner().invoke(cli, ["--db", str(db), "stories", "--date", "2024-11-22"])
    notes = [line for line in read.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "not analysed" in notes[0]
    assert _count(db, "sentences") == 0  # the read did not analyse
    caught_up = CliRunner().invoke(cli, ["--db", str(db), "-q", "stories", "--date",
                                         "2024-11-22", "--update"])
    assert caught_up.exit_code == 0 and "note:" not in caught_up.stderr
    assert _count(db, "sentences") > 0


def test_events_reads_the_events_analysis_stored(store):
    result = run(store, "events", "--date", "2024-11-21", "--json")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["sentence"] and e["url"] for e in events)
    con = sqlite3.connect(store)
    stored = con.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                         "WHERE date(a.published) = '2024-11-21' AND a.origin_id IS NULL"
                         ).fetchone()[0]
    con.close()
    assert len(events) == stored


# --- knowledge chosen once ----------------------------------------------------------------

ENTITY = "Like-Minded Developing Countries"


def test_imported_knowledge_reaches_stored_mentions_and_the_briefing(store, tmp_path):
    """``kb import`` of a file naming an entity the bundled knowledge lacks: after
    ``analyse`` (which analyses every article again, as the knowledge changed) the name is
    linked in the stored mentions, and the briefing's line quoting that group gives the
    imported entity as its speaker's knowledge id.
    Before the core issue, analysis linked with the bundled knowledge whatever the user
    imported, and this failed."""
    db = _copy(store, tmp_path)
    sdn = tmp_path / "sdn.csv"  # OFAC's layout: no header, 12 columns
    sdn.write_text(f'201,"{ENTITY.upper()}",-0- ,"TEST",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
                   '"a.k.a. \'LMDC\'."\n', encoding="utf-8")
    config = tmp_path / "geobrief.toml"
    config.write_text(f'knowledge_dir = "{(tmp_path / "knowledge").as_posix()}"\n',
                      encoding="utf-8")
    plain = json.loads(run(db, "brief", "--date", "2024-11-22", "--format", "json").stdout)
    env = ["--db", str(db), "--config", str(config)]
    imported = CliRunner().invoke(cli, [*env, "kb", "import", "ofac", str(sdn)])
    assert imported.exit_code == 0, imported.output
    behind = CliRunner().invoke(cli, [*env, "stories", "--date", "2024-11-22"])
    assert "knowledge or analysis changed" in behind.stderr
    assert CliRunner().invoke(cli, [*env, "-q", "analyse"]).exit_code == 0
    con = sqlite3.connect(db)
    linked = con.execute("SELECT count(*) FROM mentions WHERE entity_id = 'ofac-201'"
                         ).fetchone()[0]
    con.close()
    assert linked > 0
    after = json.loads(CliRunner().invoke(cli, [*env, "-q", "brief", "--date", "2024-11-22",
                                                "--format", "json"]).stdout)

    def speakers(data: dict) -> set[str]:  # every line the JSON keeps, printed or not
        return {line["speaker_id"] for s in data["stories"]
                for line in s["at_a_glance"] + s["what_is_happening"]
                + s.get("more", {}).get("what_is_happening", [])
                if line.get("speaker_id")}

    assert "ofac-201" not in speakers(plain)
    assert "ofac-201" in speakers(after)


# --- the typed model and the JSON schema ---------------------------------------------------


def _props(name: str) -> set[str]:
    return set(load_schema()["$defs"][name]["properties"])


def _json_names(cls: type) -> set[str]:
    return {f.metadata.get("name", f.name) for f in fields(cls)
            if not f.metadata.get("internal")}


def test_schema_agrees_with_the_model():
    schema = load_schema()
    assert _props("sentence") == _json_names(Line)
    assert _props("citation") == _json_names(Citation)
    assert _props("previous") == _json_names(PreviousBrief)
    assert _props("story") == _json_names(StoryBrief) - {"extra"}
    sentence = schema["$defs"]["sentence"]["properties"]
    assert sentence["stance"]["enum"] == [*Stance, "range", None]
    status = sentence["claims"]["oneOf"][0]["items"]["properties"]["status"]["enum"]
    assert status == list(Status)
    claim = sentence["claims"]["oneOf"][0]["items"]
    assert set(claim["properties"]) == _json_names(ClaimNote)
    assert schema["$defs"]["citation"]["properties"]["kind"]["enum"] == list(CitationKind)
    from geobrief.builtins import SECTIONS

    story = schema["$defs"]["story"]
    assert [s.key for s in SECTIONS] == [k for k in story["required"]
                                        if k in {s.key for s in SECTIONS}]
    edges = schema["$defs"]["sentence"]["properties"]["why"]["oneOf"][0]["items"]
    assert set(edges["properties"]["kind"]["enum"]) >= set(EdgeKind)


# --- only store/ speaks SQL ----------------------------------------------------------------


def test_only_the_store_imports_sqlalchemy():
    """The import-linter contract of pyproject.toml ([tool.importlinter])."""
    beside = Path(sys.executable).with_name("lint-imports")
    command = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert command, "import-linter is not installed (pip install '.[test]')"
    done = subprocess.run([command], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken" in done.stdout
