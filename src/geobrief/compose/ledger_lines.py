"""What the claim ledger adds to "What is happening?": each line's claim status in words,
and where sources give different figures for the same thing, the range and who gave which."""

from __future__ import annotations

from geobrief.models import Citation, CitationKind, ClaimNote, Line, Status
from geobrief.stories.ledger import AMOUNTS, Entry, distinct_names, in_words

MAX_RANGE_CITATIONS = 6
# Shares (percentages) are of different wholes: a range across them would pool quantities.
UNCOMPARED = frozenset({"share"})


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
    """One line per ledger entry of this story whose sources give different figures."""
    out = []
    for entry in entries:
        if not any(s.article_id in story_articles for s in entry.stances):
            continue
        kinds = sorted({f.kind for f in entry.figures} - AMOUNTS - UNCOMPARED)
        for kind in kinds:
            given = [f for f in entry.figures if f.kind == kind]
            values = sorted({f.value for f in given})
            if len(values) < 2:
                continue
            by_value: dict[float, list[str]] = {}
            for f in given:
                who = f.by or "an unnamed source"
                if who not in by_value.setdefault(f.value, []):
                    by_value[f.value].append(who)
            parts = [f"{v:,.0f} ({', '.join(distinct_names(by_value[v])[:2])})"
                     for v in values]
            text = (f"Figures for the {kind} differ between sources, from {values[0]:,.0f} to "
                    f"{values[-1]:,.0f}: " + "; ".join(parts) + ". " + in_words(entry))
            out.append(Line(text=text, citations=_citations(entry), stance="range",
                            claims=[ClaimNote(entry.id, Status(entry.status),
                                              len(entry.stances), (values[0], values[-1]),
                                              kind)]))
    return out


def _citations(entry: Entry) -> list[Citation]:
    seen: dict[int, Citation] = {}
    for s in sorted(entry.stances, key=lambda s: s.day, reverse=True):
        if s.origin not in seen:
            seen[s.origin] = Citation(CitationKind.ARTICLE, s.url, s.outlet, s.day, s.title,
                                      s.article_id)
    return list(seen.values())[:MAX_RANGE_CITATIONS]
