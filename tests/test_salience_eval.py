"""What leads the day, on real corpora (internal data in ../shared/data): CI floors.

The script prints every figure and writes each day's ranking with ``--leads``:

    python eval/salience.py wcep --leads wcep.txt
    python eval/salience.py timeline17 --topics ... --leads t17.txt

Floors are what the ranking achieved when written, minus a small margin; raise them as it
improves, never lower them silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
EVAL = ROOT / "eval"
T17_TOPICS = ["EgyptianProtest_cnn", "LibyaWar_cnn", "SyrianCrisis_reuters", "H1N1_bbc"]


def _salience():
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    return __import__("salience")


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not (SHARED / "wcep_2023_01").exists(),
                    reason="../shared/data/wcep_2023_01 absent (internal evaluation data)")
def test_wcep_january_2023_leads_are_geopolitical():
    """31 days. Before (reports, home countries, velocity, P5/G20 mentions): top-5 share
    0.413 (0.508 of what each day allows), lead 0.323, multi-source events in the top 10
    1.000. With geopolitical significance: 0.652 (0.810 of possible; raw ceiling 0.800),
    lead 0.806, 1.000; 10 stories left out as soft news, none of them in the three
    categories. Target: 0.90 of the top 5 (see the report on what stands in the way).
    With deaths in accidents no longer armed violence (a crash, a cold wave): 0.639 ->
    0.665 (0.797 -> 0.824 of possible), lead 0.806 -> 0.839. With violence read in
    context (crime, accident, animal, cyber, cause clauses), decisive political acts and
    soft news kept below hard news: 0.742 (0.933 of possible, also by distinct events),
    lead 1.000. The raw share's true ceiling, from the stories ranked, is 0.794: 17 days
    have fewer than five key events; no key event is split, no story merges events.
    With weapons sent to a party at war weighed as armed violence: unchanged (Sweden's
    Archer artillery 8th -> 4th on 2023-01-19).

    The same build's storylines (eval/wcep_threads.py): links between stories sharing no
    WCEP topic 78 of 136 before links asked for a shared key actor, 22 of 59 after, 22 of
    71 with one-country situations (Peru's protests, Burkina Faso's insurgency); stories
    continuing an earlier one of their topic within 7 days in its thread 29 -> 36 of 74."""
    figures = _salience().run("wcep")
    assert figures["threads_links_unrelated"] <= 24
    assert figures["threads_links_unrelated_share"] <= 0.34
    assert figures["threads_continued"] >= 35  # 29 before one-country situations
    assert figures["days"] == 31
    assert figures["top5_key_share_ceiling"] == pytest.approx(0.800, abs=0.01)
    assert figures["top5_key_share_ceiling_stories"] == pytest.approx(0.794, abs=0.01)
    assert figures["days_under_5_key_events"] == 17
    assert figures["top5_key_share"] >= 0.73
    assert figures["top5_key_share_of_possible"] >= 0.92
    assert figures["top5_key_events_of_possible"] >= 0.92
    assert figures["lead_key_share"] >= 0.96
    assert figures["multi_source_key_in_top10"] >= 0.93  # 15 events: one miss is 0.933
    assert figures["left_out_key"] == 0  # soft news never takes a key story with it
    assert figures["left_out"] >= 5


@pytest.mark.shared_data
@pytest.mark.timeout(400)
@pytest.mark.skipif(not (SHARED / "timeline17" / "LibyaWar_cnn" / "articles.json").exists(),
                    reason="../shared/data/timeline17 absent (internal evaluation data)")
def test_timeline17_leads_cover_the_gold_timeline():
    """Four folders, 102 days with a gold entry. Before: the lead is the story that best
    covers the day's gold entry on 0.392 of days (MRR 0.623; lead ROUGE-1 recall 0.136,
    the day's mean story 0.118, the best 0.266). After: 0.490, 0.674, 0.174. On main at
    7bcbc2f (100 days): 0.550, 0.719, 0.171; with violence read in context, decisive
    political acts and soft news below hard news: 0.560, 0.723, 0.171. With stand-in titles
    from each page's lead, not its first line (stop 28; reading4): 97 days scored (100),
    lead is best 0.536, MRR 0.708, but lead ROUGE-1 recall 0.185 (0.171), the day's mean
    story 0.117 (0.111), the best 0.288 (0.252): the stories cover the gold better, and
    the lead less often beats them all. Floors lowered 0.55 -> 0.53 and 0.71 -> 0.70."""
    figures = _salience().run("timeline17", topics=T17_TOPICS)
    assert figures["gold_days_scored"] >= 95
    assert figures["lead_is_best"] >= 0.53
    assert figures["best_mrr"] >= 0.70
    assert figures["lead_rouge1_recall"] > figures["day_mean_rouge1_recall"] + 0.03
