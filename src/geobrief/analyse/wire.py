"""Datelines, bylines and wire tags at the edges of a sentence: found, cut off the sentence
and kept as the article's metadata.

"GENEVA | Mon Aug 22, 2011 2:32 pm EDT GENEVA (Reuters) - The WHO said..." reads as
"The WHO said..." with the place GENEVA, the agency Reuters and the time kept beside it;
"TOKYO, Nov 12 (KUNA) -- ...", "(MENAFN) ...", "(CNN) -- ...", "March 19, 2011 | By
Jason Hanna, CNN The destroyer...", "Wednesday 17 June 2009 15.39 BST ..." and a closing
"(end)" likewise. The text itself is not changed: a sentence's span starts after what
was cut, so offsets into the stored text stay exact.

Brackets are matched in their PTB-tokenised form too (``-LRB- Reuters -RRB-``), as
research corpora of real news carry them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = r"(?:\(|-LRB-)\s*"
_CLOSE = r"\s*(?:\)|-RRB-)"
_DASH = r"(?:\s*(?:-{1,2}|\u2013|\u2014)\s*|\s+)"
# wire services and broadcasters that sign a dateline
AGENCIES = (
    "Reuters|AP|Associated Press|AFP|Agence France-Presse|CNN|BBC|KUNA|Xinhua|TASS|ITAR-TASS|"
    "MENAFN|IANS|PTI|ANI|UNI|Yonhap|Bernama|BERNAMA|WAM|SPA|QNA|IRNA|Anadolu|AA|SANA|MENA|"
    "Sputnik|RIA Novosti|Interfax|Kyodo|dpa|DPA|EFE|ANSA|UPI|APP|NNA|BNA|ONA|Petra|PETRA|"
    "Xinhua News Agency|Trend|APA|Ukrinform|UNIAN|Prensa Latina|Lusa|Bloomberg|CNA|"
    "Arab News|AL-MONITOR|Al Jazeera|Newsfile Corp\\.|PRNewswire|Business Wire|GLOBE NEWSWIRE")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|\.)?"
_PLACE = r"[A-Z][A-Z'\u2019./-]+(?:[ -][A-Z][A-Z'\u2019./-]+){0,3}"  # GENEVA, NEW YORK
_NAMED = r"[A-Z][\w.'\u2019-]+(?:\s[A-Z][\w.'\u2019-]+){0,3}"  # Tripoli, Abu Dhabi
_REGION = r"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"  # ", Fla.", ", Iraq"
_DATE = rf"(?:{_MONTH}\s*\d{{1,2}}(?:\s*,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?"

_LEADS = [
    # "GENEVA | Mon Aug 22 , 2011 2:32 pm EDT " (Reuters page header); the dateline follows
    ("stamp", re.compile(rf"^(?P<place>{_PLACE})\s*\|\s*(?P<when>{_WEEKDAY}\s*{_DATE}\s*"
                         rf"(?:{_CLOCK})?)\s*")),
    # "March 19, 2011 | By Jason Hanna, CNN " (CNN page header)
    ("byline", re.compile(rf"^(?P<when>{_DATE})\s*\|\s*(?P<byline>By\s+[^|]{{3,80}}?,\s*"
                          rf"(?P<agency>{AGENCIES}))\b\s*")),
    # "Wednesday 17 June 2009 15.39 BST " (Guardian page header)
    ("stamp", re.compile(rf"^(?P<when>(?:{_WEEKDAY}\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\s+"
                         rf"{_CLOCK})\s+")),
    # "TOKYO, Nov 12 (KUNA) -- ", "TAMPA, Fla. (AP) - ", "GENEVA -LRB- Reuters -RRB- - "
    ("dateline", re.compile(rf"^(?P<place>{_PLACE}){_REGION}(?:\s*,\s*(?P<when>{_DATE}))?\s*"
                            rf"{_OPEN}(?P<agency>{AGENCIES}){_CLOSE}{_DASH}")),
    # "Tripoli, Libya (CNN) -- " (a place in ordinary case: the agency and dash decide)
    ("dateline", re.compile(rf"^(?P<place>{_NAMED}(?:,\s*{_NAMED})?)\s*{_OPEN}"
                            rf"(?P<agency>{AGENCIES}){_CLOSE}\s*(?:-{{1,2}}|\u2013|\u2014)\s*")),
    # "(MENAFN) ", "(CNN) -- ", "-LRB- Reuters -RRB- - " (after a stray closing quote too)
    ("dateline", re.compile(rf"^(?:[\"\u201d']\s*)?{_OPEN}(?P<agency>{AGENCIES}){_CLOSE}"
                            rf"{_DASH}")),
    # "By David Gergen, CNN " glued before the text
    ("byline", re.compile(rf"^(?P<byline>By\s+{_NAMED}(?:\s*(?:,|and)\s*{_NAMED})*,\s*"
                          rf"(?:Special\s+to\s+|for\s+)?(?P<agency>{AGENCIES}))\b\s*"
                          rf"(?:\|\s*(?P<when>{_DATE})\s*)?")),  # "... CNN | March 29, 2010 "
    # "BEIRUT, Sept 3 -- " and "MOSCOW -- " (a place in capitals and a dash)
    ("dateline", re.compile(rf"^(?P<place>{_PLACE}){_REGION}(?:\s*,\s*(?P<when>{_DATE}))?"
                            r"\s*(?:--|\u2013|\u2014)\s+")),
    # "(AP Photo/Gerald Herbert) " left from a caption
    ("credit", re.compile(rf"^{_OPEN}(?P<credit>(?:AP|AFP|Reuters|Getty)[^()]{{0,40}}?Photo"
                          rf"[^()]{{0,40}}?){_CLOSE}\s+")),
]
_TAILS = [
    ("end", re.compile(rf"\s*{_OPEN}(?:end|END|ends|ENDS){_CLOSE}\s*$")),
    ("agency", re.compile(rf"\s+(?:--|\u2014|\u2013)\s*(?P<agency>{AGENCIES})\s*$")),
    ("byline", re.compile(rf"\s*{_OPEN}(?P<byline>(?:Additional\s+)?(?:Reporting|Writing|"
                          rf"Editing|Edited|Compiled)\s+by\b[^()]*?){_CLOSE}\s*$", re.I)),
]


LONE_MAX = 120  # a dateline or stamp standing alone is short


@dataclass
class Wire:
    """What the edges of an article's sentences said about it (None when unsaid)."""

    place: str | None = None  # the dateline's place, as written: not a country involved
    agency: str | None = None
    when: str | None = None  # the dateline's date or time stamp, as written
    byline: str | None = None

    def merge(self, found: dict[str, str | None]) -> None:
        for name in ("place", "agency", "when", "byline"):
            value = found.get(name)
            if value and getattr(self, name) is None:
                setattr(self, name, " ".join(value.split()).strip(" ,"))

    def empty(self) -> bool:
        return not (self.place or self.agency or self.when or self.byline)


def strip_edges(text: str, start: int, end: int, wire: Wire
                ) -> tuple[int, int, list[tuple[int, int]], tuple[int, int] | None]:
    """The sentence ``text[start:end]`` without its leading datelines, page stamps and
    bylines and its trailing wire tags; what was cut is recorded in ``wire`` and returned
    as spans (to keep the dateline's place out of the article's countries), and a closing
    "(Reporting by ...)" credit as a span of its own (a byline line glued to the last
    sentence)."""
    cut: list[tuple[int, int]] = []
    credit: tuple[int, int] | None = None
    changed = _may_lead(text[start:start + 160])
    while changed and start < end:
        changed = False
        piece = text[start:end]
        for _kind, pattern in _LEADS:
            found = pattern.match(piece)
            if found and found.end() < len(piece) and _rest_is_sentence(piece[found.end():]):
                wire.merge(found.groupdict())
                cut.append((start, start + found.end()))
                start += found.end()
                changed = True
                break
    ending = text[max(start, end - 400):end]
    for kind, pattern in _TAILS:
        if not _may_end(kind, ending):
            continue
        found = pattern.search(text[start:end])
        if found and found.start() > 0:
            wire.merge(found.groupdict())
            tail = (start + found.start(), end)
            if kind == "byline":
                piece = text[tail[0]:tail[1]]
                credit = (tail[0] + len(piece) - len(piece.lstrip()), tail[1])
            else:
                cut.append(tail)
            end = tail[0]
    return start, end, cut, credit


# a dateline inside a line: what comes before it is page furniture (story highlights, a
# teaser), what follows it the report
# a dateline inside a sentence, its place written before it or not ("... experts and
# critics say (CNN) -- Moammar Gadhafi's first grab ...": CNN's story highlights run into
# the report's first sentence); what follows starts with a capital, a digit or a quote
_INLINE = re.compile(rf"(?<=\s)(?:(?:{_NAMED}(?:,\s*{_NAMED})?|{_PLACE}){_REGION}\s*)?"
                     rf"{_OPEN}(?:{AGENCIES}){_CLOSE}\s*(?:-{{1,2}}|\u2013|\u2014)\s+"
                     r"(?=[A-Z0-9\"'\u201c])")


def inline_dateline(text: str, start: int, end: int) -> int | None:
    """Where a dateline starts inside the sentence ``text[start:end]`` (not at its start),
    or None."""
    if "(" not in text[start:end] and "-LRB-" not in text[start:end]:
        return None  # every inline dateline names its agency in brackets
    begin = start + 1
    for _kind, pattern in _LEADS:  # a dateline at the start is cut there, not split at
        lead = pattern.match(text, start, end)
        if lead:
            begin = max(begin, lead.end())
    found = _INLINE.search(text, begin, end)
    return found.start() if found else None


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _may_lead(head: str) -> bool:
    """Whether a sentence's head could hold a dateline, stamp or byline at all (cheap
    tests first: most sentences have none)."""
    return (any(mark in head for mark in ("|", "(", "-LRB-", "--", "\u2013", "\u2014"))
            or head[:1].isdigit() or head.startswith((*_WEEKDAYS, "By ")))


def _may_end(kind: str, tail: str) -> bool:
    if kind == "end":
        return "end" in tail[-12:].lower()
    if kind == "agency":
        return any(mark in tail[-60:] for mark in ("--", "\u2013", "\u2014"))
    return tail.rstrip().endswith((")", "-RRB-"))


def _rest_is_sentence(rest: str) -> bool:
    """Whether what follows a dateline still reads as a sentence (a capital, a digit or a
    quotation first), so that a dateline is only cut off a sentence that goes on."""
    rest = rest.lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'`\u201c("
                           or not rest[0].isascii())


def lone_dateline(sentence: str) -> dict[str, str | None] | None:
    """The fields of a sentence that is only a dateline or a page stamp ("GENEVA
    (Reuters) -"), or None."""
    if len(sentence) > LONE_MAX:
        return None
    for _kind, pattern in _LEADS:
        found = pattern.match(sentence + " ")
        if found and not sentence[found.end():].strip(" -\u2013\u2014|"):
            return found.groupdict()
    return None
