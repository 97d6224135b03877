"""Outlook items settled against later events: happened, lapsed, or still open."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from conftest import rows

from geobrief.analyse.outcomes import settle_outlook
from geobrief.cli import cli
from geobrief.store import open_store

FORESEEN = ("Officials said Russia would likely launch a missile strike on Ukraine in the "
            "coming days.")
PLANNED = ("Diplomats said Japan was expected to impose new sanctions on North Korea by "
           "March 2024.")
FILLER = "The statement was issued in the capital after a meeting of senior officials."


def _article(n: int, day: str, text: str) -> dict[str, str]:
    return {"url": f"https://example.org/{n}", "title": f"Report number {n} of the day",
            "text": f"{text} {FILLER} {FILLER}", "published": f"{day}T09:00:00Z",
            "outlet": f"outlet{n % 3}.example"}


def _ingest(tmp_path: Path, articles: list[dict[str, str]]) -> Path:
    db = tmp_path / "o.db"
    feed = tmp_path / "in.jsonl"
    feed.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(db), "-q", "ingest", str(feed)])
    assert result.exit_code == 0, result.output
    return db


def _outcomes(db: Path) -> dict[str, tuple]:
    found = rows(db, "SELECT s.text, o.action, o.outcome, o.decided, o.matched_article_id "
                     "FROM outlook o JOIN sentences s ON s.article_id = o.article_id "
                     "AND s.idx = o.idx")
    return {text: rest for text, *rest in found}


def test_item_happens_when_a_later_day_reports_the_act(isolated: Path) -> None:
    db = _ingest(isolated, [
        _article(1, "2024-01-02", FORESEEN),
        _article(2, "2024-01-02", "Russia launched a missile strike on Kyiv on Tuesday."),
        _article(3, "2024-01-05", "Russia launched a missile strike on Kyiv overnight."),
    ])
    action, outcome, decided, matched = _outcomes(db)[FORESEEN]
    assert action == "FIGHT" and outcome == "happened"
    assert decided == "2024-01-05"  # not the same-day report: a later day's
    assert rows(db, f"SELECT url FROM articles WHERE id = {matched}") == [
        ("https://example.org/3",)]


def test_item_lapses_when_its_horizon_passes_without_the_act(isolated: Path) -> None:
    db = _ingest(isolated, [
        _article(1, "2024-01-02", PLANNED),
        _article(2, "2024-02-10", "China imposed new sanctions on North Korea."),  # not Japan
        _article(3, "2024-04-02", "Leaders met in Tokyo to discuss trade."),
    ])
    action, outcome, decided, _ = _outcomes(db)[PLANNED]
    assert action == "SANCTION" and outcome == "lapsed" and decided == "2024-03-31"


def test_item_stays_open_before_its_horizon_and_settling_is_repeatable(isolated: Path
                                                                      ) -> None:
    db = _ingest(isolated, [_article(1, "2024-01-02", PLANNED),
                            _article(2, "2024-01-20", "Leaders met in Tokyo.")])
    assert _outcomes(db)[PLANNED][1] is None
    opened = CliRunner().invoke(cli, ["--db", str(db), "-q", "outlook", "--open", "--json"])
    assert any(json.loads(line)["action"] == "SANCTION" for line in opened.output.splitlines())
    store = open_store(str(db))
    try:
        settled = settle_outlook(store, now=datetime(2024, 2, 1))
        assert (settled.happened, settled.lapsed, settled.still_open) == (0, 0, 1)
        assert settle_outlook(store, now=datetime(2024, 4, 1)).lapsed == 1
        assert settle_outlook(store, now=datetime(2024, 5, 1)).lapsed == 0  # settled once
    finally:
        store.close()


def test_events_are_stored_per_sentence(isolated: Path) -> None:
    db = _ingest(isolated, [_article(1, "2024-01-02", FORESEEN),
                            _article(2, "2024-01-05", "Russia launched a missile strike on "
                                                      "Kyiv overnight.")])
    stored = rows(db, "SELECT type, act, intended, source_country, target_country "
                      "FROM events ORDER BY article_id, idx, n")
    assert ("THREATEN", "FIGHT", 1, "RU", "UA") in stored  # the foreseen strike
    assert ("FIGHT", "FIGHT", 0, "RU", "UA") in stored  # the strike reported


def test_item_of_an_international_body_is_settled_by_the_same_body(isolated: Path) -> None:
    talks = "NATO will hold emergency talks with Ukraine next week, diplomats said."
    db = _ingest(isolated, [
        _article(1, "2024-01-02", talks),
        _article(2, "2024-01-04", "The EU held emergency talks with Ukraine in Brussels."),
        _article(3, "2024-01-09", "NATO held emergency talks with Ukraine in Brussels."),
    ])
    action, outcome, decided, _ = _outcomes(db)[talks]
    assert (action, outcome, decided) == ("CONSULT", "happened", "2024-01-09")


def test_the_same_kind_of_act_by_the_same_actor_in_other_words_does_not_settle(
        isolated: Path) -> None:
    """A fight is not the strike foreseen: the report must word the act (the issue found
    an Arab League summit 'happened' because the UN Security Council met)."""
    db = _ingest(isolated, [
        _article(1, "2024-01-02", FORESEEN),
        _article(2, "2024-01-05", "Russian forces fought Ukrainian units near Kupiansk."),
    ])
    action, outcome, _decided, matched = _outcomes(db)[FORESEEN]
    assert action == "FIGHT" and outcome is None and matched is None


def test_a_negated_intention_or_a_place_as_actor_is_unresolvable_and_never_lapses(
        isolated: Path) -> None:
    vow = "Gadhafi's government said Libya will not surrender Tripoli by March 2024."
    db = _ingest(isolated, [_article(1, "2024-01-02", vow),
                            _article(2, "2024-05-02", "Leaders met in Tokyo to discuss trade.")])
    assert _outcomes(db)[vow][1] is None  # past its horizon, yet not lapsed
    score = CliRunner().invoke(cli, ["--db", str(db), "-q", "outlook", "--score", "--json"])
    assert score.exit_code == 0, score.output


def _item(band: str | None, outcome: str | None, source: str = "Analysts",
          condition: str | None = None, action_by: str | None = "RU") -> dict:
    return {"band": band, "outcome": outcome, "source": source, "source_kind": "source",
            "condition": condition, "action": "FIGHT", "action_by": action_by,
            "act": "launch a strike", "outlet": "Wire"}


def test_scorecard_brier_calibration_and_shares() -> None:
    from geobrief.analyse.outcomes import scorecard

    rows = [_item("likely", "happened"), _item("likely", "lapsed"),
            _item("very unlikely", "lapsed", source="Diplomats"),
            _item("likely", "lapsed", condition="if talks fail"),  # voided
            _item("likely", None, action_by=None),  # unresolvable
            _item("likely", None),  # open
            _item(None, "happened")]  # no band: not scored
    card = scorecard(rows)
    overall = card.overall
    assert (overall.banded, overall.scored, overall.voided, overall.unresolvable,
            overall.still_open) == (6, 3, 1, 1, 1)
    likely, unlikely = 0.675, 0.125
    expected = ((likely - 1) ** 2 + likely ** 2 + unlikely ** 2) / 3
    assert overall.brier is not None and abs(overall.brier - expected) < 1e-9
    assert [(b.band, b.n, b.happened) for b in overall.bands] == [
        ("very unlikely", 1, 0), ("likely", 2, 1)]
    assert abs(overall.voided_share - 1 / 6) < 1e-9
    assert set(card.by_source) == {"Analysts", "Diplomats"}
    assert card.by_source["Diplomats"].brier == unlikely ** 2
