"""What a figure measures, said in the sentence's own words.

A figure's quantity is the thing counted or measured and what happened to it, the way an
analyst would label a column: the counted noun with its modifiers ("Estonian soldiers"),
the predicate that says what happened to it ("killed in the Homs clashes", "fled Libya",
"poured into the Gulf"), who did it where the sentence says ("rounded up ... by Syrian
forces"), and, for a number in units, the measured thing rather than the unit ("share of
its workers", "distance of the leading edge of the oil slick from Pass-A-Loutre", "value
of a deal: its sponsorship of the London Olympics", "rise in BP's shares", "maximum prison
term"). No parser: the rules read the words next to the figure, cut at clause boundaries.
The head comes first (the ledger's ``measure`` reads the first counted noun).
"""

from __future__ import annotations

import re

from geobrief.analyse.sources import ESTIMATE_AFTER

MEASURES = frozenset("""gallons gallon barrels barrel tonnes tonne tons ton litres litre
    liters liter cubic inches inch centimetres centimeters cm mm""".split())
MONEY = frozenset({"$", "£", "€"})
_DISTANCE = frozenset("""miles mile km kilometres kilometre kilometers kilometer metres
    metre meters meter feet ft""".split())

# Irregular past forms and common verbs read as the predicate of a counted noun.
_IRREGULAR = frozenset("""came went fled left died fell rose grew took made gave got ran sent
    spent lost held built paid sold bought won hit met brought fought caught kept stood shot
    led saw found told became remain remained live lived die fled flee face faces faced
    remain stay stayed work worked need needed kill kills injure injures wound wounds
    arrest arrests detain detains send sends deploy deploys evacuate evacuates hold holds
    rescue rescues displace displaces""".split())
_S_VERBS = frozenset("""faces provides gets admits offers owns employs holds contains receives
    pays costs needs includes houses hosts counts numbers totals has agrees plans says expects
    wants hopes promises decides announces seeks aims intends threatens vows pledges refuses
    reports estimates""".split())
_NOT_VERBS = frozenset("""during according including following regarding concerning excluding
    nothing something anything everything morning evening hundred indeed united bed red
    speed seed feed shed breed ranging spring king thing wing ring building ceiling
    meeting meetings hearing funding training rating clothing housing bring saying adding
    noting insisting warning arguing claiming""".split())
_AUX = frozenset("""has have had is are was were be been being also now already reportedly
    so far still just then initially since once not never could would may might will can
    should must did do does further almost nearly roughly""".split())
_BOUNDARY_WORDS = frozenset("""that which who whom whose and but while whereas although though
    because if unless said says say told according where when after before as than or nor
    to on""".split())
_BOUNDS = (r"[,;:()\[\]]|\s[-\u2014\u2013]+\s|(?<!\b[A-Z])\.(?:\s|$)|"
           r"\s(?:and|but|while|whilst|whereas|although|though|because|which|who|whose|where|"
           r"when|what|if|unless|said|says|say|told|according|than|even|so that|as|after|before|"
           r"due to|owing to|because of)\b")
_PURPOSE = r"\sto\s(?!the\b|an?\b|its\b|their\b|(?-i:[A-Z\d]))"  # "to compensate victims"
_CUT = re.compile(r"\s*(?:" + _BOUNDS + "|" + _PURPOSE + ")", re.I)
_CUT_KEEPING_PURPOSE = re.compile(r"\s*(?:" + _BOUNDS + ")", re.I)

_PUNCT_END = re.compile(r"[,;:(\[\"\u201c\u201d`]\s*$|\s[-\u2014\u2013]+\s*$")
_RELATIVE_END = re.compile(r",\s*(?:which|who|whose)\b[^,;:\u201c\u201d\"]{1,120},\s*$")
_RISE = frozenset("""rose rise rises risen rising climbed climb climbs jumped jump jumps
    increased increase increases gained gain gains soared soar up surged surge added
    higher doubled tripled triple double""".split())
_FALL = frozenset("""fell fall falls fallen falling dropped drop drops declined decline
    declines decreased decrease slumped slump plunged plunge lost lose loses down cut
    tumbled shed lower halved""".split())
_GROW = frozenset("""grew grow grows grown growing expanded expand""".split())
_VALUE = re.compile(r"\b(?:valued at|worth|estimated at|put at|priced at|cost of|costing|"
                    r"costs?|at a cost of)\s$", re.I)
_TERM = re.compile(r"\b(?:jail|prison|imprisonment|sentence[ds]?|sentencing|behind bars|"
                   r"custody)\b", re.I)
_PLACE = re.compile(r"\b(?:country|nation|city|town|state|region|province|island|village|"
                    r"capital|territory)$", re.I)
# an active verb before its object, said as what happened to the object: "kill 40 Iraqis"
# -> "Iraqis killed"
_PARTICIPLES = {"kill": "killed", "kills": "killed", "killing": "killed", "wound": "wounded",
                "wounds": "wounded", "wounding": "wounded", "injure": "injured",
                "injures": "injured", "injuring": "injured", "arrest": "arrested",
                "arrests": "arrested", "arresting": "arrested", "detain": "detained",
                "detains": "detained", "detaining": "detained", "send": "sent", "sends": "sent",
                "sending": "sent", "deploy": "deployed", "deploys": "deployed",
                "deploying": "deployed", "evacuate": "evacuated", "evacuates": "evacuated",
                "evacuating": "evacuated", "displace": "displaced", "displaces": "displaced",
                "displacing": "displaced", "shooting": "shot", "rescue": "rescued",
                "rescues": "rescued", "rescuing": "rescued"}
_BRINGING = re.compile(r"\b(?:bring|brings|bringing|brought|take|takes|taking|took|push|pushes|"
                       r"pushing|pushed|revise|revises|revised|revising|put|puts|putting)\s"
                       r"(?P<np>(?:the|its|their)\s[^,;:]{3,100}?)\s(?:to|at)\s$", re.I)
_CHANGED_BY = re.compile(r"\b(?P<verb>reduce[sd]?|reducing|cut|cuts|cutting|lower(?:s|ed|ing)?|"
                         r"trim(?:s|med|ming)?|slash(?:es|ed|ing)?|raise[sd]?|raising|"
                         r"increase[sd]?|increasing|boost(?:s|ed|ing)?|expand(?:s|ed|ing)?|"
                         r"dampen(?:s|ed|ing)?|shrink(?:s|ing)?|shrank|lift(?:s|ed|ing)?)\s"
                         r"(?P<np>(?:(?:the|its|their|his|her|our)\s)?(?!(?:the|a|an|it|them)\b)"
                         r"[^,;:]{3,80}?)\sby\s$", re.I)
_OF_BEFORE = re.compile(r"(?P<np>\b(?:a|an|the|its|their)\s(?:[\w'-]+\s){0,3}?[\w'-]+),?\s"
                        r"of\s$", re.I)
_CUTS = ("reduc", "cut", "lower", "trim", "slash", "dampen", "shr")
_LEVEL = frozenset("""reach reached reaches reaching hit hits exceed exceeds exceeded exceeding
    top tops topped surpass surpasses surpassed near nears neared total totals totaled totalled
    totaling totalling""".split())
_PRONOUNS = frozenset("it they he she we i you which that this".split())
_DETERMINERS = frozenset("the a an its their his her our this these those that".split())


def clip(text: str, most: int, purpose: bool = False) -> str:
    """``text`` up to its first clause boundary, at most ``most`` words; a purpose
    ("to compensate victims") ends it unless ``purpose`` (what a sum is for)."""
    cut = (_CUT_KEEPING_PURPOSE if purpose else _CUT).search(text)
    part = text[:cut.start()] if cut else text
    words = part.split()[:most]
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # cut mid-phrase: "into the sea since the" is "into the sea"
    return " ".join(words)


def _is_verb(word: str) -> bool:
    low = word.lower().strip(".,;:")
    if low in _NOT_VERBS or not low.isalpha():
        return False
    return low in _IRREGULAR or low in _S_VERBS or (len(low) > 4 and low.endswith(("ed", "ing")))


def _strip_aux(text: str) -> str:
    words = text.split()
    while words and (words[-1].lower() in _AUX or words[-1].lower().endswith("ly") or (
            _is_verb(words[-1]) and words[-1].islower() and len(words) > 1 and
            words[-2].lower() not in _DETERMINERS)):
        words.pop()
    return " ".join(words)


_FUNCTION = frozenset("""of in on at to for by from with into onto the a an its their his her
    our this these those that over under about""".split())
# words a clipped phrase cannot end on: they open what the clip cut off
_DANGLING = _FUNCTION | frozenset("since until than as what".split())


def np_before(before: str, most: int = 5) -> str:
    """The noun phrase ending ``before`` (its auxiliaries and adverbs dropped): up to
    ``most`` words back, cut at punctuation or a clause word; a non-restrictive relative
    clause ending it (", which has lost ...,") is stepped over, and a relative pronoun
    stands for what it refers to."""
    text = before.rstrip()
    relative = _RELATIVE_END.search(text + " ")
    if relative:
        text = text[:relative.start()]
    text = _strip_aux(text)
    if re.search(r"(?:^|\s)(?:which|that|who)$", text, re.I):
        text = _strip_aux(re.sub(r",?\s*(?:which|that|who)$", "", text, flags=re.I))
    if _PUNCT_END.search(text):
        return ""
    out: list[str] = []
    words = text.split()
    for n in range(len(words) - 1, -1, -1):
        word = words[n]
        adjective = n > 0 and words[n - 1].lower() in _DETERMINERS
        if re.search(r"[,;:()\"\u201c\u201d\[\]]$", word) or word in ("-", "--", "\u2014") or \
                (word.lower() in _BOUNDARY_WORDS and not (
                    word == "and" and most >= 8 and n > 0 and
                    not re.search(r"\d|percent|%", words[n - 1]))) or \
                (out and (_is_verb(word) or word.lower() in _AUX) and not adjective and
                 not word[:1].isupper()) or \
                (not out and word.lower() in _FUNCTION):
            break
        out.append(word)
        if len(out) >= most:
            break
    while out and out[-1].lower() in _FUNCTION - _DETERMINERS:
        out.pop()  # "in the two attacks": the attacks
    phrase = " ".join(reversed(out))
    how = re.search(r"\bhow (?:much|many)\s", phrase, re.I)
    return phrase[how.end():] if how else phrase


def _antecedent(before: str, most: int = 10) -> str:
    """What a relative clause ending ``before`` ("the April 20 disaster, which",
    "the 1988 bombing of Pan Am Flight 103 over Lockerbie, Scotland, in which") refers to:
    the noun phrase from its last determiner, an appended ", Place" dropped."""
    text = re.sub(r",?\s*(?:in |of |during |on )?(?:which|that|who|whose)\s*$", "", before.rstrip(),
                  flags=re.I)
    text = re.sub(r",\s*[A-Z][\w-]+\s*$", "", text)  # ", Scotland"
    words = np_before(text, most).split()
    for n in range(len(words) - 1, -1, -1):
        if words[n].lower() in _DETERMINERS - {"that", "this"}:
            return " ".join(words[n:])
    return " ".join(words)


_NOT_PLURAL = (r"(?!(?:this|his|its|was|has|is|as|us|thus|plus|less|yes|does|goes|always|"
               r"perhaps|whereas|across|unless|whereas)\b)")
_MODIFIER = (r"(?!(?:are|is|was|were|have|has|had|been|be|and|or|of|in|on|at|to|for|by|with|"
             r"from|this|that|as|than|while|but|when|if)(?![\w-]))[\w'-]+\s")
_NUMBER_WORD = (r"(?!\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|"
                r"thousands|millions)\b)")
# a mass noun heads the phrase only when no counted noun follows it: "oil" in "650,000
# gallons of oil", not in "32 oil separation machines"
_NOUN_FOLLOWS = r"(?!\s(?:[a-z][\w-]*\s){0,2}?" + _NOT_PLURAL + r"(?:[\w-]+s|people|[\w-]*men)\b)"
_COUNT_NOUN = (_NOT_PLURAL + r"(?:[\w-]+s|people|(?:personnel|police|staff)(?!\s[a-z][\w-]*s\b)|"
               r"cattle|livestock|aircraft|artillery|(?:crude|oil)" + _NOUN_FOLLOWS +
               r"|[\w-]*men|[\w-]+ren)\b")
_HEAD_AFTER = re.compile(
    r"^\s?(?:of\s)?(?P<noun>(?:(?:the|those|its|their|his|her)\s)?(?:" + _MODIFIER + r"){0,3}?" +
    _COUNT_NOUN + r"(?:\s(?:and|or)\s" + _NUMBER_WORD +
    r"(?:(?![\w-]*ing\s)[a-z][\w'-]*\s){0,2}?" + _COUNT_NOUN +
    r"(?!\s(?:to|the|a|an|its|their)\b))?"
    r"(?:\s(?:of|in|on|from|at)\s(?:(?:the|an?)\s)?(?:[\w'-]+\s){0,2}?"
    r"(?-i:[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*\b|[a-z][\w'-]*s\b))?)", re.I)
# a name the counted noun's place goes on to, past a capitalised adjective and a common
# noun or two: "from Panamanian" + " law firm Mossack Fonseca"
_NAME_GOES_ON = re.compile(r"^(?:\s(?-i:[a-z][\w'-]*)){1,2}(?:\s(?-i:[A-Z][\w'-]+))+")
_NOUN_AFTER_MONEY = re.compile(r"^\s(?P<noun>(?:[a-z][\w-]*\s){0,2}[a-z][\w-]*)\b")
_PREDICATE = re.compile(
    r"^(?:,?\s(?:along|together) with\s[^,]{1,60}?,?(?=\s(?:had|have|has|were|was|are|is|"
    r"who|that|which)\b)|,\s(?:mostly|mainly|largely|chiefly|many|most|some|all|nearly all|"
    r"almost all|a majority|the majority|including|among them)\b[^,;]{0,60},(?=\s(?:had|have|"
    r"has|were|was|are|is)\b))?(?P<rel>\s(?:who|that|which))?(?P<aux>(?:\s(?:have|has|had|were|was|"
    r"are|is|been|being|be|already|reportedly|now|so far|initially|later|also|still|"
    r"reported|believed|thought|said|feared|estimated|expected|to be|to have been)(?=\s))*)"
    r"\s(?P<verb>[\w-]+)"
    r"(?P<rest>.*)$", re.I | re.S)


def _predicate(tail: str) -> str:
    """What happened to the counted noun, read after it: "were killed in the Homs
    clashes", "who have fled Libya", "came from the US"."""
    found = _PREDICATE.match(tail)
    if not found:
        return ""
    verb = found.group("verb")
    if not _is_verb(verb) and not (found.group("aux") and verb.lower() in ("dead", "missing",
                                                                          "due", "alive")):
        return ""
    if found.group("rel") is None and not found.group("aux") and verb.endswith("ing") and \
            not tail.startswith(" "):
        return ""
    rest = clip(re.split(r"\s(?=\d|(?:at least|more than|two|three|four|"
                         r"five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b)",
                         found.group("rest"), maxsplit=1)[0], 6)
    aux = found.group("aux").split()
    keep = [w for w in aux if w.lower() in ("initially", "later", "already", "so", "far")]
    return " ".join([*keep, verb, rest]).strip()


def _after_money(tail: str, noun_only: bool = False) -> str:
    """What a sum is for, read after it: "a $28,156 minimum payment was due", "in a fund
    to compensate victims of the spill", "the U.N. Sanctions Committee has approved for
    release in ..."."""
    tail = re.sub(r"^\s?\([^)]{0,40}\)", "", tail)
    rate = re.match(r"^\s(?:a|an|per|each)\s(?:day|year|week|month|hour|barrel|head|gallon|"
                    r"litre|liter|tonne|ton|share|person|capita)\b", tail)
    if rate:
        tail = tail[rate.end():]
    head: list[str] = []
    for word in tail.split()[:3]:  # the words after a sum are nouns, bar a verb's ending
        bare = word.rstrip(".,;:")
        if not re.fullmatch(r"[a-z][a-z-]*", bare) or bare in _BOUNDARY_WORDS or \
                bare in _AUX or bare in _FUNCTION or bare.endswith(("ed", "ly")) or (
                    bare.endswith("ing") and re.search(r"\s" + bare + r"\s(?:the|an?|its|their)\b",
                                                       tail)):
            break
        head.append(bare)
        if bare != word:
            break
    if head:
        rest = tail.split(None, len(head))[-1] if len(tail.split()) > len(head) else ""
        of = re.match(r"of\s(?:[\w'-]+\s?){1,3}", rest) if rest else None
        if of:  # "a 60 to 70 percent chance of success"
            return " ".join([*head, clip(of.group(0), 4)])
        return " ".join([*head, _predicate(" " + rest) if rest else ""]).strip()
    if not noun_only and \
            re.match(r"^\s(?:the|a|an|to|in|for|into|on|from|by(?=\s\w+ing\b))\s", tail):
        return clip(tail, 10, purpose=True)
    return ""


def counted_noun(after: str) -> str | None:
    """The noun a figure counts, read from the text just after it ("deaths" from " deaths
    from the virus"), or None."""
    found = _HEAD_AFTER.match(after)
    return found.group("noun") if found else None


def _change(word: str) -> str | None:
    low = word.lower()
    return "rise in" if low in _RISE else "fall in" if low in _FALL else \
        "growth of" if low in _GROW else None


_VERB_BEFORE = re.compile(r"(?P<lead>.*?)(?P<verb>\b[\w'-]+)(?P<particle>\s(?:up|dead|off|out|"
                          r"down|back|away|go|in|on))?(?P<by>\s(?:by|to|at|of|for|from|with|"
                          r"around|about|almost|nearly|some))?\s$", re.S)
# verbs that report or think a clause the figure opens ("says 11,000 soldiers are ...")
_REPORTING = frozenset("""said says say told tells claimed claims claim believes believe
    believed thinks think thought reported reports suspected suspects feared fears warned
    warns added adds stated states insisted insists alleged alleges""".split())
_HOME_TO = re.compile(r"\b(?:is|are|was|were)\s(?:\w+\s)?home\sto\s$", re.I)
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|stood at|stands at|stand at|reached|"
                            r"totall?ed|amounted to|at)\s(?:now\s|still\s|only\s)?$", re.I)


_REACH = 400


def quantity(sentence: str, start: int, end: int, unit: str | None, value: str) -> str:
    """What the figure at [start, end) of ``sentence`` measures, in its words."""
    # a clause's words are near the figure: a comment thread read as one sentence runs
    # to 20,000 characters, and each figure reads only its neighbourhood
    before, after = sentence[max(0, start - _REACH):start], sentence[end:end + _REACH]
    after = re.sub(r"^\s?\((?:[^()]{0,40})\)", "", after)  # "(637,000 litres)"
    parts: list[str] = []
    tail = after
    head = ""
    term = _term(sentence, start, end, unit, value)
    if term:
        return term
    held = _opinion_share(before, after) if unit == "%" else \
        _payment(before) if unit in MONEY else ""
    if held:
        return held
    area = "square" in value.lower()
    if unit in _DISTANCE and not area and (
            away := re.match(r"^\s(?:(?:away\s)?from|off)\s(?P<y>.+)", after, re.S)):
        subject = np_before(re.sub(r"\b(?:is|are|was|were|lies|lay|stood|sits)\s(?:now\s|"
                                   r"only\s|just\s)?$", "", before), 12)
        subject = subject or _main_subject(before)  # "plumes have travelled as far as"
        where = clip(away.group("y"), 5)
        return " ".join(f"distance of {subject} from {where}".split())
    measured = re.match(r"\s?of\s(?:(?:the|an?|its|their|crude)\s)?(?P<what>[\w'-]+(?:\s(?!(?:"
                        r"had|has|have|was|were|is|are|into|onto|on|in|to|from|a|per|that|"
                        r"which|daily|about|a|an|the|and|or|\w+ing|\w+ed)\b)[\w'-]+){0,2})",
                        after) \
        if unit in MEASURES or unit in _DISTANCE or area else None
    share_of = re.match(r"^\s?of\s(?!(?:its|their)\svalue\b)(?P<what>(?:[\w'-]+\s?){1,6})", after) \
        if unit == "%" or value.lower() in ("half", "a third", "a quarter", "two-thirds") \
        else None
    counted = _HEAD_AFTER.match(after) if unit is None else None
    adjective = re.match(r"^\s(?P<what>[a-z][\w-]*(?:\s(?:of|in|into|from)\s[\w\s'-]+)?)", after) \
        if unit in MEASURES and not value.lower().endswith("s") else None
    if adjective:  # "the 206 million gallon leak of oil into the Gulf"
        head = clip(adjective.group("what"), 6)
        tail = ""
    elif measured:  # "650,000 gallons of the chemical": what is measured, not the unit
        head = measured.group("what")
        tail = after[measured.end():]
    elif share_of:
        head = "share of " + clip(share_of.group("what"), 6)
        tail = after[share_of.start("what") + len(clip(share_of.group("what"), 6)):]
    elif counted:
        head = counted.group("noun")
        tail = after[counted.end():]
        named = _NAME_GOES_ON.match(tail) if re.search(r"\s[A-Z][\w'-]+$", head) else None
        if named:  # "documents from Panamanian law firm Mossack Fonseca"
            head, tail = head + named.group(0), tail[named.end():]
    elif (unit in MONEY or unit == "%") and (of := _OF_BEFORE.search(before[-120:])) and \
            np_before(of.group("np"), 6):
        head = np_before(of.group("np"), 6)  # "a national average of $1.82", "a fee of $300"
        tail = ""
    elif unit in MONEY or unit == "%":
        head = _after_money(after, noun_only=unit == "%")  # "a 76 % graduation rate"
        tail = ""
    if head:
        parts.append(head)
    rate = re.match(r"^\s(?:a|an|per|each|every)\s(?P<per>day|year|week|month|hour)\b", tail)
    if rate:  # "12 deaths per day", "40 patients a week": the count is a rate
        tail = tail[rate.end():]
        if head and unit is None:
            parts[-1] = f"{head} per {rate.group('per')}"
    source = ESTIMATE_AFTER.match(tail) if head else None
    if source:  # "people that the US and UN estimates need aid": what they need
        tail = tail[source.end():]
    predicate = _predicate(tail) if tail else ""
    shared = re.search(r"\b(?:along|together) with\s$", before) if not predicate else None
    if shared and (closing := re.match(r"^[^,;]{0,60},(?P<rest>.*)$", tail, re.S)):
        predicate = _predicate(closing.group("rest"))  # "Florida, along with 25 other
        if predicate:  # states, had filed a lawsuit": the states filed it with Florida
            predicate += " with " + np_before(re.sub(r",?\s*(?:along|together) with\s$", "",
                                                      before), 4)
    if predicate:
        parts.append(predicate)
    elif head and re.match(r"^\s(?:on board|aboard)\b", tail):
        parts.append(f"on board {_main_subject(before)}".strip())  # "planes left with N X
    elif head and re.match(r"^\s(?:in|at|near|around|across|from|on)\s", tail):
        parts.append(clip(tail, 6))  # "youths in the southern city of Deraa"
    elif not head and (be := re.match(r"^\s(?:is|was|are|were)\s(?P<np>.+)",
                                                       after, re.S)):
        parts.append(clip(be.group("np"), 8))  # "# 750 is a reasonable expense for ..."
    parts.extend(_before(before, tail, unit, bool(head), bool(predicate)))
    if not parts or not any(p.strip() for p in parts):
        # the words before it, less a bracket it opens or a conversion it follows
        last = re.sub(r"\([^()]{0,40}\)", " ", before).rstrip(" ([\u2014-")
        parts = [" ".join(last.split()[-4:])]
    said: list[str] = []
    for part in parts:  # a phrase read twice (a head's place and a verb's) is said once
        if part.strip() and part.strip() not in " ".join(said):
            said.append(part.strip())
    out = " ".join(" ".join(said).split())[:160]
    if not head and unit in ("barrels", "barrel") and not re.search(r"\b(?:oil|crude)\b", out):
        # barrels that name nothing measure oil: "siphoned off 2,200 barrels"
        out = f"oil {out}" if re.match(r"[a-z]", out) else f"{out} (oil)"
    return out or " ".join(before.split()[-4:] or after.split()[:4])[:160]


_OPINION = (r"(?:think|thinks|thought|say|says|said|believe|believes|believed|support|supports|"
            r"supported|oppose|opposes|opposed|want|wants|wanted|approve|approves|approved|"
            r"disapprove|disapproves|disapproved|favou?rs?|favou?red|expect|expects|expected|"
            r"agree|agrees|agreed|disagree|disagrees|disagreed|prefer|prefers|preferred|feel|"
            r"feels|felt|fear|fears|feared|back|backs|backed|reject|rejects|rejected)")
_SHARE_HOLDING = re.compile(r"^\s(?:(?:(?:sizable|slim|narrow|clear|large|small|bare)\s)?"
                            r"(?:majority|minority|plurality)\s)?(?:of\s(?:the\s)?(?P<who>"
                            r"(?:[\w'-]+\s){0,2}?[a-z][\w'-]*s)\s)?(?P<verb>" + _OPINION +
                            r")\b(?P<rest>.*)$", re.S | re.I)
_HOLDERS_BEFORE = re.compile(r"\bof\s(?:the\s)?(?P<who>(?:[\w'-]+\s){0,2}?[a-z][\w'-]*s)\s" +
                             _OPINION + r"\b", re.I)


def _opinion_share(before: str, after: str) -> str:
    """A share of people holding a view, as a poll gives it: "69 percent of voters think
    the spill will hurt the economy", "while 26 percent think it won't" (of the voters the
    sentence named before)."""
    found = _SHARE_HOLDING.match(after)
    if found is None:
        return ""
    who = found.group("who")
    if who is None and (earlier := list(_HOLDERS_BEFORE.finditer(before))):
        who = earlier[-1].group("who")
    view = clip(found.group("rest"), 8)
    return " ".join(f"share of {who or 'people'} who {found.group('verb')} {view}".split())


# a sum someone receives: "you get $5,000", "each family will receive $2,000"
_RECEIVED = re.compile(r"(?P<who>\b(?:you|they|he|she|we|(?:each|every)\s[\w-]+|"
                       r"(?!(?:was|has|is|this|its)\b)[A-Za-z][\w-]+s|(?:the|their|its|his|her)\s"
                       r"(?:[\w-]+\s){0,2}?[\w-]+))\s(?:(?:will|would|could|can|may|should|also|"
                       r"each)\s)?(?:get|gets|got|receive|receives|received|earn|earns|earned|"
                       r"(?:be|been|was|were|are|is)\spaid)\s(?:(?:up to|about|around|roughly|"
                       r"nearly|only|an extra|a further)\s)?$", re.I)
_CONDITION = re.compile(r"\bif\s(?P<cond>[^;]{3,100}?)\s*,?\s*$", re.I)


def _payment(before: str) -> str:
    """What a sum someone receives is: "payment to you if you are a captain/guide and own
    a boat" from "if you are a captain/guide and own a boat, you get $5,000"."""
    found = _RECEIVED.search(before[-200:])
    if found is None:
        return ""
    lead = before[-200:][:found.start()]
    lead = re.split(r",?\s(?:but|while|whereas)\s|;", lead)[-1]  # this clause's condition
    cond = _CONDITION.search(lead)
    said = f"payment to {found.group('who')}"
    return " ".join((said + (f" if {cond.group('cond')}" if cond else "")).split())


def _term(sentence: str, start: int, end: int, unit: str | None, value: str) -> str:
    """A duration that is a term: "up to four years" in jail, a "one-year break"."""
    after = sentence[end:]
    years = re.match(r"^[\s-]?(?:years?|months?|weeks?|days?)\b", after, re.I)
    if not years:
        return ""
    window = sentence[max(0, start - 60):end + 40]
    if years.group(0).startswith("-") and (noun := re.match(
            r"^-\w+\s(?P<noun>(?:[\w-]+\s)?(?:break|ban|suspension|moratorium|sentence|term|"
            r"freeze|truce|ceasefire|pause|contract|deal|extension|delay)\b(?:\s(?:from|on|of|"
            r"in)\s[\w'-]+(?:\s[\w'-]+)?)?)", after, re.I)):
        return f"length of the {noun.group('noun')}"
    if _TERM.search(window):
        most = re.search(r"\b(?:up to|maximum|as many as|as much as)\s", window, re.I)
        return ("maximum " if most else "") + "prison term"
    return ""


def _before(before: str, after: str, unit: str | None, has_head: bool,
            has_predicate: bool) -> list[str]:
    """What the words before the figure add: the verb acting on it with its agent, the
    change it is ("rise in X"), the value or size of something, the relative clause's
    antecedent ("which killed 11 workers": the disaster)."""
    out: list[str] = []
    brought = _BRINGING.search(before[-200:])
    if brought:  # "bringing the total number of investigations to 26"
        what = brought.group("np")
        how = _HOW_MUCH.search(what)
        return [clip(how.group("what") if how else what, 8)]
    changed = _CHANGED_BY.search(before[-200:])
    if changed:  # "reduce its white-collar workforce by 25 %"
        kind = "fall in" if changed.group("verb").lower().startswith(_CUTS) else "rise in"
        return [f"{kind} {clip(changed.group('np'), 8)}"]
    if _HOME_TO.search(before):
        where = np_before(re.sub(r"\s(?:is|are|was|were)\s(?:\w+\s)?home\sto\s$", " ", before),
                          8)
        return ["living in " + where] if where else []
    if _VALUE.search(before):
        subject = np_before(_VALUE.sub("", before), 5)
        appositive = re.search(r"(?P<np>[^,;:]{3,80}),\s(?:a|an|the)\s[\w\s-]{1,30}$",
                               _VALUE.sub("", before).rstrip())
        thing = f"{subject}: {np_before(appositive.group('np'), 6)}" if appositive else subject
        return [f"value of {thing}"] if thing else []
    if not has_head and re.search(r"\bof\s$", before):
        thing = np_before(re.sub(r",?\s*of\s$", "", before), 6)
        if thing and unit is None and _PLACE.search(thing):
            return [f"population of {thing}"]  # "a country of 20 million"
        if thing and unit is not None:
            return [thing]
    inwhich = re.search(r"(?:,\s*)?\b(?:in|during|on) which\s$", before, re.I)
    if inwhich:
        return ["in " + _antecedent(before[:inwhich.start()] + " which")]
    verb = _VERB_BEFORE.match(before, max(0, len(before) - 80))
    if verb is None:
        return out
    word = verb.group("verb")
    particle = (verb.group("particle") or "").strip().lower()
    if particle in ("up", "down") and not _is_verb(word):  # "sales were down 41 %"
        word, verb_start = particle, verb.start("particle") + 1
    else:
        verb_start = verb.start("verb")
    if word.lower() in _LEVEL and not verb.group("by"):  # "the total could reach 12,000"
        subject = np_before(before[:verb_start], 8)
        return [subject] if subject and subject.lower() not in _PRONOUNS else []
    change = _change(word) if unit is not None or verb.group("by") or not has_head else None
    lead = before[:verb_start]
    if change is None and word.lower() in ("up", "down") and re.search(r",\s$", lead):
        change = _change(word)  # "..., down 38 cents"
    if change:
        if re.search(r",\s$", lead) and word.lower() in ("up", "down"):
            subject = _main_subject(lead)
        else:
            subject = np_before(lead, 8)
        level = (verb.group("by") or "").strip() == "to"  # "the toll rose to 25": the toll
        if subject:
            out.append(subject if level else f"{change} {subject}")
        return out
    infinitive = re.search(r"\b(?:to|will|would|could|may|might|can|must|should|did|"
                           r"didn't|cannot)\s$", lead, re.I) is not None
    infinitive = infinitive and word.isalpha() and word.islower() and word not in _FUNCTION
    if re.search(r"\b(?:a|an|the)\s$", lead, re.I):  # "a revised $700 billion bill"
        return out
    if not (_is_verb(word) or infinitive) and word.lower() not in ("up", "dead"):
        if not has_head and _COPULA_BEFORE.search(before):
            subject = _copula_subject(_COPULA_BEFORE.sub("", before))
            if subject:
                out.append(subject)
        return out
    if word.lower() in _REPORTING and has_head and not verb.group("by"):
        return out  # "Ukraine says 11,000 soldiers ...": the figure opens what is said
    phrase = _PARTICIPLES.get(word.lower(), word) + (verb.group("particle") or "")
    if word.lower() in ("has", "have", "had") and not verb.group("particle"):
        phrase = ""
    if re.search(r"\b(?:which|that)\s$", lead, re.I):  # "the disaster, which killed 11"
        out.append(f"{phrase} in {_antecedent(lead)}" if phrase else _antecedent(lead))
        return out
    passive = re.search(r"\b(?:being|been|was|were|is|are|be)\s$", lead, re.I) is not None \
        and word.lower().endswith("ed")
    gerund = re.search(r"\b(?:after|before|while|by|since|when)\s$", lead, re.I) is not None \
        and word.lower().endswith("ing")  # "a day after shooting dead 22 people"
    # "a day after shooting dead 22", "told of being offered $X": the sentence's subject
    agrees = re.search(r"\bto\s$", lead) is not None  # "BP agrees to pay $4.5 billion"
    subject = _main_subject(lead) if gerund or passive or agrees else np_before(lead, 4)
    if subject.lower() in _PRONOUNS:
        subject = ""
    if phrase:
        out.append(phrase)
    if not has_predicate and after.strip():
        rest = clip(re.sub(r"^\s?\([^()]{0,40}\)", "", after), 7)
        if rest and re.match(r"^(?:in|on|into|onto|to|from|across|around|near|at|for|over|"
                             r"by|daily|a day|this|last)\b", rest):
            out.append(rest)
    if subject:
        out.append(f"{'to' if passive else 'by'} {subject}")
    return out


def _main_subject(text: str) -> str:
    """The subject the sentence (or its part after a dateline's dash) opens with: its
    words up to the first verb, when that comes within six words."""
    text = text.split(" - ")[-1]
    for _ in range(2):  # "Meanwhile, according to BP, the cost ... has"
        text = re.sub(r"^[^,]{0,40},\s*", "", text) if "," in text[:42] else text
    words: list[str] = []
    for word in text.split()[:7]:
        if words and (word.lower() in _AUX or (_is_verb(word) and not word[:1].isupper())):
            return " ".join(words)
        words.append(word)
    return ""


_HOW_MUCH = re.compile(r"\b(?:how (?:much|many)|the (?:total\s)?(?:number|amount|volume) of)\s"
                       r"(?P<what>[^,;:]+)$", re.I)


def _copula_subject(before: str) -> str:
    """The subject of "... is N": "how much oil spilled from the ruptured well" is what an
    estimate measures."""
    how = _HOW_MUCH.search(before[-160:].rstrip())
    if how:
        return _strip_aux(" ".join(how.group("what").split()[:8]))
    return np_before(before, 6)
