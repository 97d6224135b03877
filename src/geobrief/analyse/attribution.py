"""Who a sentence reports, and their stance towards what it reports.

A sentence reports a statement through a cue: a reporting verb ("said", "denied",
"confirmed", "declined to comment"), "according to", or a noun ("X's assertion that").
For each cue this module finds its speaker as written (always a noun phrase: a clause
fragment such as "Saturday at the Munich Security Conference" or "He went on to" is
refused) and its stance, with scope: a negated or hypothetical cue ("did not deny",
"could never be denied", "no one would deny") and the other senses of deny, reject and
dismiss ("deny the regime the use of force", "rejected a proposal", "were denied access")
are not denials. The reporting verbs and the noun phrases that speak them are found in
``analyse/speaker_phrase.py``; who a pronoun or a title is, with the document as
context, in ``analyse/speakers.py``.

Tokenised corpora (Timeline17: ```` `` ```` and ``''`` quotes, ``-LRB-``, ``does n't``) are read
through ``plain``, so every pattern sees ordinary punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geobrief.analyse.speaker_phrase import (
    _ALSO_NOUN,
    _BASE_NOUNISH,
    _CLAUSE_AFTER,
    _NOUN_BEFORE,
    _cue_hits,
    _Hit,
    _noun_at_end,
    _noun_use,
    _subject_after,
    _subject_before,
    evidence,
    main_subject,
    noun_phrase,
)
from geobrief.models import Stance

_DETOKEN = (("``", "\u201c"), ("''", "\u201d"), ("`", "\u2018"), ("-LRB-", "("), ("-RRB-", ")"),
            ("-LSB-", "["), ("-RSB-", "]"), ("\\/", "/"), ("--", "\u2014"))
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]\u201d])")
_SPACE_AFTER = re.compile(r"([(\[\u201c$]) ")
_CLITIC = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.I)
_SPLIT_POSSESSIVE = re.compile(r"(\w) ' s\b")


def plain(text: str) -> str:
    """The sentence with tokenised punctuation undone ("does n't" -> "doesn't")."""
    if "``" not in text and " ," not in text and "-LRB-" not in text and " n't" not in text \
            and " 's" not in text and "''" not in text and " ." not in text:
        return text
    for token, char in _DETOKEN:
        text = text.replace(token, char)
    text = _SPLIT_POSSESSIVE.sub(r"\1's", text)
    text = _CLITIC.sub(r"\1", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)


# --- cues -------------------------------------------------------------------------------

_CONFIRM = frozenset("""admitted admits admit acknowledged acknowledges acknowledge
    acknowledging admitting conceded concedes concede confirmed confirms confirm confirming
    verified""".split())
_ADMIT = frozenset("admitted admits admit admitting".split())
# "admitted that", "admits responsibility": a concession; "admits one case a week", "was
# admitted to hospital": another sense
_CONCESSION_AFTER = re.compile(r"^\s+(?:that|to|it|there|having|he|she|they|we|its|his|her|"
                               r"their|the\s+(?:mistake|error|failure|blame|claim|report)|"
                               r"responsibility|guilt|liability|wrongdoing|making|being|"
                               r"mistakes?|errors?|failures?|fault|defeat|some|in)\b", re.I)
_DENY = frozenset("""denied denies deny denying refuted refutes rebutted disputed disputes
    dismissed dismisses dismissing rejected rejects rejecting""".split())
_NEEDS_CLAIM_OBJECT = frozenset("""disputed disputes dismissed dismisses dismissing rejected
    rejects rejecting""".split())
_NOT_CONFIRM = re.compile(
    r"\b(?P<verb>(?:declined|refused|would not|wouldn't|will not|won't)"
    r"(?: (?:immediately|officially|publicly))? (?:to )?(?:(?:independently|immediately|"
    r"officially|publicly) )?(?:confirm|verify|comment|deny|corroborate|say|discuss|"
    r"elaborate|disclose|specify|give details|give a figure|reveal|provide details)|"
    r"(?:has|have|had|is|are|was|were) yet to (?:confirm|comment|respond|verify|"
    r"acknowledge)|"
    r"(?:did not|didn't|has not|hasn't|have not|haven't) (?:immediately )?(?:respond|reply) "
    r"to (?:\w+ )?(?:requests?|inquiry|inquiries|enquiry|enquiries|calls|emails?|messages|"
    r"questions)|"
    r"(?:had|has|have|made|offered) no (?:immediate |official )?comment|"
    r"(?:could not|couldn't|cannot|can't|did not|didn't|does not|doesn't|has not|hasn't|"
    r"have not|haven't|had not|hadn't|was unable|were unable|is unable|are unable)"
    r"(?: (?:yet|independently|immediately|officially|publicly|be able))?"
    r" (?:to )?(?:(?:independently|immediately|officially|publicly) )?"
    r"(?:confirm(?:ed)?|verif(?:y|ied)|comment(?:ed)?|deny|denied|corroborate|"
    r"acknowledged?)|"
    r"neither confirm(?:ed|s)? nor den(?:ied|y|ies)|(?:would|will|did) neither confirm "
    r"nor deny|no comment|not (?:immediately )?available (?:for|to) comment)\b", re.I)
_NO_COMMENT_FROM = re.compile(r"\bno (?:immediate |official )?(?:comment|response|reaction) "
                              r"(?:from|by) (?P<who>[^,.;:]+?)(?= on | about | to |[,.;:]|$)",
                              re.I)
_REFUSAL_HINTS = ("not ", "n't", "declined", "refused", "neither", "unable", "comment",
                  "cannot", "yet to")
_ACCORDING = re.compile(r"\b(?:[Aa]ccording to|[Cc]iting|[Qq]uoting|[Ii]n the words of|"
                        r"[Bb]y(?= [A-Z][\w.' -]{0,60}?(?:'s|\u2019s) own (?:account|admission|"
                        r"estimate|count|reckoning)))"
                        r" "
                        r"(?P<who>(?:[^,.;:\u201d\"]|\.(?=\w))+?)(?=,|\.|;|:| that |"
                        r" which |$)")
_NOUN_CUE = re.compile(
    r"(?P<who>[A-Z][\w.\u2019' -]{1,80}?)(?:'s|\u2019s) (?:own )?(?P<noun>assertion|claims?|"
    r"statement|denial|estimates?|warning|view|account|assessment|allegations?|"
    r"admission|confirmation|insistence|contention|suggestion)\b")
_TOLD_BY = re.compile(r"\b(?:was|were|had been|have been|has been|being)\s+told\s+(?:\w+\s+){0,3}?"
                      r"by\s+(?P<who>[^,.;]+?(?:,\s*[A-Z][^,.;]+?)?)\s*(?:,\s*)?(?=that\b|,|\.|$)")
_WHICH_DENIED = re.compile(r", (?:which|something|a claim|an allegation) (?P<who>[A-Z]"
                           r"[\w.' -]{1,60}?) (?:have |has |had )?(?P<verb>denied|deny|denies|"
                           r"rejected|dismissed|confirmed|acknowledged|admitted|"
                           r"conceded)\b")
_CLAIM_NOUNS = (r"(?:reports?|claims?|allegations?|accusations?|charges?|assertions?|"
                r"suggestions?|accounts?|assessments?|findings?|speculation|rumou?rs?|"
                r"statements?|estimates?|figures?|evidence|stories|story|intelligence|"
                r"(?:idea|notion)(?=\s+that\b)|criticism|contention|conclusions?|theory|theories|view|"
                r"insinuations?|characteri[sz]ation|assumptions?|comparisons?|talk|fears?|"
                r"concerns?|the possibility that)")
_AS_FALSE = (r"as [\u201c\"]?(?:fake|false|baseless|groundless|lies|fabricat\w*|absurd|untrue|"
             r"nonsense|propaganda|ridiculous|unfounded|fibs|speculation|rumou?rs?|"
             r"inaccurate|misleading|a lie|lies|slander|provocation|fiction|\w+ (?:lies|"
             r"nonsense|fabrication|fiction))")
_CLAIM_OBJECT = re.compile(r"^(?:\s+[\w'\u2019\u201c\u201d-]+){0,5}?\s+" + _CLAIM_NOUNS +
                           r"\b|^(?:\s+[\w'\u2019\u201c\u201d-]+){0,8}?\s+" + _AS_FALSE, re.I)
# "deny" in the sense of refusing something to someone: "denied access", "deny the regime
# the use of force", "were denied entry"
_REFUSAL_OBJECT = re.compile(
    r"^\s+(?:(?:him|her|them|us|me|it|the\s+[\w-]+(?:\s+[\w-]+)?|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)"
    r"\s+)?(?:any\s+|the\s+|a\s+|an\s+)?(?:access|entry|visas?|permission|bail|the right|"
    r"rights|use|opportunity|chance|request|appeals?|applications?|licen[cs]es?|passage|"
    r"landing|asylum|parole|a hearing|admission|membership|funding|benefits?|service|"
    r"treatment|food|water|aid|medical)\b", re.I)
_BE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:(?:\w+ly|also|widely|"
                        r"still|now)\s+)?$", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|initially|later|"
                             r"previously)\s+$", re.I)
_NEGATION_BEFORE = re.compile(r"\b(?:not|n't|never|no one|nobody|none|cannot|neither|nor|"
                              r"without|hardly)\s+(?:\w+\s+){0,2}$", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:would|could|might|may|should|will|shall|must|can|"
                           r"to|expected to|likely to|asked to|if)\s+(?:\w+\s+){0,1}$", re.I)
_CALLING = frozenset("called calls branded brands labelled labeled described".split())
_CALLED_FALSE = re.compile(r"^\s+(?:(?:the|these|those|such|his|her|their|its|them|it|this|"
                           r"that)\s+)?(?:[\w'-]+\s+){0,3}?(?:as\s+)?[\u201c\"]?(?:fake|false|"
                           r"baseless|groundless|lies|a lie|fabricat\w*|absurd|untrue|"
                           r"nonsense|propaganda|a provocation|ridiculous|unfounded|slander|"
                           r"fiction|a hoax|hoax)", re.I)
# base forms read only before a clause ("they note that"), never after I, we, a modal
_NEW_BASE = frozenset("note suggest predict urge explain maintain assert contend pledge promise "
                      "vow threaten demand reveal conclude stress report fear hope expect"
                      .split())
_PHRASAL = frozenset("showed shows show found finds told tells called calls".split())
_PARTICLE_AFTER = re.compile(r"^\s+(?:up|off|around|out)\b(?!\s+(?:that|whether)\b)", re.I)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:in|among|as)\b")
_COUNTED_AFTER = re.compile(r"\s+(?:cases?|deaths?|toll|infections?|fatalities|patients|"
                            r"victims|number|figures?|total|count)\b", re.I)
_HAVE_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?$", re.I)
_APPOINTMENT_AFTER = re.compile(r"\s+(?:[\w.'\u2019-]+\s+){0,3}?(?:nomination|nominee|"
                                r"appointment)\b", re.I)
_CAN_CONFIRM = re.compile(r"\b(?:I|we) can (?:now )?confirm\b", re.I)
_ADJECTIVE_USE = re.compile(r"(?:\b(?:the|a|an|of|no|any|more|new|\d[\d,]*|two|three|four|five|"
                            r"six|seven|eight|nine|ten|laboratory|lab|officially|been)\s+)$",
                            re.I)
_QUOTE_CHARS = "\"\u201c\u201d"


@dataclass(frozen=True)
class Attribution:
    """The statement a sentence reports: who (as written), the cue and the stance."""

    speaker: str | None
    cue: str | None
    stance: Stance
    quote: bool


# --- stance with scope ------------------------------------------------------------------

def _deny_sense(text: str, verb: str, start: int, end: int) -> bool:
    """Whether a deny/reject/dismiss cue denies a claim (not a refusal, a sacking, a vote)."""
    after = text[end:]
    if verb.lower() in _NEEDS_CLAIM_OBJECT:
        return bool(_CLAIM_OBJECT.match(after))
    if _REFUSAL_OBJECT.match(after):
        return False
    return not _PASSIVE_BEFORE.search(text[max(0, start - 40):start])


def _stance_of(text: str, verb: str, start: int, end: int) -> Stance | None:
    """The stance a cue gives, with its scope; None when the cue reports nothing here."""
    low = verb.lower()
    before = text[max(0, start - 60):start]  # what scopes a cue lies just before it
    if low.endswith(("ed", "said", "told", "thought", "found")) and low not in _DENY | _CONFIRM \
            and _BE_BEFORE.search(before) and not re.match(r"\s+by\b", text[end:]):
        return None  # "Shootings were also reported": what is reported, not who reports
    if low in _ALSO_NOUN and (_NOUN_BEFORE.search(before) or _noun_at_end(text, start, end)):
        return None
    if low in ("agreed", "agrees") and re.match(r"\s+to\s+(?!the\b|a\b|an\b|this\b|that\b)",
                                               text[end:]):
        return None  # "agreed to put $20bn in a fund": an act, not a statement
    if low in _BASE_NOUNISH and _noun_use(text, _Hit(start, start, end, verb)):
        return None  # "a BBC report said", "their fear": the noun, not the verb
    if low in ("estimated", "estimates") and re.match(r"\s+at\b", text[end:]):
        return None  # "the damage bill, ..., estimated at $18 billion": a value
    if low in _NEW_BASE and (not _CLAUSE_AFTER.match(text, end) or re.search(
            r"(?:\b(?:I|we|you|would|could|might|may|should|will|can)|,)\s+(?:\w+\s+)?$",
            before)):
        return None  # "they reveal the sort of", "we would expect", "Fred, explain"
    if low in _PHRASAL and _PARTICLE_AFTER.match(text[end:]):
        return None  # "showed up in Korea", "told off": another verb
    if low in _ADMIT and not _CONCESSION_AFTER.match(text[end:]):
        return None
    negated = bool(_NEGATION_BEFORE.search(before))
    if low in _CALLING:
        if _CALLED_FALSE.match(text[end:]) and not negated:
            return Stance.DENY  # "called the reports fake"
        return Stance.ASSERT if low not in ("called", "calls") else None
    if low in _DENY:
        if not _deny_sense(text, verb, start, end):
            return None
        if negated:
            return Stance.NOT_CONFIRM if re.search(r"\b(?:did|does|has|have|had)\s*(?:not|"
                                                   r"n't)\s+(?:\w+\s+)?$", before) else None
        if _MODAL_BEFORE.search(before):
            return None
        return Stance.DENY
    if low in _CONFIRM:
        if _ADJECTIVE_USE.search(before) and low in ("confirmed", "verified"):
            return None  # "confirmed cases", "had been confirmed"
        if low in ("confirmed", "verified") and (_PARTICIPLE_AFTER.match(text, end) or (
                _COUNTED_AFTER.match(text, end) and not _HAVE_BEFORE.search(before))):
            return None  # "the earliest confirmed case", "swine flu confirmed in 14 people"
        if _APPOINTMENT_AFTER.match(text, end):
            return None  # "the Senate confirmed Obama's nomination of Sebelius": a vote
        if _CAN_CONFIRM.search(text[max(0, start - 20):end]):
            return Stance.CONFIRM
        if negated:
            return Stance.NOT_CONFIRM
        if _MODAL_BEFORE.search(before) or _PASSIVE_BEFORE.search(before):
            return None
        return Stance.CONFIRM
    if negated and low not in ("warned", "insisted", "believe", "believes", "think"):
        return None
    if re.search(r"\bto\s+$", before) and not low.endswith(("s", "ed", "ing")):
        return None  # "using US networks to explain how": an infinitive, no statement
    return Stance.ASSERT


_PRIORITY = {Stance.DENY: 3, Stance.NOT_CONFIRM: 3, Stance.CONFIRM: 2, Stance.ASSERT: 1}


def _in_quote(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation: one opened before it, or one that a
    quotation mark after it closes (a quotation going on from an earlier sentence:
    'All the evidence suggests ...," he said')."""
    opened = text[:at].count("\u201c") - text[:at].count("\u201d")
    straight = text[:at].count('"')
    if opened > 0 or straight % 2 == 1:
        return True
    return text[at:].count("\u201d") > text[at:].count("\u201c")


Cue = tuple[int, Stance, str, int, int]  # priority, stance, verb, subject ends, cue ends


def _cues(text: str) -> list[Cue]:
    """Every cue that reports something, with where its subject ends and the cue ends."""
    found: list[Cue] = []
    low = text.lower()
    refusals = _NOT_CONFIRM.finditer(text) if any(w in low for w in _REFUSAL_HINTS) else ()
    for match in refusals:
        found.append((_PRIORITY[Stance.NOT_CONFIRM], Stance.NOT_CONFIRM, match.group("verb"),
                      match.start(), match.end()))
    taken = [(s, e) for _p, _s, _v, s, e in found]
    for hit in _cue_hits(text):
        start, end = hit.verb_start, hit.end
        if any(s <= start < e for s, e in taken):
            continue
        stance = _stance_of(text, hit.verb, start, end)
        if stance is None:
            continue
        found.append((_PRIORITY[stance], stance, hit.verb, hit.start, end))
    return found


def attribute(sentence: str) -> Attribution:
    """The statement ``sentence`` reports (plain text; see ``plain``)."""
    quote = any(c in sentence for c in _QUOTE_CHARS)
    if sentence.rstrip().endswith("?") or _CREDIT.match(sentence):
        return Attribution(None, None, Stance.NONE, quote)
    which = _WHICH_DENIED.search(sentence) if ", " in sentence else None
    if which and noun_phrase(which.group("who")):
        verb = which.group("verb").lower()
        stance = Stance.CONFIRM if verb in _CONFIRM else Stance.DENY
        return Attribution(noun_phrase(which.group("who")), verb, stance, quote)
    silent = _NO_COMMENT_FROM.search(sentence) if "comment" in sentence else None
    cues = sorted(_cues(sentence), key=lambda c: (-c[0], c[3]))
    if silent and noun_phrase(silent.group("who")) and not any(
            c[1] in (Stance.DENY, Stance.CONFIRM) for c in cues):  # "no comment from Moscow"
        return Attribution(noun_phrase(silent.group("who")), "no comment", Stance.NOT_CONFIRM,
                           quote)
    according = _ACCORDING.search(sentence)
    if according and noun_phrase(according.group("who")) is None:
        according = None  # "according to an interview with KBS": the medium, no speaker
    for _priority, stance, verb, start, end in cues:
        if stance is Stance.ASSERT and according:
            break
        if _in_quote(sentence, start) or _COORDINATED.search(sentence[max(0, start - 30):start]):
            # a cue inside a quotation ("I can confirm"), or one sharing its subject
            # ("said ... and admitted"): the speaker of the cue that governs it
            outer = _outer_speaker(sentence, cues, start)
            if outer is not None:
                return Attribution(outer, verb.lower(), stance, quote)
        # '"...," said Mokhtar Kamel': after a quotation, an inverted cue names its speaker
        # after it ("Putin congratulates Trump, says Russia ready": not inverted)
        speaker = _subject_after(sentence, end - len(verb), end) \
            if not _in_quote(sentence, start) and verb.lower() not in ("told", "tells") and \
            re.search(r"[\u201d\"\u2019'],?\s*$", sentence[:end - len(verb)]) else None
        speaker = speaker or _subject_before(sentence, start)
        if verb.endswith("ing") and (sentence[:start].rstrip().endswith(",") or
                                     _BY_GERUND.search(sentence, max(0, start - 4), start)):
            # "Moon dismissed the idea, warning that"; "BP has risked outrage by
            # predicting": the subject of the main clause
            speaker = _opening_subject(sentence) or main_subject(sentence) or speaker
        if speaker is None and not _in_quote(sentence, start):
            speaker = _subject_after(sentence, end - len(verb), end)
        if speaker is not None and evidence(speaker) and \
                (governing := _governing(sentence, cues, start)) is not None:
            return Attribution(*governing, Stance.ASSERT, quote)
        if speaker is None and stance is Stance.ASSERT:
            continue
        if speaker is None and stance is not Stance.ASSERT and _agentless(sentence, start):
            continue  # "it has been confirmed", "could not be independently verified"
        return Attribution(speaker, verb.lower(), stance, quote)
    told = _TOLD_BY.search(sentence) if " told " in sentence else None
    if told and noun_phrase(told.group("who")):  # "I had been told by a friend, X, that"
        return Attribution(noun_phrase(told.group("who")), "told", Stance.ASSERT, quote)
    if according:
        who = noun_phrase(according.group("who"))
        if who:
            return Attribution(who, "according to", Stance.ASSERT, quote)
    noun = _NOUN_CUE.search(sentence) if "s " in sentence and (
        "'s " in sentence or "\u2019s " in sentence) else None
    if noun and noun_phrase(noun.group("who")):
        kind = noun.group("noun")
        stance = Stance.DENY if kind == "denial" else Stance.CONFIRM if kind in (
            "admission", "confirmation") else Stance.ASSERT
        return Attribution(noun_phrase(noun.group("who")), kind, stance, quote)
    return Attribution(None, None, Stance.NONE, quote)


_CREDIT = re.compile(r"^\W*(?:reporting|editing|edited|writing|compiled|additional reporting)"
                     r"\s+by\b", re.I)
_BY_GERUND = re.compile(r"\bby\s+$")
_OPENING_SUBJECT = re.compile(r"^(?:(?:But|And|Yet|So|Meanwhile|However),?\s+)?(?P<np>(?:the|a|an)"
                              r"\s+(?:[\w'\u2019-]+\s+){0,4}?[\w'\u2019-]+)\s+(?:has|have|had|is|"
                              r"are|was|were|will|would|also|again|then)\b")


def _opening_subject(sentence: str) -> str | None:
    """A sentence's subject when it is a description ("But the British oil giant has
    risked outrage ..."), which ``main_subject`` (capitalised names) does not read."""
    found = _OPENING_SUBJECT.match(sentence)
    return noun_phrase(found.group("np")) if found else None
_COORDINATED = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:\w+ly\s+)?$", re.I)


def _outer_speaker(sentence: str, cues: list[Cue], at: int) -> str | None:
    for _p, _stance, verb, start, end in sorted(cues, key=lambda c: c[3]):
        if start == at or _in_quote(sentence, start):
            continue
        speaker = _subject_after(sentence, end - len(verb), end) or \
            _subject_before(sentence, start)
        if speaker is not None and speaker.lower() not in ("i", "we"):
            return speaker
    return None


def _governing(sentence: str, cues: list[Cue], at: int) -> tuple[str, str] | None:
    """The speaker and verb of a saying cue before ``at`` whose clause holds it: "Professor
    Ferguson said his findings confirmed that ...": Ferguson asserts what they show."""
    for _p, stance, verb, start, _end in sorted(cues, key=lambda c: c[3]):
        if start >= at or stance is not Stance.ASSERT or _in_quote(sentence, start) or \
                re.search(r"[.;:]\s", sentence[start:at]):
            continue
        speaker = _subject_before(sentence, start)
        if speaker is not None and not evidence(speaker):
            return speaker, verb.lower()
    return None


def _agentless(sentence: str, start: int) -> bool:
    return bool(re.search(r"\b(?:be|been|being|was|were|is|are|it has|it had)\s+"
                          r"(?:\w+\s+)?$", sentence[:start], re.I)) or start < 3
