"""The extractive writer: selects, orders and lightly joins source sentences, and states
facts from the knowledge files. It needs no model and no network; every line it writes
carries the citations it rests on."""

from __future__ import annotations

from dataclasses import replace

from geobrief.compose import sections
from geobrief.compose.budget import AHEAD
from geobrief.compose.evidence import StoryEvidence
from geobrief.models import Grounds, Line, Reason
from geobrief.relevance import Relevance
from geobrief.settings import Settings

NAME = "extractive"
GENERATOR = "geobrief extractive writer"




def _reader_bullet(for_you: dict[str, list[Line]], ties: dict[str, list[Reason]],
                   reader_names: dict[str, str], said: list[str]) -> Line:
    """"For readers in X, ...": the strongest reason any reader has; when no reader has
    a tie, one line saying so for all of them."""
    reader, tie = _strongest(ties, said)
    if reader is not None and tie is not None:
        return Line(text=f"For readers in {reader_names[reader]}, {tie.glance}",
                    citations=tie.citations, reader=reader, why=tie.why)
    reader, tie = _strongest(ties, [])
    if reader is not None and tie is not None:
        # every tie quotes a sentence the bullets hold: its frame, pointing at that line,
        # rather than "no direct tie" for a reader who has one
        frame = tie.glance.removesuffix(": " + tie.quotes) if tie.quotes else tie.glance
        text = f"{frame}, as the line above reports." if frame != tie.glance else tie.glance
        return Line(text=f"For readers in {reader_names[reader]}, {text}",
                    citations=tie.citations, reader=reader, why=tie.why)
    codes = list(ties) or list(for_you)
    places = [reader_names[c] for c in codes]
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
    first = next((lines[0] for lines in for_you.values() if lines), None)
    # every group of an edition: named in its first line already, not listed again
    readers = "every reader group of this edition" if len(places) > 1 else \
        f"readers in {where}"
    return Line(text=f"For {readers}, the reports and geobrief's knowledge show no "
                "direct tie to this story.",
                citations=first.citations if first else [], reader=codes[0] if codes else None,
                why=[])


def _strongest(ties: dict[str, list[Reason]],
               said: list[str]) -> tuple[str | None, Reason | None]:
    """The strongest tie to any reader that does not quote a sentence the bullets already
    hold (a reader's own part in the lead sentence would otherwise put that sentence in
    the bullets twice); ties are ordered by strength, then reader code. An honest "no
    tie" is not a tie."""
    best: tuple[float, str, Reason] | None = None
    for reader, found in ties.items():
        for tie in found:
            if tie.kind == NO_TIE or not tie.glance:
                continue
            if tie.quotes and any(tie.quotes in text for text in said):
                continue
            if best is None or (tie.strength, reader) > (best[0], best[1]):
                best = (tie.strength, reader, tie)
    return (best[1], best[2]) if best else (None, None)


NO_TIE = "none"
WEAKEST_SHOWN = 0.45  # a reason weaker than this share of the reader's strongest is left out


def what_is_in_it_for_you(
    ev: StoryEvidence, found: dict[str, Relevance], names: dict[str, str],
    settings: Settings,
) -> tuple[dict[str, list[Line]], dict[str, list[Reason]]]:
    """Per reader group: the reasons the relevance rules found, strongest first (each a
    tie with what the story changes for the reader), then the outlook that touches them,
    then the interests of a personal reader the story meets. A reader with no tie gets
    one short line saying so, or no part at all (``reader_absence = "omit"``)."""
    out: dict[str, list[Line]] = {}
    all_ties: dict[str, list[Reason]] = {}
    for reader, relevance in found.items():
        shown = relevance.shown()
        ties = [r for r in shown if r.kind != "interest"]
        ties = [t for t in ties if t.strength >= WEAKEST_SHOWN * ties[0].strength]
        interests = [Line(text=r.text, citations=r.citations, reader=reader, why=r.why)
                     for r in shown if r.kind == "interest" and r.citations]
        if not ties:
            all_ties[reader] = [_no_tie(ev, reader, names)]
            if settings.reader_absence == "omit" and not interests:
                continue
            out[reader] = [_reason_line(all_ties[reader][0], reader)] + interests
            continue
        all_ties[reader] = ties
        lines = [_reason_line(t, reader) for t in ties[: settings.max_for_you]]
        out[reader] = lines + outlook_for_reader(ev, reader, lines) + interests
    return out, all_ties


def _reason_line(reason: Reason, reader: str) -> Line:
    return Line(text=reason.text, citations=reason.citations, reader=reader, why=reason.why)


def _no_tie(ev: StoryEvidence, reader: str, names: dict[str, str]) -> Reason:
    """The honest absence: the story's reports and the knowledge hold no tie that bears
    on this story (cited to the reports that were read)."""
    return Reason(NO_TIE, f"No direct tie for readers in {names[reader]}.",
                  ev.citations_today(), glance="", why=[])


def outlook_for_reader(ev: StoryEvidence, reader: str, taken: list[Line]) -> list[Line]:
    """The forward-looking statement that would touch the reader's country most directly,
    with the source's own band where it gives one: what may come next, for them."""
    shown = {line.text for line in taken}
    for item in sorted(ev.items, key=lambda e: -e.score):
        s = item.sentence
        if not s.forward or reader not in item.countries or item.attributed() in shown:
            continue
        stored = ev.outlook.get((item.refs[0].id, s.idx))
        # the band only as the source's own words, named as theirs (never "roughly even
        # chance" of geobrief's making), the actor never a bare pronoun: as "What happens next?"
        line = sections.next_line(item, stored)
        return [replace(line, text=f"{AHEAD}{item.attributed()}", reader=reader,
                        why=[Grounds("outlook")])]
    return []


class ExtractiveWriter:
    """The default writer: selects, orders and lightly joins source sentences."""

    name = NAME
    generator = GENERATOR

    what_is_happening = staticmethod(sections.what_is_happening)
    what_happens_next = staticmethod(sections.what_happens_next)
    what_is_in_it_for_you = staticmethod(what_is_in_it_for_you)
    at_a_glance = staticmethod(sections.at_a_glance)
