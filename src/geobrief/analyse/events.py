"""Who did what to whom: rule-based coding of a sentence into PLOVER events.

The trigger phrases and their PLOVER types (with the closest CAMEO code) are in
``data/plover.yaml``; see its header for the phrase syntax and the type names (those of the
PLOVER gold records: FIGHT for conventional military force, ASSAULT for unconventional
violence; ``Event.plover2021`` gives the later PLOVER name). Coding takes five steps, all
plain rules (no model, no network):

1. Triggers. The sentence is reduced to lower-case words (``link.normal``: punctuation
   becomes space). One Aho-Corasick automaton holds the first part of every phrase form
   ("imposed", "held", "missile strike"); where a phrase has gaps ("imposed _ sanctions")
   a small anchored regular expression checks the rest at that place. A sentence whose
   words hit nothing in the automaton (most of them) stops there, before tokenising and
   linking. Overlapping matches compete: more literal words win, then the longer span; a
   gap may not cross a clause break (comma, "but", "which", ...) nor hold another trigger.
   Words inside names ("Amnesty International"), compound adjectives ("long-threatened")
   and adjectival participles ("the besieged town") are no triggers, and a phrase may be
   cancelled by its neighbours or by words anywhere in the sentence ("killed" next to
   "crash" or "avalanche").
2. Frames. A verbal act (``frame``: "demanded", "accused", "threatened") owns the rest of
   its clause: "accused Russia of attacking Kyiv" is one DISAPPROVE event, not also an
   attack. An intention cue ("promised to", "vowed to") or intention words just before a
   trigger ("will", "plans to") make the event a stated intention: AGREE when it is
   cooperation, THREATEN when it is force, sanctions or coercion (as CAMEO 03 and 13). A
   negation just before it ("did not agree") sets ``negated``; a negated intention to
   cooperate ("will not accept") is REJECT.
3. Actors. Mentions from the knowledge linker (countries, people, organisations, places,
   linked or not) are grouped into noun phrases ("Russian Foreign Minister Sergei Lavrov",
   "Sudan's government"): a group stands for its person's country, else its first country.
   Actors after "in", "at", "near" ... are locative, as are the places listed after them.
4. Roles. The source is the nearest actor before the trigger (a locative only if nothing
   else is there; an appositive gives way to the actor before it; a relative clause takes
   its antecedent; ", killing ..." takes the subject of the clause before), the target the
   nearest actor after it within 15 words, stopping at a trailing attribution (",
   officials said."). Speech frames are skipped: in "X said Y attacked Z" the event is Y
   -> Z; with no actor between the speech verb and the trigger the speaker is the source
   only when a pronoun refers back ("X said it would"). Passives and "attack by X" take the
   actor after "by" as source; "X and Y agreed" is reciprocal; "talks between X and Y"
   takes both from after the trigger; "X said Y must ..." is a demand by X on Y. An event
   with neither source nor target is dropped ("five people are killed in a bus crash").
5. Military means. "killed", "attacked", "bombed" are ASSAULT (unconventional violence)
   unless the sentence names military means or a state (a country by name) acts, when they
   are FIGHT.

Limits: one sentence at a time, no coreference beyond the pronoun rule, no parsing, no
modality beyond intention and negation (hypotheticals such as "could strengthen the case
for deployment" are coded as if they happened); the nearest-actor rule fails on long
subjects ("Doctors from two American aid groups"), and actors the knowledge does not know
are missing (the event then lacks them or takes a neighbour). See eval/plover_events.py for
the measured figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from geobrief.analyse.plover_lexicon import Lexicon, Rule, lexicon
from geobrief.knowledge.link import Linker, Mention, bundled_linker, normal

_WORD = re.compile(r"[0-9a-z]+")
_BREAK = re.compile(r"[,;:()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s")
_BREAK_WORDS = frozenset(
    "but while whereas although though because unless which who whom whose where when after "
    "before since if until".split())
_SPEECH = frozenset(
    "said says say told tells reported reports stated states added claimed claims insisted "
    "noted wrote announced announces confirmed confirms believes argued declared reiterated "
    "concluded".split())
_PRONOUNS = frozenset("it they he she we its their his her our itself themselves".split())
_PASSIVE_AUX = frozenset("was were been being is are be get got gets getting".split())
_ADVERB_SKIP = frozenset("also reportedly allegedly later then already recently".split())
_LOCATIVE = frozenset("in at near outside inside across throughout around within".split())
_DETERMINERS = frozenset("the a an its their his her this that these those".split())
_RELATIVE = frozenset("which who".split())
_REDUCED_PASSIVE = frozenset("others more dozens hundreds thousands scores".split())
_AUXILIARY = frozenset(
    """has have had was were is are be been being will would could may might shall should
    can also then later not never t already did does do to""".split())
_ROLE = frozenset(
    """government army forces troops military police officials official authorities ministry
    president leader leaders minister prime foreign defence defense secretary spokesman
    spokeswoman spokesperson envoy ambassador diplomats diplomat soldiers rebels militants
    fighters navy regime parliament court cabinet administration delegation negotiators
    officers security intelligence junta guards militia militiamen guerrillas guerillas
    warships jets aircraft helicopters tanks commander commanders chief counterpart king emir
    coalition party opposition legislators lawmakers side sides leadership state media
    agency agents people citizens nationals civilians refugees workers students activists
    protesters demonstrators youths prisoners settlers doctors religious spiritual supreme
    former ousted new top senior deputy vice interim acting outgoing incoming exiled""".split())
_JOIN_WORD = re.compile(r"[A-Z][\w.'\u2019-]*|of|the|de|al|bin|el")
_AND = re.compile(r"\s+and\s+(?:the\s+)?")  # "X and Y"; ", and" joins clauses
_TRAILING = (
    re.compile(r",\s+(?:according to|said|says|added|reported|quoted)\b[^,]{0,120}$"),
    re.compile(r",\s+[^,]{1,100}?\s(?:said|says|reported|reports|told|added|announced|"
               r"confirmed|claimed|wrote|stated|quoted)\b[^,]{0,60}$"),
)
_ACTOR_TYPES = ("country", "person", "organisation", "place")
_TARGET_REACH = 15  # words after the trigger within which a target is looked for


@dataclass(frozen=True)
class Event:
    """One coded event: ``source`` did ``type`` to ``target`` (texts as written, with their
    knowledge ids and countries when known)."""

    # A side may have a country but no text: a domestic event (see ``_countries``).
    type: str  # PLOVER type, as named in plover.yaml
    cameo: str | None  # the closest CAMEO code
    trigger: str  # the words that name the event
    source: str | None
    source_id: str | None
    source_country: str | None
    target: str | None
    target_id: str | None
    target_country: str | None
    negated: bool
    sentence: str
    intended: bool = False  # a stated intention ("will", "vowed to"), not a reported act
    act: str | None = None  # the type of the act itself (an intended attack: FIGHT)

    @property
    def plover2021(self) -> str:
        """The type under the names of later PLOVER releases (FIGHT -> ASSAULT, ...)."""
        return lexicon().renamed.get(self.type, self.type)


# --- one sentence ----------------------------------------------------------------------------


@dataclass
class _Words:
    """The words of a sentence: lower-case text, offsets and clause breaks."""

    words: list[str]
    starts: list[int]  # character offsets in the sentence
    ends: list[int]
    joined: str  # " w1 w2 ... wn "
    jstart: dict[int, int]  # offset in ``joined`` of a word's first character -> index
    jend: dict[int, int]  # offset in ``joined`` just after a word -> index
    breaks: list[bool]  # a clause break lies just before word i


def _tokenise(sentence: str, norm: str, words: list[str], joined: str) -> _Words:
    """``norm`` is ``normal(sentence)``, ``words`` its words and ``joined`` them in one
    string, space-padded."""
    spans = [m.span() for m in _WORD.finditer(norm)]
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    jstarts = list(accumulate((len(word) + 1 for word in words), initial=1))
    jstart = {position: i for i, position in enumerate(jstarts[:-1])}
    jend = {position - 1: i for i, position in enumerate(jstarts[1:])}
    breaks = [word in _BREAK_WORDS for word in words]
    for m in _BREAK.finditer(sentence):
        i = bisect_right(starts, m.start())
        if i < len(words):
            breaks[i] = True
    return _Words(words, starts, ends, joined, jstart, jend, breaks)


@dataclass
class _Hit:
    first: int  # word indices, inclusive
    last: int
    rule: Rule
    gaps: list[tuple[int, int]]  # word ranges [a, b) filled by "_"
    cue: _Hit | None = None  # the intention cue this hit is the content of


def _hits(w: _Words, lex: Lexicon, military: bool, sentence: str) -> list[_Hit]:
    """Every trigger phrase in the sentence (overlapping ones included)."""
    found: list[_Hit] = []
    for end, (length, ids) in lex.automaton.iter(w.joined):
        first = w.jstart.get(end - length + 2)
        anchor_last = w.jend.get(end)
        if first is None or anchor_last is None:
            continue
        for index in ids:
            rule = lex.rules[index]
            if rule.military_only and not military:
                continue
            if rule.not_with and any(word in w.joined for word in rule.not_with):
                continue
            last, gaps = anchor_last, []
            if rule.rest is not None:
                m = rule.rest.match(w.joined, end)
                if m is None:
                    continue
                previous = anchor_last
                for g in range(1, (m.lastindex or 0) + 1, 2):
                    part = m.start(g + 1)
                    part_first = w.jstart[part]
                    if part_first > previous + 1:
                        gaps.append((previous + 1, part_first))
                    previous = w.jend[m.end(g + 1)]
                last = previous
            if any(w.breaks[first + 1:last + 1]):
                continue
            if rule.not_after and rule.not_after.intersection(w.words[last + 1:last + 4]):
                continue
            if rule.not_before and rule.not_before.intersection(w.words[max(0, first - 2):
                                                                         first]):
                continue
            if rule.verb and first and w.words[first - 1] in _DETERMINERS and \
                    w.words[first] in lex.past:
                continue  # an adjective: "the besieged town", "a planned visit"
            if _in_name(w, first, last, sentence):
                continue
            found.append(_Hit(first, last, rule, gaps))
    return found


def _in_name(w: _Words, first: int, last: int, sentence: str) -> bool:
    """The words are part of a name or a compound adjective: "Amnesty International",
    "Ceasefire Violations Committee", "long-threatened", "Israeli-occupied"."""
    start = w.starts[first]
    if start > 1 and sentence[start - 1] == "-" and sentence[start - 2].isalnum():
        return True
    def title(i: int) -> bool:
        return sentence[w.starts[i]].isupper() and not sentence[w.starts[i]:w.ends[i]].isupper()

    if first == 0:  # "Amnesty International criticised ...": a name opens the sentence
        return len(w.words) > 1 and title(0) and title(1)
    return all(title(i) for i in range(first, last + 1))


def _choose(found: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits: more literal words win, then the longer span; a gapped hit
    gives way to any trigger that starts inside its gap."""
    starts = {h.first for h in found}
    found = [h for h in found if not any(s in starts for a, b in h.gaps for s in range(a, b))]
    found.sort(key=lambda h: (-h.rule.weight, -(h.last - h.first), h.first))
    chosen: list[_Hit] = []
    taken: set[int] = set()
    for hit in found:
        span = range(hit.first, hit.last + 1)
        if taken.isdisjoint(span):
            chosen.append(hit)
            taken.update(span)
    return sorted(chosen, key=lambda h: h.first)


def _clause_end(w: _Words, after: int) -> int:
    for i in range(after + 1, len(w.words)):
        if w.breaks[i]:
            return i
    return len(w.words)


def _clause_start(w: _Words, at: int) -> int:
    for i in range(at, 0, -1):
        if w.breaks[i]:
            return i
    return 0


def _select(hits: list[_Hit], w: _Words, lex: Lexicon) -> list[_Hit]:
    """The hits that are events of their own: drop the content of frames and attach
    intention cues to what they announce."""
    out: list[_Hit] = []
    owned_until = -1
    for i, hit in enumerate(hits):
        if hit.first < owned_until and not _coordinated(hit, w, lex):
            continue
        if hit.rule.intent:
            end = min(_clause_end(w, hit.last), hit.last + 7)
            following = next((h for h in hits[i + 1:] if hit.last < h.first < end
                              and not h.rule.intent), None)
            if following is not None:
                following.cue = hit
                continue
        out.append(hit)
        if hit.rule.frame:
            owned_until = _clause_end(w, hit.last)
    return out


def _coordinated(hit: _Hit, w: _Words, lex: Lexicon) -> bool:
    """A verb in the past after "and" is a new event ("condemned the attack and imposed
    sanctions"), not part of the frame's content."""
    return (hit.rule.verb and hit.first > 0 and w.words[hit.first - 1] == "and"
            and w.words[hit.first] in lex.past)


@dataclass
class _Actor:
    first: int
    last: int
    start: int
    end: int
    id: str | None
    country: str | None
    state: bool  # a country named as such (not a demonym): a state acting
    locative: bool  # introduced by "in", "at", "near", ...
    head: Mention


def _actors(sentence: str, w: _Words, mentions: Sequence[Mention]) -> list[_Actor]:
    groups: list[list[Mention]] = []
    for m in mentions:
        if m.type not in _ACTOR_TYPES or m.form == "compound":
            continue
        if groups and _joins(sentence[groups[-1][-1].end:m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    out: list[_Actor] = []
    for group in groups:
        first = bisect_left(w.starts, group[0].start)
        last = bisect_left(w.starts, group[-1].end) - 1
        if first > last or first >= len(w.words):
            continue
        end = group[-1].end
        while last + 1 < len(w.words) and w.words[last + 1] in _ROLE and \
                not w.breaks[last + 1] and (last + 1 - first) < 8:
            last += 1
            end = w.ends[last]
        head = group[-1]
        country = head.country if head.type == "person" and head.country else next(
            (m.country for m in group if m.type == "country" and m.country),
            next((m.country for m in group if m.country), None))
        ident = head.id if head.id else next((m.id for m in group if m.id), None)
        state = any(m.type == "country" and m.form != "demonym" for m in group)
        before = w.words[first - 1] if first else ""
        if before == "the" and first > 1:
            before = w.words[first - 2]
        locative = before in _LOCATIVE or bool(
            out and out[-1].locative and not sentence[out[-1].end:group[0].start].strip(" ,"))
        out.append(_Actor(first, last, group[0].start, end, ident, country, state, locative,
                          head))
    return out


def _joins(gap: str) -> bool:
    """Two mentions are one noun phrase when only titles and name words lie between:
    "Russian Foreign Minister Sergei Lavrov", "Palestinian leader Yasser Arafat"."""
    if gap.startswith(("'s", "\u2019s")):
        gap = gap[2:]
    if not gap or not gap[0].isspace() or not gap[-1].isspace():
        return False
    tokens = gap.split()
    return len(tokens) <= 5 and all(t in _ROLE or _JOIN_WORD.fullmatch(t) for t in tokens)


def _trailing_cut(sentence: str, w: _Words) -> int:
    """Word index where a trailing attribution starts (", officials said."), else the end."""
    for pattern in _TRAILING:
        m = pattern.search(sentence)
        if m:
            return bisect_left(w.starts, m.start())
    return len(w.words)


def _nearest_before(actors: list[_Actor], at: int, w: _Words,
                    lowest: int = 0) -> _Actor | None:
    """The subject-like actor before word ``at``: the nearest one not introduced by a
    locative preposition, else the nearest; an appositive ("Pakistan, a key U.S. ally,
    refused") gives way to the actor before it."""
    before = [a for a in actors if lowest <= a.first and a.last < at]
    if not before:
        return None
    chosen = next((a for a in reversed(before) if not a.locative), before[-1])
    if any(w.breaks[chosen.last + 1:at]):
        opening = _clause_start(w, chosen.first)
        if opening and w.breaks[opening]:
            previous = next((a for a in before if a.last == opening - 1), None)
            if previous is not None:
                return previous
    return chosen


def _speech_between(actor: _Actor, at: int, w: _Words) -> tuple[bool, bool]:
    """(a speech verb lies between the actor and ``at``, a pronoun follows that verb)."""
    between = w.words[actor.last + 1:at]
    for i, word in enumerate(between):
        if word in _SPEECH:
            return True, any(p in _PRONOUNS for p in between[i + 1:])
    return False, False


def _conjunct(actor: _Actor, actors: list[_Actor], sentence: str) -> _Actor | None:
    """The actor joined to ``actor`` by "and" just before it ("Jordan and Britain")."""
    previous = [a for a in actors if a.last < actor.first]
    if previous and _AND.fullmatch(sentence[previous[-1].end:actor.start]):
        return previous[-1]
    return None


def _roles(hit: _Hit, w: _Words, actors: list[_Actor], cut: int,
           sentence: str) -> tuple[_Actor | None, _Actor | None] | None:
    """(source, target) of an event, or None when it has no actors that fit."""
    rule = hit.rule
    first = hit.cue.first if hit.cue else hit.first
    limit = cut if hit.last < cut else len(w.words)
    after = [a for a in actors if hit.last < a.first < limit]
    if rule.must:
        # "X said (that) Y must ...": a demand by X, the speaker, on Y
        nearest = next((a for a in reversed(actors) if a.last < first), None)
        if nearest is None or first - nearest.last > 5 or (rule.adjacent and not all(
                x in _AUXILIARY or x.endswith("ly") for x in w.words[nearest.last + 1:first])):
            return None
        addressee = _nearest_before(actors, first, w) or nearest
        while (partner := _conjunct(addressee, actors, sentence)) is not None:
            addressee = partner
        earlier = [a for a in actors if a.last < addressee.first]
        speaker = next((a for a in reversed(earlier) if any(
            word in _SPEECH or word == "that" for word in w.words[a.last + 1:addressee.first])),
            earlier[-1] if earlier else None) or next(
            (a for a in actors if a.first >= cut), None)
        return (speaker, addressee) if speaker is not None else None
    nxt = w.words[hit.last + 1:hit.last + 3]
    if ("between" in nxt or w.words[hit.last] == "between") and len(after) >= 2:
        return after[0], after[1]
    passive = rule.verb and w.words[hit.first] in lexicon().past and \
        _preceded_by_aux(w, hit.first)
    if passive or (not rule.verb and nxt[:1] == ["by"]):
        by = next((i for i in range(hit.last + 1, min(hit.last + 5, len(w.words)))
                   if w.words[i] == "by"), None)
        agent = next((a for a in after if by is not None and by < a.first <= by + 3), None)
        if passive:
            return agent, _nearest_before(actors, first, w)
        if agent is not None:
            return agent, next((a for a in after if a.first > agent.last), None)
    source = _nearest_before(actors, first, w)
    if w.breaks[first] and w.words[first].endswith("ing") and rule.verb:
        # ", killing five people": the subject of the clause before, if it is an actor
        source = next((a for a in actors if a.last < first and not a.locative), None)
    opening = _clause_start(w, first)
    if w.words[opening] in _RELATIVE and (source is None or source.first < opening) and \
            all(x in _AUXILIARY or x.endswith("ly") for x in w.words[opening + 1:first]):
        # "Israeli soldiers who stormed ...": the subject is what the clause is about
        source = next((a for a in actors if a.last == opening - 1), None)
    elif source is not None:
        spoken, pronoun = _speech_between(source, first, w)
        if spoken and not pronoun:
            source = None
    target = next((a for a in after if a.first - hit.last <= _TARGET_REACH
                   and (a.country is not None or a.head.type != "place")), None)
    if source is not None:
        partner = _conjunct(source, actors, sentence)
        if partner is not None:
            source, target = partner, target or source
    return source, target


def _preceded_by_aux(w: _Words, at: int) -> bool:
    """A passive: "was (reportedly) attacked", or reduced after a count ("and six others
    injured")."""
    if at and (w.words[at - 1] in _REDUCED_PASSIVE or w.words[at - 1].isdigit()):
        return True
    i = at - 1
    while i >= 0 and (w.words[i] in _ADVERB_SKIP or w.words[i].endswith("ly")
                      or w.words[i] in ("not", "t", "never")):
        i -= 1
    return i >= 0 and w.words[i] in _PASSIVE_AUX


def _modality(hit: _Hit, w: _Words, lex: Lexicon) -> tuple[bool, bool]:
    """(negated, a stated intention) from the words just before the trigger (or its cue)."""
    first = hit.cue.first if hit.cue else hit.first
    start = max(_clause_start(w, first), first - 4)
    window = " ".join(w.words[start:first])
    return bool(lex.negation.search(window)), bool(hit.cue) or bool(
        lex.intent_words.search(window))


def code_events(sentence: str, linker: Linker | None = None, on: date | None = None,
                mentions: Sequence[Mention] | None = None) -> list[Event]:
    """The events a sentence reports, in the order of their triggers.

    ``mentions`` (from ``linker.link(sentence, on)``) may be passed when the caller has
    them already; otherwise the sentence is linked here (``bundled_linker()`` by default).
    """
    lex = lexicon()
    norm = normal(sentence)
    words = _WORD.findall(norm)
    joined = " " + " ".join(words) + " "
    if next(lex.automaton.iter(joined), None) is None:
        return []  # most sentences name no event: stop before tokenising and linking
    w = _tokenise(sentence, norm, words, joined)
    military = next(lex.military.iter(joined), None) is not None
    found = _hits(w, lex, military, sentence)
    if not found:
        return []
    if mentions is None:
        mentions = (linker or bundled_linker()).link(sentence, on)
    names = [(m.start, m.end) for m in mentions if m.type not in ("country", "place")]
    found = [h for h in found if not any(s < w.ends[h.last] and w.starts[h.first] < e
                                         for s, e in names)]
    hits = _select(_choose(found), w, lex)
    if not hits:
        return []
    actors = _actors(sentence, w, mentions)
    cut = _trailing_cut(sentence, w)
    home = _only_country(mentions)
    events: list[Event] = []
    for hit in hits:
        roles = _roles(hit, w, actors, cut, sentence)
        if roles is None:
            continue
        source, target = roles
        if source is None and target is None:
            continue  # no one did it to anyone: "five people are killed in a bus crash"
        source_country, target_country = _countries(source, target, home)
        rule = hit.rule
        kind, cameo = rule.type, rule.cameo
        if rule.military and (military or (source is not None and source.state
                                           and not source.locative)):
            kind, cameo = rule.military
        negated, intended = _modality(hit, w, lex)
        if hit.cue is not None and not intended:
            intended = True
        act = kind
        if intended and not rule.must:
            if negated and kind in lex.refusal:
                kind, cameo, negated = "REJECT", lex.refusal[kind], False
            elif kind in lex.intent_types:
                kind, new_cameo = lex.intent_types[kind]
                cameo = new_cameo or cameo
        first = hit.cue.first if hit.cue else hit.first
        if events and (events[-1].type, events[-1].source, events[-1].target) == (
                kind, _text(sentence, source), _text(sentence, target)):
            continue  # "killed ... and wounded ...": one event
        events.append(Event(
            type=kind, cameo=cameo, trigger=sentence[w.starts[first]:w.ends[hit.last]],
            source=_text(sentence, source),
            source_id=source.id if source else None,
            source_country=source_country,
            target=_text(sentence, target),
            target_id=target.id if target else None,
            target_country=target_country,
            negated=negated, sentence=sentence, intended=intended, act=act))
    return events


def _only_country(mentions: Sequence[Mention]) -> str | None:
    """The country a sentence is about when it names exactly one (by name, demonym,
    capital or a place in it), else None."""
    named = {m.country for m in mentions if m.stands_for_country and m.country}
    return next(iter(named)) if len(named) == 1 else None


def _national(actor: _Actor) -> bool:
    """Whether an actor without a country may still be national: a person, or a name the
    knowledge does not hold; not a known international body (the EU, the UN)."""
    return actor.id is None or actor.head.type == "person"


def _countries(source: _Actor | None, target: _Actor | None, home: str | None
               ) -> tuple[str | None, str | None]:
    """The countries of an event's source and target. An actor the knowledge cannot place
    ("General Ahmed Farouk", "the rebels") belongs to the one country the sentence names
    (a known international body keeps none), and an event with one side missing whose
    other side is that country is domestic (CAMEO codes "the Chadian parliament approved
    the constitution" as Chad acting on Chad)."""
    source_country = source.country if source else None
    target_country = target.country if target else None
    if source is not None and source_country is None and _national(source):
        source_country = home
    if target is not None and target_country is None and _national(target):
        target_country = home
    if home is not None:
        if target is None and source_country == home:
            target_country = home
        elif source is None and target_country == home:
            source_country = home
    return source_country, target_country


def _text(sentence: str, actor: _Actor | None) -> str | None:
    return sentence[actor.start:actor.end] if actor else None


def trigger_types(sentence: str) -> list[str]:
    """The PLOVER types of a sentence's trigger phrases, before any actor is sought: what
    kind of event a headline names when it names no actor the knowledge knows ("Two
    soldiers are killed in airstrikes"). No linking, so no event records: the kind only."""
    lex = lexicon()
    norm = normal(sentence)
    words = _WORD.findall(norm)
    joined = " " + " ".join(words) + " "
    if next(lex.automaton.iter(joined), None) is None:
        return []
    w = _tokenise(sentence, norm, words, joined)
    military = next(lex.military.iter(joined), None) is not None
    out = []
    for hit in _select(_choose(_hits(w, lex, military, sentence)), w, lex):
        negated, intended = _modality(hit, w, lex)
        if negated or intended or hit.cue is not None:
            continue
        rule = hit.rule
        out.append(rule.military[0] if rule.military and military else rule.type)
    return out
