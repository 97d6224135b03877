"""Reader relevance against editor judgements on the bundled demo corpus.

eval/readers_judgements.yaml was written by a project engineer from the corpus text before
the relevance rules were tuned; eval/readers_relevance.py scores ``story_relevance``
against it and prints every figure and, with --disagreements, every pair that differs:

    python eval/readers_relevance.py --disagreements

Pinned floors: what the relevance rules achieved when this test was written, minus a
small margin. Raise them as relevance improves; never lower them silently, and never edit
the judgements to make the system look better.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
GOLD = ROOT / "tools" / "demo_corpus" / "articles.yaml"
JUDGEMENTS = EVAL / "readers_judgements.yaml"


def _eval_module(name: str):
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    return __import__(name)


@pytest.mark.timeout(60)
@pytest.mark.skipif(not (GOLD.exists() and JUDGEMENTS.exists()),
                    reason="demo gold labels or reader judgements absent")
def test_reader_relevance_floors():
    """90 judgements (60 relevant) over all 42 gold events, readers in 9 countries.

    Measured at this writing (about 6 s): relevance precision 0.815, recall 0.883,
    accuracy 0.789 (65 called relevant by the system, 53 by both; 19 disagreements:
    12 false positives: 8 on 'ally' alone, 5 of them via the Quad or the Rio Treaty; 2 on
    'neighbour' plus 'region'; 2 on a passing mention plus 'ally'; and 7 false negatives,
    5 where a matched interest alone scores 0.6 < 1.0). Reasons on
    the 53 pairs relevant for both: precision 0.825, recall 0.868 (136 judged items, 143
    from the system); per kind P/R: named 0.976/0.976, ally 0.571/0.857, neighbour
    0.739/1.000, region 0.647/0.550, interest 0.927/0.864. Events map to stories holding
    on average 0.932 of their articles.

    After tuning (alliances are defence treaties and military alliances, not partnerships
    like the Quad; a maritime neighbour only on the same continent; an interest met counts
    as much as a tie): relevance precision 0.822, recall 1.000, accuracy 0.856 (13
    disagreements); reasons precision 0.866, recall 0.837.

    Reasons with a mechanism (issue 20): the rules' kinds are mapped to the judged vocabulary
    (party -> named, treaty -> ally, border -> neighbour). Relevance precision 0.855, recall
    0.983, accuracy 0.878 (11 disagreements); reasons precision 0.856, recall 0.655; named
    precision 1.000, recall 0.585; ally precision 0.500, recall 0.118; neighbour 0.824 /
    0.824 (a neighbour counts for a war story only where it fights or is attacked). The
    reason floors were lowered on purpose: a judged "named" counts every mention of the reader's
    country, and a passing mention (a G20 member in a communique, "Seoul" as the place
    officials spoke) is no longer a reason; a judged "ally" counts a treaty ally central
    to the story, which is now a reason only when the story bears on the treaty (the ally
    attacked, pressed, or fighting the reader's adversary); the ties that replace them
    (war, troops, arms, aid, sanctions) have no judged kind here.
    eval/readers_reasons.py measures the reasons against real judged ties instead.

    After the second pass on real judged ties (eval/readers_reasons.py): relevance
    precision 0.855 -> 0.881, accuracy 0.878 -> 0.900 (11 -> 9 disagreements); reasons
    precision 0.856 -> 0.858, recall 0.655 -> 0.669; ally 0.500/0.118 -> 0.667/0.235.
    Sanctions read "weapons programme" only where the story is about one, and a deal
    between two sanctioned states only where both are its main countries (no longer on a
    treaty story that mentions a missile test, or on a third state's talks)."""
    figures = _eval_module("readers_relevance").run()
    assert figures["judgements"] == 90
    assert figures["judged_relevant"] == 60
    assert figures["events"] == 42
    assert figures["event_story_share"] >= 0.90
    assert figures["relevance_recall"] >= 0.95
    assert figures["relevance_precision"] >= 0.87
    assert figures["relevance_accuracy"] >= 0.89
    assert figures["reason_precision"] >= 0.85
    assert figures["reason_recall"] >= 0.66
    assert figures["named_precision"] >= 0.94  # the reader's country a party: the base case
    assert figures["named_recall"] >= 0.55


def test_judgements_are_well_formed():
    """Every judgement uses a gold event of the corpus, the fixed reason vocabulary and a
    known interest; relevant pairs give reasons, others none."""
    import yaml

    evaluation = _eval_module("readers_relevance")
    judgements = evaluation.load_judgements()
    events = {a["event"] for a in yaml.safe_load(GOLD.read_text(encoding="utf-8"))}
    interests = {"defence-and-security", "energy", "trade-and-markets", "travel", "migration",
                 "technology", "climate", "human-rights"}
    assert len(judgements) >= 40
    countries = {j["reader"]["country"] for j in judgements}
    assert {"AU", "US", "UA", "KR", "JP", "IN", "DE", "BR", "ZA"} <= countries
    for j in judgements:
        assert j["event"] in events, j
        assert set(j["reader"]["interests"]) <= interests, j
        assert set(j["reasons"]) <= set(evaluation.KINDS), j
        assert bool(j["reasons"]) == j["relevant"], j
        assert j["why"].strip(), j


def test_real_judgements_are_many_valid_and_found_in_their_corpora():
    """eval/readers_judgements.yaml's real_judgements: at least 150 judged (story, reader)
    pairs from Timeline17, the background-summary dev events and WCEP January 2023, each
    with the tie an editor would name or none (the scoring comes with the reasons)."""
    ties = _eval_module("readers_ties")
    real = ties.load_real()
    assert len(real) >= 150
    assert {j["story"]["corpus"] for j in real} == set(ties.CORPORA)
    assert {"US", "UA", "AU", "KR"} <= {j["reader"]["country"] for j in real}
    kinds = {j["tie"] for j in real}
    assert "none" in kinds and len(kinds) >= 8
    try:
        figures = ties.run()
    except ties.DataMissing as exc:
        pytest.skip(str(exc))
    assert figures["stories_not_found"] == []


SHARED = ROOT.parent / "shared" / "data"
REAL = [SHARED / "timeline17", SHARED / "background_summaries", SHARED / "wcep_2023_01"]


@pytest.mark.shared_data
@pytest.mark.timeout(900)
@pytest.mark.skipif(not all(p.exists() for p in REAL),
                    reason="../shared/data corpora absent (internal evaluation data)")
def test_reasons_on_real_judged_pairs_floors():
    """eval/readers_reasons.py: the 269 judged (story, reader) pairs of Timeline17, the
    background-summary dev events and WCEP January 2023, each judged story's reader parts
    written as the briefing writes them.

    On main before the reasons (old rules): strongest-tie precision 0.243, tie recall
    0.598, ties written where judged none 0.610 (189 pairs with a tie written). With
    reasons that bear on the event: precision 0.791, recall 0.711, false ties 0.047 (86
    written). The issue's targets (0.90 / 0.80 / 0.05) are not reached yet: the misses
    are mostly the reader's country as a party that analysis does not see (a fine on a US
    company, BP as British, a US court) and troops serving abroad in older wars that the
    knowledge lacks. Floors: this figure minus a small margin; raise them, never lower
    them silently.

    Second pass (treaties named only for an attack or pressure reported twice, or for
    the alliance itself named; outbreaks over land borders; the backing a reader receives
    only when the story names it; companies of the reader's country; fighting beside a
    state for its elections; Presidents Obama and Bush known; US troops in Kosovo and
    Syria after troopdata's last year): precision 0.907, recall 0.814, false ties 0.000
    (86 written); per corpus, WCEP 0.881/0.815/0.020 -> 0.933/0.862/0.000, Timeline17
    0.542/0.500/0.109 -> 0.810/0.692/0.000, background summaries 1.000/0.500/0.000 ->
    1.000/0.833/0.000 (about 40 s alone). Still wrong: the US as a party that analysis
    does not see (its tanks decision tied to Berlin's, its general meeting Ukraine's),
    and lines resting on page furniture in Timeline17's CNN and Guardian pages."""
    try:
        figures = _eval_module("readers_reasons").run()
    except _eval_module("common").DataMissing as exc:
        pytest.skip(str(exc))
    assert figures["pairs"] >= 269
    assert figures["ingest_errors"] == 0
    assert figures["strongest_precision"] >= 0.89
    assert figures["tie_recall"] >= 0.80
    assert figures["false_tie_share"] <= 0.01


@pytest.mark.shared_data
@pytest.mark.timeout(1200)
@pytest.mark.skipif(not all(p.exists() for p in REAL),
                    reason="../shared/data corpora absent (internal evaluation data)")
def test_reader_parts_on_real_briefings_floors():
    """eval/readers_parts.py on each corpus's busiest day (the script's default is three
    days; one keeps the test short): no reader part holds only mechanical lines (named,
    chain, quote, listing absence) and no two readers read the same text once their
    country's name is masked (the issue's targets: <= 0.20 and 0).

    18 stories, 72 parts: on main (old rules) 0.875 mechanical and 8 same-text stories
    (every part stated a tie); with the reasons 0.000 and 0, 17 parts stating a tie and
    the others the short absence line (about 100 s). Since the compose budget, reader
    groups with no tie share one line below the parts instead of a part each: 19 parts
    printed, 17 stating a tie. After the reasons' second pass: 18 parts, 17 stating a
    tie, 0.000 mechanical, 0 same-text stories (over three days per corpus: 46 parts, 43
    stating a tie -> 41 and 39; the ties no longer written are invented ones: ANZUS and
    the Korean treaty for a US statement on Egypt, 'Iran's weapons programme' where a story
    names Iran's weapons in passing, a supplier's nuclear programme read as arms for
    Russia). Stop 27's salience (what leads by geopolitical significance, not by reader
    ties) changed WCEP 2023-01-19's top stories: a snap election in Kazakhstan and
    Ardern's resignation rose, Sweden's Archer artillery for Ukraine fell out of the
    edition, so WCEP gives 4 parts rather than 8: 14 parts, 14 stating a tie."""
    parts = _eval_module("readers_parts")
    try:
        figures, _tallies = parts.run(["timeline17", "background", "wcep"], days=1)
    except _eval_module("common").DataMissing as exc:
        pytest.skip(str(exc))
    assert figures["all_parts"] >= 13
    assert figures["all_tie_parts"] >= 13
    assert figures["all_mechanical_share"] <= 0.05
    assert figures["all_same_text_stories"] == 0
    assert all(figures[f"{c}_failed"] == 0 for c in ("timeline17", "background", "wcep"))
