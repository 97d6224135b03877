"""``geobrief read``: documents analysed without a store, sentence by sentence."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from geobrief.cli import cli

DOCS = [
    {"id": "a", "published": "2024-11-22",
     "text": "The Kremlin denied the reports. South Korea's spy agency said up to 12,000 "
             "troops could be sent by December.\n\nMore to follow."},
    {"id": "b", "html": "<html><body><article><p>Officials in Seoul said on Friday that "
                        "the treaty had entered into force.</p></article></body></html>"},
]


def _run(isolated: Path, lines: list[str], *args: str) -> tuple[int, str]:
    path = isolated / "docs.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", "unused.db", "-q", "read", *args, str(path)])
    return result.exit_code, result.output


def test_offsets_point_at_each_sentence(isolated: Path) -> None:
    code, out = _run(isolated, [json.dumps(d) for d in DOCS], "--json")
    assert code == 0, out
    first, second = (json.loads(line) for line in out.splitlines())
    assert [s["text"] for s in first["sentences"]][:2] == [
        "The Kremlin denied the reports.",
        "South Korea's spy agency said up to 12,000 troops could be sent by December."]
    for doc in (first, second):
        for s in doc["sentences"]:
            assert doc["text"][s["start"]:s["end"]] == s["text"]
            assert set(s) >= {"language", "noise", "speaker", "speaker_resolved", "stance",
                              "proposition", "forecast", "figures"}
    assert first["sentences"][0]["stance"] == "deny"
    assert second["sentences"][0]["text"].startswith("Officials in Seoul said")
    assert not (isolated / "unused.db").exists()  # reading stores nothing


def test_a_bad_line_costs_only_itself(isolated: Path) -> None:
    code, out = _run(isolated, ["{not json", json.dumps(DOCS[0]), json.dumps({"id": "x"})])
    assert code == 1
    assert "# a (en, 3 sentences)" in out
    assert "[GB107] line 1" in out and "[GB108] line 3" in out
