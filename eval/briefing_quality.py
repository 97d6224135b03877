"""What a reader sees in real briefings: furniture printed as news, repeats, length.

For each corpus of ``corpora.py`` (Timeline17 topics, the background-summaries dev events,
WCEP January 2023), the corpus is ingested and brought up to date in a fresh store, and the
briefings of its busiest days are composed and rendered as Markdown. Over every printed line
(a bullet or paragraph of a story), the script counts:

* ``dateline_lines``: lines holding a dateline or page stamp ("GENEVA (Reuters) -",
  "TOKYO, Nov 12 (KUNA) --", "(MENAFN)", "(CNN) --", "HOUSTON | Tue May 5, 2009 7:51 pm EDT");
* ``byline_lines``: lines holding a byline or credit ("| By Jason Hanna, CNN", "(Reporting
  by ...)", "contributed to this report", "Photograph: ...");
* ``wire_tag_lines``: lines holding a closing wire tag ("(end)", "-- KUNA");
* ``glued_lines``: lines where two sentences are glued without a space
  ("cooperation.The United States"; web addresses and abbreviations aside);
* ``repeated_word_share``: the share of a briefing's words that repeat earlier text of the
  same briefing (words inside a run of 6 words already printed above), median and worst;
* ``words_median`` and ``words_max``: words per briefing.

Repeats and words are counted over the text a reader reads: bullets and paragraphs, not
headings, the numbered source notes under "Sources" (references: the same report cited by
two stories is listed twice by design, and its title often is the lead sentence) nor a
story's date-and-count line ("2023-01-25 · 2 reports · ... · following since ...", whose
fixed wording and dates make runs of six words on every story). Until the compose task
they were counted; ``*_all_lines`` figures keep that first measure for comparison.

Quiet days (issue 19): for each busy day, the first later day without a report is briefed
too (``*_quiet_days_briefed`` of ``*_quiet_days``: a briefing with stories and the notice
that nothing new was reported; a failure is listed).

Targets (issue 17): the four line counts 0; repeated share <= 5 %; median words <= 1,500
(the length budget is the compose task's; this script only measures).

    python eval/briefing_quality.py [--corpus timeline17,background,wcep] [--days 3]
        [--topics LibyaWar_cnn,...] [--show N] [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from common import DataMissing, print_figures
from corpora import brief_days, built, load

from geobrief.compose.render import render

TIMELINE17_TOPICS = ("LibyaWar_cnn", "SyrianCrisis_reuters", "bpoil_bbc", "H1N1_guardian",
                     "EgyptianProtest_cnn")
_AGENCY = (r"Reuters|AP|AFP|CNN|KUNA|Xinhua|TASS|MENAFN|IANS|PTI|ANI|Yonhap|WAM|SPA|QNA|"
           r"IRNA|Anadolu|SANA|Sputnik|Interfax|Kyodo|dpa|EFE|UPI|BBC")
CHECKS = {
    "dateline": re.compile(
        rf"(?:^|[-*] |\. )[A-Z][A-Z .,'-]{{2,40}}(?:,\s*\w{{3,9}}\.? \d{{1,2}})?\s*"
        rf"(?:\(|-LRB-)\s*(?:{_AGENCY})\s*(?:\)|-RRB-)\s*(?:-|--|\u2014)"
        rf"|(?:\(|-LRB-)\s*(?:{_AGENCY})\s*(?:\)|-RRB-)\s*(?:-{{1,2}}|\u2014)"
        rf"|\((?:MENAFN|KUNA)\)"
        r"|[A-Z]{3,}(?: [A-Z]{3,})? \| (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w* "
        r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} \w+ \d{4} \d{1,2}\.\d{2} "
        r"(?:BST|GMT)\b"),
    "byline": re.compile(
        r"\|\s*By [A-Z]|\b(?:Reporting|Editing|Writing) by [A-Z]|contributed to this report"
        r"|\bPhotograph\s*:|^\s*[-*]?\s*By [A-Z][a-z]+ [A-Z][a-z]+,"),
    "wire_tag": re.compile(rf"\((?:end|END)\)|\s(?:--|\u2014)\s*(?:{_AGENCY})\s*\.?$"),
    "glued": re.compile(r"(?<![A-Z.\w/@-][a-z])(?<!www)\b[a-z]{3,}[.!?][A-Z][a-z]{2,}\b"),
}
_URL = re.compile(r"https?://\S+|\b\w+\.(?:com|org|net|co\.uk|gov|int)\b")
_WORD = re.compile(r"\w+(?:'\w+)?")
RUN = 6  # words in a run already printed above, for a word to count as repeated


@dataclass
class Tally:
    briefings: int = 0
    lines: int = 0
    flagged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHECKS, 0))
    examples: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in CHECKS})
    words: list[int] = field(default_factory=list)
    repeated: list[float] = field(default_factory=list)
    words_all: list[int] = field(default_factory=list)  # with the apparatus (first measure)
    repeated_all: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    quiet: list[bool] = field(default_factory=list)  # quiet days: briefed with a notice
    quiet_failures: list[str] = field(default_factory=list)


_SOURCE_NOTE = re.compile(r"^\d+\. ")


def story_lines(markdown: str, apparatus: bool = False) -> list[str]:
    """The printed lines a reader reads: bullets and paragraphs, not headings or links;
    with ``apparatus``, also the source notes and each story's date-and-count line (the
    measure before the compose task)."""
    out = []
    in_sources = after_heading = False
    for line in markdown.splitlines():
        text = line.strip()
        if text.startswith("#"):
            in_sources, after_heading = False, text.startswith("## ")
            continue
        if not text:
            continue
        if text == "**Sources**":
            in_sources = True
        meta = after_heading and text.startswith("*") and " · " in text
        after_heading = False
        if text.startswith(("---", "|", "[")):
            continue
        if not apparatus and (meta or (in_sources and _SOURCE_NOTE.match(text))):
            continue
        out.append(re.sub(r"\s*\[\d+(?:,\s*\d+)*\]", "", text))  # citation marks
    return out


def repeated_share(lines: list[str]) -> tuple[int, int]:
    """(words repeating earlier text, all words) of one briefing's lines, in order."""
    seen: set[tuple[str, ...]] = set()
    repeated = total = 0
    for line in lines:
        words = [w.lower() for w in _WORD.findall(line)]
        grams = [tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)]
        covered = set()
        for i, gram in enumerate(grams):
            if gram in seen:
                covered.update(range(i, i + RUN))
        repeated += len(covered)
        total += len(words)
        seen.update(grams)
    return repeated, total


def measure(markdown: str, tally: Tally, keep: int) -> None:
    lines = story_lines(markdown)
    tally.briefings += 1
    tally.lines += len(lines)
    for line in lines:
        plain = _URL.sub(" ", line)
        for name, pattern in CHECKS.items():
            if pattern.search(plain):
                tally.flagged[name] += 1
                if len(tally.examples[name]) < keep:
                    tally.examples[name].append(line[:200])
    repeated, total = repeated_share(lines)
    tally.words.append(total)
    tally.repeated.append(repeated / (total or 1))
    repeated, total = repeated_share(story_lines(markdown, apparatus=True))
    tally.words_all.append(total)
    tally.repeated_all.append(repeated / (total or 1))


def run_corpus(name: str, days: int, topics: list[str] | None, keep: int,
               out: Path | None) -> Tally:
    corpus = load(name, topics)
    tally = Tally()
    busy = corpus.busiest_days(days)
    quiet = quiet_days(corpus.days(), busy)
    with built(corpus) as done:
        for day, result in brief_days(done, busy + quiet).items():
            if day in quiet:  # measured apart: a quiet day's briefing is no busy day's
                briefed = not isinstance(result, str) and bool(result.stories) \
                    and bool(getattr(result, "notice", None))
                tally.quiet.append(briefed)
                if isinstance(result, str):
                    tally.quiet_failures.append(f"quiet {day}: {result}")
                continue
            if isinstance(result, str):
                tally.failures.append(f"{day}: {result}")
                continue
            markdown = render(result, "md")
            if out is not None:
                out.mkdir(parents=True, exist_ok=True)
                (out / f"{name}-{day}.md").write_text(markdown, encoding="utf-8")
            measure(markdown, tally, keep)
    return tally


def quiet_days(reported: list[str], busy: list[str]) -> list[str]:
    """For each busy day, the first later day within a week without any report (a quiet
    day: the briefing shows the storylines still developing)."""
    have = set(reported)
    out = []
    for day in busy:
        start = date.fromisoformat(day)
        for n in range(1, 8):
            later = (start + timedelta(days=n)).isoformat()
            if later not in have:
                if later not in out:
                    out.append(later)
                break
    return out


def figures_of(tallies: dict[str, Tally]) -> dict[str, float | int]:
    figures: dict[str, float | int] = {}
    for name, t in tallies.items():
        figures[f"{name}_briefings"] = t.briefings
        figures[f"{name}_failed"] = len(t.failures)
        figures[f"{name}_quiet_days"] = len(t.quiet)
        figures[f"{name}_quiet_days_briefed"] = sum(t.quiet)
        figures[f"{name}_lines"] = t.lines
        for check, count in t.flagged.items():
            figures[f"{name}_{check}_lines"] = count
        if t.words:
            figures[f"{name}_repeated_word_share_median"] = statistics.median(t.repeated)
            figures[f"{name}_repeated_word_share_max"] = max(t.repeated)
            figures[f"{name}_words_median"] = statistics.median(t.words)
            figures[f"{name}_words_max"] = max(t.words)
            figures[f"{name}_repeated_word_share_median_all_lines"] = statistics.median(
                t.repeated_all)
            figures[f"{name}_words_median_all_lines"] = statistics.median(t.words_all)
    every = list(tallies.values())
    for check in CHECKS:
        figures[f"all_{check}_lines"] = sum(t.flagged[check] for t in every)
    shares = [s for t in every for s in t.repeated]
    words = [w for t in every for w in t.words]
    if words:
        figures["all_repeated_word_share_median"] = statistics.median(shares)
        figures["all_words_median"] = statistics.median(words)
        figures["all_repeated_word_share_median_all_lines"] = statistics.median(
            s for t in every for s in t.repeated_all)
        figures["all_words_median_all_lines"] = statistics.median(
            w for t in every for w in t.words_all)
    return figures


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="timeline17,background,wcep")
    parser.add_argument("--days", type=int, default=3, help="busiest days per corpus")
    parser.add_argument("--topics", default=",".join(TIMELINE17_TOPICS),
                        help="Timeline17 folders (comma-separated)")
    parser.add_argument("--show", type=int, default=0, help="example lines per check")
    parser.add_argument("--out", type=Path, help="write each briefing's Markdown here")
    args = parser.parse_args(argv)
    tallies = {}
    try:
        for name in args.corpus.split(","):
            topics = args.topics.split(",") if name == "timeline17" else None
            tallies[name] = run_corpus(name, args.days, topics, args.show, args.out)
    except DataMissing as exc:
        print(f"data missing: {exc}", file=sys.stderr)
        return 2
    print_figures(figures_of(tallies))
    for name, t in tallies.items():
        for failure in t.failures + t.quiet_failures:
            print(f"{name} {failure}")
        for check, lines in t.examples.items():
            for line in lines:
                print(f"{name} {check}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
