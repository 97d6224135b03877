"""Claims, events and outlook together: articles per second on one core.

For each article (the demo corpus repeated to N articles): split sentences, read their
cues, extract claims (speakers linked), outlook items (actors linked, horizon) and coded
events, as analysis and the briefing do.

    python bench/bench_claims.py [--articles 3000]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from bench_link import corpus_texts

from geobrief.analyse.claims import extract_claim, extract_outlook
from geobrief.analyse.cues import analyse_sentence
from geobrief.analyse.events import code_events
from geobrief.analyse.sentences import split_sentences
from geobrief.knowledge.link import bundled_linker


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    texts = corpus_texts()
    batch = (texts * (args.articles // len(texts) + 1))[: args.articles]
    linker = bundled_linker()
    linker.link("warm up")
    on = date(2024, 11, 22)
    counts = {"claims": 0, "outlook": 0, "events": 0}
    t0 = time.perf_counter()
    for text in batch:
        for sentence in split_sentences(text):
            cues = analyse_sentence(sentence)
            if extract_claim(sentence, cues, linker, on):
                counts["claims"] += 1
            if cues.forward and extract_outlook(sentence, cues, cues.speaker, None, on):
                counts["outlook"] += 1
            counts["events"] += len(code_events(sentence, linker, on))
    elapsed = time.perf_counter() - t0
    print(f"{len(batch)} articles in {elapsed:.2f} s = {len(batch) / elapsed:.0f} articles/s "
          f"({counts['claims']} claims, {counts['outlook']} outlook items, "
          f"{counts['events']} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
