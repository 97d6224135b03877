"""Reporting verbs, and the noun phrase that speaks them.

``cue_hits`` finds the reporting verbs of a sentence by a word look-up; ``noun_phrase``
accepts a span as a speaker only when it is a noun phrase (a clause fragment such as
"Saturday at the Munich Security Conference" or "He went on to" is refused);
``subject_before`` and ``subject_after`` find the speaker of a cue as written, and
``main_subject`` a sentence's subject. The stance of a cue, with its scope, is read in
``analyse/attribution.py``; who a speaker is, with the document as context, in
``analyse/speakers.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geobrief.analyse.text import may_hold

_ASSERT_VERBS = (
    "said|says|say|saying|told|tells|tell|added|adds|stated|states|announced|announces|"
    "reported|reports|claimed|claims|claim|estimated|estimates|estimate|warned|warns|warn|"
    "insisted|insists|insist|noted|notes|wrote|writes|argued|argues|argue|believes|believe|"
    "believed|assessed|assesses|alleged|alleges|allege|accused|accuses|accuse|suggested|"
    "suggests|predicted|predicts|urged|urges|explained|explains|testified|testifies|"
    "described|describes|maintained|maintains|asserted|asserts|contended|contends|pledged|"
    "pledges|promised|promises|vowed|vows|threatened|threatens|demanded|demands|"
    "clamou?red for|indicated|indicates|revealed|reveals|disclosed|observed|concluded|"
    "concludes|suspected|suspects|feared|fears|hoped|hopes|expects|thinks|think|thought|"
    "informed|announcing|warning|insisting|arguing|claiming|called for|calls for|cautioned|"
    "complained|complains|stressed|stresses|emphasised|emphasized|recalled|recalls|"
    "replied|responded|countered|declared|declares|predicted|projected|projects|forecast|"
    "forecasts|showed|shows|found|finds|quoted|cited|citing|admitted|admits|acknowledged|"
    "acknowledges|acknowledging|acknowledge|admitting|admit|conceded|concedes|concede|"
    "confirmed|confirms|confirm|"
    "confirming|verified|denied|denies|deny|denying|refuted|refutes|rebutted|disputed|"
    "disputes|dismissed|dismisses|dismissing|rejected|rejects|rejecting|notified|assured|"
    "assures|reiterated|mentioned|wrote|tweeted|posted|agreed|agrees|acknowledged|called|"
    "calls|branded|brands|labelled|labeled|described|note|suggest|predict|urge|explain|"
    "maintain|assert|contend|pledge|promise|vow|threaten|demand|reveal|conclude|stress|"
    "report|fear|hope|expect|reckoned|reckons|hinted|boasted|lamented|laments|"
    "reaffirmed|reaffirms|signalled|signaled|speculated|proclaimed|remarked|blamed|blames|"
    "condemned|condemns|criticised|criticized|criticises|criticizes|praised|"
    "welcomed|welcomes|hailed|hails|swore|"
    "advised|calculated|commented|objected|"
    "protested|reassured|reminded|responds|emphasises|emphasizes|"
    "insisting|alleging|denouncing|denounced|denounces|"
    "pointed out|points out|expressed concern|voiced concern"
)
# a cue that is also a plural noun ("both states", "of claims", "25 other states")
_ALSO_NOUN = frozenset("""states claims reports estimates notes fears hopes demands promises
    threatens shows finds suspects calls forecasts projects note report fear hope demand
    promise claim estimate stress""".split())
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|of|these|those|other|both|many|some|all|such|its|"
                          r"their|his|her|our|any|no|new|\d[\d,]*|several|few|more|two|three|"
                          r"and|or|united|member|us|u\.s\.|gulf|arab|rebel|media)\s+$", re.I)
_CUE_WORDS = frozenset(w for w in _ASSERT_VERBS.split("|") if " " not in w and "?" not in w)
_CUE_PHRASES = re.compile(r"\b(?P<verb>clamou?red for|called for|calls for|pointed out|points out|"
                          r"expressed concern|voiced concern|"
                          r"call(?:ed|s)? on(?=\s[^.;]{0,80}?\bto\s+[a-z])|"
                          # a gerund that reports only after "by" or a comma: "risked
                          # outrage by predicting"; not "models predicting rain"
                          r"(?:(?<=\bby )|(?<=, ))predicting|"
                          # a statement made again: "repeated its warning that"
                          r"(?:repeated|repeats|renewed|renews|restated|restates) (?:its|his|"
                          r"her|their|an?|the) (?:earlier )?(?:warnings?|calls?|claims?|"
                          r"demands?|assertions?|accusations?|threats?|pledges?|promises?|"
                          r"criticism|appeals?|charges?|insistence|assurances?)"
                          r"(?= that| for| to|[,.]))\b", re.I)
_CUE_PHRASE_HINTS = ("cla", "cal", "point", "concern", "repeat", "renew", "restat",
                     "predicting")  # in every _CUE_PHRASES match
_TOKEN = re.compile(r"[A-Za-z]+")
_AUX_BEFORE = re.compile(r"(?:\b(?:has|have|had|also|later|then|now|strenuously|readily|"
                         r"repeatedly|flatly|publicly|previously|earlier|again|firmly)\s+)+$",
                         re.I)


@dataclass(frozen=True)
class _Hit:
    start: int  # where the cue's verb group begins (auxiliaries and adverbs included)
    verb_start: int
    end: int
    verb: str


def _cue_hits(text: str, until: int | None = None) -> list[_Hit]:
    """Reporting verbs in ``text`` (up to ``until``), found by a word look-up rather than
    one large alternation, which Python's re tries at every position."""
    hits = []
    limit = len(text) if until is None else until
    for match in _TOKEN.finditer(text, 0, limit):
        word = match.group()
        if word.lower() in _CUE_WORDS and not (match.start() and text[match.start() - 1] == "-"):
            # ("laboratory-confirmed cases": part of an adjective)
            start = match.start()
            aux = _AUX_BEFORE.search(text, max(0, start - 60), start)
            hits.append(_Hit(aux.start() if aux else start, start, match.end(), word))
    if may_hold(text, _CUE_PHRASE_HINTS):
        for match in _CUE_PHRASES.finditer(text, 0, limit):
            hits.append(_Hit(match.start(), match.start(), match.end(), match.group("verb")))
    return sorted(hits, key=lambda h: h.start)


_CLAUSE_AFTER = re.compile(r"\s+(?:that|it|there|he|she|they|we|this|these)\b")
_BASE_NOUNISH = frozenset("note report fear hope demand promise claim estimate stress vow "
                          "threaten pledge".split())


# --- speakers as noun phrases ------------------------------------------------------------

_LEAD_CONNECTIVE = re.compile(
    r"^(?:and|but|while|whilst|although|though|as|meanwhile|however|so|yet|also|because|since|"
    r"when|whereas|if|unless|after|before|now|then|indeed|still|instead|even|still|"
    r"separately|later|earlier|hours earlier|days earlier|in addition|in turn|for (?:his|her|"
    r"its|their) part)\b[\s,]*", re.I)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_LEAD_TIME = re.compile(
    r"^(?:(?i:on|in|by|since|until|during|early|late|last|this|next|earlier|later)\s+)*"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?i:today|yesterday|"
    r"tonight)|"
    r"" + _MONTHS + r"|week|month|year|weekend)(?:\s+(?:\d{1,2}|morning|afternoon|"
    r"evening|night))?|\d{4}|the\s+(?:past|last)\s+(?:week|month|year))\b[\s,]*"
    r"(?=[A-Z]|(?:he|she|they|we|it|the|a|an)\b)")
# an opening prepositional phrase with no comma before the subject: "In a trembling voice
# he", "In the introduction Mr Annan"
_LEAD_PHRASE = re.compile(r"^(?i:in|with|at|on|from|during|after|before)\s+(?:(?:the|a|an|his|"
                          r"her|its|their|this|that)\s+)?(?:[a-z]+\s+){1,3}?"
                          r"(?=(?:he|she|they|we|it|I)$|(?:Mr|Mrs|Ms|Dr|Sir)\.?\s|"
                          r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*$)")
_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today
    yesterday tonight tomorrow last next earlier later on in at this that during this week
    morning evening afternoon night january february march april may june july august
    september october november december""".split())
_NOT_NP_WORDS = frozenset("""is are was were be been being has have had do does did will would
    shall should can could may might must not n't went go goes going came come comes got get
    gets made make makes took take takes gave give gives that which who whom whose when where
    while because if although though since after before than then there here it's they're
    what why how whether during into onto via became become becomes began begins seemed
    seems remained remains""".split())
_VERB_FORMS = frozenset(w for w in _ASSERT_VERBS.split("|") if w.endswith("ed") or w in (
    "said", "told", "says", "wrote", "thought", "found", "denies", "confirms", "admits",
    "insists", "warns", "argues", "believes", "adds", "tells", "accuses", "urges", "vows"))
_PEOPLE = re.compile(r"(?:officials?|police|others|critics|residents|analysts|doctors|experts|"
                     r"witnesses|sources|investigators|prosecutors|lawyers|scientists|"
                     r"researchers|protesters|rebels|activists|diplomats|observers|economists|"
                     r"inhabitants|locals|villagers|survivors|relatives|students|authorities|"
                     r"officers|soldiers|troops|militants|opponents|supporters|aides|"
                     r"ministers|leaders|spokes\w+|organisers|organizers|medics|workers|"
                     r"families|parents|campaigners|environmentalists|engineers|agencies)$")
_PREPOSITIONS = frozenset("of in at for by with to on from into about along among between "
                          "against over under despite during after before without".split())
_DANGLING = frozenset("the a an and or but nor his her its their this that".split())
_PRONOUNS = frozenset("he she they it we i you".split())
_DETERMINERS = frozenset("the a an this these those his her its their our some many several "
                         "both all two three four five six other another one".split())
_NOBODY = re.compile(r"^(?:neither|nor|no|none|nobody|no one|everyone|anyone|someone|"
                     r"something|nothing|few|which|what|who)\b", re.I)
_MEDIUM = re.compile(
    r"^(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?(?:interview|statement|post|letter|"
    r"briefing|speech|address|readout|transcript|report|message|video|news conference|"
    r"press conference|communique|tweet)s?\b(?:\s+(?P<link>from|by|of|with|to|on|in)\s+"
    r"(?P<who>.+))?$", re.I)
_TRAILING_TIME = re.compile(
    r"(?:\s+(?:on|last|this|early|late)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|today|yesterday|tonight|week|month|morning|evening|night))+$", re.I)
_WORDS = re.compile(r"[\w'\u2019.-]+")
# a past-tense verb taking its object: "closed its office", "sent the troops"
# what one acts "according to" that is nobody's statement
_RULE = re.compile(r"^(?:the|its|their|his|her|our|a|an)\s+(?:[\w-]+\s+)?(?:demands|rules?|terms|"
                   r"needs|wishes|requirements|laws?|schedule|timetable|instructions|principles|"
                   r"logic|plan|script|tradition|custom|procedures?|protocol)\b", re.I)
_PRONOUN_DETERMINERS = frozenset("some many several most others both".split())
_CONTRACTED = frozenset("there's here's it's that's what's who's he's she's where's".split())
_CLAUSE_VERB = re.compile(r"\b[a-z]{3,}ed\s+(?:its|his|her|their|our|the|a|an|this|these|"
                          r"those)\s")


def noun_phrase(span: str | None) -> str | None:
    """``span`` as a speaker noun phrase, or None when it is a fragment of a clause."""
    if not span:
        return None
    span = span.strip(" ,;:\u2013\u2014-\"'\u201c\u201d\u2018\u2019")
    if _RULE.match(span):
        return None  # "according to the demands of its branding strategy": no one
    medium = _MEDIUM.match(span)
    if medium:
        if medium.group("link") not in ("from", "by", "of") or not medium.group("who"):
            return None
        span = medium.group("who")
    while (lead := _LEAD_CONNECTIVE.match(span) or _LEAD_TIME.match(span)) and lead.end() > 0:
        span = span[lead.end():]
    intro = _LEAD_PHRASE.match(span)
    if intro:  # "In the introduction Mr Annan", "In a trembling voice he"
        span = span[intro.end():]
    span = _TRAILING_TIME.sub("", span).strip(" ,")
    span = re.sub(r"\s+(?:released|published|issued|obtained|seen|leaked|made public)$", "",
                  span)  # "A UN report released (on Monday) accused"
    if span.endswith(".") and not re.search(r"(?:\b[A-Z]\.|\b(?:Jr|Sr|Inc|Co|Ltd|Corp)\.)$",
                                             span):
        span = span[:-1]  # the sentence's full stop: "said Hughes."
    words = _WORDS.findall(span)
    if not words or len(words) > 14 or len(span) > 120 or _NOBODY.match(span):
        return None
    if (")" in span or "-RRB-" in span) and "(" not in span and "-LRB-" not in span:
        return None  # "L)" of a ticker "(IPF.L)" cut at the bracket: a fragment
    first = words[0].lower()
    if words[-1].lower() in _PREPOSITIONS | _DANGLING or first in _PREPOSITIONS:
        return None  # "hundreds of", "along with 25 other", "Despite the", "read it and"
    if words[0].islower() and re.fullmatch(r"[a-z]+ed", words[0]) and len(words) > 1:
        return None  # "issued the", "credited the efforts": a verb phrase
    if first in _TIME_WORDS and first not in ("may",):
        return None  # "Monday", "Saturday at the Munich Security Conference"
    if first in _TIME_WORDS and first not in ("this", "that") and not words[0][:1].isupper():
        return None
    if first in _TIME_WORDS - {"this", "that", "may"} and len(words) > 1:
        return None  # "Saturday at the Munich Security Conference"
    if len(words) == 1 and first in _PRONOUNS:
        return span
    if any(w.lower() in _PRONOUNS - {"it"} for w in words[1:]):
        return None  # "Other times you find lots of people alive and you": a clause
    if len(words) == 1 and words[0].islower() and not _PEOPLE.match(first):
        return None  # "lets say": a lone common word that names no one
    for word in words:
        if word.isupper() and len(word) > 1:
            continue  # an acronym: "WHO", "IS"
        low = word.lower().strip(".")
        if low in _NOT_NP_WORDS or low.endswith("n't") or (word.islower() and low in _VERB_FORMS):
            return None
    if ")" in span and span.rstrip(")").count(")") and span.rsplit(")", 1)[1].strip():
        span = span.rsplit(")", 1)[1].strip()  # "(Updated 6:40 p.m.) U.S. President Obama"
        words = _WORDS.findall(span)
    if any(w.lower() in _CONTRACTED for w in words):
        return None  # "There's always the option"
    if _CLAUSE_VERB.search(span):
        return None  # "Coca-Cola also closed its office in Cairo": a clause
    if not any(w[:1].isupper() or w.lower() not in _DETERMINERS for w in words):
        return None
    if len(words) == 1 and first in _PRONOUN_DETERMINERS:
        return span  # "Some suggested", "Many believe": a pronoun for people
    if all(w.lower() in _PRONOUNS | _DETERMINERS for w in words):
        return None
    return span


_SUBJECT_BOUNDARY = re.compile(r"(?:[,;:\u2014\u201c\u201d\"]|\s-\s|"
                               r"(?-i:\bthat\b|\bwhich\b|\bwho\b)|"
                               # a subordinate clause's own subject: "..., was triggered
                               # when the Mexican government announced"
                               r"(?-i:\b(?:when|after|because|while|whilst|since|although|"
                               r"though|before|once|until|whereas|where)\b)|"
                               r"(?-i:\bas\b(?=\s+(?:the\s|[A-Z])))|"
                               # a sentence glued to the one before: "leaks. UN Secretary"
                               r"\.(?<=[a-z]{4}\.)\s+(?=[A-Z])|"
                               r"\band\s+(?=(?:he|she|they|it|we)\b)|^)\s*", re.I)
_APPOSITION = re.compile(r"(?P<name>(?:[A-Z][\w.'\u2019-]*\s?){2,5}),\s*(?P<title>[\w .'-]{3,100}),"
                         r"\s*$")


_REPORTED_PRONOUN = re.compile(r"\b(?:said|says|told|added|insisted|stated|confirmed|"
                               r"acknowledged|admitted|warned|claimed|argued|explained|"
                               r"announced|denied|believes?|believed|thinks?|thought)"
                               r"(?:\s+[\w-]+){0,5}?(?: that)?\s+(?:he|she|it|they|we)"
                               r"(?:\s+(?:had|has|have|would|could|was|were|is|are|\w+ly))*\s*$",
                               re.I)
_TRAILING_AUX = re.compile(r"(?:\s+(?:has|have|had|also|still|again|now|then|later|even|"
                           r"just|further|is|are|was|were|would|will|did|does|"
                           r"do|not|n't|never|\w+ly))+\s*$", re.I)
_MAIN_SUBJECT = re.compile(r"^(?:[^,]{0,40},\s*)?(?P<np>(?:[A-Z][\w.'\u2019-]*)(?:\s+(?:[A-Z]"
                           r"[\w.'\u2019-]*|of|the|and|for|de|al))*)(?:\s*,|\s+(?:\w+ly\s+)?"
                           r"(?:has |have |had )?[a-z])")
_ASIDE = re.compile(r"^\s*(?:\w+ing\b|who\b|which\b|along with\b|together with\b|like\b|"
                    r"\d{1,3}\s*,?\s*$|"  # an age: "Simon, 76, said"
                    r"meanwhile\b|nevertheless\b|nonetheless\b|moreover\b|in turn\b|"
                    r"in response\b|in addition\b|instead\b|again\b|for (?:his|her|its|"
                    r"their) part\b|"
                    r"as well as\b|in a statement|in an interview|on \w+day\b|however\b|"
                    r"though\b|too\b|for example\b|\w+ly\b\s*$)", re.I)


# a non-restrictive relative clause between a subject and its verb ("Negotiators from the
# group, of which India is a member, have argued"): the subject lies before it
_RELATIVE_END = re.compile(r",\s*(?:(?:of|in|to|for|with|from|by|at|among)\s+)?"
                           r"(?:which|who|whom|whose)\b[^,;:\u201c\u201d\"]{1,160},?\s*$")


def main_subject(text: str) -> str | None:
    match = _MAIN_SUBJECT.match(text)
    found = noun_phrase(match.group("np")) if match else None
    if found is None and match and match.group("np").endswith(" and"):
        # "Obama and other top officials said": the capitals end inside the subject
        hit = next((h for h in _cue_hits(text) if not _noun_use(text, h)), None)
        found = _subject_before(text, hit.start) if hit else None
    return found


def _clause_subject(clause: str) -> str | None:
    """The subject opening a clause ("But he had zero experience ...": he)."""
    clause = clause.strip(" ,")
    while (lead := _LEAD_CONNECTIVE.match(clause)) and lead.end() > 0:
        clause = clause[lead.end():]
    match = _CLAUSE_SUBJECT.match(clause)
    return noun_phrase(match.group("np")) if match else None


_CLAUSE_SUBJECT = re.compile(r"(?P<np>(?:he|she|they|we|it|I|[A-Z][\w.'\u2019-]*(?:\s+[A-Z]"
                             r"[\w.'\u2019-]*)*))\s+(?:\w+ly\s+)?[a-z]")
_COORDINATOR = re.compile(r"\s*,?\s*(?:and|but)\s*")


_TRAILING_NAME = re.compile(r"(?<=[a-z] )(?P<name>(?:[A-Z][\w.'\u2019-]*\s+){0,5}"
                            r"[A-Z][\w'\u2019-]+)$")
_RELATIVE_WORD = re.compile(r"\b(?:who|which|that)\s*$")


# what a study or a test shows is reported by whoever cites it
_EVIDENCE = re.compile(r"^(?:(?:his|her|their|its|the|these|those|our|new|latest|early|initial)"
                       r"\s+)*(?:[\w-]+\s+){0,2}?(?:findings|tests?|results?|data|study|studies|"
                       r"research|evidence|analys[ei]s|samples|records)\b", re.I)
_PUNCT_AFTER = re.compile(r"\s*(?:[,;)\u2014]|--)")
_AS_BEFORE = re.compile(r"\bas\s+(?:[\w'\u2019.-]+\s+){0,3}$", re.I)


def evidence(speaker: str) -> bool:
    """Whether a speaker is evidence rather than a party ("his findings", "tests by
    specialist laboratories in Canada")."""
    return bool(_EVIDENCE.match(speaker))


def _noun_at_end(text: str, start: int, end: int) -> bool:
    """Whether a plural cue word ends a noun phrase: punctuation follows it, and no "as"
    introduces it ("in the Panama Papers reports \u2014", "delays on key projects,"; not
    "as the ministry states,")."""
    if not _PUNCT_AFTER.match(text, end):
        return False
    before = text[max(0, start - 40):start]
    previous = re.search(r"(\S+)\s+$", before)
    return previous is not None and previous.group(1).lower() not in _PRONOUNS | {"i"} and \
        not _AS_BEFORE.search(before) and previous.group(1)[-1:].isalnum()


def _noun_use(text: str, hit: _Hit) -> bool:
    """Whether a cue word is used as a noun here ("both states", "a BBC report said")."""
    low = hit.verb.lower()
    if low in _ALSO_NOUN and _NOUN_BEFORE.search(text, max(0, hit.verb_start - 30),
                                                 hit.verb_start):
        return True
    if low not in _BASE_NOUNISH or _CLAUSE_AFTER.match(text, hit.end):
        return False
    previous = re.search(r"(\S+)\s+$", text[max(0, hit.verb_start - 30):hit.verb_start])
    word = previous.group(1) if previous else ""
    # "Various media reports claim the device...", "they fear": a verb after its subject
    return not (word.lower() in ("they", "we", "i", "you") or (
        word.islower() and word.endswith("s") and len(word) > 3 and not word.endswith("'s")))


# "it suggests", "this shows": a fact or a finding that means something, not a speaker
_EVIDENTIAL = re.compile(r"(?:\w+ly\s+)?(?:suggest|show|indicate|mean|signal)(?:s|ed)?\b",
                         re.I)


def _subject_before(text: str, at: int) -> str | None:
    """The noun phrase that ends right before ``at`` (the cue), within its clause; for a
    pronoun reporting its own speaker ("X said he could not confirm"), X. "It" or "this"
    before an evidential verb ("because it suggests") is no one."""
    found = _noun_before(text, at)
    if found is not None and found.lower() in ("it", "this", "that") and \
            _EVIDENTIAL.match(text, at) and not re.search(r"\b(?:has|have|had)\s+$",
                                                          text[:at]):
        return None
    return found


def _noun_before(text: str, at: int) -> str | None:
    before = text[:at].rstrip()
    window = max(0, len(before) - 120)
    reported = _REPORTED_PRONOUN.search(before, window)
    aux = _TRAILING_AUX.search(before, max(0, len(before) - 60))
    before = before[:aux.start()] if aux else before
    relative = _RELATIVE_END.search(before, max(0, len(before) - 170))
    before = before[:relative.start()] if relative else before
    if reported:
        outer = next((h for h in _cue_hits(before) if h.verb_start >= reported.start()), None)
        if outer is not None:
            speaker = _subject_before(text, outer.start)
            if speaker:
                return speaker
    apposition = _APPOSITION.search(before, max(0, len(before) - 140))
    if apposition and noun_phrase(apposition.group("title")) and \
            not _ASIDE.match(apposition.group("title")) and \
            apposition.group("title").split()[0].lower() not in _PREPOSITIONS:
        name = noun_phrase(apposition.group("name"))
        if name:
            return f"{name}, {apposition.group('title').strip()}"
    verb_ends = {h.end for h in _cue_hits(before) if not _noun_use(text, h)}
    starts = sorted({0, *(m.end() for m in _SUBJECT_BOUNDARY.finditer(before)), *verb_ends})
    end = len(before)
    for start in reversed(starts):
        segment = before[start:end]
        joined = _AND_CLAUSE.search(segment) if start in verb_ends and end == len(before) \
            else None
        if joined and noun_phrase(segment[joined.end():]):
            # "Washington dismissed the idea and BP execs say": after a verb and its
            # object, "and" opens a clause of its own, whose subject speaks
            return noun_phrase(segment[joined.end():])
        if not segment.strip(" ,") and start > 0 and before[:start].rstrip().endswith(","):
            end = start  # "The WHO, bowing to pressure, said": the comma closes an aside
            continue
        if _ASIDE.match(segment) and start > 0:
            end = start  # "The WHO, bowing to pressure from producers, said": skip the aside
            continue
        found = noun_phrase(segment)
        relative = _RELATIVE_WORD.search(before, max(0, start - 12), start)
        if found is None and relative and segment.strip() and \
                not before[:relative.start()].rstrip().endswith(","):
            # "Protesters who were gathered in Tahrir Square said": the restrictive
            # clause's head speaks
            end = relative.start()
            continue
        if found is None and relative and relative.group() != "that" and \
                before[:relative.start()].rstrip().endswith(","):
            # "Fitch, which in May admitted", "Dr Conrad Murray, who denies": the
            # non-restrictive clause's antecedent speaks
            head = before[:relative.start()].rstrip()[:-1]
            earlier = max((s for s in starts if s < len(head)), default=0)
            trailing = _TRAILING_NAME.search(head[earlier:])  # the name just before
            antecedent = (noun_phrase(trailing.group("name")) if trailing else None) or \
                noun_phrase(head[earlier:])
            if antecedent:
                return antecedent
        if found is None and start > 0 and _COORDINATOR.fullmatch(segment):
            # "But he had zero experience of the oil industry, and has admitted": the
            # subject the two verbs share
            earlier = max((s for s in starts if s < start - len(segment) + 1), default=0)
            shared = _clause_subject(before[earlier:start])
            if shared:
                return shared
        if found is None and (trailing := _TRAILING_NAME.search(segment.rstrip())):
            # "The new estimate came on the same day NATO Secretary General Mark Rutte said"
            found = noun_phrase(trailing.group("name"))
        if found and re.match(r"(?:a|an)\s", found) and before[:start].rstrip().endswith(","):
            # "Sarah Sirgany, a reporter for Daily News Egypt who has been posting, said"
            head = before[:start].rstrip()[:-1]
            earlier = max((s for s in starts if s < len(head)), default=0)
            name = noun_phrase(head[earlier:])
            if name and name[:1].isupper() and name.lower() not in _PRONOUNS:
                return f"{name}, {found}"
        return found
    return None


_AND_CLAUSE = re.compile(r"^.*\s(?:and|but)\s+")


_INVERTED_SUBJECT = re.compile(r"\s+(?P<who>(?:[A-Za-z][\w.'\u2019-]*)(?:[ -][\w.'\u2019-]+)"
                               r"{0,9}?)\s*(?=,|\.\s*$|\.?[\u201d\"]?\s*$| in a | on \w+day\b|"
                               r" at a | who | during )")


_INVERTING = frozenset("said says added adds told wrote writes noted notes warned warns "
                       "insisted insists explained explains asked argued argues stated "
                       "continued continues".split())


def _subject_after(text: str, start: int, end: int) -> str | None:
    """The subject of an inverted cue: '..., said Kremlin spokesman Dmitry Peskov.'"""
    if text[start:end].lower() not in _INVERTING or \
            not re.search(r"[,\u201d\"\u2019']\s*$", text[:start]):
        return None
    match = _INVERTED_SUBJECT.match(text, end)
    who = noun_phrase(match.group("who")) if match else None
    title = _TITLE_AFTER.match(text, match.end()) if match and who else None
    if who and title and noun_phrase(title.group("title")) and \
            not _ASIDE.match(title.group("title")) and \
            not _LEAD_CONNECTIVE.match(title.group("title")) and \
            title.group("title").split()[0].lower() not in _PREPOSITIONS:
        # '..., said Gerald Graham, president of Worldocean Consulting, an oil spill ...'
        return f"{who}, {title.group('title')}"
    return who


# an apposition after an inverted subject: ", president of Worldocean Consulting,"
# (not "a protester": one of many, said of the name, not a title)
_TITLE_AFTER = re.compile(r",\s*(?!(?:a|an)\s)(?P<title>[a-z][\w .'\u2019-]{2,80}?)\s*"
                          r"(?=,|\.\s*$)")


