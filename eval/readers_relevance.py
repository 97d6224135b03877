"""Reader relevance on the demo corpus against editor judgements.

eval/readers_judgements.yaml holds (event, reader) pairs judged by hand from the corpus
text: is the story relevant to the reader, and for which reasons (named, ally, neighbour,
region, interest). This script builds a store from the bundled demo corpus, maps each
gold event to the stored story that holds most of its articles (matched by URL), asks
``story_relevance`` about each pair as of the day of the event's last article (UTC), and
prints:

- precision and recall of relevance (positive = relevant);
- precision and recall of reasons, over (pair, reason kind) items of the pairs that both
  the system and the judgement call relevant, with the same figures per kind.

    python eval/readers_relevance.py
    python eval/readers_relevance.py --disagreements
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from geobrief.ingest import ingest_sources
from geobrief.ingest.outlets import OutletRegistry
from geobrief.pipeline import bring_up_to_date, demo_corpus
from geobrief.settings import Settings
from geobrief.store import open_store
from geobrief.store.schema import articles, story_articles

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tools" / "demo_corpus" / "articles.yaml"
JUDGEMENTS = Path(__file__).resolve().parent / "readers_judgements.yaml"
KINDS = ("named", "ally", "neighbour", "region", "interest")
# the relevance rules' kinds in the judgements' vocabulary: the reader's country a party
# is "named", an active defence treaty "ally", a border "neighbour"; the other kinds
# (war, troops, arms, aid, sanctions, trade, partnerships) have no judged counterpart
JUDGED_KIND = {"party": "named", "treaty": "ally", "border": "neighbour"}


def load_judgements(path: Path = JUDGEMENTS) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = data["judgements"] if isinstance(data, dict) else data
    for j in out:
        unknown = set(j["reasons"]) - set(KINDS)
        if unknown:
            raise ValueError(f"{j['event']} / {j['reader']}: unknown reasons {sorted(unknown)}")
    return out


def event_stories(rows, by_url: dict[str, dict]) -> dict[str, dict[str, Any]]:
    """For each gold event: the story holding most of its articles, that story's share of
    the event's stored articles, and the day (UTC) of the event's last article."""
    counts: dict[str, Counter] = defaultdict(Counter)
    last: dict[str, Any] = {}
    for r in rows:
        gold = by_url.get(r.url)
        if gold is None:
            continue
        event = gold["event"]
        counts[event][r.story_id] += 1
        if event not in last or r.published > last[event]:
            last[event] = r.published
    out = {}
    for event, c in counts.items():
        # Most articles first; ties go to the smallest id so that runs are repeatable.
        story_id, n = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
        out[event] = {"story_id": story_id, "share": n / sum(c.values()),
                      "day": last[event].date()}
    return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _label(j: dict[str, Any]) -> str:
    reader = j["reader"]
    return f"{j['event']} x {reader['country']} [{', '.join(reader.get('interests') or [])}]"


def run(settings: Settings | None = None, judgements_path: Path = JUDGEMENTS) -> dict[str, Any]:
    from geobrief.app import Geobrief
    from geobrief.models import Reader

    settings = settings or Settings()
    judgements = load_judgements(judgements_path)
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    by_url = {g["url"]: g for g in gold}

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        try:
            corpus = demo_corpus()
            ingest_sources(store, [str(corpus / "feeds"), str(corpus / "pages")], settings,
                           registry=OutletRegistry.load(corpus / "outlets.yaml"))
            bring_up_to_date(store, settings)
            with store.engine.connect() as conn:
                rows = conn.execute(
                    select(articles.c.url, articles.c.published, story_articles.c.story_id)
                    .join(story_articles, story_articles.c.article_id == articles.c.id)
                ).all()
            mapping = event_stories(rows, by_url)
            for j in judgements:
                target = mapping.get(j["event"])
                if target is None:
                    raise KeyError(f"event {j['event']!r} has no stored story")
                reader = Reader(name="eval", country=j["reader"]["country"], region=None,
                                interests=tuple(j["reader"].get("interests") or ()))
                day: date = target["day"]
                rel = Geobrief(settings, store).relevance(target["story_id"], reader, day)
                results.append({
                    "judgement": j, "label": _label(j), "story_id": target["story_id"],
                    "day": day.isoformat(), "score": rel.score, "relevant": rel.relevant,
                    "kinds": sorted({JUDGED_KIND.get(r.kind, r.kind) for r in rel.reasons}),
                    "texts": [f"{r.kind}: {r.text}" for r in rel.reasons],
                })
        finally:
            store.close()

    tp = sum(1 for r in results if r["relevant"] and r["judgement"]["relevant"])
    fp = sum(1 for r in results if r["relevant"] and not r["judgement"]["relevant"])
    fn = sum(1 for r in results if not r["relevant"] and r["judgement"]["relevant"])
    tn = len(results) - tp - fp - fn

    per_kind = {k: Counter() for k in KINDS}
    other_kinds: Counter = Counter()
    reason_diffs = []
    both = [r for r in results if r["relevant"] and r["judgement"]["relevant"]]
    for r in both:
        sys_kinds = set(r["kinds"])
        other_kinds.update(sys_kinds - set(KINDS))
        sys_kinds &= set(KINDS)
        gold_kinds = set(r["judgement"]["reasons"])
        for k in KINDS:
            if k in sys_kinds and k in gold_kinds:
                per_kind[k]["tp"] += 1
            elif k in sys_kinds:
                per_kind[k]["fp"] += 1
            elif k in gold_kinds:
                per_kind[k]["fn"] += 1
        if sys_kinds != gold_kinds:
            reason_diffs.append({**_brief(r), "missing": sorted(gold_kinds - sys_kinds),
                                 "extra": sorted(sys_kinds - gold_kinds)})
    rtp = sum(c["tp"] for c in per_kind.values())
    rfp = sum(c["fp"] for c in per_kind.values())
    rfn = sum(c["fn"] for c in per_kind.values())

    figures: dict[str, Any] = {
        "judgements": len(results),
        "judged_relevant": tp + fn,
        "system_relevant": tp + fp,
        "events": len({r["judgement"]["event"] for r in results}),
        "event_story_share": (sum(mapping[e]["share"] for e in
                                  {r["judgement"]["event"] for r in results})
                              / (len({r["judgement"]["event"] for r in results}) or 1)),
        "relevance_precision": _ratio(tp, tp + fp),
        "relevance_recall": _ratio(tp, tp + fn),
        "relevance_accuracy": _ratio(tp + tn, len(results)),
        "both_relevant": len(both),
        "reason_items_judged": rtp + rfn,
        "reason_items_system": rtp + rfp,
        "reason_precision": _ratio(rtp, rtp + rfp),
        "reason_recall": _ratio(rtp, rtp + rfn),
    }
    for k, c in per_kind.items():
        figures[f"{k}_precision"] = _ratio(c["tp"], c["tp"] + c["fp"])
        figures[f"{k}_recall"] = _ratio(c["tp"], c["tp"] + c["fn"])
    figures["other_reason_kinds"] = dict(other_kinds)
    figures["disagreements"] = [_brief(r) for r in results
                                if r["relevant"] != r["judgement"]["relevant"]]
    figures["reason_differences"] = reason_diffs
    return figures


def _brief(r: dict[str, Any]) -> dict[str, Any]:
    j = r["judgement"]
    return {"pair": r["label"], "day": r["day"], "story_id": r["story_id"],
            "judged": j["relevant"], "system": r["relevant"], "score": round(r["score"], 3),
            "judged_reasons": list(j["reasons"]), "system_reasons": r["texts"],
            "why": j["why"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--disagreements", action="store_true",
                        help="list the pairs where system and judgement differ")
    args = parser.parse_args(argv)
    figures = run()
    for key, value in figures.items():
        if isinstance(value, list):
            print(f"{key:22s} {len(value)}")
        elif isinstance(value, float):
            print(f"{key:22s} {value:.3f}")
        else:
            print(f"{key:22s} {value}")
    if args.disagreements:
        print("\nRelevance disagreements (judged -> system):")
        for d in figures["disagreements"]:
            print(f"- {d['pair']} on {d['day']}: judged {_yn(d['judged'])}, system "
                  f"{_yn(d['system'])} (score {d['score']})")
            print(f"    judged: {d['why']} {d['judged_reasons']}")
            for text in d["system_reasons"]:
                print(f"    system: {text}")
        print("\nReason differences on pairs both call relevant:")
        for d in figures["reason_differences"]:
            print(f"- {d['pair']} on {d['day']}: missing {d['missing']}, extra {d['extra']}")
            for text in d["system_reasons"]:
                print(f"    system: {text}")
    return 0


def _yn(value: bool) -> str:
    return "relevant" if value else "not relevant"


if __name__ == "__main__":
    sys.exit(main())
