"""Whose a figure is, as its own phrase or clause says: "BP's early worst case scenario, of
60,000 barrels a day" (BP), "the two million people that the US and UN estimates need aid"
(the US and UN), "The latest government estimate ... is more than 4 million barrels" (the
government estimate), "..., while Washington has put the number there at about 8,000"
(Washington). Where none is said, the sentence's speaker gives the figure
(``figures.covers``).
"""

from __future__ import annotations

import re

from geobrief.analyse.attribution import attribute
from geobrief.models import Stance

_NAME = r"(?:the\s)?[A-Z][\w.'\u2019-]*(?:\s(?:and\s)?[A-Z][\w.'\u2019-]*){0,4}"
_ESTIMATE_BEFORE = re.compile(
    r"(?P<who>the\s[a-z][\w-]*|" + _NAME + r")(?:'s|\u2019s)\s(?:own\s)?(?:[\w-]+\s){0,3}?"
    r"(?:estimates?|scenario|forecasts?|projections?|figures?|count|tally|assessment|calculations?|"
    r"reckoning|data)\b,?\s(?:of|at|is|was|were|are|puts?\s(?:it|the\s\w+)\sat)\s$")
ESTIMATE_AFTER = re.compile(
    r"\s(?:[\w-]+\s){0,2}?(?:that|which|who|whom)\s(?P<who>" + _NAME + r")\s(?:estimates?|"
    r"says?|said|believes?|believed|reckons?|thinks?|counts?|counted)\b")


# an estimate named by who makes it, the subject of the clause that gives the figure:
# "The latest government estimate on how much oil spilled ... is more than 4 million"
_ESTIMATE_SUBJECT = re.compile(
    r"(?:^|[,;:]\s|\bthat\s)(?:the|an?)\s(?:(?:latest|new|official|initial|revised|updated|"
    r"previous|earlier|first|current|final)\s)?(?P<who>(?:(?!(?:of|on|for|in|by|the|an?|its|"
    r"their|and|or|is|was)\b)[\w.'-]+\s){1,2}?(?:estimates?|count|tally|figures?|projections?))\b"
    r"[^;:]{0,200}?\s(?:is|was|are|were|stands at|stood at|now stands at|puts? (?:it|them) at)\s"
    r"(?:now\s)?$", re.I)


# a clause whose own subject gives the figure, inside another's statement: "Ukraine says
# 11,000 ..., while Washington has put the number there at about 8,000", "..., while
# Seoul said 3,000"
_ESTIMATE_VERB = re.compile(
    r"(?P<who>" + _NAME + r"|the\s(?:[A-Z][\w.'-]*\s){0,2}(?:[a-z][\w-]*\s)?[a-z][\w-]*)\s"
    r"(?:has\s|have\s|had\s|also\s|now\s)*(?:put|puts|placed|places|pegged|pegs|estimated|estimates|counted|counts)\s(?:the|its|their)\s"
    r"(?:[\w-]+\s){0,3}?at\s$")
_OTHER_CLAUSE = re.compile(
    r"\s(?:while|whereas|but)\s(?P<who>" + _NAME + r")\s(?:has\s|have\s|had\s)?"
    r"(?:said|says|estimated|estimates|estimate|reported|reports|counted|counts|believes|"
    r"put|puts)\s(?:that\s|it\swas\s|there\swere\s)?$")


def own_source(sentence: str, start: int, end: int) -> str | None:
    """Whose number the figure's own phrase says it is: "BP's early worst case scenario,
    of 60,000 barrels a day" (BP), "the two million people that the US and UN estimates
    need aid" (the US and UN); else None, and the sentence's speaker gives it."""
    before = sentence[max(0, start - 120):start]
    found = _ESTIMATE_BEFORE.search(before) if "s " in before else None
    if found is None:
        found = ESTIMATE_AFTER.match(sentence, end, end + 120)
    if found is None and re.search(r"\s(?:at|said|says|estimated?|estimates|reported|reports|"
                                   r"counted|counts|believes|put|puts|that|was|were)\s$", before):
        found = _ESTIMATE_VERB.search(before) or _OTHER_CLAUSE.search(before)
    if found is None and re.search(r"\b(?:estimates?|count|tally|figures?|projections?)\b",
                                   sentence[max(0, start - 240):start], re.I):
        found = _ESTIMATE_SUBJECT.search(sentence[max(0, start - 240):start])
    return found.group("who") if found else None


# where one clause of a sentence ends and another, with its own subject, begins
_CLAUSE_BREAK = re.compile(r",\s(?:but|while|whilst|whereas|although|though|yet)\s|;\s")


def clause_source(sentence: str, start: int, speaker_at: int) -> tuple[bool, str | None]:
    """Whose the figure at ``start`` is when it stands in another clause than the
    sentence's speaker (at ``speaker_at``): that clause's own speaker ("Colonel Riad
    al-Asaad ... said last week 10,000 soldiers had deserted, but authorities have denied
    any defections": his, not the authorities'; "Activists said 40 were killed, while the
    government said the figure was 12": the government's), no one for a clause before the
    speaker's that says no speaker ("300 were arrested, but activists said ..."). (False,
    None) when the clauses are one, or the figure's clause after the speaker's names no
    speaker: the speaker's statement may go on there ("X said 40 were killed, while 12 were
    wounded"), or the speaker closes the sentence ("..., '' said X")."""
    if speaker_at < 0 or (", " not in sentence and "; " not in sentence):
        return False, None
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence) + 1]
    if len(cuts) == 2:
        return False, None
    here = next(n for n in range(len(cuts) - 1) if cuts[n] <= start < cuts[n + 1])
    if cuts[here] <= speaker_at < cuts[here + 1]:
        return False, None
    clause = sentence[cuts[here]:cuts[here + 1]]
    said = attribute(clause)
    at = start - cuts[here]
    cue = clause.lower().find(said.cue) if said.cue else -1
    if said.speaker and said.stance is not Stance.NONE and 0 <= cue < at and \
            clause.find(said.speaker) < at:
        return True, said.speaker
    there = next(n for n in range(len(cuts) - 1) if cuts[n] <= speaker_at < cuts[n + 1])
    opens = not sentence[cuts[there]:speaker_at].strip(" \"'`\u201c")
    # a figure before a clause its speaker opens ("..., but activists said"), not one
    # before a speaker closing a quotation ("`` ..., but if you ... $ 2,500, '' said X")
    return (True, None) if here < there and opens else (False, None)
