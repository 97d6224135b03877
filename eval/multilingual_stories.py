"""Reports in other languages: do they join their event's story, and only theirs?

No real set of one event reported in several languages is in ../shared/data (Timeline17,
Giveme5W1H and WCEP are English; WCEP's cited sources have no text), and the public ones
found could not be had here (see docs/evaluation.md). Two measurements stand in:

* **joins** (positive, not real news): the demo corpus's non-English reports (written for
  the project, in French), placed with the rest of the demo; printed: the share placed in
  the story holding most of their gold event's English reports.
* **false joins** (negative, real pages): the non-English pages of
  ../shared/data/article_extraction_benchmark (real pages in Portuguese, Russian, Korean,
  Italian, Indonesian, German and Japanese, none about a Giveme5W1H event) mixed into the
  Giveme5W1H stream, each dated as one of its articles (spread over the stream) so that
  stories are open when it arrives; printed: the share that joined a story holding an
  English report (each one is a false join), and the Giveme5W1H story figures beside them.

    python eval/multilingual_stories.py [--set NAME=VALUE ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from common import (
    DataMissing,
    IngestLog,
    add_settings_option,
    bcubed,
    fresh_store,
    ingest_records,
    placements,
    print_figures,
    settings_from,
    shared,
)
from demo_stories import GOLD, built_demo
from giveme5w1h_clusters import load_gold, to_record
from sqlalchemy import select

from geobrief.ingest.normalise import canonical_url, detect_language
from geobrief.pipeline import bring_up_to_date
from geobrief.settings import Settings
from geobrief.store.schema import articles, story_articles


def demo_joins(settings: Settings) -> dict[str, float | int]:
    """The share of the demo's non-English reports in their event's English story."""
    gold = {g["url"]: g for g in yaml.safe_load(GOLD.read_text(encoding="utf-8"))}
    with tempfile.TemporaryDirectory() as tmp:
        store = built_demo(Path(tmp) / "demo.db", settings)
        with store.engine.connect() as conn:
            story_of = {r.url: r.story_id for r in conn.execute(
                select(articles.c.url, story_articles.c.story_id)
                .join(story_articles, story_articles.c.article_id == articles.c.id))}
        store.close()
    foreign = [u for u, g in gold.items() if g.get("language", "en") != "en"]
    joined = 0
    for url in foreign:
        english = Counter(story_of[u] for u, g in gold.items() if g["event"] == gold[url]["event"]
                          and g.get("language", "en") == "en" and u in story_of)
        if english and story_of.get(url) == english.most_common(1)[0][0]:
            joined += 1
    return {"demo_foreign_reports": len(foreign),
            "demo_foreign_in_event_story": joined / (len(foreign) or 1)}


def foreign_pages() -> list[dict]:
    """The non-English pages of the article extraction benchmark, as records (no date)."""
    truth = json.loads(shared("article_extraction_benchmark", "ground-truth.json")
                       .read_text(encoding="utf-8"))
    out = []
    for key, page in sorted(truth.items()):
        body = page.get("articleBody") or ""
        if len(body) < 400 or detect_language(body) == "en":
            continue
        first = body.strip().splitlines()[0][:150]
        out.append({"url": page["url"], "title": first, "text": body,
                    "outlet": page["url"].split("/")[2], "key": key})
    return out


def false_joins(settings: Settings) -> dict[str, float | int]:
    gold_articles = load_gold()
    counts: Counter[str] = Counter()
    records = [to_record(a, counts) for a in gold_articles]
    dated = sorted((r for r in records if "published" in r), key=lambda r: r["published"])
    pages = foreign_pages()
    step = max(1, len(dated) // (len(pages) or 1))
    for n, page in enumerate(pages):
        page.pop("key")
        page["published"] = dated[min(n * step, len(dated) - 1)]["published"]
    log = IngestLog()
    with fresh_store() as (store, tmp):
        ingest_records(store, records + pages, settings, tmp, log, "mixed.jsonl")
        bring_up_to_date(store, settings)
        placed = placements(store)
    english = {canonical_url(a["url"]) for a in gold_articles}
    stories_with_english = {placed[u].story_id for u in english if u in placed}
    foreign = [canonical_url(p["url"]) for p in pages]
    foreign = [u for u in foreign if u in placed and placed[u].story_id is not None]
    wrong = sum(1 for u in foreign if placed[u].story_id in stories_with_english)
    gold = {canonical_url(a["url"]): a["event_id"] for a in gold_articles}
    scored = {u: placed[u].story_id for u in gold if u in placed}
    sp, sr, sf = bcubed(scored, {u: gold[u] for u in scored})
    return {"foreign_pages": len(foreign),
            "foreign_joined_english_story": wrong / (len(foreign) or 1),
            "giveme5w1h_story_precision": sp, "giveme5w1h_story_recall": sr,
            "giveme5w1h_story_f1": sf}


def run(settings: Settings | None = None) -> dict[str, float | int]:
    settings = settings or Settings()
    return {**demo_joins(settings), **false_joins(settings)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_settings_option(parser)
    args = parser.parse_args(argv)
    try:
        print_figures(run(settings_from(args.settings)))
    except DataMissing as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
