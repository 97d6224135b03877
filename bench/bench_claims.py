"""Claims, events and outlook together: articles per second on one core.

For each article (the demo corpus repeated to N articles): split sentences and read them
with ``claim_readings`` (speakers resolved from the document, stance, typed figures,
propositions, forecasts, coded events), as analysis and ``geobrief read`` do.

``--before REF`` also times the same work at a git revision (``main``, say) checked out to
a temporary worktree, in the same run, so the figures compare on one machine state; the
rate per CPU second is the steadier figure on a machine shared with other work.

    python bench/bench_claims.py [--articles 3000] [--before main]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_link import corpus_texts

from geobrief.analyse.claims import claim_readings
from geobrief.analyse.events import code_events
from geobrief.analyse.sentences import split_sentences
from geobrief.knowledge.link import bundled_linker

# The same work through the API before claim_readings (extract_claim and friends), for
# timing an older revision with --before.
_OLD = """
import sys, time
from datetime import date
sys.path.insert(0, {bench!r})
from bench_link import corpus_texts
from geobrief.analyse.claims import extract_claim, extract_outlook
from geobrief.analyse.cues import analyse_sentence
from geobrief.analyse.events import code_events
from geobrief.analyse.sentences import split_sentences
from geobrief.knowledge.link import bundled_linker
texts = corpus_texts()
batch = (texts * ({n} // len(texts) + 1))[:{n}]
linker = bundled_linker(); linker.link("warm up"); on = date(2024, 11, 22)
code_events("warm up the lexicon", linker, on)
t0, c0 = time.perf_counter(), time.process_time()
for text in batch:
    for sentence in split_sentences(text):
        cues = analyse_sentence(sentence)
        extract_claim(sentence, cues, linker, on)
        if cues.forward:
            extract_outlook(sentence, cues, cues.speaker, None, on)
        code_events(sentence, linker, on)
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
print(f"{{len(batch)}} articles in {{elapsed:.2f}} s = {{len(batch) / elapsed:.0f}} articles/s "
      f"({{len(batch) / cpu:.0f}} per CPU second)")
"""


def _before(ref: str, articles: int) -> str:
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="bench-claims-") as tmp:
        subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", tmp, ref],
                       check=True, capture_output=True)
        try:
            done = subprocess.run([sys.executable, "-c", _OLD.format(
                bench=str(Path(tmp) / "bench"), n=articles)], capture_output=True, text=True,
                env={"PYTHONPATH": str(Path(tmp) / "src"), "PATH": "/usr/bin:/bin"},
                check=False)
        finally:
            subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", tmp],
                           check=False, capture_output=True)
    return (done.stdout.strip() or done.stderr.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--before", help="also time this git revision (e.g. main)")
    args = parser.parse_args()
    if args.before:
        print(f"before ({args.before}): {_before(args.before, args.articles)}")
    texts = corpus_texts()
    batch = (texts * (args.articles // len(texts) + 1))[: args.articles]
    linker = bundled_linker()
    linker.link("warm up")
    on = date(2024, 11, 22)
    code_events("warm up the lexicon", linker, on)
    counts = {"claims": 0, "outlook": 0, "events": 0}
    t0, c0 = time.perf_counter(), time.process_time()
    for text in batch:
        for reading in claim_readings(split_sentences(text), on, linker):
            counts["claims"] += reading.is_claim
            counts["outlook"] += reading.forecast is not None
            counts["events"] += len(reading.events)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{'after: ' if args.before else ''}{len(batch)} articles in {elapsed:.2f} s = "
          f"{len(batch) / elapsed:.0f} articles/s ({len(batch) / cpu:.0f} per CPU second; "
          f"{counts['claims']} claims, {counts['outlook']} outlook items, "
          f"{counts['events']} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
