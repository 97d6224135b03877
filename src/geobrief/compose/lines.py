"""Lines the composer adds to "What is happening?" beside the writer's: who stands where
on a contested proposition, the compact figures line, the reports in another language, and
the line a story with nothing more to tell gets."""

from __future__ import annotations

from functools import lru_cache

import pycountry

from geobrief.compose.evidence import StoryEvidence, cite
from geobrief.compose.positions import positions, stand
from geobrief.models import Line
from geobrief.stories.ledger import Entry

MAX_FOREIGN = 2  # reports in another language listed by their title


def stand_lines(happening: list[Line], entries: list[Entry]) -> tuple[list[Line], list[Line]]:
    """On a contested proposition (asserted by some, denied or not confirmed by others),
    the first line that reports it says who stands where, as an analyst would ("Asserted
    by A and B (4 reports); denied by C; D would not confirm."), and the other lines on
    it (the denial quoted on its own, another wording of the claim) are left out of the
    printed text: returned second, for the JSON."""
    by_id = {e.id: e for e in entries}
    told: set[str] = set()
    kept, answered = [], []
    for line in happening:
        ledger = next((c.ledger for c in line.claims or [] if c.ledger in by_id), None)
        p = positions(by_id[ledger]) if ledger else None
        if p is None or not p.contested:
            kept.append(line)
        elif p.id in told:
            answered.append(line)
        else:
            told.add(p.id)
            line.text = f"{line.text} Where sources stand: {stand(p, lower=True)}"
            kept.append(line)
    return kept, answered


def compact_figures(line: Line, most: int = 3) -> Line:
    """The figures line without the ledger's status sentence (said beside the claim
    itself), and with at most ``most`` of the figures named, the lowest and the highest
    kept: "Figures for X differ between sources, from A to C: A (who); …; C (who)."."""
    text = line.text.split(" Status: ", 1)[0].rstrip(".")
    head, _, listed = text.partition(": ")
    parts = listed.split("; ") if listed else []
    if len(parts) > most:
        parts = parts[: most - 1] + ["\u2026", parts[-1]]
    line.text = (f"{head}: {'; '.join(parts)}." if parts else f"{head}.")
    return line


@lru_cache(maxsize=64)
def language_name(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return found.name if found is not None else code


def foreign_lines(ev: StoryEvidence) -> list[Line]:
    """A title line, with its language and link, for each report in another language than
    the edition's (its sentences are not printed untranslated)."""
    out: list[Line] = []
    for code, refs in sorted(ev.foreign.items()):
        for ref in refs:
            if len(out) >= MAX_FOREIGN:
                return out
            out.append(Line(text=f"A report in {language_name(code)} ({ref.outlet}), "
                            f"untranslated: \u201c{' '.join(ref.title.split())}\u201d",
                            citations=[cite(ref)], language=code))
    return out


def only_this(ev: StoryEvidence) -> Line:
    """What "What is happening?" says when At a glance told all there is."""
    outlets = sorted({a.outlet for a in ev.today or ev.story.articles})
    text = (f"Only {outlets[0]} has reported it so far." if len(outlets) == 1
            else "Today's reports add no more than the above.")
    return Line(text=text, citations=ev.citations_today(), note=True)
