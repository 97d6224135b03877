"""Who a sentence reports, and their stance towards what it reports.

A sentence reports a statement through a cue: a reporting verb ("said", "denied",
"confirmed", "declined to comment"), "according to", or a noun ("X's assertion that").
For each cue this module finds its speaker as written (always a noun phrase: a clause
fragment such as "Saturday at the Munich Security Conference" or "He went on to" is
refused) and its stance, with scope: a negated or hypothetical cue ("did not deny",
"could never be denied", "no one would deny") and the other senses of deny, reject and
dismiss ("deny the regime the use of force", "rejected a proposal", "were denied access")
are not denials. Resolving who a pronoun or a title is happens a level up, with the
document as context (see ``analyse/speakers.py``).

Tokenised corpora (Timeline17: ```` `` ```` and ``''`` quotes, ``-LRB-``, ``does n't``) are read
through ``plain``, so every pattern sees ordinary punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# a cue that is also a plural noun ("both states", "of claims", "25 other states")
_ALSO_NOUN = frozenset("""states claims reports estimates notes fears hopes demands promises
    threatens shows finds suspects calls forecasts projects note report fear hope demand
    promise claim estimate stress""".split())
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|of|these|those|other|both|many|some|all|such|its|"
                          r"their|his|her|our|any|no|new|\d[\d,]*|several|few|more|two|three|"
                          r"and|or|united|member|us|u\.s\.|gulf|arab|rebel|media)\s+$", re.I)
_DENY = frozenset("""denied denies deny denying refuted refutes rebutted disputed disputes
    dismissed dismisses dismissing rejected rejects rejecting""".split())
_NEEDS_CLAIM_OBJECT = frozenset("""disputed disputes dismissed dismisses dismissing rejected
    rejects rejecting""".split())
_CUE_WORDS = frozenset(w for w in _ASSERT_VERBS.split("|") if " " not in w and "?" not in w)
_CUE_PHRASES = re.compile(r"\b(?P<verb>clamou?red for|called for|calls for|pointed out|points out|"
                          r"expressed concern|voiced concern|"
                          r"call(?:ed|s)? on(?=\s[^.;]{0,80}?\bto\s+[a-z]))\b", re.I)
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
    if "for" in text or "on" in text or "out" in text or "concern" in text:
        for match in _CUE_PHRASES.finditer(text, 0, limit):
            hits.append(_Hit(match.start(), match.start(), match.end(), match.group("verb")))
    return sorted(hits, key=lambda h: h.start)


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
                           r"rejected|dismissed|confirmed|acknowledged)\b")
_CLAIM_NOUNS = (r"(?:reports?|claims?|allegations?|accusations?|charges?|assertions?|"
                r"suggestions?|accounts?|assessments?|findings?|speculation|rumou?rs?|"
                r"statements?|estimates?|figures?|evidence|stories|story|intelligence|idea|"
                r"notion|criticism|contention|conclusions?|theory|theories|view|"
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
_CLAUSE_AFTER = re.compile(r"\s+(?:that|it|there|he|she|they|we|this|these)\b")
_BASE_NOUNISH = frozenset("note report fear hope demand promise claim estimate stress vow "
                          "threaten pledge".split())
_PHRASAL = frozenset("showed shows show found finds told tells called calls".split())
_PARTICLE_AFTER = re.compile(r"^\s+(?:up|off|around|out)\b(?!\s+(?:that|whether)\b)", re.I)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:in|among|as)\b")
_COUNTED_AFTER = re.compile(r"\s+(?:cases?|deaths?|toll|infections?|fatalities|patients|"
                            r"victims|number|figures?|total|count)\b", re.I)
_HAVE_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?$", re.I)
_APPOINTMENT_AFTER = re.compile(r"\s+(?:[\w.'\u2019-]+\s+){0,3}?(?:nomination|nominee|"
                                r"appointment)\b", re.I)
_CAN_CONFIRM = re.compile(r"\b(?:I|we) can (?:now )?confirm\b", re.I)
_ADJECTIVE_USE = re.compile(r"(?:\b(?:the|a|an|of|more|new|\d[\d,]*|two|three|four|five|"
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
    what why how whether during into onto via""".split())
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
_CONTRACTED = frozenset("there's here's it's that's what's who's he's she's where's".split())
_CLAUSE_VERB = re.compile(r"\b[a-z]{3,}ed\s+(?:its|his|her|their|our|the|a|an|this|these|"
                          r"those)\s")


def noun_phrase(span: str | None) -> str | None:
    """``span`` as a speaker noun phrase, or None when it is a fragment of a clause."""
    if not span:
        return None
    span = span.strip(" ,;:\u2013\u2014-\"'\u201c\u201d\u2018\u2019")
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
                           r"(?:which|who|whom|whose)\b[^,;:\u201c\u201d\"]{1,100},?\s*$")


def main_subject(text: str) -> str | None:
    match = _MAIN_SUBJECT.match(text)
    return noun_phrase(match.group("np")) if match else None


_TRAILING_NAME = re.compile(r"(?<=[a-z] )(?P<name>(?:[A-Z][\w.'\u2019-]*\s+){0,5}"
                            r"[A-Z][\w'\u2019-]+)$")
_RELATIVE_WORD = re.compile(r"\b(?:who|which|that)\s*$")


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


def _subject_before(text: str, at: int) -> str | None:
    """The noun phrase that ends right before ``at`` (the cue), within its clause; for a
    pronoun reporting its own speaker ("X said he could not confirm"), X."""
    before = text[:at].rstrip()
    window = max(0, len(before) - 120)
    reported = _REPORTED_PRONOUN.search(before, window)
    aux = _TRAILING_AUX.search(before, max(0, len(before) - 60))
    before = before[:aux.start()] if aux else before
    relative = _RELATIVE_END.search(before, max(0, len(before) - 110))
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
    starts = sorted({0, *(m.end() for m in _SUBJECT_BOUNDARY.finditer(before)),
                     *(h.end for h in _cue_hits(before) if not _noun_use(text, h))})
    end = len(before)
    for start in reversed(starts):
        segment = before[start:end]
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
    return noun_phrase(match.group("who")) if match else None


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
    if low in _ALSO_NOUN and _NOUN_BEFORE.search(before):
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
        if verb.endswith("ing") and sentence[:start].rstrip().endswith(","):
            # "Moon dismissed the idea, warning that": the subject of the main clause
            speaker = main_subject(sentence) or speaker
        if speaker is None and not _in_quote(sentence, start):
            speaker = _subject_after(sentence, end - len(verb), end)
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


def _agentless(sentence: str, start: int) -> bool:
    return bool(re.search(r"\b(?:be|been|being|was|were|is|are|it has|it had)\s+"
                          r"(?:\w+\s+)?$", sentence[:start], re.I)) or start < 3
