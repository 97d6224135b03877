"""Figures typed by what they measure.

A figure is a number that measures something ("up to 12,000 troops", "about $ 58
million", "5 %", "thousands"), with its qualifier, unit and scale read, and the quantity
it measures said in words from the sentence: what is counted and what happened to it
("civilians killed in the Homs clashes" from "At least 30 civilians were killed in ...",
"people rounded up around Hama" from "rounded up dozens of people around Hama"). Dates,
years, clock times, ages, ordinals, durations of events and article or flight numbers are
not figures. ``kind`` is the family the ledger compares figures within (troops, people
killed, money, share); two figures of different quantities are never pooled by kind alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from geobrief.analyse.quantities import MEASURES, clip, counted_noun
from geobrief.analyse.quantities import quantity as measured
from geobrief.analyse.sources import own_source
from geobrief.analyse.text import may_hold

_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100,
                 "a dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200,
                 "thousands": 2000, "tens of thousands": 20000, "hundreds of thousands": 200000,
                 "millions": 2e6, "a third": 1 / 3, "a quarter": 0.25, "half": 0.5,
                 "two-thirds": 2 / 3}
_SCALES = {"million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "thousand": 1e3, "k": 1e3, "trillion": 1e12, "tn": 1e12}
_QUALIFIER = (r"up to|about|around|more than|over|at least|nearly|almost|roughly|some|"
              r"as many as|as much as|fewer than|less than|only|an estimated|approximately|"
              r"close to|just over|just under|under|upwards of|at most|a total of|estimated|"
              r"as few as|as little as|another|a further|an additional|a new")
INCREMENTS = frozenset({"another", "a further", "an additional", "a new", "more"})
# "more" closing a figure that names nothing: "investigating dozens more", "12 more on
# Saturday" (not "more than", "more people")
# a quantity that only refers back to the count before it
_THE_NUMBER = re.compile(r"(?:the\s)?(?:number|figure|total|tally|count|estimate)"
                         r"(?:\s(?:there|then|now|so far))?", re.I)
_MORE_ALONE = re.compile(r"\smore\b(?=\s*(?:[,.;:)]|$|\s(?:in|on|at|near|around|from|and|were|"
                         r"have|had|are|was|is|since|after|this|last)\b))")
_CURRENCY = r"(?:US\$|\$|£|€|#|EUR|USD)"
_GROUPED = r"\d{1,3}(?:,\d{3})+"  # the high end of "15,000-20,000", a range without spaces
_NUMBER = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
           r"(?:tens of |hundreds of )?(?:thousands|millions)|hundreds|dozens|scores|a dozen|"
           r"a third|a quarter|half|two-thirds|"
           r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
           r"forty|fifty|a hundred)")
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|tn|m|k|b)\b)"
_UNIT = (r"(?:\s?(?:%|percent|per cent|percentage points?|gallons?|barrels?|miles?|km|kilometres?|"
         r"kilometers?|tonnes?|tons?|litres?|liters?|euros?|dollars?|pounds?|cents?|yuan|"
         r"rubles?|roubles?|hectares?|acres?|square miles|feet|metres?|meters?|inches|"
         r"centimetres?|centimeters?|cm|mm|ft))")
_RATE = r"(?:\s(?:a|per|an|each|every)\s(?:day|year|week|month|hour|barrel))"
_ONE = (r"(?:" + _CURRENCY + r"\s?)?(?:" + _NUMBER + r")" + _SCALE + r"?" + _UNIT + r"?" +
        r"(?:\s?" + _CURRENCY.replace("(?:", "(?:euros?|") + r")?")
_FIGURE = re.compile(
    r"(?<![\w.,-])(?P<qualifier>(?:" + _QUALIFIER + r")\s)?(?:between\s)?(?P<value>" + _ONE +
    r"(?:\s(?:to|and|-)\s" + _ONE + r"|-" + _GROUPED + _SCALE + r"?" + _UNIT + r"?)?)" +
    r"(?P<rate>" + _RATE + r")?(?![\w-]|\.\d)", re.I)
_ANY_NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                         r"fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousands|"
                         r"millions|dozens?|scores|half|third|quarter|two-thirds)\b", re.I)
# what every match of _ANY_NUMBER holds (lower case): a cheap test before the search
_NUMBER_HINTS = (*"0123456789", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty",
                 "hundred", "thousand", "million", "dozen", "score", "half", "third",
                 "quarter")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_NOT_AFTER = re.compile(r"^(?:\s?(?:" + _MONTHS + r")\b|-year-old|-years?-old|\s?years? old|"
                        r"\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst|edt|est|utc|cet)\b|(?:st|nd|rd|th)\b|"
                        r"\s?(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|"
                        r"centuries|times|fold)\b|:\d\d|\.\d\d\s?(?:am|pm|gmt|bst))", re.I)
_NOT_BEFORE = re.compile(r"(?:\b(?:" + _MONTHS + r")\.?\s|\b(?:article|articles|resolution|"
                         r"flight|no\.|number|section|chapter|paragraph|page|route|highway|"
                         r"room|phase|level|category|stage|grade|class|the|aged?|age of|"
                         r"since|in|by|until|from|of|on|at|until|till)\s|\bthe\s(?:\w+\s)?"
                         r"(?:top|first|last)\s|[#/:]|\d[.,]?\s?)$", re.I)
_PLURAL_AFTER = re.compile(r"^\s(?:more\b|(?:of\s(?:the|its|their|these|those|our|his|her)\s)?"
                           r"(?:[\w'-]+\s){0,2}?(?:[\w-]+s|people|men|women|children)\b)")
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)s?$")
_ALLOWED_DURATION = re.compile(r"\b(?:jail|jailed|prison|imprisonment|behind bars|custody|"
                               r"sentence[ds]?|term|ban|break|suspension|moratorium)\b", re.I)
# a vague numeral of a unit is one figure: "thousands of barrels"
_OF_UNIT = re.compile(r"\sof\s(?:barrels|gallons|tonnes|tons|litres|liters|dollars|euros|"
                      r"pounds|acres|hectares)\b", re.I)
# a term given as an adjective: "a one-year break", "a 10-year ban"
_TERM_FIGURE = re.compile(r"(?<![\w-])(?P<value>(?:\d+|one|two|three|four|five|six|seven|eight|"
                          r"nine|ten|twelve|twenty)-(?:year|month|week))(?=\s(?P<noun>(?:[\w-]+\s)?"
                          r"(?:break|ban|suspension|moratorium|sentence|term|freeze|truce|"
                          r"ceasefire|pause)\b(?:\s(?:from|on|of|in)\s[\w'-]+(?:\s[\w'-]+)?)?))",
                          re.I)
# one of a thing in a span of time, a rate: "admits one case of rabies every week", "one
# child dies every minute" (a bare "one" is no figure: "one of them", "one day")
_ONE_RATE = re.compile(r"(?<![\w-])(?P<value>one\s(?P<noun>(?!(?:of|in|by|to|for|and|or|the|"
                       r"an?|more|other|another|day|week|month|year|hour|minute|second|"
                       r"night|time)\b)[a-z][\w-]*)"
                       r"(?P<of>\sof\s[a-z][\w-]*)?(?:\s[a-z]+){0,2}?\s(?:every|a|per|each)\s"
                       r"(?:day|week|month|year|hour|minute|second|night))\b", re.I)
_COUNT_AFTER_WORD = frozenset("the in by from of on at".split())
_COUNTED_AFTER = re.compile(r"^\s(?:[a-z][\w'-]*\s)?(?:(?!(?:was|has|is|does|this|its|his|as|us|"
                            r"thus|plus|less|across|always|perhaps|unless)\b)[a-z][\w-]*s|"
                            r"people|men|women|children)\b")
# a level a number states: "the total stands at 15", "the toll rose to 25", "put the
# number at 12"
_LEVEL_BEFORE = re.compile(r"\b(?:stands?|stood|is|was|are|were|put|puts|estimated|rose|risen|"
                           r"fell|fallen|increased|decreased|climbed|jumped|dropped|declined|"
                           r"grew|grown|reached|totall?ed|amounted|remained|remains)\s(?:at|to)\s$|"
                           r"\b(?:toll|number|figure|total|tally|count|estimate)(?:\s(?:there|then|"
                           r"now|so far))?\s(?:at|to)\s$", re.I)
_SCALED = re.compile(r"\b(?:million|billion|thousand|trillion)\b", re.I)
_AGE_BEFORE = re.compile(r"(?:[A-Z][\w'-]+\s?,\s?|\b(?:he|she|i)\s(?:was|is)\s)$")
_NAMED = re.compile(r"[^.!?:;,\s]\s+[A-Z][\w'\u2019-]*\s$")
# The most white space _NOT_BEFORE can match (3), with room.
_NOT_BEFORE_SPACES = 6
_SPACE = re.compile(r"\s")


def search_end(pattern: re.Pattern[str], text: str, spaces: int) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern that ends the text (``$``) and holds at most
    ``spaces`` white-space characters, tried only after the white space it cannot reach:
    a match holding no more than ``spaces`` of them starts after the ``spaces + 2``-th
    from the end (one more for a final newline, before which ``$`` also matches). The
    same match as searching the whole text, without a search from each of its positions
    (a comment thread read as one sentence runs to 20,000 characters)."""
    found = [m.start() for m in _SPACE.finditer(text, max(0, len(text) - 40 * spaces))]
    if len(found) < spaces + 2:
        return pattern.search(text)
    return pattern.search(text, found[-(spaces + 2)] + 1)
_KINDS = (  # casualties first: "soldiers killed" counts the dead, not a deployment
    (re.compile(r"\b(?:killed|dead|deaths?|died|fatalities|casualties|wounded|injured|"
                r"shot)\b", re.I), "casualties"),
    # soldiers who deserted are not soldiers sent: "10,000 soldiers had deserted"
    (re.compile(r"\b(?:deserted|defected|deserters|defectors|defections)\b", re.I),
     "defected"),
    (re.compile(r"\b(?:troops|soldiers|personnel|forces|units|servicemen|fighters)\b", re.I),
     "troops"),
    (re.compile(r"\b(?:fled|refugees|displaced|evacuated|evacuees)\b|\b(?:left|abandoned)\s"
                r"(?-i:[A-Z])|\bcrossed\s(?:into|from|the border)\b", re.I), "displaced"),
    (re.compile(r"\b(?:arrested|detained|prisoners|rounded up)\b", re.I), "detained"),
)


@dataclass(frozen=True)
class Figure:
    text: str  # as written, with its qualifier and unit: "more than 650,000 gallons"
    value: float  # the number read, scaled ("1.5 million" -> 1500000); a range's low end
    high: float | None  # a range's high end
    qualifier: str | None  # "up to", "about", ... ("another": an increment, not a total)
    unit: str | None  # "%", "$", "gallons", ...
    quantity: str  # what it measures, in the sentence's words
    kind: str  # family for comparison: troops, casualties, money, share, ...
    start: int = 0  # where it stands in the sentence
    end: int = 0
    source: str | None = None  # whose number its own phrase says: "BP's worst case, of N"
    projected: bool = False  # a total expected, planned or possible, not a count made

    @property
    def where(self) -> str | None:
        """The place the quantity names, if any ("people killed in Misrata" -> Misrata)."""
        found = re.search(r"\b(?:in|at|near|around)\s+(?:the\s+)?([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)",
                          self.quantity)
        return found.group(1) if found else None

    @property
    def vague(self) -> bool:
        """A vague numeral ("thousands", "dozens"): a figure, but no value to compare."""
        return not any(c.isdigit() for c in self.text) and not re.search(
            r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
            r"thirty|forty|fifty|hundred|half|third|quarter)\b", self.text, re.I) or \
            bool(re.search(r"\b(?:dozens|hundreds|thousands|millions|scores)\b", self.text,
                           re.I))


def _number(text: str) -> float | None:
    text = text.lower().strip()
    scale = 1.0
    match = re.search(r"(\d[\d,]*(?:\.\d+)?)\s?(million|billion|trillion|thousand|bn|mn|tn|"
                      r"m|k|b)?\b", text)
    if match:
        scale = _SCALES.get(match.group(2) or "", 1.0)
        return float(match.group(1).replace(",", "")) * scale
    for word, value in sorted(_WORD_NUMBERS.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"\b" + re.escape(word) + r"\b", text):
            found = re.search(r"\b(million|billion|thousand)\b", text)
            return float(value) * (_SCALES[found.group(1)] if found else 1.0)
    return None


def _unit(value_text: str) -> str | None:
    low = value_text.lower()
    if "%" in low or "percent" in low or "per cent" in low:
        return "%"
    for symbol, unit in (("us$", "$"), ("$", "$"), ("£", "£"), ("#", "£"), ("€", "€"),
                         ("euro", "€"), ("dollar", "$")):
        if symbol in low:
            return unit
    measure = re.search(r"\b(gallons?|barrels?|miles?|km|kilometres?|tonnes?|tons?|litres?|"
                        r"inches|centimetres?|cm|mm|ft|"
                        r"hectares?|acres?|cents?|pounds?|yuan|rubles?)\b", low)
    return measure.group(1) if measure else None


_NOT_COUNTED = frozenset("""was has does goes this its his hers ours yours theirs always
    perhaps whereas""".split())

def _kind(quantity: str, unit: str | None) -> str:
    quantity = re.sub(r"\sby\s(?!\w+ing\b)[^,;]*$", "", quantity)  # who did it is no kind
    if unit in ("$", "£", "€"):
        return "money"
    if unit == "%":
        return "share"
    for pattern, kind in _KINDS:
        if pattern.search(quantity):
            return kind
    if re.match(r"^(?:years?|months?|weeks?|days?)\b", quantity) or unit in ("years", "year"):
        return "duration"
    if unit in MEASURES or unit in ("miles", "mile", "km"):
        return unit.rstrip("s") + "s"
    for word in re.findall(r"\b[a-z][a-z-]+\b", quantity):
        if word not in _NOT_COUNTED and (word.endswith(("people", "men", "ren")) or (
                word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3)):
            return word  # the counted noun: "vessels", "cases"
    return "count"


def _excluded(sentence: str, match: re.Match[str]) -> bool:
    value = match.group("value").strip()
    start, end = match.span("value")
    after, before = sentence[end:], sentence[:start]
    if _YEAR.match(value) and not match.group("qualifier"):
        return True
    if _NOT_AFTER.match(after):
        term = re.match(r"^[\s-]?(?:years?|months?|weeks?)\b", after, re.I)
        if not (term and _ALLOWED_DURATION.search(sentence[max(0, start - 40):end + 20])):
            return True
    not_before = search_end(_NOT_BEFORE, before, _NOT_BEFORE_SPACES)
    if not_before and not match.group("qualifier") and _unit(value) is None and not (
            not_before.group(0).strip().lower() in _COUNT_AFTER_WORD and (
                _COUNTED_AFTER.match(after) or _SCALED.search(value) or
                _LEVEL_BEFORE.search(before[-40:]))):
        return True  # "in 2011", "Article 5"; not "the two million people", "at 80 percent"
    if not match.group("qualifier") and value.isdigit() and _NAMED.search(before) and \
            not _COUNTED_AFTER.match(after):
        return True  # a name's number: "Chang'e 3", "Apollo 11"
    if _AGE_BEFORE.search(before[-40:]) and re.match(r"^\s?(?:,|\.|$|\sand\b)", after):
        return True  # an age: "Nancy Davis, 59, and", "when she was 26."
    word = value.lower()
    if word in ("half", "a third", "a quarter", "two-thirds"):
        return not after.startswith(" of")
    if word.isalpha() and word in _WORD_NUMBERS and _WORD_NUMBERS[word] < 100:
        return not (match.group("qualifier") or _PLURAL_AFTER.match(after))
    return False


def _matches(sentence: str) -> Iterator[re.Match[str]]:
    """The figure patterns' matches, a "range" falling across a spaced dash read as two
    figures: "the death toll at 3,838 - 2,493 civilians and 1,345 ..." is a total and
    its first part (a range rises)."""
    for match in _FIGURE.finditer(sentence):
        value = match.group("value")
        dash = value.find(" - ")
        if dash > 0 and (low := _number(value[:dash])) is not None and \
                (high := _number(value[dash + 3:])) is not None and high < low:
            cut = match.start("value") + dash
            first, second = _FIGURE.match(sentence, match.start(), cut), \
                _FIGURE.match(sentence, cut + 3)
            yield from (m for m in (first, second) if m is not None)
            continue
        yield match


def figures(sentence: str) -> list[Figure]:
    """The figures ``sentence`` gives (plain text; see ``attribution.plain``)."""
    out: list[Figure] = []
    # no early return: durations and rates of one ("one case every week") come after
    numbered = may_hold(sentence, _NUMBER_HINTS) and _ANY_NUMBER.search(sentence)
    for match in _matches(sentence) if numbered else ():
        if not match.group("value").strip() or _excluded(sentence, match):
            continue
        if out and re.fullmatch(r"\s?\(\s?", sentence[out[-1].end:match.start()]):
            continue  # a bracketed conversion of the figure before: "(637,000 litres)"
        value = _number(match.group("value"))
        if value is None:
            continue
        text = match.group(0).strip()
        unit = _unit(match.group("value"))
        end = match.end()
        if text.isalpha() or text.lower().startswith(("tens of", "hundreds of")):
            of_unit = _OF_UNIT.match(sentence, end)
            if of_unit:
                text, end = text + of_unit.group(0), of_unit.end()
                unit = of_unit.group(0).split()[-1].lower()
        numbers = re.split(r"\s(?:to|and|-)\s|(?<=\d)-(?=\d)", match.group("value"))
        high = _number(numbers[1]) if len(numbers) == 2 else None
        quantity = measured(sentence, match.start(), end, unit, match.group("value"))
        qualifier = (match.group("qualifier") or "").strip().lower() or None
        if out and (_THE_NUMBER.fullmatch(quantity) or (
                unit is not None and out[-1].unit not in (None, unit) and
                re.fullmatch(r",?\s(?:or|or about|or some|about)\s", sentence[out[-1].end:
                                                                     match.start()]))):
            # "..., while Washington put the number at 8,000"; a conversion: "2,200
            # barrels, or 92,400 gallons"
            quantity = out[-1].quantity
        if out and unit is None and _MORE_ALONE.match(sentence, end) and \
                (noun := counted_noun(sentence[out[-1].end:out[-1].end + 200])):
            # "20 deaths ... dozens more": more deaths; "30 arrested on Friday and 12 more
            # on Saturday": more protesters on Saturday (an increment, no total)
            noun = re.sub(r"\s(?:of|in|on|from|at)\s.*$", "", noun)
            rest = re.match(r"\s(?:in|on|at|near|around|from)\s[^,;.]{1,40}", sentence[end + 5:])
            quantity = f"more {noun}{' ' + clip(rest.group(0), 5) if rest else ''}"
            qualifier = qualifier or "more"
        out.append(Figure(text, value, high, qualifier, unit, quantity, _kind(quantity, unit),
                          match.start(), end, own_source(sentence, match.start(), end)))
    for match in _TERM_FIGURE.finditer(sentence) if "-" in sentence else ():
        text = match.group("value")
        value = _number(text.split("-")[0]) or (1.0 if text.lower().startswith("one") else None)
        if value is not None:
            quantity = f"length of the {match.group('noun')}"
            out.append(Figure(text, value, None, None, text.split("-")[1] + "s", quantity,
                              "duration", match.start(), match.end()))
    for match in _ONE_RATE.finditer(sentence) if "one " in sentence or "One " in sentence \
            else ():
        if not any(f.start <= match.start() < f.end for f in out):
            out.append(_one_rate(sentence, match))
    return [_inherit(replace(f, projected=True) if _projected(sentence, f) else f, out,
                     sentence) for f in out]


# a figure's own clause, cut where another begins ("..., and that a total of ...")
_CLAUSE_BEFORE = re.compile(r"(?:[,;:]|\bthat|\bwhile|\bwhereas|\bbut)\s(?!.*(?:[,;:]|\bthat|"
                            r"\bwhile|\bwhereas|\bbut)\s)", re.S)
_CLAUSE_AFTER = re.compile(r"[,;:]|\s(?:and|but|while|whereas)\s")
# the clause says the total is expected, planned or possible: "the total could reach
# 12,000", "a total of roughly 10,000 were expected to be dispatched", "was preparing some
# 10,000 soldiers to send"
_PROJECTION = re.compile(r"\b(?:expected|expects?|projected|projects?|forecast|could|would|"
                         r"will|may|might|plans?|planned|planning|preparing|prepares|intends?|"
                         r"set to|due to|likely to|eventually)\b", re.I)


def _projected(sentence: str, figure: Figure) -> bool:
    """Whether the figure's own clause gives it as a total expected, planned or
    possible, not one counted: a projection is another quantity than a count."""
    before = sentence[max(0, figure.start - 120):figure.start]
    cut = _CLAUSE_BEFORE.search(before)
    after = sentence[figure.end:figure.end + 120]
    stop = _CLAUSE_AFTER.search(after)
    clause = (before[cut.end():] if cut else before) + " " + (after[:stop.start()] if stop
                                                               else after)
    return bool(_PROJECTION.search(clause))


def _one_rate(sentence: str, match: re.Match[str]) -> Figure:
    """A rate of one ("one case of rabies every week"), its quantity read as the plural
    it counts ("cases of rabies per week admitted by ...")."""
    noun = match.group("noun")
    plural = "children" if noun.lower() == "child" else \
        noun[:-1] + "ies" if re.search(r"[^aeiou]y$", noun) else \
        noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
    counted = sentence[:match.start("noun")] + plural + sentence[match.end("noun"):]
    quantity = measured(counted, match.start(), match.start() + 3, None, "one")
    of = match.group("of") or ""
    if of and of not in quantity:  # "cases of cholera", not "cases"
        quantity = quantity.replace(plural, plural + of, 1)
    return Figure(match.group("value"), 1.0, None, None, None, quantity,
                  _kind(quantity, None), match.start(), match.end(),
                  own_source(sentence, match.start(), match.end()))


def _inherit(figure: Figure, found: list[Figure], sentence: str) -> Figure:
    """A figure that names nothing it counts ("the total could reach 12,000") counts what
    the sentence's other figures, or its one named kind, count."""
    if figure.unit is not None or any(p.search(figure.quantity) for p, _k in _KINDS) or \
            re.search(r"\b(?:[a-z][\w-]*s|people|[a-z]*men|children)\b|^(?:population|share|"
                      r"value|distance|length|rise|fall|growth)\b", figure.quantity):
        return figure  # it names what it counts ("those users")
    kinds = {f.kind for f in found if f is not figure and f.unit is None} & \
        {k for _p, k in _KINDS}
    if not kinds:
        kinds = {k for p, k in _KINDS if p.search(sentence)}
    if len(kinds) != 1:
        return figure
    kind = kinds.pop()
    return replace(figure, quantity=f"{kind}: {figure.quantity}", kind=kind)


def taken_up(found: list[Figure], earlier: Sequence[Figure]) -> list[Figure]:
    """The figures of a sentence whose quantity is a bare noun ("it is up to 78 cases
    now") read as the fuller quantity an earlier figure of the document gave that noun
    ("25 suspected cases in the UK"), the nearest first and in the same unit."""
    out = []
    for figure in found:
        bare = re.fullmatch(r"(?:more\s)?(?P<noun>[a-z][\w-]*s)", figure.quantity)
        fuller = next((e for e in reversed(earlier) if bare and e.unit == figure.unit and
                       e.quantity != figure.quantity and re.search(
                           r"\b" + re.escape(bare.group("noun")) + r"\b", e.quantity)), None)
        if fuller is not None:
            quantity = ("more " if figure.quantity.startswith("more ") else "") + fuller.quantity
            figure = replace(figure, quantity=quantity, kind=_kind(quantity, figure.unit))
        out.append(figure)
    return out


_APPOSITIVE = re.compile(r",\s(?:a|an)\s")


def covers(sentence: str, speaker: str | None, cue: str | None, figure: Figure,
           found: Sequence[Figure] = ()) -> bool:
    """Whether the statement the sentence reports gives ``figure``. Not a figure before
    a speaker whose cue opens its own clause ("BP's shares rose 4 %, although officials
    were warning that ..."), nor one inside the speaker's own words (it counts them; a
    share there makes the speaker a population polled, the source of none), nor one in a
    gloss the writer appends after the reported
    clause ("X said ... its sponsorship of the Olympics, a deal valued at $58 million")."""
    at = sentence.find(speaker) if speaker else -1
    if at >= 0 and speaker and any(at <= f.start and f.end <= at + len(speaker) and (
            f is figure or f.unit == "%") for f in (figure, *found)):
        return False  # it counts the speakers: "a 69 percent majority of voters think ...,
        # while 26 percent think ...": a share polled, not a source
    if at < 0 or cue is None:
        return True  # a speaker from the context (a quotation going on): all of it
    said = sentence.lower().find(cue, at)
    if figure.end <= at:
        return said < 0 or not re.match(r"\s+that\b", sentence[said + len(cue):])
    last = max(sentence.rfind(",", 0, figure.start), sentence.rfind(";", 0, figure.start))
    gloss = _APPOSITIVE.match(sentence, last) if last > max(at, said) else None
    return not (gloss and len(sentence[gloss.end():figure.start].split()) >= 2 and
                not re.search(r"[,;]", sentence[figure.end:]))
