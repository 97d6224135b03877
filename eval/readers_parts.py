"""What readers read under "What is in it for you?" in real briefings: mechanical lines and
the same text for two readers.

For each corpus of eval/corpora.py (Timeline17 topics, the background-summary dev events,
WCEP January 2023) the corpus is built in a fresh store and the briefings of its busiest
days are written for the edition's readers (AU, US, UA, KR by default). Every line of every
reader part is put in one class:

- ``outlook``: what may come next for the reader ("Ahead: ...", ``why`` an outlook);
- ``interest``: a personal reader's interest met (``why`` an interest);
- ``absence``: the honest short line that there is no tie ("No direct tie for readers in
  Australia"), at most 12 words;
- ``mechanical``: a line that says nothing of what the story changes for the reader:
  * *named*: it only says a country is named or central ("X is named directly in 3 of the
    story's 4 reports", "...; and X is at the centre of this story");
  * *chain*: every clause (split at ";" and at ", and"/"; and") is a bare relation fact
    (a treaty, alliance, membership, border, war side, sanctions, arms, aid, troops or
    trade stated in the knowledge's words) or a naming clause: a list of ties, no
    consequence;
  * *quote*: it is one of the story's stored sentences, word for word, with at most its
    attribution around it (a reported sentence is the story, not why it reaches the
    reader);
  * *listing absence*: a long "no tie" line listing what was not found ("None of the
    story's reports names X, and geobrief's knowledge records no defence treaty, ...");
- ``reason``: any other line (it says how the story bears on the reader).

A reader part is *mechanical* when it holds at least one mechanical line and no reason
line. Figures per corpus and over all:

- ``mechanical_share``: mechanical parts / all parts (target <= 0.20);
- ``mechanical_share_of_tie_parts``: mechanical parts / parts that state a tie (parts that
  are only the short absence line, with or without an outlook, left out; target <= 0.20);
- ``same_text_stories``: stories where two readers' parts that state a tie read the same
  once each reader's country name and demonyms are replaced by one placeholder (target 0).
  Two short absence lines are the same sentence by design (the issue's "No direct tie for
  readers in Australia") and are not counted.

    python eval/readers_parts.py [--corpus timeline17,background,wcep] [--days 3]
        [--show N] [--story-out FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import DataMissing, print_figures
from corpora import brief_days, built, load

from geobrief.knowledge.load import Knowledge
from geobrief.models import Briefing, Grounds, Line, StoryBrief
from geobrief.store import Store
from geobrief.store.stories import sentences_for

TIMELINE17_TOPICS = ("LibyaWar_cnn", "SyrianCrisis_reuters", "bpoil_bbc", "H1N1_guardian",
                     "EgyptianProtest_cnn")
ABSENCE_WORDS = 12
_ABSENCE = re.compile(r"^No direct tie\b", re.I)
_LISTING_ABSENCE = re.compile(r"^None of the story's reports names\b|records no defence treaty",
                              re.I)
_NAMED = re.compile(
    r"\bis named (?:directly )?in\b|\bis (?:at the centre of|named in) this story\b"
    r"|\bnamed in (?:\d+|one) of the story's\b|\bthe story's one report\b", re.I)
# A relation stated in the knowledge's words (knowledge/edges.py describe_edge), nothing
# more: one pattern per kind of tie.
_FACTS = [re.compile(p, re.I) for p in (
    r"^(?:and )?[\w .'()-]+ (?:are|is) bound by the [\w .'()-]+$",
    r"^(?:and )?[\w .'()-]+ have signed the [\w .'()-]+, not yet in force$",
    r"^(?:and )?[\w .'()-]+ are parties to the [\w .'(),-]+$",
    r"^(?:and )?[\w .'()-]+ are both members of [\w .'()-]+$",
    r"^(?:and )?[\w .'()-]+ (?:shares a land border with|are maritime neighbours)[\w .'()-]*$",
    r"^(?:and )?[\w .'()-]+ (?:fight on opposite sides of|fights against|took part on|"
    r"fought on the same side in|sent troops to opposite sides of)[\w .,'()-]+$",
    r"^(?:and )?[\w .'()-]+ were opponents in a militarised dispute[\w .,;'()-]*$",
    r"^(?:and )?[\w .'()-]+ has imposed sanctions on [\w .,'()-]+$",
    r"^(?:and )?[\w .'()-]+ supplied arms to [\w .,'()-]+$",
    r"^(?:and )?[\w .'()-]+ gives [\w .'()-]+ aid[\w .,;'()-]*$",
    r"^(?:and )?[\w .'()-]+ keeps (?:about [\d,]+|its) troops in [\w .'()-]+$",
    r"^(?:and )?[\w .'()-]+ is one of [\w .'()-]+ main trading partners[\w .,%'()-]*$",
)]
_ATTRIBUTION = re.compile(r",? according to [^.]+\.?$|\s*\([^)]*\)\.?$")
_WORD = re.compile(r"\w+")


def _clauses(text: str) -> list[str]:
    body = text.strip().rstrip(".")
    parts = re.split(r";\s*|,\s+and\s+(?=[A-Z]|the\b)", body)
    return [p.strip() for p in parts if p.strip()]


def is_named_or_chain(text: str) -> bool:
    """Every clause a bare relation fact or a naming statement."""
    clauses = _clauses(text)
    return bool(clauses) and all(_NAMED.search(c) or any(f.match(c) for f in _FACTS)
                                 for c in clauses)


def _plain(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def is_quote(text: str, sentences: list[str]) -> bool:
    """The line is one of the story's sentences, with at most its attribution around it."""
    body = _plain(_ATTRIBUTION.sub("", text.removeprefix("Ahead: ")))
    for sentence in sentences:
        plain = _plain(sentence)
        if plain and plain in body and len(body.split()) - len(plain.split()) <= 3:
            return True
    return False


def line_class(line: Line, sentences: list[str]) -> str:
    why = line.why or []
    first = why[0] if why else None
    if isinstance(first, Grounds) and first.kind == "outlook" or line.text.startswith("Ahead:"):
        return "outlook"
    if isinstance(first, Grounds) and first.kind == "interest":
        return "interest"
    if _ABSENCE.search(line.text) and len(line.text.split()) <= ABSENCE_WORDS:
        return "absence"
    if _LISTING_ABSENCE.search(line.text):
        return "mechanical"
    if is_named_or_chain(line.text) or is_quote(line.text, sentences):
        return "mechanical"
    return "reason"


@dataclass
class Tally:
    parts: int = 0
    tie_parts: int = 0
    mechanical: int = 0
    stories: int = 0
    same_text: int = 0
    lines: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _story_sentences(store: Store, story: StoryBrief) -> list[str]:
    ids = sorted({c.article_id for line in story.what_is_happening + [
        x for lines in story.what_is_in_it_for_you.values() for x in lines]
        for c in line.citations if c.article_id is not None})
    found = sentences_for(store, ids) if ids else {}
    return [s.text for sents in found.values() for s in sents]


def _masked(lines: list[Line], code: str, knowledge: Knowledge) -> str:
    text = " ".join(line.text for line in lines)
    country = knowledge.countries.get(code)
    names = {knowledge.country_name(code)}
    if country is not None:
        names |= {country.name, *country.demonyms}
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "X", text, flags=re.I)
    return text


def measure(briefing: Briefing, store: Store, knowledge: Knowledge, tally: Tally,
            show: int) -> None:
    for story in briefing.stories:
        tally.stories += 1
        sentences = _story_sentences(store, story)
        masked: dict[str, str] = {}
        for code, lines in story.what_is_in_it_for_you.items():
            classes = [line_class(line, sentences) for line in lines]
            tally.parts += 1
            tally.lines.update(classes)
            if "reason" in classes or "mechanical" in classes:
                tally.tie_parts += 1
                masked[code] = _masked(lines, code, knowledge)
            if "mechanical" in classes and "reason" not in classes:
                tally.mechanical += 1
                if len(tally.examples) < show:
                    tally.examples.append(f"{story.date} {story.title[:60]} x {code}: "
                                          + " | ".join(line.text[:160] for line in lines))
        if len(set(masked.values())) < len(masked):
            tally.same_text += 1


def run_corpus(name: str, days: int, topics: list[str] | None, show: int,
               story_out: Path | None) -> Tally:
    corpus = load(name, topics)
    tally = Tally()
    with built(corpus) as done:
        from geobrief.app import Geobrief
        knowledge = Geobrief(done.settings, done.store).knowledge
        for day, result in brief_days(done, corpus.busiest_days(days)).items():
            if isinstance(result, str):
                tally.failures.append(f"{day}: {result}")
                continue
            measure(result, done.store, knowledge, tally, show)
            if story_out is not None:
                with story_out.open("a", encoding="utf-8") as handle:
                    for story in result.stories:
                        handle.write(json.dumps({
                            "corpus": name, "date": story.date, "title": story.title,
                            "parts": {c: [line.text for line in lines] for c, lines in
                                      story.what_is_in_it_for_you.items()}},
                            ensure_ascii=False) + "\n")
    return tally


def figures_of(tallies: dict[str, Tally]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, t in [*tallies.items(), ("all", _sum(tallies.values()))]:
        out[f"{name}_stories"] = t.stories
        out[f"{name}_parts"] = t.parts
        out[f"{name}_tie_parts"] = t.tie_parts
        out[f"{name}_mechanical_share"] = t.mechanical / (t.parts or 1)
        out[f"{name}_mechanical_share_of_tie_parts"] = t.mechanical / (t.tie_parts or 1)
        out[f"{name}_same_text_stories"] = t.same_text
        out[f"{name}_lines"] = dict(t.lines.most_common())
        out[f"{name}_failed"] = len(t.failures)
    return out


def _sum(tallies) -> Tally:
    total = Tally()
    for t in tallies:
        total.parts += t.parts
        total.tie_parts += t.tie_parts
        total.mechanical += t.mechanical
        total.stories += t.stories
        total.same_text += t.same_text
        total.lines.update(t.lines)
        total.failures += t.failures
    return total


def run(corpora: list[str], days: int = 3, topics: list[str] | None = None, show: int = 0,
        story_out: Path | None = None) -> tuple[dict[str, object], dict[str, Tally]]:
    tallies = {name: run_corpus(name, days, (topics or list(TIMELINE17_TOPICS))
                                if name == "timeline17" else None, show, story_out)
               for name in corpora}
    return figures_of(tallies), tallies


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="timeline17,background,wcep")
    parser.add_argument("--days", type=int, default=3, help="busiest days per corpus")
    parser.add_argument("--topics", default=",".join(TIMELINE17_TOPICS),
                        help="Timeline17 folders (comma-separated)")
    parser.add_argument("--show", type=int, default=0, help="mechanical parts to print")
    parser.add_argument("--story-out", type=Path, help="append every story's reader parts "
                        "as JSON Lines to this file")
    args = parser.parse_args(argv)
    try:
        figures, tallies = run(args.corpus.split(","), args.days, args.topics.split(","),
                               args.show, args.story_out)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    print_figures(figures)
    for name, t in tallies.items():
        for failure in t.failures:
            print(f"{name} {failure}")
        for example in t.examples:
            print(f"{name} mechanical: {example}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
