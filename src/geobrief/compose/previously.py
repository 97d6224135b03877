"""Previously: the storyline's most relevant earlier stories over its whole life, and what
changed since, from the claim ledger where it can say ("first admission by Pyongyang after
six months of denials"). Also the titles a briefing prints, never cut mid-word."""

from __future__ import annotations

import re
from datetime import date

from geobrief.compose.positions import change_since, positions
from geobrief.knowledge.link import Linker
from geobrief.models import Citation, CitationKind, Line, PreviousBrief
from geobrief.store.stories import StoryMaterial
from geobrief.stories.ledger import Entry

MAX_PREVIOUS = 5
MAX_CHANGES = 2
TITLE_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'\u201c])")


def short_title(title: str, limit: int = TITLE_CHARS) -> str:
    """A title of at most about ``limit`` characters: its first sentence when that is
    long enough to stand alone, else cut at the last whole word with an ellipsis;
    never mid-word."""
    text = " ".join(title.split())
    if len(text) <= limit:
        return text
    end = _SENTENCE_END.search(text)
    if end and 30 <= end.start() < limit:
        return text[: end.start() + 1]
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


def previously(material: StoryMaterial, limit: int = MAX_PREVIOUS) -> list[PreviousBrief]:
    """The most relevant earlier stories of the storyline (the most outlets, then the
    most reports), always with the latest one, newest first; each with the briefing that
    carried it when one did."""
    earlier = material.storyline
    if not earlier:  # no storyline read: the thread's latest earlier stories
        return [PreviousBrief(e.day, short_title(e.title), e.briefing_id, e.story_id)
                for e in material.earlier[:limit]]
    latest = max(earlier, key=lambda s: (s.last_published, s.story_id))
    picked = [latest] + [s for s in earlier if s is not latest][: limit - 1]
    picked.sort(key=lambda s: (s.last_published, s.story_id), reverse=True)
    briefed = {(e.story_id, e.day): e for e in material.earlier}
    out = []
    for s in picked:
        day = s.last_published.date().isoformat()
        carried = briefed.get((s.story_id, day))
        title = carried.title if carried else s.title
        out.append(PreviousBrief(day, short_title(title),
                                 carried.briefing_id if carried else None, s.story_id,
                                 s.reports))
    return out


def since(entries: list[Entry], earlier: list[PreviousBrief], day: date,
          linker: Linker | None = None) -> list[Line]:
    """What today's reports changed on the storyline's propositions since its latest
    earlier story (admissions after denials, statuses that moved)."""
    if not earlier:
        return []
    cutoff = max(p.date for p in earlier)
    today = day.isoformat()
    out = []
    for entry in entries:
        p = positions(entry)
        text = change_since(p, entry, cutoff, today, linker)
        if text:
            out.append(Line(text=text, citations=_cited(entry, today)))
        if len(out) >= MAX_CHANGES:
            break
    return out


def _cited(entry: Entry, today: str) -> list[Citation]:
    seen: dict[int, Citation] = {}
    for s in sorted(entry.stances, key=lambda s: s.day, reverse=True):
        if s.origin not in seen and (s.day == today or len(seen) < 2):
            seen[s.origin] = Citation(CitationKind.ARTICLE, s.url, s.outlet, s.day, s.title,
                                      s.article_id)
    return list(seen.values())[:4]
