"""The claim ledger: statements of one proposition, across outlets, languages and days of
one thread, as one entry with the stances of the parties over time, the figures they gave,
its status and how the status changed.

Entries are built in publication order (``stories/ledger_join.py`` joins each claim to an
entry) and kept per thread in the store; ``update_ledgers`` reads the claims that analysis
and stories added since, and the composer reads a thread's entries as of its day through
``ledger_for``. The status vocabulary and its rules (``status``) are in docs/claims.md:

- a *party* is who speaks: its knowledge id or country when known, else its name; an
  outlet asserting in its own voice is a party keyed by its publisher family, and a copy
  of a report (``articles.origin_id``) or another title of the same family adds no party;
- a party's latest stance is its stance (a denial in October, an admission in April);
- the parties *concerned* are the states and bodies the proposition is about (the
  entry's core countries);
- ``confirmed``: a concerned party confirms it, and it is not that party's own claim;
- ``denied``: a concerned party denies it and at most one other party asserts it;
- ``disputed``: someone denies it and two or more distinct parties assert it, or a party
  not concerned denies it;
- ``corroborated``: two or more distinct parties assert (or confirm) it;
- ``unconfirmed``: a party declined, failed or would not confirm it, and none confirmed;
- ``reported``: asserted by one party.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from geobrief.analyse.features import STOPWORDS
from geobrief.knowledge.link import Linker
from geobrief.models import Status

STATUSES = tuple(s.value for s in Status)
NAMES_SHOWN = 5  # parties named per stance in a status sentence
LEDGER_DAYS = 30  # a briefing's ledger: entries with a stance in the last 30 days
MAX_CLAIMS = 600  # kept for callers of the old per-briefing ledger; no longer a limit
STANCES_SHOWN = ("assert", "confirm", "deny", "not_confirm")
_WORD = re.compile(r"[a-z][a-z'-]+")
_CUE_WORDS = frozenset("""said says told according claimed claims reported reports estimated
    estimates denied denies dismissed dismisses rejected confirmed confirms declined refused
    comment confirm verify independently not has have had could would called""".split())
# Sums of money and goods: different figures are usually different things (a pledge, a
# demand, a target), not estimates of one quantity: never compared in a figures line.
AMOUNTS = frozenset({"yearly sums", "dollars", "tonnes", "money"})


@dataclass
class Stance:
    """One claim's stance in an entry: who (as written, resolved, knowledge id, country),
    how, when, in which report (and the original it copies), by which publisher."""

    party: str | None
    party_id: str | None
    party_country: str | None
    stance: str  # a models.Stance: assert | confirm | deny | not_confirm
    day: str
    article_id: int
    origin: int  # the original article (a copy points at its origin)
    outlet: str
    url: str
    text: str
    title: str | None = None  # of the article, for its citation
    idx: int = -1  # the sentence's index in its article
    party_name: str | None = None  # the speaker resolved (the knowledge's name when linked)
    publisher: str | None = None  # the publisher family of the original report
    proposition: str | None = None  # what the sentence asserts, denies or confirms

    @property
    def who(self) -> str:
        """The party's name as a reader should see it."""
        if self.party_name and (self.party_id or not self.party):
            return self.party_name
        return self.party or self.outlet

    @property
    def key(self) -> str:
        """Who the party is for counting: a state by its country, a body or person by its
        knowledge id, else its name; an outlet's own assertion by its publisher family."""
        if self.party_country:
            return self.party_country
        if self.party_id:
            return self.party_id
        if self.party:
            return "name:" + " ".join(self.party.lower().removeprefix("the ").split())
        return "publisher:" + (self.publisher or self.outlet).lower()


@dataclass
class FigureGiven:
    """A figure as a party gave it: value (scaled; a range's low end), what it measures
    (``kind``: the typed quantity the ledger compares within, e.g. "troops" or
    "casualties in Misrata"; ``quantity``: in the sentence's words), who and when."""

    value: float
    qualifier: str | None
    kind: str
    by: str | None
    day: str
    text: str
    high: float | None = None
    unit: str | None = None
    quantity: str = ""
    by_id: str | None = None
    article_id: int = 0
    idx: int = -1
    subject: str | None = None  # the country whose people or things are counted, if said
    party: str | None = None  # who gave it, as the ledger counts parties (``Stance.key``)
    places: str | None = None  # the places its sentence names (knowledge ids), if any
    measure: str = ""  # the typed quantity: "troops", "special forces", "killed", ...


@dataclass
class StatusChange:
    """The status an entry took on ``day``, and the stance that moved it there."""

    day: str
    status: str
    party: str | None
    stance: str
    article_id: int
    idx: int


@dataclass
class Speaker:
    """One who spoke for a party ("Kremlin spokesman Dmitry Peskov" for Russia)."""

    name: str
    id: str | None  # knowledge id, when linked


@dataclass
class PartyStand:
    """One party's stand on an entry: a state (by its country), a body or person (by its
    knowledge id) or a named source; its stance (the latest that stands), the stances it
    took before, since when, who spoke for it, in how many original reports, the figures
    it gave (with their day), and the reports to cite (article ids)."""

    name: str
    id: str | None  # knowledge id (a country code for a state), when known
    country: str | None
    stance: str
    first_day: str
    last_day: str
    reports: int
    speakers: list[Speaker] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)  # stances it took before ("deny")


@dataclass
class Entry:
    id: str
    thread: str
    text: str  # the first assertion's sentence
    stances: list[Stance] = field(default_factory=list)
    figures: list[FigureGiven] = field(default_factory=list)
    status: str = "reported"
    words: set[str] = field(default_factory=set)
    act: str | None = None  # the PLOVER type of the act, when coded
    countries: list[str] = field(default_factory=list)  # the core: whom it is about
    proposition: str | None = None  # what is asserted, briefly
    history: list[StatusChange] = field(default_factory=list)
    country_counts: dict[str, int] = field(default_factory=dict)
    recent_words: list[list[str]] = field(default_factory=list)  # of the latest claims
    time: str | None = None  # the ISO date it is about, when a claim said
    names: dict[str, str] = field(default_factory=dict)  # party key -> name (states)
    others: list[str] = field(default_factory=list)  # places, people, bodies it involves

    def figure_range(self, kind: str) -> tuple[float, float] | None:
        values = [f.value for f in self.figures if f.kind == kind]
        return (min(values), max(values)) if values else None

    def parties(self) -> dict[str, list[PartyStand]]:
        """The parties grouped by their stance (assert, confirm, deny, not_confirm), each
        in the order it first took a stand; a state's officials are one party."""
        stands: dict[str, PartyStand] = {}
        for s in self.stances:
            key = s.key
            stand = stands.get(key)
            if stand is None:
                known = key if not key.startswith(("name:", "publisher:")) else None
                stand = stands[key] = PartyStand(
                    self.names.get(key, s.who), known, s.party_country, s.stance, s.day,
                    s.day, 0)
            elif stand.stance != s.stance and not kept(stand.stance, s.stance):
                if stand.stance not in stand.earlier:
                    stand.earlier.append(stand.stance)
                stand.stance = s.stance
            if not any(sp.name == s.who for sp in stand.speakers):
                stand.speakers.append(Speaker(s.who, s.party_id))
            stand.last_day = s.day
            if s.origin not in stand.articles:
                stand.articles.append(s.origin)
                stand.reports += 1
            for f in self.figures:
                if f.article_id == s.article_id and f.idx == s.idx:
                    label = f"{f.text} ({f.day})"
                    if label not in stand.figures:
                        stand.figures.append(label)
        out: dict[str, list[PartyStand]] = {k: [] for k in STANCES_SHOWN}
        for stand in stands.values():
            names = distinct_names([sp.name for sp in stand.speakers])
            stand.speakers = [sp for sp in stand.speakers if sp.name in names]
            out.setdefault(stand.stance, []).append(stand)
        return out

    def as_of(self, day: str) -> Entry | None:
        """The entry as it stood at the end of ``day`` (None if nobody had spoken yet)."""
        stances = [s for s in self.stances if s.day <= day]
        if not stances:
            return None
        history = [h for h in self.history if h.day <= day]
        return Entry(self.id, self.thread, self.text, stances,
                     [f for f in self.figures if f.day <= day],
                     history[-1].status if history else self.status, set(self.words),
                     self.act, list(self.countries), self.proposition, history,
                     dict(self.country_counts), self.recent_words, self.time, self.names,
                     self.others)

    def to_data(self) -> dict[str, Any]:
        # What ``asdict`` gives, built by hand: stances, figures and history hold only plain
        # values, and ``asdict``'s deep copies cost a tenth of a long thread's ledger.
        data = dict(vars(self))
        data["stances"] = [dict(vars(s)) for s in self.stances]
        data["figures"] = [dict(vars(f)) for f in self.figures]
        data["history"] = [dict(vars(h)) for h in self.history]
        data["words"] = sorted(self.words)
        data["countries"] = list(self.countries)
        data["country_counts"] = dict(self.country_counts)
        data["recent_words"] = [list(w) for w in self.recent_words]
        data["names"] = dict(self.names)
        data["others"] = list(self.others)
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Entry:
        return cls(
            data["id"], data["thread"], data["text"],
            [Stance(**s) for s in data["stances"]],
            [FigureGiven(**f) for f in data["figures"]], data["status"],
            set(data.get("words") or ()), data.get("act"), list(data.get("countries") or ()),
            data.get("proposition"), [StatusChange(**h) for h in data.get("history") or ()],
            dict(data.get("country_counts") or {}),
            [list(w) for w in data.get("recent_words") or ()], data.get("time"),
            dict(data.get("names") or {}), list(data.get("others") or ()))


def content_words(text: str, speaker: str | None) -> set[str]:
    """The sentence's content words as stems ("sold", "selling" and "sells" meet)."""
    said = set(_WORD.findall((speaker or "").lower()))
    return {stem(w) for w in _WORD.findall(text.lower())
            if w not in STOPWORDS and w not in _CUE_WORDS and w not in said and len(w) > 2}


_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ers", "ed", "es", "er", "s")
STEM = 6  # a stem's length at most: "transfer", "transferred" and "transfers" meet


def stem(word: str) -> str:
    """A crude stem: the word without a common suffix, cut to ``STEM`` letters. Cheap,
    language-blind and good enough to compare two reports' wording; never printed."""
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[:-len(suffix)]
            break
    return word[:STEM]


# --- status -----------------------------------------------------------------------------

def _concerned(entry: Entry, linker: Linker | None) -> set[str]:
    """Whom the proposition is about: the entry's core countries, else the countries its
    assertions name."""
    if entry.countries:
        return set(entry.countries)
    found: set[str] = set()
    if linker is not None:
        for s in entry.stances:
            if s.stance in ("assert", "confirm"):
                found |= set(linker.count(s.text))
    return found


def _counted(stances: Iterable[Stance]) -> list[Stance]:
    """Each party's stance once per original report: a copy of a report, or a second
    title of the same publisher family repeating an outlet's own assertion, adds none."""
    seen: set[tuple] = set()
    out = []
    for s in stances:
        mark = (s.key, s.origin) if not s.key.startswith("publisher:") else (s.key,)
        if mark in seen:
            continue
        seen.add(mark)
        out.append(s)
    return out


def kept(earlier: str, later: str) -> bool:
    """Whether a party's earlier stance stands after its later one: a party that denied
    and then "has not confirmed" still denies (the two agree), and a plain assertion after
    a denial does not undo it (its officials describing "reports of a deployment" are not
    an admission); an explicit confirmation after a denial (an admission), or a denial
    after a claim, replaces the earlier. A party that asserted or confirmed and later
    "could not confirm" still asserts: what it would not confirm is a narrower claim
    (combat, within a deployment it reported) or its earlier caution reported again, not
    a retraction (the demo's Pentagon, after Austin and Blinken gave troop numbers)."""
    return (earlier == "deny" and later in ("not_confirm", "assert")) or (
        earlier in ("assert", "confirm") and later == "not_confirm")


def status(entry: Entry, linker: Linker | None = None) -> str:
    """The entry's status from its parties' latest stances (rules: module docstring)."""
    concerned = _concerned(entry, linker)
    latest: dict[str, Stance] = {}
    asserted_first: list[str] = []  # parties in the order they first asserted
    for s in _counted(entry.stances):
        if s.stance == "assert" and s.key not in asserted_first:
            asserted_first.append(s.key)
        if s.key not in latest or not kept(latest[s.key].stance, s.stance):
            latest[s.key] = s

    def is_concerned(s: Stance) -> bool:
        return bool(concerned) and (s.party_country in concerned or s.party_id in concerned)

    def own_claim(s: Stance) -> bool:  # a party never confirms its own claim
        return bool(asserted_first) and asserted_first[0] == s.key and \
            all(k == s.key for k in asserted_first)

    confirmers = [s for s in latest.values() if s.stance == "confirm" and not own_claim(s)]
    asserters = {k for k, s in latest.items() if s.stance == "assert"} | \
        {s.key for s in confirmers}
    denials = [s for s in latest.values() if s.stance == "deny"]
    if any(is_concerned(s) for s in confirmers) and not any(is_concerned(s) for s in denials):
        return Status.CONFIRMED
    if denials:
        if len(asserters) >= 2 or not all(is_concerned(s) for s in denials):
            return Status.DISPUTED
        return Status.DENIED
    if len(asserters) >= 2:
        return Status.CORROBORATED
    if any(s.stance == "not_confirm" for s in latest.values()) and not confirmers:
        return Status.UNCONFIRMED
    return Status.REPORTED


# --- in words ---------------------------------------------------------------------------

def distinct_names(names: list[str]) -> list[str]:
    """``names`` with each one that a longer name holds as whole words ("Blinken" beside
    "Secretary of State Antony Blinken", "White House" beside "White House spokesman John
    Kirby") given once, by its fullest name, where the party was first named."""
    def holds(longer: str, shorter: str) -> bool:
        return len(longer) > len(shorter) and re.search(
            rf"(?<!\w){re.escape(shorter.lower())}(?!\w)", longer.lower()) is not None
    out: list[str] = []
    for name in names:
        fullest = max((other for other in names if holds(other, name)), key=len,
                      default=name)
        if fullest not in out:
            out.append(fullest)
    return out


def _listed(names: list[str]) -> str:
    names = distinct_names(names)
    if len(names) > NAMES_SHOWN:
        more = len(names) - NAMES_SHOWN
        names = names[:NAMES_SHOWN] + [f"{more} other{'s' if more > 1 else ''}"]
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] \
        if names else ""


def in_words(entry: Entry) -> str:
    """The entry's status and who stands where, in one sentence."""
    parts = []
    grouped = entry.parties()
    for kind, verb in (("assert", "asserted by"), ("confirm", "confirmed by"),
                       ("deny", "denied by"), ("not_confirm", "not confirmed by")):
        names = [p.name if p.name else "an unnamed source" for p in grouped.get(kind, [])]
        if names:
            parts.append(f"{verb} {_listed(names)}")
    return f"Status: {entry.status}" + (f" ({'; '.join(parts)})" if parts else "") + "."


def _month(day: str) -> str:
    return date.fromisoformat(day).strftime("%-d %B %Y")


def history_in_words(entry: Entry) -> str:
    """How the status changed: "reported on 18 October 2024; disputed from 28 October
    2024 (Russia: deny)"."""
    out = []
    for n, change in enumerate(entry.history):
        when = "on" if n == 0 else "from"
        why = f" ({change.party}: {change.stance})" if n and change.party else ""
        out.append(f"{change.status} {when} {_month(change.day)}{why}")
    return "; ".join(out)


def ledger_for(data: list[dict], day: date | None,
               recent_days: int | None = LEDGER_DAYS) -> list[Entry]:
    """A thread's stored entries (``store.ledger.thread_ledger``) as they stood at the end
    of ``day``, those with a stance in the ``recent_days`` before it (all with None): the
    one way the composer and the CLI read the ledger."""
    entries = [Entry.from_data(d) for d in data]
    if day is None:
        return entries
    cut = day.isoformat()
    since = (day - timedelta(days=recent_days)).isoformat() if recent_days else ""
    out = []
    for entry in entries:
        seen = entry.as_of(cut)
        if seen is not None and seen.stances[-1].day >= since:
            out.append(seen)
    return out
