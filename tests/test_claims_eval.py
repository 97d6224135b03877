"""Claims on real news: the hand-annotated sentences of ../shared/data/annotations,
read through ``geobrief read`` (eval/claims_dev.py). Pinned floors: what the reading
achieved when these tests were written, minus a small margin; raise them as it improves,
never lower them silently. The script prints every figure and the disagreements:

    python eval/claims_dev.py [--part dev|held] --show stance
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT.parent / "shared" / "data" / "annotations" / "claims_dev.jsonl"


@pytest.mark.shared_data
@pytest.mark.timeout(300)
@pytest.mark.skipif(not ANNOTATIONS.exists(),
                    reason="../shared/data/annotations absent (internal evaluation data)")
def test_claims_dev_floors():
    """All 300 sentences. Before claim_readings: stance accuracy 0.623 (deny F1 0.821,
    not_confirm F1 0.571), speaker 0.228 (resolved 0.121), forecast P 0.378 R 0.636 actor
    0.464, figures correct 0.019. Measured with claim_readings: stance 0.850 (deny F1 0.943),
    speaker 0.636 (resolved 0.402), forecast P 0.593 R 0.795 actor 0.686, figures found
    0.848 and correct 0.314 (docs/evaluation.md has the dev and held-out parts)."""
    if str(ROOT / "eval") not in sys.path:
        sys.path.insert(0, str(ROOT / "eval"))
    import claims_dev

    figures, _pairs = claims_dev.evaluate()
    assert figures["sentences"] == 300
    # speakers and stance, issue 18 items 1-2 (speakers branch): stance 0.883 -> 0.890,
    # speaker 0.718 -> 0.748, resolved 0.452 -> 0.526, forecast actor 0.769 -> 0.821
    # speakers4: stance 0.930 -> 0.940, deny F1 0.963 -> 0.981 ("dismissed the idea" of a
    # plan is a proposal turned down, not a denial; "the idea that" still is one)
    assert figures["stance_accuracy"] >= 0.92
    assert figures["stance_deny_f1"] >= 0.95
    assert figures["stance_none_precision"] >= 0.86  # no claims invented from narration
    # speakers3 branch: speaker 0.748 -> 0.833; resolved 0.630 -> 0.705 under the scorer
    # that reads the annotators' bracketed gloss and acronyms (eval/claims_dev.py
    # same_resolved; 0.526 -> 0.591 under the old one); forecast actor 0.821 -> 0.846;
    # stance rose with the speakers, 0.890 -> 0.930 (its floor is left to the stance work)
    # speakers4: speaker 0.833 -> 0.853, resolved 0.711 -> 0.745 (dev 0.879 -> 0.879 and
    # 0.758 -> 0.788; held, no longer blind, 0.745 -> 0.804 and 0.620 -> 0.660)
    assert figures["speaker_accuracy"] >= 0.845
    assert figures["speaker_resolved_accuracy"] >= 0.73
    # forecasts, issue 18 follow-up: P 0.723 -> 0.886, R 0.773 -> 0.886, actor 0.735 -> 0.769
    assert figures["forecast_precision"] >= 0.86
    assert figures["forecast_recall"] >= 0.86
    assert figures["forecast_actor_accuracy"] >= 0.83
    # figures typed by what they measure (analyse/quantities.py), each given by whom the
    # sentence says: found 0.848 -> 0.933, quantity 0.371 -> 0.790, attributed 0.648 ->
    # 0.771, correct 0.314 -> 0.667 (one figure of 105 is 0.0095). figures3 (scorer reads
    # possessives and acronyms; 0.686 correct before under it):
    # found 0.933 -> 0.952, quantity 0.800 -> 0.857, attributed 0.790 -> 0.829, correct
    # 0.686 -> 0.762 (dev 0.786 -> 0.843, held 0.486 -> 0.600). figures4 (scorer F1 in
    # one division; a figure's own clause; "one case every week"; clipped quantities):
    # found 0.952 -> 0.962, quantity 0.857 -> 0.886, attributed 0.848 -> 0.857, correct
    # 0.762 -> 0.790 (dev 0.843 -> 0.886, held 0.600 -> 0.600)
    assert figures["figures_found"] >= 0.95
    assert figures["figures_quantity"] >= 0.87
    assert figures["figures_attributed"] >= 0.84
    assert figures["figures_correct"] >= 0.78


def test_claims_scorer_reads_possessives_and_acronyms():
    """The scorer's rules, fixed for every system: a possessive is its noun, an acronym
    its name."""
    if str(ROOT / "eval") not in sys.path:
        sys.path.insert(0, str(ROOT / "eval"))
    import claims_dev

    assert claims_dev.same_name("HRW", "Human Rights Watch")
    # an article before the acronym is dropped too (the speakers branch's rule)
    assert claims_dev.same_name("the IOM", "International Organization for Migration")
    assert not claims_dev.same_name("WHO", "Human Rights Watch")
    assert claims_dev.quantity_f1("Florida's lawsuit", "lawsuit of Florida 's") == 1.0
    # an F1 of exactly the threshold passes: 3 of 7 and 3 of 8 words give 0.4, not the
    # 0.39999999999999997 of 2PR / (P + R) in two steps
    assert claims_dev.quantity_f1("oil gas coal wind sun rain snow",
                                  "oil gas coal fire ice mud sand clay") >= claims_dev.QUANTITY_F1

