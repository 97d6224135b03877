"""What the claim ledger adds to "What is happening?": each line's claim status in words,
and where sources give different figures for the same thing, the range and who gave which."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from geobrief.models import Citation, CitationKind, ClaimNote, Line, Status
from geobrief.stories.ledger import AMOUNTS, Entry, FigureGiven, in_words

MAX_RANGE_CITATIONS = 6
FIGURES_SHOWN = 8  # figures listed in one line, lowest first
# Shares (percentages) are of different wholes: a range across them would pool quantities.
UNCOMPARED = frozenset({"share"})
TOLLS = frozenset({"casualties", "displaced", "detained"})  # counts of one event's toll
TOLL_DAYS = 1  # a toll's figures compare within a day of the first
_MEASURE = re.compile(r"\b(?:kilomet|kilometr|met(?:er|re)s?\b|miles?\b|km\b|feet\b|"
                      r"hectares?\b|acres?\b|yards?\b)", re.I)


def annotate(lines: list[Line], entries: list[Entry]) -> None:
    """Note on each line that reports a stored sentence the ledger entry that sentence
    belongs to: the entry with a stance from the same sentence of the same report, else
    (a sentence the ledger took under other words) one whose text the line quotes."""
    by_article: dict[int, list] = {}
    for entry in entries:
        for stance in entry.stances:
            by_article.setdefault(stance.article_id, []).append((stance, entry))
    for line in lines:
        if line.claims is not None or line.sentence is None:
            continue  # already annotated (a line can stand in two sections), or no sentence
        candidates = by_article.get(line.sentence.article_id, [])
        found = next((entry for stance, entry in candidates
                      if stance.idx == line.sentence.idx), None) or next(
            (entry for stance, entry in candidates
             if stance.text in line.text or line.text.startswith(stance.text[:60])), None)
        line.claims = ([ClaimNote(found.id, Status(found.status), len(found.stances))]
                       if found else None)


def figure_lines(entries: list[Entry], story_articles: set[int]) -> list[Line]:
    """One line per typed quantity of a ledger entry of this story whose sources give
    different figures (``figure_groups``): each value with who gave it and when."""
    out = []
    for entry in entries:
        if not any(s.article_id in story_articles for s in entry.stances):
            continue
        for group in figure_groups(entry):
            values = sorted({f.value for f in group.figures})
            firsts: dict[tuple, FigureGiven] = {}
            for f in group.figures:  # each party's figure once, where it first gave it
                firsts.setdefault((f.value, f.high, f.party or f.by), f)
            given = sorted(firsts.values(), key=lambda f: (f.value, f.high or 0, f.day))
            parts = [f"{f.text} ({f.by or 'an unnamed source'}, {_day(f.day)})"
                     for f in given[:FIGURES_SHOWN]]
            if len(given) > FIGURES_SHOWN:
                parts.append(f"{len(given) - FIGURES_SHOWN} more")
            text = (f"Figures for {group.label} differ between sources: " + "; ".join(parts)
                    + ". " + in_words(entry))
            out.append(Line(text=text, citations=_citations(entry, group.figures),
                            stance="range",
                            claims=[ClaimNote(entry.id, Status(entry.status),
                                              len(entry.stances), (values[0], values[-1]),
                                              group.kind)]))
    return out


@dataclass
class FigureGroup:
    """Figures of one typed quantity given in one entry: the same kind (what is counted
    and, for a toll, where), unit and counted country, and for a toll (the dead, the
    displaced, the detained) the same days."""

    kind: str
    label: str
    figures: list[FigureGiven] = field(default_factory=list)


def figure_groups(entry: Entry) -> list[FigureGroup]:
    """The entry's figures grouped by typed quantity, keeping the groups whose figures
    differ and come from two or more parties (a range of one party's figures is no
    dispute). Sums of money and shares are never compared: different sums are usually
    different things (a pledge, a demand), and shares are of different wholes."""
    groups: dict[tuple, FigureGroup] = {}
    for f in sorted(entry.figures, key=lambda f: f.day):
        if f.kind in AMOUNTS or f.kind in UNCOMPARED or f.unit in ("%", "$", "£", "€") \
                or _MEASURE.search(f.text) or f.value < 1:
            continue  # sums, shares, distances and fractions are not counts to compare
        subject = f.subject or _main_subject(entry, f.kind, f.measure or f.kind)
        key: tuple = (f.kind, f.measure or f.kind, f.unit, subject)
        if f.kind.split(" in ")[0] in TOLLS:  # a toll is of one event: its days
            start = next((k[4] for k in groups if k[:4] == key and
                          (date.fromisoformat(f.day) - date.fromisoformat(k[4])).days
                          <= TOLL_DAYS), f.day)
            key = (*key, start, f.places)  # and of one place
        where = f.kind.split(" in ", 1)[1] if " in " in f.kind else None
        label = (f.measure or f.kind) + (f" in {where}" if where else "") + \
            (f" ({entry.names.get(subject, subject)})" if subject else "")
        groups.setdefault(key, FigureGroup(f.kind, label)).figures.append(f)
    return [g for g in groups.values()
            if _disagree(g.figures, [f for f in entry.figures if f.kind == g.kind])]


def _disagree(given: list[FigureGiven], others: list[FigureGiven]) -> bool:
    """Whether two parties give different values that no sentence gives together: one
    sentence's figures of one kind (``others``: the entry's, whatever their measure) are
    parts or a range ("12 people, including 10 US citizens"; "207 passengers, about 68 of
    them British"), not estimates that differ, wherever else each is given alone."""
    by_sentence: dict[tuple[int, int], set[float]] = {}
    for f in others:
        by_sentence.setdefault((f.article_id, f.idx), set()).add(f.value)
    together = {(a, b) for values in by_sentence.values() for a in values for b in values}
    for a in given:
        for b in given:
            if (a.party or a.by) != (b.party or b.by) and a.value != b.value and \
                    (a.value, b.value) not in together:
                return True
    return False


MAIN_SUBJECT = 0.75  # share of an entry's figures of a kind that name one country


def _main_subject(entry: Entry, kind: str, measure: str) -> str | None:
    """The country whose people the entry's figures of ``kind`` and ``measure`` count,
    when (nearly) all that say so name the same one: a figure that does not say ("10,000
    soldiers sent to train in eastern Russia") counts the same people as the many that
    do ("North Korean troops"), not another quantity."""
    found = Counter(f.subject for f in entry.figures
                    if f.kind == kind and (f.measure or f.kind) == measure and f.subject)
    if not found:
        return None
    subject, n = found.most_common(1)[0]
    return subject if n >= MAIN_SUBJECT * sum(found.values()) else None


def _day(day: str) -> str:
    return date.fromisoformat(day).strftime("%-d %B")


def _citations(entry: Entry, given: list[FigureGiven]) -> list[Citation]:
    """The reports that gave the figures, latest first, each original once."""
    sentences = {(f.article_id, f.idx) for f in given}
    seen: dict[int, Citation] = {}
    for s in sorted(entry.stances, key=lambda s: s.day, reverse=True):
        if (s.article_id, s.idx) not in sentences:
            continue
        if s.origin not in seen:
            seen[s.origin] = Citation(CitationKind.ARTICLE, s.url, s.outlet, s.day, s.title,
                                      s.article_id)
    return list(seen.values())[:MAX_RANGE_CITATIONS]
