"""Entity linking: every mention of a country, person, organisation, treaty or place in a
text, with its knowledge id, or marked as an unlinked person, organisation or place.

All aliases go into one Aho-Corasick automaton over a length-preserving normal form of
the text (lower case, every non-alphanumeric character a space), with each key padded by
spaces, so the automaton itself only reports matches on word boundaries. Case is checked
afterwards: acronyms must match exactly ("US" is not "us"), names must start with a
capital. Ambiguous names ("Georgia", "Washington", "Korea") are settled by context words
from ``data/ambiguous.yaml``; titles ("the Russian defence minister") are resolved to the
person in office on the article's date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from geobrief.knowledge.load import DATA, Knowledge, bundled_knowledge
from geobrief.knowledge.unlinked import unlinked_mentions
from geobrief.models import MentionType

_NON_ALNUM = re.compile(r"[^0-9a-z]")
_ASCII_NORMAL = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32
    for c in range(256))
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "head-of-state": ("president", "king", "queen", "emir", "supreme leader", "head of state"),
    "head-of-government": ("prime minister", "premier", "chancellor", "head of government"),
    "foreign-minister": ("foreign minister", "foreign secretary", "secretary of state",
                         "minister of foreign affairs", "top diplomat"),
    "defence-minister": ("defence minister", "defense minister", "defence secretary",
                         "defense secretary", "minister of defence", "minister of defense",
                         "secretary of defense"),
}
_ROLE_WORD_LIST = tuple({w for ws in ROLE_WORDS.values() for w in ws})
_ROLE_OF = {w: role for role, ws in ROLE_WORDS.items() for w in ws}
_ROLE_ALTERNATION = "|".join(re.escape(w) for w in sorted(_ROLE_WORD_LIST, key=len, reverse=True))
# Where a role word could begin (case-insensitive as the title pattern reads it; no word
# boundary needed: this only bounds where the pattern is tried), and where a name could.
_ROLE_ANY = re.compile(_ROLE_ALTERNATION, re.I)
_NAME_START = re.compile(r"\b[A-Z]", re.I)
_ROLES = ahocorasick.Automaton()
for _word in _ROLE_WORD_LIST:
    _ROLES.add_word(_word, _word)
_ROLES.make_automaton()
_WHO_REACH = 43  # the title pattern's name: at most 41 characters, then "'s"


def title_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of the title pattern ``pattern`` in ``text``, exactly as
    ``pattern.finditer(text)`` gives them, found from the role words first.

    The pattern matches a name of at most 41 characters, an optional "'s", white space and
    a role word, after an optional "the" and white space; so a match that starts at ``p``
    has a role word starting at some ``r > p`` with ``p >= _reach(text, r)``. Only the
    name starts in ``[_reach(text, r), r)`` of the role words ``r`` are tried, in order,
    with ``pattern.match`` (which, like ``finditer``, sees the characters before its
    position for its word boundary); the first that matches is the next match, and the
    next search starts where it ended, as ``finditer``'s does. ``_reach`` never decreases
    as ``r`` grows, so a position left behind is never a start for a later role word."""
    start = 0
    roles = _role_starts(text)
    at = 0
    while True:
        at = bisect_left(roles, start + 1, at)
        if at == len(roles):
            return
        r = roles[at]
        found = None
        for name in _NAME_START.finditer(text, max(start, _reach(text, r)), r):
            found = pattern.match(text, name.start())
            if found is not None:
                break
        if found is None:
            start = r  # every start before r was tried, for this role word and any later
            continue
        yield found
        start = found.end()


# The characters other than ASCII letters that a case-insensitive pattern reads as one
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _role_starts(text: str) -> list[int]:
    """Where a role word starts in ``text``, read case-insensitively as the title pattern
    reads it (without its word boundary): every place, in order, and perhaps more."""
    if text.isascii():
        folded = text.lower()
    elif _FOLDS_TO_ASCII.isdisjoint(text):  # one character for one: positions hold
        folded = text.encode("ascii", "replace").decode("ascii").lower()
    else:
        starts, found = [], _ROLE_ANY.search(text)
        while found is not None:  # overlapping too: "defence secretary of state"
            starts.append(found.start())
            found = _ROLE_ANY.search(text, found.start() + 1)
        return starts
    return sorted({end - len(word) + 1 for end, word in _ROLES.iter(folded)})


def _reach(text: str, r: int) -> int:
    """The earliest start of a title match whose role word starts at ``r``: back over
    the white space before the role word, the name and "'s", the white space before the
    name, and "the"."""
    at = r
    while at > 0 and text[at - 1].isspace():
        at -= 1
    at -= _WHO_REACH
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return max(0, at - 3)
# Types ranked for choosing between entities with the same surface form; a sanctions-list
# record only links a name nothing else knows, and otherwise flags the mention.
TYPE_PRIORITY: dict[str, int] = {
    MentionType.COUNTRY: 0, MentionType.ORGANISATION: 1, MentionType.TREATY: 2,
    MentionType.PERSON: 3, MentionType.PLACE: 4}
# mentions that stand for, or lie in, a country
COUNTRY_TYPES = (MentionType.COUNTRY, MentionType.PLACE)
# Kinds of national body (bodies.yaml) whose name, in news, means the state acting: "the
# Pentagon said", "the NSA intercepted", "the Obama administration imposed". Their
# mentions have form "institution" and stand for their country (see Mention). A
# legislature, a party, state media or an armed group is not the state acting.
STATE_BODY_KINDS = frozenset({"agency", "intelligence", "military", "administration"})
SANCTION_TYPES = {"individual": MentionType.PERSON, "entity": MentionType.ORGANISATION,
                  "vessel": MentionType.VESSEL, "aircraft": MentionType.AIRCRAFT}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str  # a MentionType: country | person | organisation | treaty | place | ...
    id: str | None  # knowledge id, or None when unlinked
    form: str  # name | alias | demonym | metonym | title | unlinked | sanction | institution
    country: str | None = None  # the country the mention stands for or belongs to
    sanctioned: tuple[str, ...] = ()  # sanction record ids (e.g. OFAC) naming this entity

    @property
    def stands_for_country(self) -> bool:
        """Names the country: its name, capital or a place in it, or an institution that
        acts for the state ("the State Department", "the Obama administration")."""
        return bool(self.country) and (self.type in COUNTRY_TYPES or self.form == "institution")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["sanctioned"] = list(self.sanctioned)
        return data


@dataclass(slots=True)
class Entry:
    """One surface form of one entity."""

    surface: str
    type: str
    id: str
    form: str
    country: str | None
    exact_case: bool
    weight: int = 0  # among entities of one type, the heavier wins (places: population)


def normal(text: str) -> str:
    """Lower case with every character that is not a-z or 0-9 turned into a space; the
    result has the same length, so offsets carry over (a character whose lower case is
    longer, such as "İ", is kept as it is)."""
    if text.isascii():  # the common case: one pass through a byte table
        return text.encode("ascii").translate(_ASCII_NORMAL).decode("ascii")
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _NON_ALNUM.sub(" ", lowered)


@lru_cache(maxsize=65536)
def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _entries(k: Knowledge) -> Iterator[Entry]:
    for c in k.countries.values():
        for surface in (c.name, c.official, *c.aliases):
            yield Entry(surface, "country", c.id, "name", c.id, _is_acronym(surface))
        for surface in c.demonyms:
            yield Entry(surface, "country", c.id, "demonym", c.id, False)
        for surface in c.metonyms:
            yield Entry(surface, "country", c.id, "metonym", c.id, _is_acronym(surface))
    for o in k.organisations.values():
        form = "institution" if o.country and o.kind in STATE_BODY_KINDS else "name"
        # a company's statement is not its state's: its country stays in the knowledge
        # (relevance reads it), not on the mention that analysis keeps
        country = None if o.kind == "company" else o.country
        for surface in (o.name, *o.aliases):
            yield Entry(surface, "organisation", o.id, form, country, _is_acronym(surface))
    for t in k.treaties.values():
        for surface in (t.name, *t.aliases):
            if len(surface) > 3:
                yield Entry(surface, "treaty", t.id, "name", None, _is_acronym(surface))
    for p in k.people.values():
        for surface in (p.name, *p.aliases):
            yield Entry(surface, "person", p.id, "name", p.country, False)
    for place in k.places.values():
        kind = "place"
        for surface in (place.name, *place.aliases):
            yield Entry(surface, kind, place.id, "name", place.country, False,
                        place.population)
    for s in k.sanctions.values():
        kind = SANCTION_TYPES.get(s.kind, MentionType.ORGANISATION)
        for surface in (s.name, *s.aliases):
            if len(surface) >= 6 and (s.kind != "individual" or " " in surface.strip()):
                yield Entry(surface, kind, s.id, "sanction", s.country, False)


def _strip_the(surface: str) -> str:
    return surface[4:] if surface.lower().startswith("the ") else surface


@dataclass
class Ambiguity:
    default: str | None
    candidates: list[dict[str, Any]]


def _load_ambiguities(path: Path, problems: list[str]) -> dict[str, Ambiguity]:
    """Rules by alias; a malformed rule is reported in ``problems`` and skipped."""
    if not path.exists():
        return {}
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
        return {}
    rules: dict[str, Ambiguity] = {}
    for number, row in enumerate(rows, 1):
        try:
            candidates = [dict(c) for c in row.get("candidates") or []]
            if any("id" not in c or "type" not in c for c in candidates):
                raise KeyError("candidate without id or type")
            rules[str(row["alias"])] = Ambiguity(row.get("default"), candidates)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            problems.append(f"{path.name}: rule {number}: bad or missing field {exc}")
    return rules


class Linker:
    """Links mentions in text. Build once (it indexes the whole knowledge), reuse often."""

    def __init__(self, knowledge: Knowledge, ambiguities: Path | None = None) -> None:
        self.knowledge = knowledge
        self.ambiguous = _load_ambiguities(ambiguities or DATA / "ambiguous.yaml",
                                           knowledge.problems)
        self.by_key: dict[str, list[Entry]] = {}
        for entry in _entries(knowledge):
            surface = _strip_the(entry.surface.strip())
            key = normal(surface).strip()
            if not key or len(key) < 2:
                continue
            entry = Entry(surface, entry.type, entry.id, entry.form, entry.country,
                          _is_acronym(surface), entry.weight)
            bucket = self.by_key.setdefault(key, [])
            if all((e.type, e.id) != (entry.type, entry.id) for e in bucket):
                bucket.append(entry)
        for alias, rule in self.ambiguous.items():  # names only a rule knows ("Korea")
            bucket = self.by_key.setdefault(normal(alias).strip(), [])
            for c in rule.candidates:
                if c.get("id") and all(e.id != c["id"] for e in bucket):
                    bucket.append(Entry(alias, c["type"], c["id"], "name", c.get("country"),
                                        False))
        self.rules = {normal(alias).strip(): rule for alias, rule in self.ambiguous.items()}
        for bucket in self.by_key.values():
            bucket.sort(key=lambda e: (e.form == "sanction", TYPE_PRIORITY.get(e.type, 9),
                                       -e.weight, e.id))
        self.automaton = ahocorasick.Automaton()
        for key, bucket in self.by_key.items():  # the bucket and what its checks need
            exact = any(e.exact_case for e in bucket)
            dotted = any(e.surface.endswith(".") for e in bucket)
            self.automaton.add_word(f" {key} ", (key, bucket, exact, dotted))
        self.automaton.make_automaton()
        self._titles = self._title_pattern()

    # --- matching ---------------------------------------------------------------------

    @staticmethod
    def _case_ok(entry: Entry, found: str) -> bool:
        if entry.exact_case:
            return found == entry.surface or \
                found.replace(".", "") == entry.surface.replace(".", "")
        if found.isupper() and len(found) > 4:  # headlines and datelines: LONDON
            return True
        return found[:1].isupper()

    def _candidates(self, text: str) -> list[tuple[int, int, str, list[Entry]]]:
        out = []
        case_ok = self._case_ok
        for end, (key, bucket, exact, dotted) in self.automaton.iter(f" {normal(text)} "):
            start = end - len(key) - 1  # in ``text`` (the padding shifts by one)
            end = start + len(key)
            found = text[start:end]
            if exact:
                entries = [e for e in bucket if case_ok(e, found)]
                if not entries:
                    continue
            elif found[:1].isupper() or (len(found) > 4 and found.isupper()):
                entries = bucket  # no acronym here: every entry passes the same test
            else:
                continue
            if dotted and end < len(text) and text[end] == "." and \
                    any(e.surface.endswith(".") for e in entries):
                end += 1  # "U.S." keeps its last full stop, which the key had lost
            out.append((start, end, key, entries))
        return out

    # --- titles: "the Russian defence minister" ---------------------------------------------

    def _title_pattern(self) -> re.Pattern[str]:
        return re.compile(r"\b(?:[Tt]he\s+)?(?P<who>[A-Z][\w.'\u2019 -]{1,40}?)(?:'s|\u2019s)?\s+"
                          r"(?P<role>" + _ROLE_ALTERNATION + r")\b", re.I)

    def _titles_in(self, text: str, on: date, countries: dict[tuple[int, int], str]
                   ) -> list[Mention]:
        out: list[Mention] = []
        if next(_ROLES.iter(text.lower()), None) is None:
            return out  # no title word (as a substring, case aside): skip the title pattern
        spans = sorted(countries)
        for match in title_matches(self._titles, text):
            who_start, who_end = match.span("who")
            at = bisect_left(spans, (who_start, -1))
            country = None
            for s, e in spans[at:]:
                if s > who_end:
                    break
                if e <= who_end:
                    country = countries[(s, e)]
                    break
            if country is None:
                continue
            role = _ROLE_OF.get(match.group("role").lower())
            if role is None:  # "PRESİDENT": read case-insensitively, but no role word
                continue
            holders = self.knowledge.holders(role, on, country=country)
            if len(holders) == 1:
                start, end = match.span()
                out.append(Mention(start, end, text[start:end], "person", holders[0].id,
                                   "title", country))
        return out

    # --- disambiguation ------------------------------------------------------------------

    def _settle(self, key: str, surface: str, entries: list[Entry], context: str
                ) -> Entry | None:
        rule = self.rules.get(key)
        if rule is None or not rule.candidates:
            return entries[0] if entries else None
        best: tuple[int, dict[str, Any]] | None = None
        for candidate in rule.candidates:
            hits = sum(context.count(word) for word in candidate.get("context", []))
            if hits and (best is None or hits > best[0]):
                best = (hits, candidate)
        chosen = best[1] if best else next(
            (c for c in rule.candidates if c["id"] == rule.default), None)
        if chosen is None or chosen.get("id") is None:
            return None  # another sense, or too ambiguous without context: leave unlinked
        match = next((e for e in entries if e.id == chosen["id"]), None)
        return match or Entry(surface, chosen["type"], chosen["id"], "name",
                              chosen.get("country"), False)

    # --- the public call -------------------------------------------------------------------

    def link(self, text: str, on: date | None = None, unlinked: bool = True) -> list[Mention]:
        """Mentions in ``text`` (longest first, no overlaps), in text order."""
        candidates = sorted(self._candidates(text), key=lambda c: (c[0], -(c[1] - c[0])))
        chosen: list[Mention] = []
        taken_until = -1
        for start, end, key, entries in candidates:
            if start < taken_until:
                continue
            surface = text[start:end]
            entry = entries[0] if key not in self.rules else \
                self._settle(key, surface, entries, text)
            if entry is None:
                continue
            flags = tuple(e.id for e in entries if e.form == "sanction")
            chosen.append(_mention(start, end, surface, entry, flags))
            taken_until = end
        if on is not None:
            countries = {(m.start, m.end): m.country for m in chosen
                         if m.type == "country" and m.country}
            titles = self._titles_in(text, on, countries)
            chosen = _overlay(chosen, titles)
        chosen = [_compound(m, text) for m in chosen if not _inside_longer_name(m, text)]
        if unlinked:
            chosen = _overlay(chosen, unlinked_mentions(text, chosen), keep_existing=True)
        sport: dict[str, bool] = {}  # whether the text is sports reporting, found once
        return [_as_team(m, text, sport) for m in chosen]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, country id) of each mention that stands for a country: its name,
        demonym or capital, a place in it, or an institution acting for the state."""
        return [(m.start, m.end, m.country) for m in self.link(text, unlinked=False)
                if m.country and m.stands_for_country]

    def count(self, text: str) -> Counter[str]:
        """How often each country is named in ``text`` (see ``find``)."""
        return Counter(country for _s, _e, country in self.find(text))


_SPORT = re.compile(
    r"\b(?:innings|wickets?|halftime|half-time|stumps|bowler|bowled|batsman|batsmen|"
    r"striker|goalkeeper|midfielder|play-?offs?|seeded|homered|homer|inning|touchdowns?|"
    r"SOCCER|CRICKET|BASEBALL|TENNIS|GOLF|RUGBY|ATHLETICS|CYCLING|SQUASH|HOCKEY|BASKETBALL|"
    r"soccer|cricket|baseball|rugby|Premier League|Serie A|Bundesliga|NBA|NFL|NHL)\b")
_DATELINE_AFTER = re.compile(r"^\s*(?:,\s*[A-Za-z .]+\s+)?\d{4}-\d{2}-\d{2}")
_WHERE = re.compile(r"\b(?:in|at|from|to|near|of|around|outside|for|into|on)\s+(?:the\s+)?$",
                    re.I)
_SCORE_AFTER = re.compile(r"^\s+\d{1,3}(?:-\d{1,2})?(?![\d-])")
_VERSUS = re.compile(r"\b(?:beat|beats|v|vs\.?|versus|against|drew with|lost to|defeated|"
                     r"host|hosts|at home to)\s+$")
_VERSUS_AFTER = re.compile(r"^\s+(?:beat|beats|v|vs\.?|versus|drew|lost|defeated|won|team|"
                           r"side|club|captain|coach|manager|striker|midfielder|fans|"
                           r"supporters|bowler|batsman|keeper|goalkeeper)\b")


_NEXT_NAME = re.compile(r" ?([A-Z][a-z][\w'\u2019-]*)")
_PREVIOUS_NAME = re.compile(r"([A-Z][a-z][\w'\u2019-]*|[A-Z]\.) ?\Z")
_OF_BODY = re.compile(r"(?:Bank|Ministry|University|Republic|Museum|Institute|Council|Agency|"
                      r"Government|Church|Duke|Port|Court|Party|Department|Office)\s+of\s+"
                      r"(?:the\s+)?$")
_NAME_HEADS = frozenset(
    """Open Championship Championships Amateur Masters Cup Games Grand Classic Tour Treasury
    Treasuries Navy Army Air Marines Congress Senate House Embassy Department Federal
    Government Justice Supreme Court Bank Exchange Airways Airlines Trade Steel""".split()
)
_SPEAKS = re.compile(r" (?:said|says|told|added)\b")
_NOT_NAME_PARTS = frozenset(
    """The A An In On At For But And Or If When While After Before As It This That He She They
    We There Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December President Prime Minister
    Foreign Defence Defense Secretary Chancellor King Queen Premier General Gen Mr Mrs Ms Dr
    Leader Ambassador Envoy Governor Mayor Senator Speaker Spokesman Spokeswoman Officials
    Police Troops Forces Army State Parliament Government Ministry Embassy Navy Also Meanwhile
    However Analysts Sources Russian Ukrainian American British French German Chinese Korean
    Japanese Indian Iranian Israeli Palestinian Syrian Turkish Polish Italian Spanish Northern
    Southern Eastern Western Central North South East West Occupied Neighbouring Neighboring
    Mainland Rural Coastal Landlocked Oil Gas War Peace Aid Trade Talks Voters Protesters
    Rebels Militants Residents Authorities Negotiators Diplomats Soldiers Allies Leaders
    Both Neither Many Some Most Several Today Tonight Yesterday Tomorrow One Two Three Four
    Five Six Seven Eight Nine Ten Every Each Another Any All Other""".split()
)


def _mostly_capitals(window: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", window)
    return bool(letters) and sum(1 for c in letters if c.isupper()) > 0.8 * len(letters)


def _inside_longer_name(mention: Mention, text: str) -> bool:
    """A country or city that is only part of a longer name: "Manchester United", "Bank of
    Canada" stays an organisation, "Dynamo Moscow" a club, "Mark Cairns" a person."""
    if mention.type not in ("place", "country") or mention.form == "demonym":
        return False
    if mention.type == "country" and _is_acronym(mention.text):
        # "U.S. Labor Day", "U.S. firm": the country as a modifier; but "U.S. Open" and
        # "U.S. Treasury" name an event and a body
        following = _NEXT_NAME.match(text, mention.end)
        return following is not None and following.group(1) in _NAME_HEADS
    if mention.text.isupper() and _mostly_capitals(text[max(0, mention.start - 30):
                                                        mention.end + 30]):
        return False  # headlines in capitals: every word looks like a name
    after = _NEXT_NAME.match(text, mention.end)
    if after and after.group(1) not in _NOT_NAME_PARTS:
        return True
    if mention.type == "place" and _SPEAKS.match(text, mention.end):
        return True  # "Tsang said": a surname that is also a city's name
    head = text[max(0, mention.start - 40):mention.start]
    if not head.endswith(" ") or len(head) < 2:
        return False
    if head[-2].isalpha() or head[-2] == ".":
        before = _PREVIOUS_NAME.search(head, max(0, len(head) - 25))  # names are short
        if before and before.group(1) not in _NOT_NAME_PARTS:
            return True
    return head.endswith(("of ", "of the ")) and bool(_OF_BODY.search(head))


_COMPOUND_AFTER = re.compile(r"-[a-z]")
_COMPOUND_BEFORE = re.compile(r"\b(?:pro|anti|ex|non|post|pre)-$", re.I)


_ADJECTIVAL = re.compile(r"(?:ic|ean)$")  # Arctic, Mediterranean, Caribbean
_LOWER_NEXT = re.compile(r" [a-z]")


def _compound(mention: Mention, text: str) -> Mention:
    """'Moscow-based', 'pro-Kyiv', 'an Arctic town': the place is meant, but as a modifier,
    like a demonym."""
    if mention.type not in ("place", "country"):
        return mention
    adjectival = (mention.type == "place" and (mention.id or "").startswith("region:")
                  and _ADJECTIVAL.search(mention.text)
                  and _LOWER_NEXT.match(text, mention.end))
    hyphen_after = text[mention.end:mention.end + 1] == "-"
    hyphen_before = text[mention.start - 1:mention.start] == "-" if mention.start else False
    if adjectival or (hyphen_after and _COMPOUND_AFTER.match(text, mention.end)) or \
            (hyphen_before and
             _COMPOUND_BEFORE.search(text[max(0, mention.start - 6):mention.start])):
        return Mention(mention.start, mention.end, mention.text, mention.type, mention.id,
                       "compound", mention.country, mention.sanctioned)
    return mention


def _as_team(mention: Mention, text: str, sport: dict[str, bool]) -> Mention:
    """A city named in sports reporting next to a score or an opponent is a team: "Surrey
    423 for five", "Chicago beat Milwaukee". It becomes an unlinked organisation."""
    if mention.type != "place" or (mention.id is not None
                                   and not mention.id.startswith("geonames:")):
        return mention  # countries play as countries ("Germany beat Italy"); cities as clubs
    after = text[mention.end:mention.end + 12]
    before = text[max(0, mention.start - 20):mention.start]
    if _DATELINE_AFTER.match(after):
        return mention  # "BONN 1996-08-30": a dateline names where the report was filed
    versus = _SCORE_AFTER.match(after) or _VERSUS.search(before) or _VERSUS_AFTER.match(after)
    if not versus:
        if "is" not in sport:
            sport["is"] = _SPORT.search(text) is not None
        if not sport["is"] or _WHERE.search(before):
            return mention  # in sports reporting a city not introduced as a place is a club
    return Mention(mention.start, mention.end, mention.text, "organisation", None, "team",
                   mention.country)


def _mention(start: int, end: int, surface: str, entry: Entry,
             flags: tuple[str, ...] = ()) -> Mention:
    """A mention of ``entry``, flagged with the sanction records of the same name."""
    return Mention(start, end, surface, entry.type, entry.id, entry.form, entry.country, flags)


def _overlay(base: list[Mention], extra: Iterable[Mention], keep_existing: bool = False
             ) -> list[Mention]:
    """Merge ``extra`` into ``base``; on overlap ``extra`` wins unless ``keep_existing``."""
    out = list(base)
    for mention in extra:
        clashes = [m for m in out if m.start < mention.end and mention.start < m.end]
        if clashes and keep_existing:
            continue
        out = [m for m in out if m not in clashes] + [mention]
    return sorted(out, key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def bundled_linker() -> Linker:
    return Linker(bundled_knowledge())
