"""The extractive writer: selects, orders and lightly joins source sentences, and states
facts from the knowledge files. It needs no model and no network; every line it writes
carries the citations it rests on."""

from __future__ import annotations

from geobrief.analyse.cues import BANDS
from geobrief.compose import sections
from geobrief.compose.evidence import StoryEvidence
from geobrief.models import Grounds, Line, Reason
from geobrief.relevance import Relevance
from geobrief.settings import Settings

NAME = "extractive"
GENERATOR = "geobrief extractive writer"


def _reader_bullet(for_you: dict[str, list[Line]], ties: dict[str, list[Reason]],
                   reader_names: dict[str, str], said: list[str]) -> Line | None:
    """At a glance's reader bullet (``sections.at_a_glance``): the strongest tie to any
    reader group that the other bullets (``said``) do not already quote, else the first
    reader line."""
    reader, tie = _strongest(ties, said)
    if reader is not None and tie is not None:
        return Line(
            text=f"For readers in {reader_names[reader]}, {tie.glance}",
            citations=tie.citations,
            reader=reader,
            why=tie.why,
        )
    if not for_you:
        return None
    code = next(iter(for_you))
    first = for_you[code][0]
    return Line(
        text=f"For readers in {reader_names[code]}, {first.text[0].lower()}{first.text[1:]}",
        citations=first.citations,
        reader=code,
        why=first.why,
    )


def _strongest(ties: dict[str, list[Reason]],
               said: list[str]) -> tuple[str | None, Reason | None]:
    """The strongest tie to any reader that does not quote a sentence the bullets already
    hold (a reader's own country named in the lead sentence would otherwise put that
    sentence in the bullets twice); ties are ordered by strength, then reader code."""
    best: tuple[float, str, Reason] | None = None
    for reader, found in ties.items():
        for tie in found:
            if tie.quotes and any(tie.quotes in text for text in said):
                continue
            if best is None or (tie.strength, reader) > (best[0], best[1]):
                best = (tie.strength, reader, tie)
    return (best[1], best[2]) if best else (None, None)


def what_is_in_it_for_you(
    ev: StoryEvidence, found: dict[str, Relevance], names: dict[str, str],
    settings: Settings,
) -> tuple[dict[str, list[Line]], dict[str, list[Reason]]]:
    """Per reader group: the reasons the relevance rules found (the country named, chains
    of ties), or one honest "no tie" line; then the outlook that touches them; then the
    interests of a personal reader the story meets."""
    out: dict[str, list[Line]] = {}
    all_ties: dict[str, list[Reason]] = {}
    for reader, relevance in found.items():
        shown = relevance.shown()
        ties = [r for r in shown if r.kind != "interest"] or [_no_tie(ev, reader, names)]
        all_ties[reader] = ties
        lines = [Line(text=t.text, citations=t.citations, reader=reader, why=t.why)
                 for t in ties[: settings.max_for_you]]
        interests = [Line(text=r.text, citations=r.citations, reader=reader, why=r.why)
                     for r in shown if r.kind == "interest" and r.citations]
        out[reader] = lines + outlook_for_reader(ev, reader, lines) + interests
    return out, all_ties


def _no_tie(ev: StoryEvidence, reader: str, names: dict[str, str]) -> Reason:
    name = names[reader]
    story_actors = [a for a in (ev.actors or [])[:3] if a != reader]
    them = ", ".join(names.get(a, a) for a in story_actors) or "the places in this story"
    return Reason("none", f"None of the story's reports names {name}, and geobrief's knowledge "
                  f"records no defence treaty, alliance or border tying {name} to {them}.",
                  ev.citations_today(), glance=f"no direct tie to {name} was found in the "
                  "reporting or the knowledge base.", why=[])


def outlook_for_reader(ev: StoryEvidence, reader: str, taken: list[Line]) -> list[Line]:
    """The forward-looking statement that would touch the reader's country most directly,
    with its band: what may come next, for them."""
    shown = {line.text for line in taken}
    for item in sorted(ev.items, key=lambda e: -e.score):
        s = item.sentence
        if not s.forward or reader not in item.countries or item.attributed() in shown:
            continue
        stored = ev.outlook.get((item.refs[0].id, s.idx))
        band = (stored and stored.band) or s.band or "roughly even chance"
        return [Line(text=f"Ahead: {item.attributed()}", citations=item.citations(),
                     reader=reader, actor=(stored and stored.actor) or s.speaker, band=band,
                     p=BANDS[band], horizon=stored.horizon if stored else None,
                     condition=stored.condition if stored else None,
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
