"""What reading a document (sentences, datelines, noise, languages) costs beside the rest of
analysis, on one core, in one run.

For each article (Timeline17 pages when ../shared/data is there, else the demo corpus,
repeated to N articles), two timed parts, as analysis runs them:

* reading: ``read_structure`` (sentences by sentencex and their repairs, datelines and wire
  tags cut, noise labels, each sentence's language);
* the rest: cues, claims, outlook and events of each news sentence, entity linking and
  features of the masked text.

Printed: seconds of each, and reading's share of the rest (target: at most 10 %).

    python bench/bench_reading.py [--articles 400] [--demo]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from bench_link import corpus_texts

from geobrief.analyse.claims import extract_claim, extract_outlook
from geobrief.analyse.cues import analyse_sentence
from geobrief.analyse.document import read_structure
from geobrief.analyse.events import code_events
from geobrief.analyse.features import article_features
from geobrief.analyse.language import detect
from geobrief.knowledge.link import bundled_linker

ROOT = Path(__file__).resolve().parent.parent


def texts(demo: bool) -> list[str]:
    if not demo:
        sys.path.insert(0, str(ROOT / "eval"))
        try:
            from timeline17_threads import load_items

            items = load_items(None, None, 40)
            return [i.record()["text"] for i in items if i.text]
        except Exception as exc:  # the data is absent: the demo corpus stands in
            print(f"Timeline17 not read ({exc}); the demo corpus stands in", file=sys.stderr)
    return corpus_texts()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--demo", action="store_true", help="the demo corpus, not Timeline17")
    args = parser.parse_args()
    pool = texts(args.demo)
    batch = (pool * (args.articles // len(pool) + 1))[: args.articles]
    linker = bundled_linker()
    linker.link("warm up")
    read_structure("", "Warm up. GENEVA (Reuters) - It is.")
    on = date(2011, 3, 1)
    reading = rest = 0.0
    sentences = noise = 0
    languages = [detect(text) for text in batch]  # ingest's work, not analysis's
    for text, language in zip(batch, languages, strict=True):
        t0 = time.perf_counter()
        structure = read_structure("", text, language)
        t1 = time.perf_counter()
        for unit in structure.news:
            cues = analyse_sentence(unit.text)
            extract_claim(unit.text, cues, linker, on)
            if cues.forward:
                extract_outlook(unit.text, cues, cues.speaker, None, on)
            code_events(unit.text, linker, on)
        masked = structure.masked(text)
        found = linker.link(masked, on)
        article_features(linker, "", masked, found)
        t2 = time.perf_counter()
        reading += t1 - t0
        rest += t2 - t1
        sentences += len(structure.sentences)
        noise += len(structure.sentences) - len(structure.news)
    print(f"{len(batch)} articles, {sentences} sentences ({noise} noise)")
    print(f"reading  {reading:8.2f} s  ({1000 * reading / len(batch):.1f} ms/article)")
    print(f"rest     {rest:8.2f} s  ({1000 * rest / len(batch):.1f} ms/article)")
    print(f"reading adds {100 * reading / rest:.1f} % to the rest of analysis")
    return 0


if __name__ == "__main__":
    sys.exit(main())
