"""Story clustering and threading on real news (internal data in ../shared/data).

Pinned floors: what the clustering achieved when these tests were written, minus a small
margin. Raise them as the clustering improves; never lower them silently. The scripts
print every figure:

    python eval/giveme5w1h_clusters.py --errors 10
    python eval/timeline17_threads.py --topics ... --limit-per-topic 100 --detail
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from geobrief.settings import Settings
from tests.conftest import require_embeddings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
EVAL = ROOT / "eval"
GIVEME = SHARED / "giveme5w1h" / "news_cluster.jsonl"
TIMELINE17 = SHARED / "timeline17"

# A subsample that runs in about 15 s: three Arab Spring topics of 2011 (close in time and
# vocabulary, so threads can mix) and swine flu (2009); each folder's first 100 articles.
T17_TOPICS = ["EgyptianProtest_cnn", "LibyaWar_cnn", "SyrianCrisis_reuters", "H1N1_bbc"]
T17_LIMIT = 100


def _eval_module(name: str):
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    return __import__(name)


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not GIVEME.exists(),
                    reason="../shared/data/giveme5w1h absent (internal evaluation data)")
def test_giveme5w1h_story_floors():
    """All 383 articles, 69 gold events, one ingest and one bring_up_to_date.

    Measured on the clustering of this writing: story P 0.996 R 0.599 F1 0.748 (180
    stories, 118 of one article); thread P 0.936 R 0.798 F1 0.862; 15 copies (0.039), one
    of them of another event; no ingest errors. Threads accumulating their stories and
    taking weak but unambiguous links: thread F1 0.876 -> 0.903 (story figures unchanged:
    P 1.000 R 0.601 F1 0.751). Headlines as a second piece of evidence: story R 0.630,
    F1 0.773, P still 1.000 (167 stories, 101 of one article). Threads then kept to the
    thread window within one batch (before, a thread that had ended months earlier could
    still be joined through its sum when everything was placed at once): thread P 0.950
    R 0.831 F1 0.886; weak links to live threads of the same countries: F1 0.880."""
    figures = _eval_module("giveme5w1h_clusters").run()
    assert figures["ingest_failed"] == 0
    assert figures["scored"] == 383
    assert figures["gold_events"] == 69
    assert figures["story_f1"] >= 0.75
    assert figures["story_precision"] >= 0.98  # guards against merging events to gain recall
    assert figures["story_recall"] >= 0.62  # 0.644 with singletons rejoining (0.630 before)
    # 0.88 until threads kept to their window; 0.897 with the storyline rule (P 0.934),
    # unchanged with links that must share a key actor; 0.898 (P 0.937) with title-case
    # headlines giving only the names their text writes as names
    assert figures["thread_f1"] >= 0.895
    assert figures["thread_precision"] >= 0.93
    assert figures["copy_share"] <= 0.06  # wire copies only: a jump means false copies
    assert figures["copies_of_other_event"] <= 1
    # what the story window allows at best: 0.845 with 3-day stories (the target of 0.95
    # needs stories that bridge month-long gaps), 0.939 with 30-day thread windows
    assert 0.80 <= figures["story_f1_ceiling"] < 0.95
    assert figures["story_f1"] <= figures["story_f1_ceiling"]
    assert 0.90 <= figures["thread_f1_ceiling"] < 0.95


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not (TIMELINE17 / "LibyaWar_cnn" / "articles.json").exists(),
                    reason="../shared/data/timeline17 absent (internal evaluation data)")
def test_timeline17_thread_floors():
    """Four folders, first 100 articles each, fed day by day (118 days).

    Measured with the online clusterer (global term weights kept across days): 0.448 of
    articles in their topic's majority thread (target 0.90), 33.75 threads per topic,
    thread purity 0.798, thread BCubed F1 0.375; about 18 s. (Before it, with weights
    from each day's window: 0.438, 34.25, 0.831, 0.372.) With thread sums and weak but
    unambiguous links (a thread three times closer than any other, at 0.12): 0.657, 26.5,
    purity 0.713, F1 0.548. The purity floor was lowered from 0.77 to 0.69 on purpose: the
    loss is Libya and Syria 2011 sharing a thread in this deliberately close subsample,
    while thread F1 rises from 0.377 to 0.548 and on the full set purity holds (0.946
    against 0.95) as the share rises from 0.32 to 0.425. With headlines as evidence for
    stories: 0.668, purity 0.710, F1 0.556 (full set: 0.425, 0.936, 0.360). With weak links
    to live threads whose stories name the same countries: 0.683, 24 threads per topic,
    purity 0.700, F1 0.567 (full set: 0.589, 0.926, 0.528); the runner-up thread offered
    the same rule: 0.688, 23, 0.695, 0.571 (full set: 0.620, 0.911, 0.557). With anchors
    and singletons rejoining their story: 0.690, purity 0.693.

    With tilse installed (the eval extra; CI has it), each topic's storyline is also
    scored as a timeline (eval/timelines.py): on this subsample date F1 0.349, AR-1 F
    0.021, AR-2 F 0.003 over 6 gold timelines (DATEWISE on the full set: 0.544, 0.120,
    0.035); the floors hold what the subsample gives.

    With links that must share a key actor (``thread_shared_actors``): purity 0.700 ->
    0.806, but 0.680 -> 0.489 in the majority thread, naming share 0.772 -> 0.552, 23.75
    -> 27.25 threads per topic, F1 0.566 -> 0.442, timeline date F1 0.349 -> 0.313 (AR-1
    0.021 -> 0.019). The share and F1 floors were lowered on purpose: the majority thread
    they counted was a hub founded by a CNN Student News page ("State of the Union") that
    took Egypt 71, Libya 67 and Syria 51 articles through page furniture; with the gate
    the first Egyptian report no longer joins it, and the Egyptian reports, tied by their
    furniture more than by their words, split (issue 19: furniture in Timeline17's page
    texts, not the threads, is what to fix next).

    With one-country situations (a story whose one shared key actor is its main country
    continues a recent thread reporting the same unrest, armed conflict or election, also
    at a weak score, the "situation" rule): majority 0.489 -> 0.542, naming share 0.552
    -> 0.614, purity 0.806 -> 0.796, F1 0.442 -> 0.471, date F1 0.313 -> 0.334; 8
    "situation" links, 5 of them to another topic's thread."""
    timelines = importlib.util.find_spec("tilse") is not None
    figures = _eval_module("timeline17_threads").run(topics=T17_TOPICS,
                                                     limit_per_topic=T17_LIMIT,
                                                     timelines=timelines)
    if timelines:
        assert figures["timelines_scored"] == 6
        assert figures["timeline_date_f1"] >= 0.32  # 0.30 before one-country situations
        assert figures["timeline_ar1_f"] >= 0.015
    assert figures["articles"] == 400
    assert figures["ingest_failed"] <= 3  # empty texts in the data (GB108)
    assert figures["in_majority_thread"] >= 0.52  # 0.65 until links shared actors, 0.47 after
    # 0.849 of the articles name their topic; of those, 0.614 lie in its majority thread
    assert 0.80 <= figures["naming_topic"] <= 0.90
    assert figures["naming_topic_in_majority_thread"] >= 0.60  # 0.75, then 0.53: see above
    assert figures["threads_per_topic_mean"] <= 26.5  # 27.25 before one-country situations
    assert figures["thread_purity"] >= 0.78  # 0.69 until links shared actors
    assert figures["thread_f1"] >= 0.46  # 0.54, then 0.42: see above


def test_split_at_gaps_cuts_each_group_where_its_items_lie_too_far_apart():
    from datetime import UTC, datetime, timedelta

    common = _eval_module("common")
    day = datetime(2024, 1, 1, tzinfo=UTC)
    published = {"a": day, "b": day + timedelta(days=2), "c": day + timedelta(days=9),
                 "d": day + timedelta(days=1), "e": day + timedelta(days=30)}
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    parts = common.split_at_gaps(published, gold, timedelta(days=3))
    assert parts["a"] == parts["b"] != parts["c"]  # 2 days apart, then 7
    assert parts["d"] != parts["e"] and parts["a"] != parts["d"]
    assert common.bcubed(parts, gold)[0] == 1.0  # never mixes two groups
    whole = common.split_at_gaps(published, gold, timedelta(days=60))
    assert common.bcubed(whole, gold) == (1.0, 1.0, 1.0)


def test_eval_settings_option_overrides_and_refuses_unknown_names():
    common = _eval_module("common")
    assert common.settings_from(["thread_threshold=0.15"]).thread_threshold == 0.15
    assert common.settings_from([]) == common.Settings()
    with pytest.raises(SystemExit, match="NAME=VALUE"):
        common.settings_from(["thread_threshold"])
    with pytest.raises(SystemExit, match="unknown setting"):
        common.settings_from(["no_such_setting=1"])


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not (TIMELINE17 / "LibyaWar_cnn" / "articles.json").exists(),
                    reason="../shared/data/timeline17 absent (internal evaluation data)")
def test_timeline17_thread_floors_with_embeddings():
    """The same subsample with threads linked by meaning (thread_embeddings, threshold
    0.5): 0.743 of articles in their topic's majority thread, 17.75 threads per topic,
    purity 0.849, F1 0.679 (term rules: 0.688, 23, 0.695, 0.571); the full set 0.737,
    67.1, 0.919, 0.717 (term rules: 0.620, 91.9, 0.911, 0.557)."""
    require_embeddings()
    figures = _eval_module("timeline17_threads").run(
        topics=T17_TOPICS, limit_per_topic=T17_LIMIT,
        settings=Settings().with_overrides(thread_embeddings=True))
    assert figures["links_meaning"] > 150
    assert figures["links_similar"] == figures["links_countries"] == 0
    assert figures["in_majority_thread"] >= 0.71
    assert figures["threads_per_topic_mean"] <= 21
    assert figures["thread_purity"] >= 0.81
    assert figures["thread_f1"] >= 0.64


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not GIVEME.exists(),
                    reason="../shared/data/giveme5w1h absent (internal evaluation data)")
def test_giveme5w1h_thread_floor_with_embeddings():
    """Thread BCubed F1 0.894 with threads by meaning (0.880 with the term rules); the
    stories themselves do not change (story F1 0.773)."""
    require_embeddings()
    figures = _eval_module("giveme5w1h_clusters").run(
        Settings().with_overrides(thread_embeddings=True))
    assert figures["story_f1"] >= 0.75
    assert figures["thread_f1"] >= 0.87


BENCHMARK = SHARED / "article_extraction_benchmark" / "ground-truth.json"


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not (GIVEME.exists() and BENCHMARK.exists()),
                    reason="../shared/data absent (internal evaluation data)")
def test_reports_in_other_languages_join_their_story_and_no_other():
    """The demo's two French reports join their event's English story (0 of 2 before
    anchors); none of the 20 real non-English pages of the extraction benchmark, mixed
    into the Giveme5W1H stream, joins a story of English reports; Giveme5W1H's stories
    stay as they were (P 1.000, R 0.644)."""
    figures = _eval_module("multilingual_stories").run()
    assert figures["demo_foreign_reports"] == 2
    assert figures["demo_foreign_in_event_story"] == 1.0
    assert figures["foreign_pages"] >= 15
    assert figures["foreign_joined_english_story"] == 0.0
    assert figures["giveme5w1h_story_precision"] >= 0.98
