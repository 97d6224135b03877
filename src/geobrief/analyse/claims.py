"""Claims, figures and forecasts, read from a whole document's sentences.

``claim_readings`` is what both ``geobrief read`` and analysis apply, so what read prints
is what analysis stores. For each sentence it gives:

* the statement reported (``analyse/attribution.py``): the speaker as written (a noun
  phrase), resolved with the document as context and linked to the knowledge
  (``analyse/speakers.py``), the cue, and the stance with its scope;
* the figures, typed by what they measure, each with its speaker (``analyse/figures.py``);
* the proposition: a short normalised statement of what is asserted, denied, confirmed or
  not confirmed, with the knowledge ids it involves, the act (PLOVER type when coded), the
  kinds of figure and the time, and a ``key`` built only from those language-independent
  parts, so a ledger can join statements of one proposition across outlets, languages and
  days; a denial's proposition is what it denies ("Russia denied sending troops" ->
  Russia sent troops);
* a forecast when the sentence looks forward (``analyse/forecasts.py``): who would act,
  what, the source's own estimative band, the horizon and condition, and whose estimate it
  is: the party's own statement of intent, a source's estimate, or the outlet's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from geobrief.analyse.attribution import _CREDIT, Attribution, attribute, plain
from geobrief.analyse.events import Event, code_events
from geobrief.analyse.figures import Figure, covers, figures, taken_up
from geobrief.analyse.forecasts import (
    BANDS,
    act_owner,
    acting,
    agent_after,
    condition,
    forecast_cue,
    horizon,
    passive_after,
    subject_at,
)
from geobrief.analyse.sources import clause_source
from geobrief.analyse.speakers import Party, Speakers
from geobrief.knowledge.link import Linker, Mention
from geobrief.models import Stance

__all__ = ["BANDS", "ClaimReading", "Forecast", "Proposition", "claim_readings", "horizon"]



@dataclass(frozen=True)
class Proposition:
    text: str  # what is asserted, denied, confirmed or not confirmed, briefly
    act: str | None  # the PLOVER type of the act, when coded
    entities: tuple[str, ...]  # knowledge ids involved, sorted
    kinds: tuple[str, ...]  # kinds of the figures given
    time: str | None  # ISO date the proposition is about, when the sentence says
    key: str | None  # joins statements of one proposition (None: too little to join on)


@dataclass(frozen=True)
class Forecast:
    actor: Party | None  # who would act
    act: str | None  # what would happen, in the sentence's words
    action: str | None  # its PLOVER type, when coded
    words: str  # the forward-looking words
    band: str | None  # the source's own estimative band, if its words give one
    hedge: str | None  # those words
    horizon: str | None  # ISO date by which the source expects it
    condition: str | None
    source: Party | None  # whose statement or estimate it is
    source_kind: str  # party (its own intent, or its state outlet) | source | outlet

    @property
    def p(self) -> tuple[float, float] | None:
        return BANDS[self.band] if self.band else None


@dataclass
class ClaimReading:
    text: str  # the sentence as given
    speaker: str | None  # as written
    party: Party | None  # the speaker resolved
    cue: str | None
    stance: Stance
    quote: bool
    figures: list[Figure] = field(default_factory=list)
    proposition: Proposition | None = None
    forecast: Forecast | None = None
    events: list[Event] = field(default_factory=list)
    # whose each figure is: the speaker's when the statement covers it, a source its own
    # phrase names ("BP's worst case scenario, of ..."), or None (the writer's own)
    figure_parties: list[Party | None] = field(default_factory=list)

    @property
    def is_claim(self) -> bool:
        return self.stance is not Stance.NONE


def claim_readings(sentences: Sequence[str], on: date | None, linker: Linker,
                   outlet: Party | None = None) -> list[ClaimReading]:
    """What each of a document's sentences reports, in order. ``outlet``, when it is a
    state outlet, speaks for its state: its own forecasts are that party's claim."""
    context = Speakers(linker, on)
    out: list[ClaimReading] = []
    earlier: list[Figure] = []  # the document's figures so far, for a bare noun's quantity
    for sentence in sentences:
        out.append(_reading(sentence, on, linker, context, outlet, earlier))
        earlier = [*earlier[-20:], *out[-1].figures]
    return out


def _reading(sentence: str, on: date | None, linker: Linker, context: Speakers,
             outlet: Party | None, earlier: Sequence[Figure] = ()) -> ClaimReading:
    text = plain(sentence)
    said = attribute(text)
    context.notice(text)
    speaker, party = said.speaker, None
    stance = said.stance
    if speaker is not None:
        party = context.resolve(speaker)
    elif stance is Stance.NONE and said.cue is None and not _CREDIT.match(text) and \
            (continued := context.continues_quote(text)) is not None:
        speaker, party = continued
        stance = Stance.ASSERT
    elif stance is not Stance.NONE:
        stance = Stance.NONE  # an agentless cue: "it has been confirmed"
    cache: list[list[Mention]] = []  # empty until linked (a sentence may have no mention)

    def mentions() -> list[Mention]:
        if not cache:
            cache.append(linker.link(text, on))
        return cache[0]

    # link once when the sentence is a claim (its proposition needs the mentions anyway)
    events = code_events(text, linker, on, mentions() if stance is not Stance.NONE else None)
    found = taken_up(figures(text), earlier) if earlier else figures(text)
    reading = ClaimReading(sentence, as_written(speaker, sentence), party, said.cue, stance,
                           said.quote, found,
                           events=events)
    reading.figure_parties = [_figure_party(text, f, found, said, speaker, stance, party,
                                            context) for f in found]
    reading.forecast = _forecast(text, on, context, party, stance, events, outlet)
    if stance is not Stance.NONE:
        reading.proposition = _proposition(text, said, party, events, found, mentions,
                                           reading.forecast.horizon if reading.forecast
                                           else None)
    context.observe(text, speaker if stance is not Stance.NONE else None,
                    party if stance is not Stance.NONE else None)
    return reading


def _figure_party(text: str, figure: Figure, found: list[Figure], said: Attribution,
                  speaker: str | None, stance: Stance, party: Party | None,
                  context: Speakers) -> Party | None:
    """Whose ``figure`` is: a source its own phrase names, the speaker of its own clause
    ("X said 10,000 had deserted, but authorities denied it"), the sentence's speaker
    when the statement covers it, or no one (the writer's own)."""
    if figure.source:
        return context.resolve(figure.source)
    if stance is Stance.NONE:
        return None
    decided, who = clause_source(text, figure.start, text.find(speaker) if speaker else -1)
    if decided:
        return context.resolve(who) if who else None
    return party if covers(text, speaker, said.cue, figure, found) else None


_QUOTE_FORMS = {"\u201c": "(?:``|\u201c|\")", "\u201d": "(?:''|\u201d|\")",
                "(": r"(?:\(|-LRB-)", ")": r"(?:\)|-RRB-)"}


def as_written(speaker: str | None, sentence: str) -> str | None:
    """The speaker as the sentence writes it: attribution reads a tokenised sentence
    through ``plain`` ("BP 's own account" -> "BP's own account"); the span of the original
    is what a reader finds on the page."""
    if speaker is None or speaker in sentence:
        return speaker
    found = _written_as(speaker).search(sentence)
    return sentence[found.start():found.end()] if found else speaker


@lru_cache(maxsize=4096)
def _written_as(speaker: str) -> re.Pattern[str]:
    """The pattern of ``speaker``'s tokens as a sentence may space and quote them
    (compiled once per speaker: more speakers than ``re``'s cache holds patterns)."""
    tokens = re.findall(r"\w+|[^\w\s]", speaker)
    return re.compile(r"\s*".join(_QUOTE_FORMS.get(t, re.escape(t)) for t in tokens))


# --- propositions ---------------------------------------------------------------------

_THAT_CLAUSE = re.compile(r"\b(?:that|whether)\s+(?P<what>.+)$", re.S)
_QUOTED = re.compile(r"[\u201c\"](?P<what>[^\u201d\"]{12,})[\u201d\"]")


def _proposition_text(text: str, said: Attribution) -> str:
    if said.cue and said.cue in text.lower():
        after = text[text.lower().index(said.cue) + len(said.cue):]
        that = _THAT_CLAUSE.match(after.strip())
        if that:
            return _short(that.group("what"))
        if said.stance in (Stance.DENY, Stance.CONFIRM, Stance.NOT_CONFIRM) and after.strip():
            return _short(after)
    quoted = _QUOTED.search(text)
    if quoted:
        return _short(quoted.group("what"))
    if said.cue and said.speaker:
        cut = text.rfind(", ")
        if cut > 0 and said.cue in text[cut:].lower() and len(text) - cut < 90:
            return _short(text[:cut])  # "..., the ministry said."
        if said.cue == "according to":
            return _short(re.sub(r",?\s*according to [^,.;]+", "", text))
    return _short(text)


def _short(text: str) -> str:
    text = " ".join(text.strip(" ,.;:\u201c\u201d\"").split())
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "..."


# What a figure's kind says happened, where no event was coded: troops counted were moved
# (MOBILIZE), casualties counted were fought over (FIGHT).
_KIND_ACTS = {"troops": "MOBILIZE", "casualties": "FIGHT", "displaced": "MOBILIZE"}


def _proposition(text: str, said: Attribution, party: Party | None, events: list[Event],
                 found: list[Figure], mentions: Callable[[], list[Mention]],
                 time: str | None) -> Proposition:
    what = _proposition_text(text, said)
    start = text.find(what[:40]) if what else -1
    ids = {m.id for m in mentions() if m.id and (start < 0 or start <= m.start)
           and m.type in ("country", "person", "organisation", "treaty")
           and (party is None or m.id != party.id or said.stance is not Stance.ASSERT)}
    if party and party.id and said.stance in (Stance.DENY, Stance.NOT_CONFIRM, Stance.CONFIRM) \
            and not _THAT_CLAUSE.search(what):
        ids.add(party.id)  # "Russia denied sending troops": Russia is the agent denied
    for event in events:
        for side in (event.source_id, event.target_id):
            if side and (party is None or side != party.id):
                ids.add(side)
    act = next((e.act or e.type for e in events), None)
    kinds = tuple(sorted({f.kind for f in found}))
    entities = tuple(sorted(ids))
    topic = act or next((_KIND_ACTS[k] for k in kinds if k in _KIND_ACTS), None)
    key = None
    if entities and topic:  # the parties and what happened, in no language's words
        key = hashlib.sha1(f"{topic}|{','.join(entities)}".encode()).hexdigest()[:16]
    return Proposition(what, act, entities, kinds, time, key)


# --- forecasts ------------------------------------------------------------------------

def _forecast(text: str, on: date | None, context: Speakers, speaker: Party | None,
              stance: Stance, events: list[Event], outlet: Party | None) -> Forecast | None:
    cue = forecast_cue(text, on)
    if cue is None:
        return None
    actor: Party | None = None
    subject = subject_at(text, cue.at, cue.words)
    end = cue.at + len(cue.words)
    can_act = subject is not None and (acting(subject) or (
        subject.lower() == "it" and speaker is not None))
    agent = agent_after(text, end)
    up_to = _UP_TO.search(text)
    if up_to is not None:  # "it will now be up to the District Attorney to decide"
        actor = context.resolve(up_to.group("who"))
    elif agent is not None:
        actor = context.resolve(agent)  # "will be enforced by Qatar": Qatar would act
    elif subject and can_act and not passive_after(text, end):
        if subject.lower() in ("we", "i", "it", "they", "he", "she") and speaker is not None \
                and _agrees(subject.lower(), speaker):
            actor = speaker  # "Pyongyang said it will": the speaker, of itself
        else:
            actor = context.resolve(subject)
    elif subject and (owner := act_owner(subject)) is not None:
        actor = context.resolve(owner)  # "Massa's final race will be": Massa
    act = _act(text, end)
    intended = next((e for e in events if e.intended and not e.negated), None)
    if speaker is not None:
        own = actor is not None and (actor == speaker or (
            actor.id is not None and actor.id in (speaker.id, speaker.country)))
        # a party's own intent: the actor speaking, or one of its officials (Peskov on Russia)
        source, kind = speaker, "party" if own else "source"
    elif outlet is not None:
        source, kind = outlet, "party"  # a state outlet speaks for its state
    else:
        source, kind = None, "outlet"
    return Forecast(actor, act, (intended.act or intended.type) if intended else None,
                    cue.words, cue.band, cue.hedge, horizon(text, on), condition(text),
                    source, kind)


def _agrees(pronoun: str, speaker: Party) -> bool:
    """Whether a pronoun may stand for the speaker: "he" for a person, not for "Gaddafi's
    opponents" ("Gaddafi's opponents fear that he may rally an insurgency": he is
    Gaddafi); "it" and "they" for a body or a group, not for one person."""
    if pronoun in ("he", "she"):
        return speaker.person
    if pronoun in ("it", "they"):
        return not speaker.person
    return True


_UP_TO = re.compile(r"\b(?:will|would|is|are)\s+(?:now\s+)?(?:be\s+)?up to\s+"
                    r"(?P<who>(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)\s+to\s+[a-z]")


def _act(text: str, end: int) -> str | None:
    rest = re.split(r"[,;:.][\u201d\"']*(?:\s|$)|\s(?:if|unless|but|as|because|while)\s",
                    text[end:].strip(), maxsplit=1)[0]  # "attack,\u201d said Ibrahim": attack
    words = rest.split()
    return " ".join(words[:12]) if words else None
