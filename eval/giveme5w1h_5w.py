"""Who, what, when, where of each article's main event against the Giveme5W1H gold standard.

Reads ../shared/data/giveme5w1h/gold_standard/*.json: 96 news articles of 2016, most from
November (title, text, ``date_publish``), each with human annotations per question in
``fiveWoneH[q]["annotated"]``: a list of ``{"text", "coderPhraseCount"}`` (how many of the
three coders chose the phrase), plus for "when" a ``parsed`` date. An annotation with a
count but no text means the coders agreed there is no answer (mostly "where").

geobrief's answer, from the title, the lead (the first sentence of the text, as
``split_sentences`` cuts it) and the article's date:

- who: the source of the first event ``code_events`` codes in the title or the first three
  sentences, in that order (the "main event"); when that event has no source, or nothing
  is coded, the first person, organisation or country mention of the lead that is no
  demonym or compound ("German", "Moscow-based" modify; as a who they only add misses).
- what: that event's trigger and its target; with no event, the title.
- when: the publication date, and the first date expression of the lead ("on Tuesday",
  "late Thursday", "Nov. 10", "12 November", "yesterday"; no clock times), resolved against
  the publication date (a weekday is the latest such day on or before it).
- where: the first place or country mention of the lead that is no demonym and no
  compound ("German", "Moscow-based").

Scoring, per question, over the articles whose gold has at least one answer text:
``coverage`` is the share with an answer; ``agreement`` the share whose answer shares at
least one content word (stop words removed) with any gold answer (no answer counts as a
miss), ``agreement_answered`` the same over the answered ones; ``f1`` the mean token F1
(content words) against the best gold answer. For "when" the words compared are those of
the date expression (the publication date has no words to share), and
``when_date_agreement`` is the share whose resolved date (the expression's, else the
publication date) is one of the gold ``parsed`` dates, scored over the articles with one;
``when_pubdate_agreement`` is the publication date alone. ``*_gold_none`` counts articles
where the coders agreed there is no answer and ``*_answered_gold_none`` how many of those
got one anyway. ``what_title_baseline_*`` score the title as the answer to "what" for every
article (lenient overlap favours long answers). ``who_from_event`` / ``what_from_event``
(and ``who_from_lead``, ``what_from_title``) are the shares answered each way, each with
the agreement of its answers.

    python eval/giveme5w1h_5w.py [--examples 5]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from common import DataMissing, print_figures, shared

from geobrief.analyse.events import Event, code_events
from geobrief.analyse.sentences import split_sentences
from geobrief.knowledge.link import Linker, bundled_linker

QUESTIONS = ("who", "what", "when", "where")
EVENT_SENTENCES = 3  # the title, then this many sentences of the text

_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being
    has have had do does did will would could should may might can its it his her their
    they he she we you i this that these those there here after before over into about
    than then so not no s t said says""".split())
_TOKEN = re.compile(r"[0-9a-z]+")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: i for i, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
     "jul july", "aug august", "sep sept september", "oct october", "nov november",
     "dec december"), start=1) for m in names.split()}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_DATE_EXPRESSION = re.compile(
    # "on Tuesday", "late Thursday night"
    rf"\b(?:(?:on|late|early|last|this|next)\s+)?(?P<weekday>{_WEEKDAY})"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    # "Nov. 10", "November 8, 2016"
    rf"|\b(?P<month1>{_MONTH})\.?\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<year1>\d{4}))?"
    # "12 November", "12th of November 2016"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})\b"
    r"(?:\s+(?P<year2>\d{4}))?"
    r"|\b(?P<relative>today|tonight|yesterday|last\s+night|this\s+(?:morning|afternoon|"
    r"evening))\b",
    re.IGNORECASE)


# --- the gold standard -----------------------------------------------------------------------


@dataclass
class Article:
    id: str
    title: str
    text: str
    published: date | None  # None when ``date_publish`` is missing (one article)
    gold: dict[str, list[str]]  # question -> annotated texts
    gold_none: dict[str, bool]  # question -> the coders agreed there is no answer
    gold_dates: list[date]  # the parsed dates of the "when" annotations


def articles(folder: Path) -> list[Article]:
    out = []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold: dict[str, list[str]] = {}
        gold_none: dict[str, bool] = {}
        dates: list[date] = []
        for question in QUESTIONS:
            annotated = record["fiveWoneH"].get(question, {}).get("annotated") or []
            texts = [str(a["text"]).strip() for a in annotated if (a.get("text") or "").strip()]
            gold[question] = texts
            gold_none[question] = bool(annotated) and not texts and not any(
                a.get("parsed") for a in annotated)
            if question == "when":
                dates = [d for a in annotated if (d := _day(a.get("parsed"))) is not None]
        out.append(Article(path.stem, record.get("title") or "", record.get("text") or "",
                           _day(record.get("date_publish")), gold, gold_none, dates))
    return out


def _day(value: object) -> date | None:
    try:
        return datetime.fromisoformat(str(value)[:10]).date() if value else None
    except ValueError:
        return None


# --- geobrief's answers ----------------------------------------------------------------------


@dataclass
class Answers:
    who: str | None = None
    what: str | None = None
    when: str | None = None  # the date expression of the lead
    when_date: date | None = None  # resolved, else the publication date
    where: str | None = None
    origin: dict[str, str] = field(default_factory=dict)  # question -> event | lead | title
    event: Event | None = None


def main_event(article: Article, sentences: list[str], linker: Linker) -> Event | None:
    for sentence in [article.title, *sentences[:EVENT_SENTENCES]]:
        if sentence.strip():
            events = code_events(sentence, linker, article.published)
            if events:
                return events[0]
    return None


def date_expression(lead: str, published: date | None) -> tuple[str | None, date | None]:
    """The first date expression of ``lead`` and the day it names, resolved against the
    publication date (None when it cannot be)."""
    match = _DATE_EXPRESSION.search(lead)
    if match is None:
        return None, None
    found = match.group(0)
    if match.group("weekday") or match.group("relative"):
        if published is None:
            return found, None
        if match.group("relative"):
            back = 1 if match.group("relative").lower().startswith(("yesterday", "last")) else 0
        else:
            wanted = _WEEKDAYS.index(match.group("weekday").lower())
            back = (published.weekday() - wanted) % 7 or (
                7 if found.lower().startswith("last ") else 0)
        return found, published - timedelta(days=back)
    month = _MONTHS[(match.group("month1") or match.group("month2")).lower()]
    day = int(match.group("day1") or match.group("day2"))
    written = match.group("year1") or match.group("year2")
    year = int(written) if written else published.year if published else None
    if year is None:
        return found, None
    try:
        return found, date(year, month, day)
    except ValueError:
        return found, None


def answer(article: Article, linker: Linker) -> Answers:
    sentences = split_sentences(article.text)
    lead = sentences[0] if sentences else article.title
    out = Answers()
    event = out.event = main_event(article, sentences, linker)
    mentions = linker.link(lead, article.published)
    if event is not None and event.source:
        out.who, out.origin["who"] = event.source, "event"
    else:
        first = next((m for m in mentions if m.type in ("person", "organisation", "country")
                      and m.form not in ("demonym", "compound")), None)
        if first is not None:
            out.who, out.origin["who"] = first.text, "lead"
    if event is not None:
        out.what = " ".join(x for x in (event.trigger, event.target) if x)
        out.origin["what"] = "event"
    elif article.title.strip():
        out.what, out.origin["what"] = article.title, "title"
    expression, day = date_expression(lead, article.published)
    out.when, out.when_date = expression, day or article.published
    if expression:
        out.origin["when"] = "lead"
    place = next((m for m in mentions if m.type in ("place", "country")
                  and m.form not in ("demonym", "compound")), None)
    if place is not None:
        out.where, out.origin["where"] = place.text, "lead"
    return out


# --- scoring ---------------------------------------------------------------------------------


def content_words(text: str | None) -> list[str]:
    return [w for w in _TOKEN.findall((text or "").lower()) if w not in _STOP]


def token_f1(answer_text: str | None, gold_text: str) -> float:
    got, want = Counter(content_words(answer_text)), Counter(content_words(gold_text))
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def matches(answer_text: str | None, gold: list[str]) -> bool:
    words = set(content_words(answer_text))
    return any(words & set(content_words(g)) for g in gold)


def best_f1(answer_text: str | None, gold: list[str]) -> float:
    return max((token_f1(answer_text, g) for g in gold), default=0.0)


@dataclass
class Result:
    figures: dict[str, float]
    rows: list[tuple[Article, Answers]]


def evaluate(folder: Path | None = None) -> Result:
    folder = folder or shared("giveme5w1h", "gold_standard")
    linker = bundled_linker()
    rows = [(a, answer(a, linker)) for a in articles(folder)]
    if not rows:
        raise DataMissing(f"{folder} holds no gold articles")
    figures: dict[str, float] = {"articles": len(rows)}
    for q in QUESTIONS:
        scored = [(a, ans) for a, ans in rows if a.gold[q]]
        given = [(a, ans) for a, ans in scored if getattr(ans, q)]
        agree = [(a, ans) for a, ans in given if matches(getattr(ans, q), a.gold[q])]
        n = len(scored) or 1
        figures[f"{q}_scored"] = len(scored)
        figures[f"{q}_coverage"] = len(given) / n
        figures[f"{q}_agreement"] = len(agree) / n
        figures[f"{q}_agreement_answered"] = len(agree) / (len(given) or 1)
        figures[f"{q}_f1"] = sum(best_f1(getattr(ans, q), a.gold[q]) for a, ans in scored) / n
        none = [ans for a, ans in rows if a.gold_none[q]]
        figures[f"{q}_gold_none"] = len(none)
        figures[f"{q}_answered_gold_none"] = sum(bool(getattr(ans, q)) for ans in none)
        if q in ("who", "what"):
            for origin in ("event", "lead" if q == "who" else "title"):
                mine = [(a, ans) for a, ans in scored if ans.origin.get(q) == origin]
                figures[f"{q}_from_{origin}"] = len(mine) / n
                figures[f"{q}_{origin}_agreement"] = sum(
                    matches(getattr(ans, q), a.gold[q]) for a, ans in mine) / (len(mine) or 1)
    # the title as the answer to "what", for every article: lenient overlap favours long
    # answers, so read what_agreement against this
    titled = [a for a, _ans in rows if a.gold["what"]]
    figures["what_title_baseline_agreement"] = sum(
        matches(a.title, a.gold["what"]) for a in titled) / (len(titled) or 1)
    figures["what_title_baseline_f1"] = sum(
        best_f1(a.title, a.gold["what"]) for a in titled) / (len(titled) or 1)
    dated = [(a, ans) for a, ans in rows if a.gold_dates]
    figures["when_dated"] = len(dated)
    figures["when_date_agreement"] = sum(
        ans.when_date in a.gold_dates for a, ans in dated) / (len(dated) or 1)
    figures["when_pubdate_agreement"] = sum(
        a.published in a.gold_dates for a, ans in dated) / (len(dated) or 1)
    figures["articles_with_event"] = sum(ans.event is not None for _a, ans in rows) / len(rows)
    return Result(figures, rows)


def run(folder: Path | None = None) -> dict[str, float]:
    return evaluate(folder).figures


def mismatches(result: Result, per_question: int) -> list[str]:
    lines = []
    for q in QUESTIONS:
        lines.append(f"{q}: mismatches (answer [origin] | gold)")
        shown = 0
        for a, ans in result.rows:
            if shown >= per_question:
                break
            got = getattr(ans, q)
            if not a.gold[q] or matches(got, a.gold[q]):
                continue
            shown += 1
            if q == "when":
                got = f"{got} -> {ans.when_date}"
            gold = " / ".join(repr(g) for g in a.gold[q])
            lines.append(f"  {a.title[:70]!r}\n    {got!r} [{ans.origin.get(q, '-')}] | {gold}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=0, metavar="N",
                        help="also list N mismatches per question")
    args = parser.parse_args(argv)
    try:
        result = evaluate()
    except DataMissing as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 2
    print_figures(result.figures)
    if args.examples:
        print()
        print("\n".join(mismatches(result, args.examples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
