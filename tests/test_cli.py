"""The command line contract: brief formats and readers, exit codes, help with examples."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geobrief.cli import cli
from geobrief.stories.online import LINK_RULES, own_thread


def test_brief_json_with_readers(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "brief", "--date", "2024-11-22",
                                      "--reader", "JP", "--reader", "in", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["edition"]["readers"] == ["JP", "IN"]
    for story in data["stories"]:  # a part per reader, or one line for those with no tie
        untied = [k.split(":")[1] for k in story.get("more", {})
                  if k.startswith("what_is_in_it_for_you:") and "no_tie" in story
                  and k.split(":")[1] not in story["what_is_in_it_for_you"]]
        assert sorted([*story["what_is_in_it_for_you"], *untied]) == ["IN", "JP"]


def test_brief_writes_html_file(store, tmp_path):
    out = tmp_path / "b.html"
    result = CliRunner().invoke(cli, ["--db", str(store), "brief", "--date", "2024-11-21",
                                      "--format", "html", "--out", str(out), "--top", "2"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('<article class="story"') == 2


def test_brief_uses_only_news_up_to_the_date(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "brief", "--date", "2024-10-18",
                                      "--format", "json"])
    data = json.loads(result.stdout)
    for story in data["stories"]:
        for line in story["what_is_happening"]:
            assert all(c["published"] <= "2024-10-18" for c in line["citations"]
                       if c["kind"] == "article")


def test_unknown_reader_and_empty_day_fail_clearly(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "brief", "--date", "2024-11-22",
                                      "--reader", "XX"])
    assert result.exit_code != 0
    assert "GB402" in str(result.exception) or "GB402" in result.output
    result = CliRunner().invoke(cli, ["--db", str(store), "brief", "--date", "2023-01-01"])
    assert result.exit_code != 0
    assert "GB401" in str(result.exception) or "GB401" in result.output


def test_stories_json(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "stories", "--date", "2024-11-22",
                                      "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 6
    keys = {"id", "thread", "thread_name", "thread_link", "title", "salience", "reasons",
            "sources", "urls"}
    assert all(keys <= set(r) for r in rows)
    # a story that began its thread has no link; one that joined names the rule and score
    for r in rows:
        began = r["thread"] == own_thread(r["id"])
        assert (r["thread_link"] is None) == began
        assert began or (r["thread_link"]["rule"] in LINK_RULES
                         and r["thread_link"]["score"] > 0)
    assert any(r["thread_link"] for r in rows) and any(not r["thread_link"] for r in rows)
    assert [r["salience"] for r in rows] == sorted((r["salience"] for r in rows), reverse=True)
    assert all(any("independent publisher" in x for x in r["reasons"]) for r in rows)


def test_stories_text_explains_each_story(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "stories", "--date", "2024-11-22"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(" 1. ")
    assert sum(line.strip().startswith("why: ") for line in lines) >= 6
    threads = [line.strip() for line in lines if line.strip().startswith("thread t-")]
    assert threads and all(t.endswith("(began the thread)") or "(joined: " in t for t in threads)
    counted = [line.strip() for line in lines if " from " in line and "report" in line]
    assert counted and all(not c.startswith("1 reports") for c in counted)
    # every story of the 22nd now has several reports (the French COP29 report and the
    # treaty analysis for Japan joined theirs); the 20th has one-report stories
    day = CliRunner().invoke(cli, ["--db", str(store), "stories", "--date", "2024-11-20"])
    assert any(line.strip().startswith("1 report from ") for line in day.stdout.splitlines())


@pytest.mark.parametrize("command", ["demo", "ingest", "brief", "analyse", "stories"])
def test_help_has_text(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output) > 200


def test_db_from_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("GEOBRIEF_DB", str(db))
    result = CliRunner().invoke(cli, ["analyse"])
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_stories_all_lists_every_day(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "stories", "--all", "--json"])
    days = {json.loads(line)["date"] for line in result.stdout.splitlines()}
    assert len(days) >= 20
    assert CliRunner().invoke(cli, ["--db", str(store), "stories"]).exit_code == 2
