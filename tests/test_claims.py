"""Claims, figures, outlook items and the claim ledger."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from geobrief.analyse.claims import extract_claim, extract_outlook, figures, horizon
from geobrief.analyse.cues import analyse_sentence
from geobrief.cli import cli
from geobrief.knowledge.link import bundled_linker
from geobrief.stories.ledger import Entry, Stance, distinct_names, status


def test_figures_keep_qualifier_value_and_what_they_count():
    found = figures("The agency said up to 12,000 troops and about 1,500 special forces moved.")
    assert [(f.value, f.qualifier, f.noun) for f in found] == [
        (12000.0, "up to", "troops"), (1500.0, "about", "forces")]
    assert figures("Zelensky said 11,000 are in Kursk, where troops fight.")[0].value == 11000
    assert figures("The summit ended on 22 November 2024.") == []


def test_claim_names_who_asserts_it_and_links_them():
    sentence = "The Kremlin has called the reports fake."
    claim = extract_claim(sentence, analyse_sentence(sentence), bundled_linker(),
                          date(2024, 10, 18))
    assert claim is not None
    assert claim.stance == "deny" and claim.speaker in ("Kremlin", "The Kremlin")
    assert claim.speaker_country == "RU"
    quoted = '"It is fake news," Kremlin spokesman Dmitry Peskov said.'
    claim = extract_claim(quoted, analyse_sentence(quoted), bundled_linker(),
                          date(2024, 10, 18))
    assert claim is not None and claim.quote and claim.speaker_id == "dmitry-peskov"


def test_not_denying_is_not_a_denial():
    assert analyse_sentence("He did not deny the reports.").stance == "not_confirm"


@pytest.mark.parametrize("text,expected", [
    ("A vote is expected next week.", "2024-11-25"),
    ("Talks may resume in the coming weeks.", "2024-12-30"),  # 45 days
    ("The law could pass by March.", "2025-03-31"),
    ("The deal may be signed by 2026.", "2026-12-31"),
    ("A deal could come.", None),
])
def test_horizon(text, expected):
    assert horizon(text, date(2024, 11, 15)) == expected


def test_outlook_item_has_band_words_and_condition():
    text = "Seoul could send weapons if North Korean troops join the fighting."
    item = extract_outlook(text, analyse_sentence(text), "South Korea", "KR", date(2024, 11, 7))
    assert item is not None
    assert item.band == "roughly even chance" and item.p == (0.45, 0.55)
    assert item.words == "could" and item.condition == "if North Korean troops join the fighting"


def _stance(kind: str, origin: int, country: str | None, party: str = "x") -> Stance:
    return Stance(party, None, country, kind, "2024-11-01", origin, origin, "Wire",
                  "https://w.example/a", "North Korea sent troops to Russia.")


@pytest.mark.parametrize("kinds,expected", [
    ([("assert", 1, "KR")], "reported"),
    ([("assert", 1, "KR"), ("assert", 2, "US")], "corroborated"),
    ([("assert", 1, "KR"), ("assert", 2, "US"), ("deny", 3, "RU")], "disputed"),
    ([("assert", 1, "KR"), ("deny", 3, "RU")], "denied"),
    ([("assert", 1, "KR"), ("not_confirm", 3, "US")], "unconfirmed"),
    ([("assert", 1, "KR"), ("confirm", 3, "RU")], "confirmed"),
])
def test_ledger_status(kinds, expected):
    entry = Entry("c-1", "t-1", "North Korea sent troops to Russia.",
                  [_stance(k, o, c) for k, o, c in kinds])
    assert status(entry, bundled_linker()) == expected


def test_a_party_named_twice_is_listed_once_by_its_fuller_name():
    names = ["Blinken", "White House", "Secretary of State Antony Blinken", "Russia",
             "Russian government", "White House national security spokesman John Kirby"]
    assert distinct_names(names) == ["Secretary of State Antony Blinken",
                                     "White House national security spokesman John Kirby",
                                     "Russia", "Russian government"]
    assert distinct_names(["Kim", "Kimberley", "Kim Jong Un"]) == ["Kim Jong Un", "Kimberley"]
    assert distinct_names([]) == []


def test_troop_estimates_are_one_ledger_entry_with_a_range_and_a_denial(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "-q", "claims", "--json"])
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    troops = [e for e in entries if len({f["value"] for f in e["figures"]
                                         if f["kind"] == "troops"}) >= 3]
    assert troops, "no entry gathers the troop estimates"
    biggest = max(troops, key=lambda e: len(e["stances"]))
    values = {f["value"] for f in biggest["figures"] if f["kind"] == "troops"}
    assert {10000.0, 11000.0, 12000.0} <= values
    assert biggest["status"] == "disputed"
    deniers = {s["party"] for s in biggest["stances"] if s["stance"] == "deny"}
    assert any("Kremlin" in (p or "") or "Moscow" in (p or "") for p in deniers)
    speakers = " ".join(s["party"] or "" for s in biggest["stances"] if s["stance"] == "assert")
    assert "Intelligence Service" in speakers and "Pentagon" in speakers
    days = [s["day"] for s in biggest["stances"]]
    assert days == sorted(days) and days[0] < days[-1]  # stances over time


def test_outlook_command_lists_items_with_bands(store):
    result = CliRunner().invoke(cli, ["--db", str(store), "-q", "outlook", "--json"])
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(items) >= 50
    assert all(0 < i["p_low"] < i["p_high"] < 1 for i in items)
    assert any(i["horizon"] for i in items)
    opened = CliRunner().invoke(cli, ["--db", str(store), "-q", "outlook", "--open", "--json"])
    assert len(opened.stdout.splitlines()) < len(items)


def test_speaker_named_by_where_they_are_is_not_that_place():
    text = "Commanders in the Kursk area said Russian forces had increased pressure."
    claim = extract_claim(text, analyse_sentence(text), bundled_linker(), date(2024, 11, 20))
    assert claim is not None and claim.speaker == "Commanders in the Kursk area"
    assert claim.speaker_id is None and claim.speaker_country is None
    text = "Defense Department officials say deliveries are constrained by production."
    claim = extract_claim(text, analyse_sentence(text), bundled_linker(), date(2024, 11, 20))
    assert claim is not None and claim.cue == "say" and claim.speaker_id == "US-DOD"


def _figures_entry(name: str, kind: str, value: float, day: str) -> Entry:
    from geobrief.stories.ledger import FigureGiven

    return Entry(name, "t", f"{value} {kind}", figures=[
        FigureGiven(value, None, kind, "someone", day, f"{value:.0f} {kind}")])


def test_estimates_of_troops_merge_across_days_but_counts_of_missiles_do_not():
    from geobrief.stories.ledger import _merge_estimates

    troops = [_figures_entry("a", "troops", 10_000, "2024-10-28"),
              _figures_entry("b", "troops", 12_000, "2024-11-04")]
    assert [e.figure_range("troops")
            for e in _merge_estimates(troops)] == [(10_000, 12_000)]
    missiles = [_figures_entry("c", "missiles", 120, "2024-11-17"),
                _figures_entry("d", "missiles", 101, "2024-11-21"),
                _figures_entry("e", "missiles", 100, "2024-11-21")]
    merged = _merge_estimates(missiles)
    assert [e.figure_range("missiles") for e in merged] == [(120, 120), (100, 101)]


def test_sums_of_money_are_not_taken_for_estimates_of_one_quantity():
    from geobrief.stories.ledger import _merge_estimates

    sums = [_figures_entry("f", "yearly sums", 250e9, "2024-11-22"),
            _figures_entry("g", "yearly sums", 1.3e12, "2024-11-22")]
    assert len(_merge_estimates(sums)) == 2
    assert figures("Developing countries want $1.3 trillion a year.")[0].value == 1.3e12


def test_latest_briefing_shows_the_dismissal_and_non_confirmations_of_the_troop_claims(
        store):
    """The briefing's ledger looks back 30 days: denials and non-confirmations inside that
    window still answer the troop entry, however many reports it has gathered."""
    result = CliRunner().invoke(cli, ["--db", str(store), "-q", "brief", "--date",
                                      "2024-11-22", "--format", "json"])
    data = json.loads(result.stdout)
    ranges = [line["text"] for story in data["stories"]
              for line in story["what_is_happening"] if line.get("stance") == "range"
              and "troops" in line["text"]]
    assert ranges
    assert all("denied by" in text and "not confirmed by" in text for text in ranges)
    assert all("Pentagon" in text.split("not confirmed by")[1] for text in ranges)
    assert not any("denied by The " in text for text in ranges)  # an outlet denies nothing


def test_demonym_group_speaks_for_its_country():
    text = "Russian officials have rejected Western statements about a deployment."
    claim = extract_claim(text, analyse_sentence(text), bundled_linker(), date(2024, 11, 6))
    assert claim is not None and claim.stance == "deny"
    assert (claim.speaker, claim.speaker_country) == ("Russian officials", "RU")
