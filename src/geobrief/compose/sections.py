"""The extractive writer's news sections: "What is happening?", "What happens next?" and
At a glance (its reader bullet is ``writer._reader_bullet``). Lines are source sentences,
selected and ordered, each with the citations it rests on."""

from __future__ import annotations

from datetime import date
from typing import Any

from geobrief.analyse.cues import BANDS
from geobrief.compose.evidence import Evidence, StoryEvidence, overlap, with_source
from geobrief.compose.lines import foreign_lines
from geobrief.compose.positions import PRONOUNS
from geobrief.models import CONTESTED, Line, OutlookItem, SentenceKey, Stance
from geobrief.settings import Settings

CONTESTED_STATUSES = ("disputed", "denied", "unconfirmed")
NOTHING_NEXT = "Nothing expected next is reported."


def evidence_line(item: Evidence, text: str | None = None, **extra: Any) -> Line:
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
    if not ordered:  # a headline-only report, or only reports in another language:
        # its headline is all there is to tell (with its language, untranslated)
        foreign = foreign_lines(ev)
        report = ev.lead or ev.story.articles[-1]
        if foreign and (report.language or ev.language).split("-")[0] != ev.language:
            return foreign[:1], used
        return [headline_line(ev)], used
    return [evidence_line(e) for e in ordered], used


def headline_line(ev: StoryEvidence) -> Line:
    """The lead report's headline, attributed, for a story with no usable sentence."""
    lead = ev.lead or ev.story.articles[-1]
    outlets = sorted({a.outlet for a in ev.today or ev.story.articles})
    who = outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]
    return Line(text=with_source(lead.title, who), citations=ev.citations_today())


def what_happens_next(ev: StoryEvidence, used: set[int], settings: Settings) -> list[Line]:
    """Forward-looking sentences not used above, with the outlook item analysis stored for
    each: who would act, the source's own band (none when it uses no estimative words),
    whose estimate it is, the horizon and the condition."""
    forward = [e for e in ev.items if e.sentence.forward and id(e) not in used
               and still_ahead(e, ev.outlook.get((e.refs[0].id, e.sentence.idx)), ev.day)]
    forward.sort(key=lambda e: (-e.score, e.sentence.idx))
    lines: list[Line] = []
    for item in forward:
        if len(lines) >= settings.max_next:
            break
        if any(overlap(item.text, line.text) > 0.5 for line in lines):
            continue
        lines.append(next_line(item, ev.outlook.get((item.refs[0].id, item.sentence.idx))))
    if not lines:
        lines.append(Line(text=NOTHING_NEXT, citations=ev.citations_today(), note=True))
    return lines


def still_ahead(item: Evidence, stored: OutlookItem | None, day: date) -> bool:
    """Whether a forward-looking sentence still tells what comes next on ``day``: not
    when the date it expects is already past (on the briefing's day, or before the report
    itself was published: a past event the analysis read as ahead)."""
    horizon = stored.horizon if stored is not None else None
    if not horizon:
        return True
    try:
        expected = date.fromisoformat(horizon[:10])
    except ValueError:
        return True
    published = min(r.published.date() for r in item.refs)
    return expected >= day and expected >= published


def next_line(item: Evidence, stored: OutlookItem | None) -> Line:
    """One outlook line. A party's statement of its own intent (or its state outlet's) is
    that party's claim, never geobrief's estimate: no band. Otherwise the band is the
    source's own hedging, labelled with the source's name; no hedging, no band."""
    s = item.sentence
    actor = actor_label(item, stored)
    extra: dict[str, Any] = {
        "horizon": stored.horizon if stored else None,
        "condition": stored.condition if stored else None,
    }
    if stored is not None and stored.source_kind == "party":
        party = named(stored.source, s.speaker, actor) or _outlets(item)
        return evidence_line(item, actor=actor, estimate="party", estimate_by=party, **extra)
    band = stored.band if stored is not None else s.band
    if not band or band not in BANDS:
        return evidence_line(item, actor=actor, **extra)
    by = named(stored.source if stored else None, s.speaker) or _outlets(item)
    return evidence_line(item, actor=actor, band=band, p=BANDS[band], estimate="source",
                         estimate_by=by, **extra)


# words that name no one on their own: a label ending in one is a pronoun the analysis left
# unresolved ("He", "This") or a fragment around one ("Some compare ... to Iraq War He")
UNRESOLVED = PRONOUNS | frozenset({"this", "that", "these", "those", "one", "its", "our",
                                   "my", "your", "them", "him", "us", "me"})


# a label that ends in one of these stopped mid-clause ("We do", "your reporter just")
_CLAUSE_WORDS = frozenset("just do does did also still then now said says say is was".split())


def unresolved(name: str) -> bool:
    """A label that names no one: a pronoun, a phrase opening or ending with one ("his
    predecessor", "Some compare ... He"), a clause fragment ("We do", "Just"), or a time
    stamp glued to it ("40 p.m. (0240 in Egypt)) A senior official")."""
    words = [w.strip(".,:;!?\"'\u201c\u201d()|") for w in name.split()]
    words = [w for w in words if w]
    if not words or name[:1].isdigit() or "|" in name or name.count(")") > name.count("("):
        return True
    first, last = words[0].lower(), words[-1].lower()
    return last in UNRESOLVED or last in _CLAUSE_WORDS or first in UNRESOLVED


def named(*names: str | None) -> str | None:
    """The first of ``names`` that names someone: none empty, none an unresolved pronoun."""
    return next((n for n in names if n and not unresolved(n)), None)


def actor_label(item: Evidence, stored: OutlookItem | None) -> str | None:
    """Who an outlook line says would act: the stored actor, else the speaker; when the
    analysis left either as a bare pronoun ("He", "I", "This"), the outlets that printed
    it, never the pronoun; none when neither is known."""
    candidates = ((stored.actor if stored else None), item.sentence.speaker)
    if not any(candidates):
        return None
    return named(*candidates) or _outlets(item)


def _outlets(item: Evidence) -> str:
    names = sorted({r.outlet for r in item.refs})
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def key_contested(happening: list[Line], next_lines: list[Line]) -> Line | None:
    """The line At a glance gives beside the lead: the key contested figure, else the
    contested claim (who asserts, who denies), else a denial, else the outlook the source
    itself hedges; None when the story has none of these."""
    rest = happening[1:]
    return (next((x for x in rest if x.stance == "range"), None)
            or next((x for x in rest if any(c.status in CONTESTED_STATUSES
                                            for c in x.claims or [])), None)
            or next((x for x in rest if x.stance in CONTESTED), None)
            or next((x for x in next_lines if x.band), None))


def at_a_glance(ev: StoryEvidence, happening: list[Line], next_lines: list[Line],
                for_you: dict[str, list[Line]], ties: dict[str, list[Any]],
                reader_names: dict[str, str]) -> list[Line]:
    """The story condensed: the lead, the key contested point (or, in a story with more
    to tell, its next line), and the reader hook. The composer then leaves the lines
    given here out of "What is happening?", so nothing is printed twice."""
    from geobrief.compose.writer import _reader_bullet

    bullets = [happening[0]]
    second = key_contested(happening, next_lines) or (
        happening[1] if len(happening) > 2 else None)
    if second is not None:
        bullets.append(second)
    reader = _reader_bullet(for_you, ties, reader_names, [b.text for b in bullets])
    if reader is not None:
        bullets.append(reader)
    return bullets
