"""A story whose only sentence repeats its headline (a headline-only feed item) briefs:
before, ``brief`` stopped with IndexError in the writer."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from geobrief.cli import cli


def test_headline_only_items_brief(isolated: Path) -> None:
    headline = "Burkina Faso orders French troops to leave within one month."
    records = [{"url": f"https://example.org/{n}", "title": headline, "text": headline,
                "published": f"2023-01-2{n}T12:00:00+00:00", "outlet": f"outlet{n}.example"}
               for n in (1, 2)]
    path = isolated / "items.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", "h.db", "-q", "ingest", str(path)],
                         env={"GEOBRIEF_MIN_ARTICLE_CHARS": "10"})
    assert done.exit_code == 0, done.output
    result = runner.invoke(cli, ["--db", "h.db", "-q", "brief", "--date", "2023-01-22",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    story = json.loads(result.output)["stories"][0]
    lead = story["at_a_glance"][0]  # the headline is all there is: At a glance tells it
    assert story["what_is_happening"][0]["note"]  # and says that nothing more was reported
    assert lead["text"].startswith("Burkina Faso orders French troops")
    assert "according to outlet2.example" in lead["text"]
    assert lead["citations"]
