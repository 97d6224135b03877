"""Forecasts: what a sentence says will, may or is planned to happen after it was published.

Forward-looking means, relative to the publication date: a future tense ("will", "is
going to"), a schedule ("is due to", "on Monday ... will", "upcoming"), a plan, intention,
promise or threat ("plans to", "vowed to", "is looking to"), an expectation ("is expected
to") or a possibility in the story ("could face jail", "may rise"). Not forward-looking:
past possibilities ("may have contributed"), treaty provisions and standing rules
("shall", "if one party is attacked"), timeless policy ("will always"), reported past
statements ("said in October that troops could be sent"), questions, uncertainty about
the present ("it is unclear how many"), the hypothesis of a condition ("if only more women
could gain power"), past perception ("as far as she could see"), dependence ("will depend
on Congress"), what cannot be known ("may never know"), standing requirements ("will be
required to") and a view described ("A critique ... that will be common is that ...").
Each forward-looking verb group is judged in turn, so a later one still counts.

The actor is who would act: the subject of the forward-looking verb, resolved like a
speaker; a passive or an inanimate subject ("the strain", "a storm") has none. The band is
the source's own hedging, only where it uses the words of estimative probability (ICD 203:
"likely", "almost certainly", "unlikely", ...); "will" or "could" alone carry no band.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geobrief.analyse.text import may_hold

BANDS: dict[str, tuple[float, float]] = {  # ICD 203 words of estimative probability
    "almost no chance": (0.01, 0.05),
    "very unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very likely": (0.80, 0.95),
    "almost certain": (0.95, 0.99),
}
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = ("January February March April May June July August September October "
           "November December").split()
_FUTURE = re.compile(
    r"(?P<aux>\b(?:will|'ll|shall|won't|wo n't)\b(?!\s+(?:always|never|forever|ever\b|have\b))|"
    r"\b(?:is|are|'s|'re)\s+(?:not\s+)?(?:going|expected|due|set|scheduled|poised|"
    r"slated|likely|unlikely|about|preparing|planning|hoping|looking|seeking|aiming|"
    r"threatening|bound)\s+to\b|"
    r"\b(?:plans?|planning|intends?|intending|aims?|expects?|hoping|seeks?|vow(?:s|ed)?|"
    r"pledg(?:es|ed)|promis(?:es|ed)|threaten(?:s|ed)|prepar(?:es|ing)|looking|vowing|"
    r"pledging|promising|threatening)\s+to\s+(?!be\s+(?:confirmed|verified)\b)(?=[a-z])|"
    r"\bexpect(?:s|ed)?\s+(?:him|her|them|it|us|[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2})"
    r"\s+to\s+(?!be\s+(?:confirmed|verified)\b)(?=[a-z])|"
    r"\b(?:said|says|told|assertion|warned|warns|announced|announces|expects|expected|"
    r"believes|fears?|predicted|predicts|forecast|estimates?)\b(?:\s+that)?(?:\s+[\w'-]+){1,7}?"
    r"\s+(?P<would>would|(?:was|were)\s+(?:likely|unlikely|expected|due|set|going|poised)\s+to)"
    r"\s+(?!have\b)(?=[a-z])|"
    r"\bshould\s+(?:\w+ly\s+)?(?=[a-z])|"
    r"\b(?:may|might|could)\s+(?:well\s+|also\s+|even\s+|soon\s+|still\s+)?"
    r"(?!have\b|not\s+(?:be\s+)?(?:confirm|verif|reach|independently|say|comment)|"
    r"be\s+(?:reached|confirmed|verified)\b)(?=[a-z]+)|"
    r"\b(?:upcoming|forthcoming|next\s+(?:week|month|year)|later\s+this\s+(?:week|month|"
    r"year)|in\s+the\s+coming\s+(?:days|weeks|months)|no\s+intention\s+of))", re.I)
_TOKEN = re.compile(r"[a-z']+")
_FUTURE_WORDS = frozenset("""will 'll shall won't wo going expected due set scheduled poised
    slated likely unlikely about preparing planning hoping looking seeking aiming threatening
    bound plan plans planned intend intends intended intending aim aims expect expects hope
    hopes seek seeks vow vows vowed pledges pledged promises promised threaten threatens
    threatened prepares prepared decided agreed want wants vowing pledging promising may might
    could should upcoming forthcoming next later coming intention""".split())
_ON_DATE = re.compile(r"\b[Oo]n\s+(?:(?P<weekday>" + "|".join(_WEEKDAYS) + r")|(?P<day>\d{1,2})"
                      r"\s+(?P<month>" + "|".join(_MONTHS) + r"))\b")
_NOT_FUTURE = re.compile(
    r"\b(?:it\s+is\s+(?:unclear|not\s+clear|not\s+known|uncertain)|no\s+one\s+(?:yet\s+)?knows|"
    r"(?:is|are|remains?|was|were)\s+(?:still\s+)?(?:unclear|uncertain|not\s+clear|not\s+known|"
    r"unknown)|"
    r"(?:article|section|clause)\s+\d|under\s+the\s+(?:treaty|pact|agreement|accord|law)|"
    r"if\s+(?:one|either|any)\s+(?:party|side|member|of\s+the)|will\s+always|"
    r"forever|for\s+ever|"
    r"(?:may|might|could|would)\s+(?:well\s+)?have\s+\w+|"
    r"could\s+not\s+(?:confirm|verify|be)|could\s+boast)\b", re.I)
_REPORTED_PAST = re.compile(
    r"\b(?:in|since|last|earlier\s+in)\s+(?:" + "|".join(_MONTHS) + r"|week|month|year)\b|"
    r"\bearlier\b|\bat\s+the\s+time\b|\bhad\s+(?:planned|intended|hoped|vowed|promised)\b",
    re.I)
# an aside that dates something else: "Fitch, which in May admitted ..., said costs could"
_ASIDE = re.compile(r",\s+(?:which|who)\b[^,;]*,")
_FUTURE_TIME = re.compile(
    r"\b(?:next\s+(?:week|month|year|decade|day|days|weeks|months|spring|summer|autumn|fall|"
    r"winter|session|round|" + "|".join(_WEEKDAYS) + r")|coming\s+(?:days|weeks|months|years)|"
    r"(?:over|in|within|during)\s+the\s+next\s+(?:[\w-]+\s+){0,4}?(?:days|weeks|months|years|"
    r"decades?)|"
    r"soon|upcoming|tomorrow|later\s+this|going\s+forward|by\s+(?:the\s+end\s+of\s+)?(?:20\d\d|" +
    "|".join(_MONTHS + _WEEKDAYS) + r"))\b", re.I)
_HEDGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), band) for p, band in [
        (r"\b(?:almost no chance|no chance|remote chance|remote possibility|"
         r"virtually impossible)\b", "almost no chance"),
        (r"\b(?:very|highly|extremely) (?:unlikely|improbable)\b", "very unlikely"),
        (r"\b(?:unlikely|improbable|probably not|doubtful|little chance)\b", "unlikely"),
        (r"\b(?:almost certain(?:ly)?|nearly certain(?:ly)?|virtually certain(?:ly)?|"
         r"all but certain|certain to)\b", "almost certain"),
        (r"\b(?:very likely|highly likely|highly probable|very probably)\b", "very likely"),
        (r"\b(?:roughly even (?:chance|odds)|even chance|fifty-fifty|50-50)\b",
         "roughly even chance"),
        (r"\b(?:likely|probably|probable)\b", "likely"),
    ]
]
# what every match of a _HEDGES pattern holds (lower case)
_HEDGE_HINTS = ("chance", "possib", "likely", "probab", "doubtful", "certain", "odds", "fifty",
                "50-50")
_RELATIVE = re.compile(r"\b(?P<head>[\w'-]+)(?:\s+that|\s*,?\s+(?:which|who))\s+"
                       r"(?:[\w'-]+\s+){0,3}$")
# "says that Russia could": a reported statement, not a relative clause
_COMPLEMENT_HEADS = frozenset("""said says say is was are were warned warns believe believes
    believed fear fears feared expect expects expected argue argues argued noted notes added
    told think thinks thought hope hopes hoped suggest suggests suggested risk risks claim
    claims claimed insisted insists estimated estimates reported reports indicated indicates
    show shows showed concluded conclude concludes predicted predicts possibility chance
    risk fear fears concern concerns danger likelihood""".split())
_PRESENT_POSSIBILITY = re.compile(r"\s*(?:not\s+)?(?:well\s+|also\s+|even\s+|still\s+)?be\s+"
                                  r"(?!(?:\w+ed|\w+en|sent|held|hit|put|cut|shut|set|built|"
                                  r"made|won|lost|brought|taken|given|seen|done|paid|sold|"
                                  r"told|found|left|kept|met|forced|jailed)\b)", re.I)
_CONDITION = re.compile(r"\b(?:if|unless|provided that|once)\b[^,.;]*", re.I)
# a view described, not an outlook: "A critique ... that will be common is that ...", "One
# irony is that ...": what follows "is that" is the view's content, whatever its tense
_COMMENTARY = re.compile(
    r"^\W*(?:(?:But|And|Yet|So)\s+)?(?:A|An|The|One|Another)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:critique|criticism|argument|irony|ironies|view|point|lesson|element|complaint|"
    r"objection|counterargument|paradox|assumption|premise|conventional\s+wisdom)\b"
    r"[^;]*?\b(?:is|was)\s+that\b", re.I)
# what a present fact would mean, if it is one: "If these reports turn out to be true, they
# will provide insights" weighs a report, it foresees nothing
_TRUE_HINTS = ("true", "correct", "accurate", "right", "genuine", "authentic")  # _IF_TRUE's
_IF_TRUE = re.compile(r"\b(?:if|should)\s+(?:[^\s,;:]+\s+){1,5}?(?:turns?\s+out\s+to\s+be|"
                      r"is|are|prove[sn]?(?:\s+to\s+be)?)\s+(?:true|correct|accurate|"
                      r"right|genuine|authentic)\b", re.I)
# the cue is the verb of a condition's hypothesis ("if only more women could gain power,
# ..."): between "if" and the cue a noun phrase, no verb or adverb of its own ("unless that
# happens soon we may see": the condition ended before the cue)
_IN_CONDITION = re.compile(
    r"\b(?:if|unless)\s+(?:only\s+)?(?:(?!(?:is|are|was|were|has|have|had|do|does|did|"
    r"happens?|soon|now|then|again|\w+ed)\s)[^\s,;:]+\s+){1,4}$", re.I)
# a forward-looking verb group that tells no event to come, read from the cue on: a
# dependence ("will depend on Congress"), what cannot be known ("may never know"), an
# explanation of what is ("may help account for recent polls"), an idiom
# ("could do worse than"), past perception ("as far as she could see", "he could hear":
# unless what is seen is to come, "we could see more strikes")
_NOT_AHEAD = re.compile(
    r"\s*(?:\w+ly\s+)?depends?\s+(?:\w+ly\s+)?(?:on|upon)\b|"
    r"\s*(?:not\s+)?(?:\w+\s+)?(?:ever|never)\s+(?:know|be\s+known|find\s+out|learn)\b|"
    r"\s*(?:\w+ly\s+|also\s+|in\s+part\s+)?(?:help\s+(?:to\s+)?)?(?:explain|account\s+for|"
    r"reflect|suggest|indicate|imply)\b", re.I)
_NOT_AHEAD_COULD = re.compile(r"\s*(?:do\s+(?:a\s+lot\s+|much\s+|far\s+)?worse|be\s+(?:\w+ly\s+)?"
                              r"(?:seen|heard|felt|smelled|smelt|spotted|observed))\b", re.I)
_PERCEIVED = re.compile(
    r"\s*(?:\w+ly\s+)?(?:see|hear|feel|smell|sense|make\s+out|recall|remember)\b(?!\s+(?:\w+ing|"
    r"more|further|another|some|an?\s+(?:rise|fall|increase|decline|surge|return|new|further|"
    r"second|repeat))\b)", re.I)  # "could see accomplishing the mission": envisaged
_PERSON_BEFORE = re.compile(r"\b(?:I|he|she|they|you)\s+$", re.I)
_WE_IN_PAST = re.compile(r"\b(?:was|were|had|saw|heard|drove|went|came|stood|sat|ran|rode|flew|"
                         r"got|left|\w+ed)\b", re.I)  # a past verb before "we could see"
# an intention told in a relative clause, in the past: it describes a party ("the leaders
# who threatened to strip him of his post"), it does not announce what comes
_PAST_INTENT = re.compile(r"\b(?:who|which|that)\s+(?:had\s+)?(?:vowed|pledged|promised|"
                          r"threatened|planned|intended|hoped|sought)\s+to\s+$", re.I)
_NOUN_WILL = re.compile(r"\b(?:her|his|their|my|our|your|its|the|a|political|free|good|ill|"
                        r"own|popular|people's|against)\s+$", re.I)
_CONCESSIVE = re.compile(r"\bas\s+\w+\s+as\s+(?:[\w'-]+\s+){1,3}$", re.I)
# a standing rule: "operators will be required to submit"
_RULE = re.compile(r"(?:will|shall|'ll)\s+(?:\w+ly\s+)?(?:be|remain)\s+(?:required|obliged|"
                   r"obligated|compelled|forbidden|prohibited)\s+to\b", re.I)
_HORIZONS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:today|tonight)\b", re.I), 1),
    (re.compile(r"\b(?:tomorrow|within (?:a|one) day)\b", re.I), 2),
    (re.compile(r"\b(?:this|next) week(?:end)?\b|\bin the coming days\b|\bwithin days\b|"
                r"\bin a fortnight\b", re.I), 14),
    (re.compile(r"\b(?:this|next) month\b|\bin the coming weeks\b|\bwithin weeks\b", re.I),
     45),
    (re.compile(r"\b(?:this|next) year\b|\bin the coming months\b|\bwithin months\b|"
                r"\bover the next year\b", re.I), 365),
]
_BY_MONTH = re.compile(r"\b(?:by|before|until|in|on \d{1,2}) (?:the end of )?(" +
                       "|".join(_MONTHS) + r")(?: (\d{4}))?\b")
_BY_YEAR = re.compile(r"\b(?:by|before|until|in) (20\d\d)\b")
_INANIMATE_HEADS = re.compile(
    r"\b(?:it|this|that|there|storm|hurricane|virus|flu|strain|price|prices|shares?|"
    r"rate|weather|slick|oil|spill|economy|market|markets|chaos|reaction|needs|effect|"
    r"impact|damage|flaw|figure|number|toll|deal|plan|law|bill|treaty|release|memoir|"
    r"album|vote|talks|meeting|summit|trial|verdict|sentence|case|cases|people|conviction|"
    r"handover|move|decision|process|election|measures?|sanctions|ban|war|conflict|crisis|"
    r"fighting|violence|situation|outcome|result|results|cost|costs|efforts?|flights?|aid|"
    r"mission|operations?|campaign|strikes|airstrikes|bombing|enforcement|future|unrest|"
    r"closure|death|deaths|injury|injuries)$", re.I)
_ACTOR_GROUPS = re.compile(r"\b(?:government|ministry|army|military|forces|troops|rebels|"
                           r"company|criminals|officials|authorities|police|party|regime|"
                           r"administration|council|alliance|fundamentalists|militants|"
                           r"protesters|band|court|tribunal|prosecutors?|leaders?|allies)$", re.I)

_PERSON_HEADS = re.compile(r"^(?:\w*(?:man|woman|men|women|person|people)|chief|head|leader|"
                           r"minister|president|secretary|director|executive|envoy|"
                           r"ambassador|commander|general|official|spokesperson|king|queen|"
                           r"prince|premier|chancellor|negotiators?|lawyers?|team|staff|"
                           r"navy|air\s*force|coalition|partners?|neighbou?rs?)$", re.I)


@dataclass(frozen=True)
class ForecastCue:
    """Where and how a sentence looks forward."""

    words: str  # the forward-looking words ("will", "plans to", "could")
    at: int  # where they begin
    band: str | None  # the source's own estimative band, if it uses one
    hedge: str | None  # the words that give the band


def band_of(sentence: str) -> tuple[str | None, str | None]:
    """The ICD 203 band a sentence's own hedging words give, and the words."""
    if not may_hold(sentence, _HEDGE_HINTS):
        return None, None
    for pattern, band in _HEDGES:
        match = pattern.search(sentence)
        if match:
            return band, match.group(0)
    return None, None


def _scheduled_after(sentence: str, on: date | None) -> bool:
    """A date in the sentence ('on Monday', 'on 19 April') that falls after publication,
    with the verb in the present: a schedule."""
    if on is None:
        return False
    match = _ON_DATE.search(sentence)
    if match is None:
        return False
    if match.group("month"):
        month = _MONTHS.index(match.group("month")) + 1
        try:
            when = date(on.year, month, int(match.group("day")))
        except ValueError:
            return False
        return when > on and not re.search(r"\b(?:was|were|had|did)\b|\w+ed\b",
                                           sentence[match.end():match.end() + 40])
    return False


def forecast_cue(sentence: str, on: date | None) -> ForecastCue | None:
    """How ``sentence`` (plain text) looks forward, or None when it does not: the first
    forward-looking verb group that is not hypothetical, past or generic (a later one may
    still be: "We could be waiting ... may take years")."""
    if sentence.rstrip().endswith("?"):
        return None
    tokens = set(_TOKEN.findall(sentence.lower()))
    forward_words = bool(tokens & _FUTURE_WORDS)
    if not forward_words and (on is None or "on" not in tokens):
        return None
    ahead = bool(_FUTURE_TIME.search(sentence))  # a time to come named in the sentence
    if _NOT_FUTURE.search(sentence) and not ahead or \
            _COMMENTARY.search(sentence) or \
            may_hold(sentence, _TRUE_HINTS) and _IF_TRUE.search(sentence):
        return None
    band, hedge = band_of(sentence)
    for match in _FUTURE.finditer(sentence) if forward_words else ():
        if _looks_forward(sentence, match, ahead):
            words = match.group("would") or match.group(0).strip()
            at = match.start("would") if match.group("would") else match.start()
            return ForecastCue(words, at, band, hedge)
    if on is not None and "on" in tokens and _scheduled_after(sentence, on):
        date_match = _ON_DATE.search(sentence)
        assert date_match is not None
        return ForecastCue(date_match.group(0), date_match.start(), band, hedge)
    return None


def _perceived(sentence: str, start: int, end: int) -> bool:
    """A person's past perception: "she could see", "as we waited, we could hear"."""
    if not _PERCEIVED.match(sentence, end):
        return False
    near = sentence[max(0, start - 12):start]
    return bool(_PERSON_BEFORE.search(near) or (
        re.search(r"\bwe\s+$", near, re.I) and _WE_IN_PAST.search(sentence[:start])))


def _looks_forward(sentence: str, match: re.Match[str], ahead: bool) -> bool:
    """Whether one forward-looking verb group says what comes after publication
    (``ahead``: the sentence names a time to come)."""
    start, end = match.span()
    near = sentence[max(0, start - 80):start]  # the words just before the cue
    if _IN_CONDITION.search(near):
        return False  # "if only more women could gain power, ...": the hypothesis
    words = match.group(0).strip()
    could = words.lower().startswith("could")
    if _NOT_AHEAD.match(sentence, end) or could and (
            _NOT_AHEAD_COULD.match(sentence, end) or _perceived(sentence, start, end)):
        return False  # "will depend on", "may never know", "as far as she could see"
    if _RULE.match(sentence, start) and not ahead:
        return False  # "operators will be required to": a standing rule
    if _PAST_INTENT.search(sentence, max(0, start - 16), end):
        return False  # "the leaders who threatened to strip him of his post": who they are
    if words.lower() == "will" and _NOUN_WILL.search(near) or \
            re.match(r"\s+of\b", sentence[end:]) or _CONCESSIVE.search(near):
        return False  # "held against her will", "the will of the people", "as high as they
        # might be": a noun, and a concession
    if words.lower() == "forthcoming" and re.search(
            r"\b(?:is|was|were|are|be|been|not|particularly|very|more|less|too|so)\s+$",
            near, re.I):
        return False  # "was not particularly forthcoming": open, not ahead
    if match.group("would"):  # a reported future: "said ... would", "said ... was likely to"
        return True
    if words.lower().startswith("should") and not ahead:
        return False  # "should" is advice or an obligation; with a date ahead, a schedule
    modal = words.split()[0].lower() in ("may", "might", "could")
    if modal and not ahead:
        if _REPORTED_PAST.search(_ASIDE.sub(",", sentence)):
            return False  # "said in October that troops could be sent": reported, not outlook
        if _PRESENT_POSSIBILITY.match(sentence, end) and not _CONDITION.search(sentence):
            return False  # "may be poorer", "could be levelling off": about the present
        relative = _RELATIVE.search(near)
        if relative and relative.group("head").lower() not in _COMPLEMENT_HEADS:
            return False  # "compounds that may interfere", "a framework both sides could invoke"
    # "you may not want to": generic advice
    return not re.search(r"\b(?:you|one)\s+(?:\w+\s+)?$", near, re.I)


_SUBJECT = re.compile(r"(?P<np>(?:[A-Z][\w.'\u2019-]*|the|a|an|its|their|his|her|[a-z][\w'-]*)"
                      r"(?:\s+(?:[A-Z][\w.'\u2019-]*|of|the|and|[a-z][\w'-]*)){0,5}?)\s+"
                      r"(?:(?:has|have|had|is|are|was|were|also|now|still|then|soon|\w+ly)\s+)*$")
_BOUNDARY = re.compile(r".*(?:[,;:(\u2014\u201c\u201d\"]|\bthat\b|\bwhich\b|\bwho\b|\bwhen\b|"
                       r"\bhow\b|\bwhy\b|\bwhere\b|\bwhether\b|\bif\b|\band\b|\bbut\b|"
                       r"\bsaid\b|\bsays\b|\bsay\b|\bsaying\b|\btold\b|\bbelieves?\b|\bthinks?\b|"
                       r"\bexpects?\b|\bwarn(?:s|ed)?\b|\bestimates?\b|\bpredict(?:s|ed)?\b|"
                       r"\bhow\s+(?:far|much|many|long|soon)\b|\bon\s+(?:Monday|Tuesday|Wednesday|"
                       r"Thursday|Friday|Saturday|Sunday)\b|\b(?:Monday|Tuesday|Wednesday|"
                       r"Thursday|Friday|Saturday|Sunday|today|tomorrow)\b)\s*", re.I | re.S)
_AFTER_DATE = re.compile(r"\s*,?\s*(?P<np>(?:[A-Z][\w.'-]*|they|he|she|we|it|the\s+\w+)"
                         r"(?:\s+[A-Z][\w.'-]*)*)\s+[a-z]")


def subject_at(sentence: str, at: int, words: str = "") -> str | None:
    """The subject noun phrase of the verb group starting at ``at``, within its clause
    ("On 19 April they release": after a schedule's date; "BP has ... and expects to":
    the sentence's subject)."""
    if _ON_DATE.match(words):
        after = _AFTER_DATE.match(sentence, at + len(words))
        return after.group("np") if after else None
    before = re.sub(r"\s*\([^()]{1,40}\)\s*$", " ", sentence[:at])  # "the Commission (ICB)"
    boundary = _BOUNDARY.match(before)
    clause = before[boundary.end():] if boundary else before
    if not clause.strip() and boundary and re.search(r"\band\s*$", before):
        first = _SUBJECT_FIRST.match(sentence)
        return first.group("np") if first else None
    if boundary and _AUX_ONLY.fullmatch(clause) and before[:boundary.end()].rstrip().endswith(","):
        # "Saleh, 68, who has ruled for 32 years, has pledged to": the subject the
        # appositive or relative clause stands between
        first = _APPOSED_SUBJECT.match(sentence)
        return first.group("np") if first else None
    match = _SUBJECT.search(clause)
    if match is None:
        return None
    np = match.group("np").strip()
    if not np or len(np.split()) > 7:
        return None
    return np


_AUX_ONLY = re.compile(r"\s*(?:(?:has|have|had|is|are|was|were|also|now|still|will|would)\s+)*")
_APPOSED_SUBJECT = re.compile(r"^(?P<np>(?:[A-Z][\w.'\u2019-]*|the)"
                              r"(?:\s+[\w.'\u2019-]+){0,4}?)\s*,")
_SUBJECT_FIRST = re.compile(r"^(?:[^,]{0,30},\s*)?(?P<np>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)"
                            r"\s+[a-z]")
_PASSIVE = re.compile(r"\s*(?:\w+\s+)?be\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|sent|held|hit|put|cut|"
                      r"shut|set|built|made|won|lost|brought|taken|given|seen|done|paid|sold|"
                      r"told|found|left|kept|met|jailed)\b(?!\s+by\b)")


def passive_after(sentence: str, end: int) -> bool:
    return bool(_PASSIVE.match(sentence, end))


_AGENT = re.compile(_PASSIVE.pattern.replace(r"(?!\s+by\b)", "") + r"\s+by\s+(?P<np>(?:the\s+)?"
                    r"[A-Z][\w.'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'\u2019-]*)*"
                    r"(?:\s+(?:forces|troops|government|army|navy|authorities|officials))?)")


def agent_after(sentence: str, end: int) -> str | None:
    """The named agent of a passive ("will be enforced by Qatar"): who would act."""
    match = _AGENT.match(sentence, end)
    return match.group("np") if match else None


_DETERMINERS = frozenset("a an the this that its their his her our these those".split())
_PREPOSITIONS = frozenset("in on at for over from to with by of".split())


def acting(np: str) -> bool:
    """Whether a subject can act: a name, a pronoun for a party, or a group of people. The
    head is read before any prepositional phrase ("the situation in Libya": a situation;
    "Enforcement of a no-fly zone": an enforcement; "the Gulf of Mexico oil spill": a spill)."""
    words = np.split()
    if words[0].lower() in _PREPOSITIONS:
        return False  # "of a no-fly zone over Libya": a fragment, not who acts
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _PREPOSITIONS - {"of"}),
               len(words))
    head = words[:cut]
    last = head[-1]
    rest = head[1:] if head[0].lower() in _DETERMINERS and len(head) > 1 else head
    named = rest[0][:1].isupper()  # "The United States", "Seoul"; not "A conviction"
    of = next((i for i, w in enumerate(head) if i and w.lower() == "of"), None)
    if of is not None and _INANIMATE_HEADS.search(head[of - 1]):
        return False  # "Enforcement of a no-fly zone"
    if _INANIMATE_HEADS.search(last) and (not named or last.islower() or len(head) == 1):
        return False  # "A conviction", "the Gulf of Mexico oil spill", "Efforts"
    if re.search(r"['\u2019]s\s", np) and last.islower() and not _ACTOR_GROUPS.search(
            " ".join(head)) and not _PERSON_HEADS.search(last):
        return False  # "Massa's final race" is a thing; "Russia's army", "BP's chief" act
    return named or np.lower() in ("he", "she", "they", "we", "i") or \
        bool(_ACTOR_GROUPS.search(" ".join(head)))


# an act named as a noun, whose owner or author would act: "Massa's final race will be in
# Abu Dhabi", "The handover from the United States and allies should be complete"
_ACT_NOUNS = (r"(?:race|visit|trip|tour|speech|address|meeting|talks|match|fight|concert|album|"
              r"return|departure|arrival|invasion|offensive|attack|assault|campaign|plan|"
              r"proposal|decision|response|retaliation|withdrawal|pullout|handover|deployment|"
              r"launch|test|inauguration|appearance|testimony|announcement|move|vote)")
_OWNER = re.compile(r"^(?P<who>[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})['\u2019]s\s+"
                    r"(?:[\w-]+\s+){0,3}?" + _ACT_NOUNS + r"$")
_AUTHOR = re.compile(r"^(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?" + _ACT_NOUNS + r"\s+"
                     r"(?:from|by)\s+(?P<who>(?:the\s+)?[A-Z].*)$", re.I)


def act_owner(np: str) -> str | None:
    """Who would act when the subject names the act itself: the owner of "Massa's final
    race", the author of "the handover from the United States and allies"."""
    match = _OWNER.match(np) or _AUTHOR.match(np)
    if match is None or not match.group("who")[:1].isupper() and \
            not match.group("who").lower().startswith("the "):
        return None
    return match.group("who")


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
    weekday = re.search(r"\b(?:on|next|this)\s+(" + "|".join(_WEEKDAYS) + r")\b", text)
    if weekday:
        ahead = (_WEEKDAYS.index(weekday.group(1)) - on.weekday()) % 7 or 7
        return (on + timedelta(days=ahead)).isoformat()
    for pattern, days in _HORIZONS:
        if pattern.search(text):
            return (on + timedelta(days=days)).isoformat()
    return None


def condition(text: str) -> str | None:
    match = _CONDITION.search(text)
    return match.group(0).strip() if match else None
