"""geobrief's reader parts against the judged (story, reader) ties of real corpora.

eval/readers_judgements.yaml ``real_judgements`` pairs a story of Timeline17, the
background-summary dev events or WCEP January 2023 with a reader country and the one tie
a careful editor would name (or ``none``; see eval/readers_ties.py). This script feeds each
judged story's reports, converted as eval/corpora.py converts its corpus, into one fresh
store, brings it up to date, and writes the judged story's "What is in it for you?" for
each judged reader with the product's writer, as of the story's date. The story is the
judged reports (not whatever geobrief clusters them with), so that a figure measures the
reasons, not the clustering.

What a reader part says is read from its lines' ``why`` (the structure every line
carries): a line grounded in the reader's country being named or its people being part
of the story is ``party``; a line tied by a chain of edges has the kind of its first edge
(``side``, ``treaty``, ``aid``, ...; land and maritime neighbours are ``border``; a dormant,
suspended or pending treaty is ``treaty-weak``; a two-step tie from a war the reader
fights to a state that arms or fights beside its enemy has the kind of that second edge:
"a party arms the reader's enemy" is ``arms``); outlooks and interests are not ties; a
part with no tie line ("No direct tie ...") says ``none``. Figures:

- ``strongest_precision``: of the pairs where geobrief writes a tie, the share whose first
  (strongest) tie line has the judged kind (floor 0.90);
- ``tie_recall``: of the pairs judged with a tie, the share where one of geobrief's tie
  lines has the judged kind (floor 0.80);
- ``false_tie_share``: of the pairs judged ``none``, the share where geobrief writes a tie
  (ceiling 0.05);
- ``by_corpus``: the three figures per corpus (WCEP January 2023, Timeline17, the
  background summaries), to see that a change holds beyond the corpus it was made on.

A judged ``side`` and a written ``troops`` (or the reverse) match: UCDP codes a secondary
party to a war as a state that sends troops to fight in it, so either names the same fact.

    python eval/readers_reasons.py [--errors]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from common import DataMissing, IngestLog, fresh_store, ingest_records, placements
from corpora import WCEP_MIN_CHARS, background, timeline17, wcep
from readers_ties import StoryRef, load_real, story_ref

from geobrief.app import Geobrief
from geobrief.compose.evidence import gather
from geobrief.compose.writer import what_is_in_it_for_you
from geobrief.ingest.normalise import canonical_url
from geobrief.models import Grounds, Line, Reader, TieStep
from geobrief.relevance import RuleContext, assess
from geobrief.settings import Settings
from geobrief.store.stories import ArticleRef, StoryRow, story_material

LEDGER_DAYS = 30
MAX_CLAIMS = 200
EQUIVALENT = {"side": "troops", "troops": "side"}
NOT_TIES = ("outlook", "interest")
_BORDER = ("land-border", "maritime-neighbour")
_WEAK_TREATY = ("treaty-dormant", "treaty-suspended", "treaty-pending")


def line_tie(line: Line) -> str | None:
    """The kind of tie a reader line states, from its ``why``; None for a line that is not
    a tie (an outlook, an interest, the honest "no direct tie")."""
    why = line.why or []
    if not why:
        return None
    first = why[0]
    if isinstance(first, Grounds):
        return None if first.kind in NOT_TIES else "party"
    assert isinstance(first, TieStep)
    steps = [s for s in why if isinstance(s, TieStep)]
    kind = str(first.kind)
    if kind == "conflict" and len(steps) > 1 and steps[1].from_ != first.from_:
        kind = str(steps[1].kind)  # a state that arms or fights beside the reader's enemy
    if kind in _BORDER:
        return "border"
    if kind in _WEAK_TREATY:
        return "treaty-weak"
    if kind in ("igo", "member"):
        return "igo"
    return kind


def part_ties(lines: list[Line]) -> list[str]:
    """The kinds of tie a reader part states, strongest (first) first."""
    return [t for t in (line_tie(line) for line in lines) if t is not None]


def matches(judged: str, written: str) -> bool:
    return judged == written or EQUIVALENT.get(judged) == written


# --- the judged stories as stored reports ----------------------------------------------

def _holds(text: str, words: tuple[str, ...]) -> bool:
    low = text.lower()
    return all(w.lower() in low for w in words)


def story_records(ref: StoryRef, corpora: dict[str, list[dict]]) -> list[dict]:
    """The records of the judged story: the corpus's records (converted as eval/corpora.py
    converts them) of its date whose text holds every word."""
    if ref.corpus == "wcep_2023_01":
        pool = corpora.setdefault("wcep", wcep().records)
    elif ref.corpus == "timeline17":
        pool = corpora.setdefault(f"t17:{ref.topic}", timeline17([ref.topic]).records)
    else:
        pool = corpora.setdefault(f"bg:{ref.event}", background([ref.event]).records)
    return [r for r in pool if r["published"][:10] == ref.date and _holds(r["text"], ref.words)]


@dataclass
class Pair:
    judgement: dict[str, Any]
    ties: list[str]
    lines: list[str]

    @property
    def judged(self) -> str:
        return str(self.judgement["tie"])

    @property
    def label(self) -> str:
        return f"{story_ref(self.judgement).label} x {self.judgement['reader']['country']}"


def _story(ref: StoryRef, records: list[dict], placed: dict, n: int) -> StoryRow:
    refs = []
    for record in records:
        p = placed.get(record["url"]) or placed.get(canonical_url(record["url"]))
        if p is None:  # refused at ingest (the log says why)
            continue
        refs.append(ArticleRef(p.id, p.url, p.title, p.published, record["outlet"], None,
                               p.origin_id))
    refs.sort(key=lambda a: (a.published, a.id))
    first = refs[0].published if refs else datetime.min
    return StoryRow(f"judged-{n}", f"judged-{n}", ref.label, refs[0].title if refs else "",
                    first, refs[-1].published if refs else first, refs)


def run(settings: Settings | None = None) -> dict[str, Any]:
    settings = (settings or Settings()).with_overrides(min_article_chars=WCEP_MIN_CHARS)
    real = load_real()
    refs = list(dict.fromkeys(story_ref(j) for j in real))
    corpora: dict[str, list[dict]] = {}
    by_ref = {ref: story_records(ref, corpora) for ref in refs}
    missing = [r.label for r, recs in by_ref.items() if not recs]
    if missing:
        raise ValueError(f"judged stories not found in their corpora: {missing}")
    records = list({r["url"]: r for recs in by_ref.values() for r in recs}.values())
    records.sort(key=lambda r: (r["published"], r["url"]))
    pairs: list[Pair] = []
    log = IngestLog()
    with fresh_store() as (store, tmp):
        ingest_records(store, records, settings, tmp, log, "judged.jsonl")
        gb = Geobrief(settings, store)
        gb.update()
        placed = placements(store)
        names = {c: gb.knowledge.country_name(c) for c in gb.knowledge.countries}
        for n, ref in enumerate(refs):
            story = _story(ref, by_ref[ref], placed, n)
            if not story.articles:
                raise ValueError(f"no report of {ref.label} was stored: {log.examples()}")
            day = date.fromisoformat(ref.date)
            material = story_material(store, [story], day, LEDGER_DAYS, MAX_CLAIMS)
            ev = gather(material[story.id], story, day, gb.linker)
            ctx = RuleContext.on(day, gb.linker)
            judged = [j for j in real if story_ref(j) == ref]
            found = {j["reader"]["country"]: assess(ev, Reader("eval", j["reader"]["country"]),
                                                    ctx) for j in judged}
            parts, _ties = what_is_in_it_for_you(ev, found, names, settings)
            for j in judged:
                lines = parts[j["reader"]["country"]]
                pairs.append(Pair(j, part_ties(lines), [line.text for line in lines]))
    return figures_of(pairs, log)


def figures_of(pairs: list[Pair], log: IngestLog) -> dict[str, Any]:
    written = [p for p in pairs if p.ties]
    judged_tie = [p for p in pairs if p.judged != "none"]
    found = [p for p in judged_tie if any(matches(p.judged, t) for t in p.ties)]
    false = [p for p in pairs if p.judged == "none" and p.ties]
    per_kind: dict[str, str] = {}
    for kind in sorted({p.judged for p in judged_tie}):
        mine = [p for p in judged_tie if p.judged == kind]
        hit = sum(any(matches(kind, t) for t in p.ties) for p in mine)
        per_kind[kind] = f"{hit}/{len(mine)}"
    return {
        **_totals(pairs),
        "by_corpus": {c: _short(_totals([p for p in pairs if _corpus(p) == c]))
                      for c in sorted({_corpus(p) for p in pairs})},
        "recall_by_kind": per_kind,
        "strongest_written": dict(Counter(p.ties[0] for p in written).most_common()),
        "ingest_errors": len(log.errors),
        "_wrong": [p for p in written if not matches(p.judged, p.ties[0])],
        "_missed": [p for p in judged_tie if p not in found],
        "_false": false,
    }


def _corpus(pair: Pair) -> str:
    return str(pair.judgement["story"]["corpus"])


def _short(totals: dict[str, Any]) -> str:
    return (f"P {totals['strongest_precision']:.3f} R {totals['tie_recall']:.3f} "
            f"false {totals['false_tie_share']:.3f} ({totals['pairs']} pairs)")


def _totals(pairs: list[Pair]) -> dict[str, Any]:
    written = [p for p in pairs if p.ties]
    judged_tie = [p for p in pairs if p.judged != "none"]
    judged_none = [p for p in pairs if p.judged == "none"]
    right = [p for p in written if matches(p.judged, p.ties[0])]
    found = [p for p in judged_tie if any(matches(p.judged, t) for t in p.ties)]
    false = [p for p in judged_none if p.ties]
    return {
        "pairs": len(pairs),
        "judged_ties": len(judged_tie),
        "judged_none": len(judged_none),
        "written_ties": len(written),
        "strongest_precision": len(right) / (len(written) or 1),
        "tie_recall": len(found) / (len(judged_tie) or 1),
        "false_tie_share": len(false) / (len(judged_none) or 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true",
                        help="print every pair where geobrief and the judgement differ")
    args = parser.parse_args(argv)
    started = datetime.now()
    try:
        figures = run()
    except DataMissing as exc:
        print(f"skipped: {exc}")
        return 0
    for key, value in figures.items():
        if key.startswith("_"):
            print(f"{key[1:]:20s} {len(value)}")
        elif isinstance(value, float):
            print(f"{key:20s} {value:.3f}")
        else:
            print(f"{key:20s} {value}")
    print(f"{'seconds':20s} {(datetime.now() - started).seconds}")
    if args.errors:
        for key, title in (("_wrong", "strongest tie not the judged one"),
                           ("_missed", "judged tie not written"),
                           ("_false", "tie written where judged none")):
            print(f"\n{title}:")
            for p in figures[key]:
                print(f"- {p.label}: judged {p.judged} ({p.judgement['why']}); "
                      f"written {p.ties or 'none'}")
                for text in p.lines:
                    print(f"    {text[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
