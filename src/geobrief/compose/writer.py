"""The extractive writer: selects, orders and lightly joins source sentences, and states
facts from the knowledge files. It needs no model and no network; every line it writes
carries the citations it rests on."""

from __future__ import annotations

from typing import Any

from geobrief.analyse.cues import BANDS
from geobrief.compose.evidence import Evidence, StoryEvidence, overlap, with_source
from geobrief.models import CONTESTED, Grounds, Line, Reason, SentenceKey, Stance
from geobrief.relevance import Relevance
from geobrief.settings import Settings

NAME = "extractive"
GENERATOR = "geobrief extractive writer"


def _line(item: Evidence, text: str | None = None, **extra: Any) -> Line:
    s = item.sentence
    return Line(
        text=text or item.attributed(),
        citations=item.citations(),
        speaker=s.speaker,
        speaker_id=s.speaker_id,
        stance=Stance(s.stance),
        sentence=SentenceKey(item.refs[0].id, s.idx),
        **extra,
    )


def what_is_happening(ev: StoryEvidence, settings: Settings) -> tuple[list[Line], set[int]]:
    """The lead, then attributed claims, each denial or non-confirmation placed right after
    the claim it answers."""
    used: set[int] = set()
    lead = next((e for e in ev.items if e.refs[0] == ev.lead and e.sentence.idx == 0), None)
    pool = [e for e in ev.items if not e.sentence.forward or e.sentence.stance in CONTESTED]
    claims = sorted(
        (e for e in pool if e.sentence.stance in (Stance.ASSERT, Stance.CONFIRM)),
        key=lambda e: -e.score
    )
    contested = sorted((e for e in pool if e.sentence.stance in CONTESTED), key=lambda e: -e.score)
    chosen: list[Evidence] = [lead] if lead else []
    pool = [e for e in pool if e is not lead]
    for item in claims:
        if len(chosen) >= settings.max_happening - min(2, len(contested)):
            break
        if item not in chosen and all(overlap(item.text, c.text) < 0.5 for c in chosen):
            chosen.append(item)
    if len(chosen) < 3:  # thin reporting: fill with the best plain sentences, attributed
        for item in sorted(pool, key=lambda e: -e.score):
            if len(chosen) >= 3:
                break
            if item not in chosen and item.sentence.stance not in CONTESTED:
                chosen.append(item)
    ordered = list(chosen)
    for item in contested[:3]:
        anchor = max(
            range(len(ordered)), key=lambda i: overlap(ordered[i].text, item.text), default=None
        )
        at = len(ordered) if anchor is None else anchor + 1
        while at < len(ordered) and ordered[at].sentence.stance in CONTESTED:
            at += 1
        ordered.insert(at, item)
    used = {id(e) for e in ordered}
    if not ordered:  # a headline-only report: its headline is all there is to tell
        return [headline_line(ev)], used
    return [_line(e) for e in ordered], used


def headline_line(ev: StoryEvidence) -> Line:
    """The lead report's headline, attributed, for a story with no usable sentence."""
    lead = ev.lead or ev.story.articles[-1]
    outlets = sorted({a.outlet for a in ev.today or ev.story.articles})
    who = outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]
    return Line(text=with_source(lead.title, who), citations=ev.citations_today())


def what_happens_next(ev: StoryEvidence, used: set[int], settings: Settings) -> list[Line]:
    """Forward-looking sentences not used above, with the outlook item analysis stored for
    each: who would act, the estimative band, the horizon and the condition."""
    forward = [e for e in ev.items if e.sentence.forward and id(e) not in used]
    forward.sort(key=lambda e: (-e.score, e.sentence.idx))
    lines: list[Line] = []
    for item in forward:
        if len(lines) >= settings.max_next:
            break
        if any(overlap(item.text, line.text) > 0.5 for line in lines):
            continue
        s = item.sentence
        stored = ev.outlook.get((item.refs[0].id, s.idx))
        band = (stored and stored.band) or s.band or "roughly even chance"
        lines.append(_line(item, actor=(stored and stored.actor) or s.speaker, band=band,
                           p=BANDS[band], horizon=stored.horizon if stored else None,
                           condition=stored.condition if stored else None))
    if not lines:
        lines.append(
            Line(
                text="None of the reports so far says what is expected next in this story.",
                citations=ev.citations_today(),
            )
        )
    return lines


def at_a_glance(
    ev: StoryEvidence,
    happening: list[Line],
    next_lines: list[Line],
    for_you: dict[str, list[Line]],
    ties: dict[str, list[Reason]],
    reader_names: dict[str, str],
) -> list[Line]:
    bullets = [happening[0]]
    contested = next((line for line in happening if line.stance in CONTESTED), None)
    second = (
        contested
        or (next_lines[0] if next_lines[0].band else None)
        or (happening[1] if len(happening) > 1 else next_lines[0])
    )
    bullets.append(second)
    bullets.append(_reader_bullet(for_you, ties, reader_names, [b.text for b in bullets]))
    return bullets


def _reader_bullet(for_you: dict[str, list[Line]], ties: dict[str, list[Reason]],
                   reader_names: dict[str, str], said: list[str]) -> Line:
    """"For readers in X, ...": the strongest reason any reader has; when no reader has
    a tie, one line saying so for all of them."""
    reader, tie = _strongest(ties, said)
    if reader is not None and tie is not None:
        return Line(text=f"For readers in {reader_names[reader]}, {tie.glance}",
                    citations=tie.citations, reader=reader, why=tie.why)
    codes = list(ties) or list(for_you)
    places = [reader_names[c] for c in codes]
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
    first = next((lines[0] for lines in for_you.values() if lines), None)
    return Line(text=f"For readers in {where}, the reports and geobrief's knowledge show no "
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

    what_is_happening = staticmethod(what_is_happening)
    what_happens_next = staticmethod(what_happens_next)
    what_is_in_it_for_you = staticmethod(what_is_in_it_for_you)
    at_a_glance = staticmethod(at_a_glance)
