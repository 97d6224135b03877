"""Extension points: a toy plugin package (a new input format and a new section), put on
the path of a subprocess, used through the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

from geobrief.plugins import build_registry, plugin_manager

PLUGIN = Path(__file__).parent / "fixtures" / "plugin"

TOY = """url: https://toy.example/2024/11/22/summit
title: Leaders meet for emergency talks on the ceasefire
published: 2024-11-22T09:00:00+00:00
outlet: Toy Wire

Leaders of France and Germany met in Berlin on Friday for emergency talks on the ceasefire,
officials said. The two governments pledged 2 billion euros in new aid and said 300 monitors
would be sent to the region. France denied reports that it would send troops, the foreign
ministry said. Analysts said a deal was likely to be reached within weeks.
"""


def _geobrief(args: list[str], cwd: Path, plugins: Path | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEOBRIEF_")}
    if plugins is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(plugins), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "geobrief", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_builtins_come_through_the_same_hooks():
    registry = build_registry(plugin_manager(load_entry_points=False))
    assert sorted(registry.renderers) == ["html", "json", "md"]
    assert [s.key for s in registry.sections][-1] == "previously"
    assert list(registry.writers) == ["extractive"]
    assert {f.name for f in registry.formats} == {"feed", "page", "jsonl"}


def test_a_plugin_adds_an_input_format_and_a_section(tmp_path):
    plugins = tmp_path / "site"
    shutil.copytree(PLUGIN, plugins)  # installed into a temporary location
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "summit.toy").write_text(TOY, encoding="utf-8")
    without = _geobrief(["--db", "a.db", "ingest", "in/summit.toy"], tmp_path, None)
    assert without.returncode == 1 and "GB112" in without.stderr  # unknown format
    ingest = _geobrief(["--db", "b.db", "ingest", "in"], tmp_path, plugins)
    assert ingest.returncode == 0, ingest.stderr
    assert "1 added" in ingest.stderr
    md = _geobrief(["--db", "b.db", "brief", "--date", "2024-11-22", "--reader", "FR"],
                   tmp_path, plugins)
    assert md.returncode == 0, md.stderr
    assert "### Figures in the reporting" in md.stdout
    assert "The reporting gives figures in 1 sentences." in md.stdout
    out = _geobrief(["--db", "b.db", "brief", "--date", "2024-11-22", "--reader", "FR",
                     "--format", "json"], tmp_path, plugins)
    data = json.loads(out.stdout)
    assert data["stories"][0]["toy_figures"][0]["citations"]
    schema = _geobrief_schema(tmp_path, plugins)
    jsonschema.validate(data, schema)


def _geobrief_schema(cwd: Path, plugins: Path) -> dict:
    code = ("import json; from geobrief.compose.render.jsonfmt import briefing_schema; "
            "print(json.dumps(briefing_schema()))")
    env = dict(os.environ, PYTHONPATH=str(plugins))
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)
