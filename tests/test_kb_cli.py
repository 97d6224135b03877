"""`geobrief kb`: show, search, why, check, link."""

from __future__ import annotations

import json

from click.testing import CliRunner

from geobrief.cli import cli


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["kb", *args], input=input)


def _chains(output: str) -> list[str]:
    return [line for line in output.splitlines() if line[:1].isdigit()]


def test_why_australia_north_korea_is_direct_or_two_steps_with_sources():
    result = run("why", "AU", "KP", "--date", "2024-11-24")
    assert result.exit_code == 0, result.output
    chains = _chains(result.output)
    assert chains[0] == "1. Australia — sanctions — North Korea"
    # at most two steps, and never through a state tied to Australia by a border alone
    assert all(line.count(" — ") <= 4 for line in chains), chains
    assert "South Korea — borders — North Korea" not in result.output  # three steps, old
    assert result.output.count("[source: ") >= 3


def test_why_ukraine_north_korea_names_the_war_and_north_koreas_part():
    result = run("why", "UA", "KP", "--date", "2024-11-24")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[:2]
    assert first[0] == "1. Ukraine — opponent in the Russia-Ukraine war — North Korea"
    assert "North Korea fights against Ukraine as a supporting party" in first[1]
    assert "UCDP conflict 13243" in first[1] and "CC BY 4.0" in first[1]
    assert "Russia — same side in the Russia-Ukraine war — North Korea" in result.output


def test_why_ranks_the_active_treaty_above_the_dormant_one():
    result = run("why", "US", "PH", "--date", "2024-11-24", "--limit", "8")
    chains = _chains(result.output)
    mdt = next(i for i, c in enumerate(chains) if "US-Philippines Mutual Defense" in c)
    seato = next(i for i, c in enumerate(chains) if "Southeast Asia Collective" in c)
    assert mdt == 0 and seato > mdt
    assert "(dormant)" in chains[seato] and "dissolved on 1977-06-30" in result.output
    early = _chains(run("why", "US", "PH", "--date", "1970-01-01").output)
    assert any("Southeast Asia Collective Defense Treaty ally" in c for c in early)


def test_why_dates_quad_membership():
    def quad(day: str) -> bool:
        return "Quad" in run("why", "AU", "JP", "--date", day, "--limit", "8").output

    assert not quad("2005-02-22") and quad("2007-08-01")
    assert not quad("2010-02-22") and quad("2019-02-22")


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
