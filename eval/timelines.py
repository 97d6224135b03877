"""A storyline's timeline scored against Timeline17's gold timelines with tilse.

For each gold timeline (``*.timeline.json`` beside a folder's articles: a list of
``{date, text}``), the storyline is the thread holding most of the folder's topic (its
majority thread). Its timeline is what ``store.stories.storyline_stories`` gives a
briefing's "Previously": the storyline's stories, the most relevant first (most outlets,
then most reports), taken in that order until the timeline has as many dates as the gold
one, each date the first day of its story and its text the story's title. As in the
DATEWISE evaluation of Gholipour Ghalandari and Ifrim (2020), the length is the gold
timeline's number of dates and only stories within the gold timeline's first and last
date are candidates. Scores are tilse's (Martschat and Markert 2017): date F1, and ROUGE-1
and ROUGE-2 F of the alignment-based many-to-one metric ("AR-1", "AR-2"), averaged over
the gold timelines. Anchors to beat: DATEWISE on Timeline17, 0.544 date F1, 0.120 AR-1 F,
0.035 AR-2 F.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geobrief.store import Store
from geobrief.store.stories import storyline_stories

ANCHORS = {"date_f1": 0.544, "ar1_f": 0.120, "ar2_f": 0.035}


@dataclass(frozen=True)
class Gold:
    folder: str
    topic: str
    dates: dict[date, list[str]]


def gold_timelines(root: Path, folders: list[str], topic_of) -> list[Gold]:  # noqa: ANN001
    out = []
    for folder in folders:
        for path in sorted((root / folder).glob("*.timeline.json")):
            entries = json.loads(path.read_text(encoding="utf-8"))
            dates: dict[date, list[str]] = defaultdict(list)
            for entry in entries:
                dates[date.fromisoformat(str(entry["date"])[:10])].append(
                    " ".join(str(entry["text"]).split()))
            if dates:
                out.append(Gold(folder, topic_of(folder), dict(dates)))
    return out


def predicted(store: Store, thread: str, gold: Gold) -> dict[date, list[str]]:
    """The storyline's timeline for one gold timeline (see the module's docstring)."""
    start, end, size = min(gold.dates), max(gold.dates), len(gold.dates)
    timeline: dict[date, list[str]] = {}
    for story in storyline_stories(store, thread):
        day = story.first_published.date()
        if start <= day <= end and day not in timeline:
            timeline[day] = [story.title.removesuffix(" ...")]
            if len(timeline) == size:
                break
    return timeline


def score(store: Store, majority_thread: dict[str, str], golds: list[Gold]
          ) -> dict[str, float | int]:
    """tilse's date F1 and AR-1/AR-2 F, averaged over the gold timelines whose topic has
    a majority thread; ``majority_thread`` maps a topic to it."""
    from tilse.data import timelines
    from tilse.evaluation import dates as date_metrics
    from tilse.evaluation import rouge

    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    totals: Counter[str] = Counter()
    scored = 0
    for gold in golds:
        thread = majority_thread.get(gold.topic)
        if thread is None:
            continue
        mine = predicted(store, thread, gold)
        reference = timelines.GroundTruth([timelines.Timeline(gold.dates)])
        if not mine:
            scored += 1  # an empty timeline scores 0
            continue
        ours = timelines.Timeline(mine)
        totals["date_f1"] += date_metrics.evaluate_dates(ours, reference)["f_score"]
        aligned = evaluator.evaluate_align_date_content_costs_many_to_one(ours, reference)
        totals["ar1_f"] += aligned["rouge_1"]["f_score"]
        totals["ar2_f"] += aligned["rouge_2"]["f_score"]
        scored += 1
    n = scored or 1
    return {"timelines_scored": scored,
            **{f"timeline_{k}": totals[k] / n for k in ("date_f1", "ar1_f", "ar2_f")}}
