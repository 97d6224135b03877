"""`geobrief kb`: show, search, why, check, link."""

from __future__ import annotations

import json

from click.testing import CliRunner

from geobrief.cli import cli


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["kb", *args], input=input)


def test_why_australia_north_korea_goes_through_allies_with_sources():
    result = run("why", "AU", "KP", "--date", "2024-11-24")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("1. Australia — ANZUS")
    assert "United States" in first and "South Korea — borders — North Korea" in first
    assert result.output.count("[source: ") >= 3


def test_why_respects_dates():
    before = run("why", "SE", "US", "--date", "2023-01-01").output
    after = run("why", "SE", "US", "--date", "2024-11-24").output
    direct = "1. Sweden — North Atlantic Treaty ally — United States"
    assert direct not in before  # Sweden joined NATO on 7 March 2024
    assert after.splitlines()[0] == direct


def test_show_and_search():
    shown = json.loads(run("show", "kp").output)
    assert shown["name"] == "North Korea" and "RU" in shown["land"]
    assert "us-rok-mutual-defense-treaty" in run("search", "Mutual Defense").output
    assert run("show", "nothing-like-this").exit_code != 0


def test_link_prints_one_json_object_per_mention():
    result = run("link", "-", "--date", "2024-11-24",
                 input="The Kremlin dismissed reports from Seoul about North Korean troops.")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["type"], r["id"]) for r in rows] == [
        ("Kremlin", "country", "RU"), ("Seoul", "country", "KR"),
        ("North Korean", "country", "KP")]
    assert all({"start", "end", "form", "country", "sanctioned"} <= set(r) for r in rows)


def test_check_reports_problems_with_names_and_exit_code():
    result = run("check")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert (result.exit_code == 0) == (not lines)
    assert all(":" in line for line in lines)
