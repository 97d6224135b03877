"""Claims and outlook items from sentences.

A claim is a sentence that reports something on someone's word: who asserts it (as
written, and linked to the knowledge), the cue (said, estimated, denied, declined to
confirm, ...), whether it quotes or paraphrases, its stance, and the figures it gives
("up to 12,000 troops"). An outlook item is a forward-looking sentence: who may do what,
by when, under what condition, in the source's own words, with the estimative band its
wording maps to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from geobrief.analyse.cues import BANDS, Cues
from geobrief.knowledge.link import Linker

_CUE = re.compile(
    r"\b(declined to (?:confirm|comment)|refused to confirm|(?:has|have|had|did) not "
    r"(?:yet )?confirmed|could not (?:independently )?(?:confirm|verify)|would not confirm|"
    r"according to|estimated|estimates|claimed|claims|reported|reports|denied|denies|"
    r"dismissed|dismisses|rejected|rejects|confirmed|confirms|acknowledged|warned|warns|"
    r"said|says|say|told|stated|announced|alleged|accused|insisted|called)\b", re.I)
# A demonym and the group it qualifies, speaking: "Russian officials", "Ukrainian military
# analysts" (the auxiliaries before the cue are left out).
_GROUP = re.compile(r"([A-Z][\w-]+(?: [a-z-]+){1,2}?)(?: (?:have|has|had|were|was|also|not|never|"
                    r"previously|initially|later|repeatedly))*\s*$")
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|around)\s+(?:the\s+)?$", re.I)
_QUOTE = re.compile(r"[\"\u201c\u201d]")
_FIGURE = re.compile(
    r"(?P<qualifier>\bup to|\babout|\baround|\bmore than|\bover|\bat least|\bnearly|"
    r"\balmost|\broughly|\bsome|\bas many as|\bfewer than|\bless than)?\s*"
    r"(?P<value>\$?\d{1,3}(?:,\d{3})+|\$?\d+(?:\.\d+)?)\s*(?P<scale>million|billion|"
    r"thousand|trillion|bn|tn|m)?\s+"
    r"(?P<noun>(?:[A-Za-z-]+\s+){0,2}?(?:troops|soldiers|personnel|forces|people|civilians|"
    r"casualties|missiles|drones|dollars|tonnes|refugees|special forces|workers|units|"
    r"deaths|killed|wounded|a year))", re.I)
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3,
          "trillion": 1e12, "tn": 1e12}
_CONDITION = re.compile(r"\b(?:if|unless|provided that|should)\b[^,.;]*", re.I)
_HORIZONS: list[tuple[re.Pattern[str], int | None]] = [
    (re.compile(r"\b(?:today|tonight)\b", re.I), 1),
    (re.compile(r"\b(?:tomorrow|within (?:a|one) day)\b", re.I), 2),
    (re.compile(r"\b(?:this|next) week(?:end)?\b|\bin the coming days\b|\bwithin days\b",
                re.I), 10),
    (re.compile(r"\b(?:this|next) month\b|\bin the coming weeks\b|\bwithin weeks\b", re.I),
     45),
    (re.compile(r"\b(?:this|next) year\b|\bin the coming months\b|\bwithin months\b", re.I),
     365),
]
_MONTHS = ("January February March April May June July August September October "
           "November December").split()
_BY_MONTH = re.compile(r"\b(?:by|before|until|in) (?:the end of )?(" + "|".join(_MONTHS) +
                       r")(?: (\d{4}))?\b")
_BY_YEAR = re.compile(r"\b(?:by|before|until|in) (20\d\d)\b")


@dataclass(frozen=True)
class Figure:
    value: float
    qualifier: str | None
    noun: str
    text: str


@dataclass
class Claim:
    text: str
    speaker: str | None
    speaker_id: str | None
    speaker_country: str | None
    cue: str | None
    stance: str
    quote: bool
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Outlook:
    text: str
    actor: str | None
    actor_country: str | None
    band: str
    p: tuple[float, float]
    words: str | None
    horizon: str | None  # ISO date by which the source expects it, when it says
    condition: str | None


_BARE = re.compile(r"(?P<qualifier>\bup to|\babout|\baround|\bmore than|\bover|\bat least|"
                   r"\bnearly|\balmost|\broughly|\bsome|\bas many as)?\s*"
                   r"(?P<value>\d{1,3}(?:,\d{3})+)\b(?!\s*(?:January|February|March|April|May|"
                   r"June|July|August|September|October|November|December))")
_KIND = re.compile(r"\b(troops|soldiers|personnel|forces)\b", re.I)


def figures(text: str) -> list[Figure]:
    """Numbers with what they count: 'up to 12,000 troops' -> 12000, 'up to', 'troops'; a
    bare large number in a sentence about troops counts troops ('11,000 are in Kursk')."""
    out = _counted(text)
    kind = _KIND.search(text)
    if kind is not None:
        taken = {f.value for f in out}
        for match in _BARE.finditer(text):
            value = float(match.group("value").replace(",", ""))
            if value not in taken:
                qualifier = (match.group("qualifier") or "").strip().lower() or None
                out.append(Figure(value, qualifier, kind.group(1).lower(),
                                  match.group(0).strip()))
    return out


def _counted(text: str) -> list[Figure]:
    out = []
    for match in _FIGURE.finditer(text):
        raw = match.group("value").lstrip("$").replace(",", "")
        try:
            value = float(raw) * _SCALE.get((match.group("scale") or "").lower(), 1.0)
        except ValueError:
            continue
        qualifier = (match.group("qualifier") or "").strip().lower() or None
        out.append(Figure(value, qualifier, match.group("noun").split()[-1].lower(),
                          match.group(0).strip()))
    return out


def _speaker_link(speaker: str | None, text: str, cue: re.Match[str] | None,
                  linker: Linker | None, on: date | None
                  ) -> tuple[str | None, str | None, str | None]:
    """(speaker as written, knowledge id, country). With no speaker found by the cues, the
    first country, person or organisation named before the cue speaks ("The Kremlin has
    called the claims fake")."""
    if linker is None:
        return speaker, None, None
    if speaker:
        for mention in linker.link(speaker, on, unlinked=False):
            if _LOCATIVE.search(speaker[:mention.start]):
                continue  # "commanders in the Kursk area": where they are, not who they are
            if mention.id or mention.country:
                return speaker, mention.id, mention.country
        return speaker, None, None
    cut = cue.start() if cue else len(text)
    for mention in linker.link(text[:cut], on, unlinked=False):
        if mention.type in ("country", "person", "organisation") and mention.form != "demonym":
            return mention.text, mention.id, mention.country
        if mention.form == "demonym" and mention.country:
            group = _GROUP.match(text, mention.start, cut)  # "Russian officials have"
            if group:
                return group.group(1), None, mention.country
    return None, None, None


def extract_claim(text: str, cues: Cues, linker: Linker | None = None,
                  on: date | None = None) -> Claim | None:
    """The claim a sentence reports, or None when it attributes nothing."""
    if cues.stance == "none" and not cues.speaker:
        return None
    cue = _CUE.search(text)
    speaker, speaker_id, speaker_country = _speaker_link(cues.speaker, text, cue, linker, on)
    return Claim(text=text, speaker=speaker, speaker_id=speaker_id,
                 speaker_country=speaker_country, cue=cue.group(0).lower() if cue else None,
                 stance=cues.stance if cues.stance != "none" else "assert",
                 quote=bool(_QUOTE.search(text)), figures=figures(text))


def horizon(text: str, on: date | None) -> str | None:
    """The date by which a forward-looking sentence expects something, when it says."""
    if on is None:
        return None
    by_month = _BY_MONTH.search(text)
    if by_month:
        month = _MONTHS.index(by_month.group(1)) + 1
        year = int(by_month.group(2) or (on.year if month >= on.month else on.year + 1))
        return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()
    by_year = _BY_YEAR.search(text)
    if by_year:
        return f"{by_year.group(1)}-12-31"
    for pattern, days in _HORIZONS:
        if pattern.search(text) and days is not None:
            return (on + timedelta(days=days)).isoformat()
    return None


def extract_outlook(text: str, cues: Cues, actor: str | None, actor_country: str | None,
                    on: date | None) -> Outlook | None:
    """An outlook item from a forward-looking sentence, or None."""
    if not cues.forward:
        return None
    band = cues.band or "roughly even chance"
    condition = _CONDITION.search(text)
    return Outlook(text=text, actor=actor, actor_country=actor_country, band=band,
                   p=BANDS[band], words=cues.hedge, horizon=horizon(text, on),
                   condition=condition.group(0).strip() if condition else None)


def outlook_actor(text: str, cues: Cues, linker: Linker, on: date
                  ) -> tuple[str | None, str | None]:
    """Who would act: the first country, person or organisation named before the hedging
    words, else the speaker."""
    cut = text.find(cues.hedge) if cues.hedge else len(text)
    for mention in linker.link(text, on, unlinked=False):
        if mention.start < max(cut, 0) and mention.type in ("country", "person",
                                                            "organisation"):
            name = linker.knowledge.country_name(mention.id) if mention.type == "country" \
                and mention.id else mention.text
            return name, mention.country
    return cues.speaker, None
