"""Who says it, whether it is denied or unconfirmed, and how sure the source sounds.

Rule-based cues over one sentence. The estimative bands follow the standard scale of
words of estimative probability (see docs/formats.md for the word-to-band table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geobrief.models import CONTESTED, Stance

BANDS: dict[str, tuple[float, float]] = {
    "almost no chance": (0.01, 0.05),
    "very unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very likely": (0.80, 0.95),
    "almost certain": (0.95, 0.99),
}

# (pattern, band); the first that matches wins, so longer and negated forms come first.
_HEDGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), band)
    for p, band in [
        (r"\b(almost no chance|no chance|virtually impossible)\b", "almost no chance"),
        (r"\b(very|highly|extremely) unlikely\b", "very unlikely"),
        (
            r"\b(unlikely|improbable|doubtful|not expected to|probably not|little chance)\b",
            "unlikely",
        ),
        (r"\b(almost certainly|virtually certain|all but certain|certain to)\b", "almost certain"),
        (r"\b(very likely|highly likely|very probably|almost surely)\b", "very likely"),
        (
            r"\b(likely|probably|expected to|poised to|set to|is due to|are due to|plans? to|"
            r"planning to|intends? to|will|is preparing to|are preparing to)\b",
            "likely",
        ),
        (
            r"\b(may|might|could|possibly|possible|perhaps|potentially)\b(?! not (?:confirm|"
            r"verify|independently|be reached))",
            "roughly even chance",
        ),
    ]
]

_SPEECH = (
    r"said|says|say|told|tells|stated|states|announced|announces|reported|reports|claimed|"
    r"claims|estimated|estimates|confirmed|confirms|denied|denies|dismissed|dismisses|rejected|"
    r"rejects|warned|warns|added|insisted|insists|noted|wrote|argued|argues|believes|believe|"
    r"assessed|assesses|acknowledged|alleged|alleges|called|calls|described|accused|accuses|"
    r"has said|have said|has called|have called|has not confirmed|have not confirmed|"
    r"declined|refused|would not|"
    r"could not|did not confirm|has warned|have warned|has estimated|have estimated"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to ((?:[^,.;:]|\.(?=\S))+?)(?=,|\.|;|:| that |$)")
_LEADING = re.compile(
    r"^(?:[^,;:\"\u201c]{0,20}, )?((?:[A-Z][\w.'\u2019-]*|the|of|and|in|for|South|North|US|"
    r"[a-z]+(?:'s)?)(?:[ -](?:[A-Za-z][\w.'\u2019-]*))*?)\s+(?:" + _SPEECH + r")\b"
)
_TRAILING = re.compile(
    r"[,\u201d\"]\s*((?:[A-Z][\w.'\u2019-]*|the)(?:[ -][\w.'\u2019-]+){0,8}?)\s+"
    r"(?:said|says|told [\w ]+|added|warned|insisted|noted|claimed|wrote)\.?[\"\u201d]?$"
)
_TRAILING_INVERTED = re.compile(
    r"[,\u201d\"]\s*(?:said|says|added)\s+((?:[A-Z][\w.'\u2019-]*)"
    r"(?:[ -][\w.'\u2019-]+){0,8}?)\.?$"
)

# What a denial answers: "dismissed the reports", "rejected the accusations"; rejecting a
# proposal, an appeal or a decision, or dismissing an official, is an act, not a denial.
_CLAIM_NOUNS = (r"(?:reports?|claims?|allegations?|accusations?|charges?|assertions?|"
                r"suggestions?|accounts?|assessments?|findings?|speculation|rumou?rs?|"
                r"statements?|estimates?|figures?|evidence|"
                r"stories|story|intelligence|idea|notion|the assertion)")
_DENY = re.compile(
    r"\b((?:denied|denies|deny)(?!\s+(?:him |her |them )?(?:entry|access|visas?|a visa|"
    r"permission|bail))|refuted|refutes|"
    r"(?:dismissed|dismisses|rejected|rejects)(?=(?:\s+[\w'\u2019-]+){0,5}?\s+"
    + _CLAIM_NOUNS + r"\b|(?:\s+[\w'\u2019-]+){1,6}?\s+as\s+[\"\u201c]?(?:fake|false|"
    r"baseless|groundless|lies|fabricat|absurd|untrue|nonsense|propaganda))|"
    r"called (?:the |these |those |such )?(?:reports?|claims?|allegations?)? ?(?:\w+ )?"
    r"(?:\"|\u201c)?(?:fake|false|a fabrication|fabricated|baseless|lies|a provocation)|"
    r"(?:\"|\u201c)fake(?: news)?|no evidence|not true|groundless)\b",
    re.I,
)
_UNCONFIRMED = re.compile(
    r"\b((?:has|have|had|did) (?:not|never) (?:yet |publicly |independently |officially )?"
    r"(?:confirmed|verified|commented|acknowledged)|neither has (?:officially )?confirmed|"
    r"(?:declined|refused) to (?:confirm|comment|say)|would not (?:confirm|say)|"
    r"could not (?:be )?(?:independently )?(?:confirm|verif)\w*|"
    r"(?:not|cannot be) independently (?:verified|confirmed)|unconfirmed|unverified)\b",
    re.I,
)
_NOT_DENIED = re.compile(r"\b(?:not|never|neither) (?:deny|denied|dismiss|dismissed|reject|"
                         r"rejected|confirm nor deny)\b|\bneither confirm(?:ed)? nor den|"
                         r"\b(?:neither|nor|not|never)\b[^.;]{0,40}\bconfirm(?:ed|s)? or "
                         r"den(?:ied|y|ies)\b", re.I)
_CONFIRM = re.compile(r"\b(confirmed|confirms|acknowledged|acknowledges)\b", re.I)
_MODALS = {"could", "may", "might", "possibly", "possible", "perhaps", "potentially"}
_REPORTED_PAST = re.compile(
    r"\b(in|since|last|earlier in) (January|February|March|April|May|June|July|August|"
    r"September|October|November|December|week|month|year)\b|\bearlier\b"
)
_FUTURE_TIME = re.compile(
    r"\b(next|coming|soon|upcoming|later this|by (?:the end of )?(?:20\d\d|January|February|"
    r"March|April|May|June|July|August|September|October|November|December))\b"
)
_VERBISH = re.compile(r"\b(have|has|had|not|is|are|was|were|will|would|be|been|did|does|do|"
                      r"can|could|may|might|should|must|came|comes|after|before|when|"
                      r"while|now|then|since|because)\b", re.I)
_NOT_SPEAKER = {"it", "this", "that", "he", "she", "they", "there", "which", "who", "officials"}
_NOBODY = re.compile(r"^(?:neither|nor|no|none|nobody|no one)\b", re.I)  # "Neither minister"


@dataclass(frozen=True)
class Cues:
    speaker: str | None
    stance: Stance
    hedge: str | None
    band: str | None
    forward: bool


_TRAILING_ADVERB = re.compile(
    r"\s+(?:later|earlier|initially|previously|also|again|then|now|first|once|twice|"
    r"repeatedly|reportedly|separately|subsequently|publicly|privately|recently|officially|"
    r"formally|quickly|yesterday|today|on \w+day)$")
# "according to an interview with KBS": the medium, not who speaks; "a statement from the
# ministry" names the speaker after the medium.
_MEDIUM = re.compile(
    r"^(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?(?:interview|statement|post|letter|"
    r"briefing|speech|address|readout|transcript|report|message|video)s?\b"
    r"(?:\s+(?P<link>from|by|of|with|to|on|in)\s+(?P<who>.+))?$", re.I)


def _clean_speaker(span: str | None) -> str | None:
    if not span:
        return None
    span = span.strip(" \"'\u201c\u201d")
    medium = _MEDIUM.match(span)
    if medium:
        if medium.group("link") not in ("from", "by", "of") or not medium.group("who"):
            return None
        span = medium.group("who")
    while (adverb := _TRAILING_ADVERB.search(span)) is not None:
        span = span[:adverb.start()]
    span = re.sub(r"^(?:and|but|while|as|meanwhile|however|on \w+day)\s+", "", span, flags=re.I)
    if not span or span.lower() in _NOT_SPEAKER or len(span) > 90 or _NOBODY.match(span):
        return None
    if _VERBISH.search(span):  # a clause, not a noun phrase: "the two sides have still not"
        return None
    return span


def find_speaker(sentence: str) -> str | None:
    """Who a sentence attributes its content to, as written ("Kremlin spokesman Dmitry Peskov")."""
    for pattern in (_ACCORDING, _TRAILING, _TRAILING_INVERTED, _LEADING):
        match = pattern.search(sentence)
        if match:
            speaker = _clean_speaker(match.group(1))
            if speaker:
                return speaker
    return None


def find_hedge(sentence: str) -> tuple[str | None, str | None]:
    """The hedging words of a sentence and the estimative band they map to."""
    for pattern, band in _HEDGES:
        match = pattern.search(sentence)
        if match:
            return match.group(0), band
    return None, None


def analyse_sentence(sentence: str) -> Cues:
    speaker = find_speaker(sentence)
    if _NOT_DENIED.search(sentence):
        stance = Stance.NOT_CONFIRM  # "did not deny": neither confirms nor denies
    elif _DENY.search(sentence):
        stance = Stance.DENY
    elif _UNCONFIRMED.search(sentence):
        stance = Stance.NOT_CONFIRM
    elif _CONFIRM.search(sentence):
        stance = Stance.CONFIRM
    elif speaker:
        stance = Stance.ASSERT
    else:
        stance = Stance.NONE
    hedge, band = find_hedge(sentence)
    forward = band is not None and stance not in CONTESTED
    if forward and hedge in _MODALS and _REPORTED_PAST.search(sentence) \
            and not _FUTURE_TIME.search(sentence):
        forward = False  # "said in October that troops could be sent": reported, not outlook
    return Cues(speaker, stance, hedge, band, forward)
