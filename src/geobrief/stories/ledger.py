"""The claim ledger: claims that assert the same thing, across articles and days of one
thread, merged into one entry with the stances of the parties over time and a status.

Grouping (in publication order): an asserting claim joins the entry whose claims share
most of its content words (Jaccard over words that are not the speaker's or the cue's,
with a bonus when both give figures of the same kind); a denial or non-confirmation joins
the entry it answers most closely. Status, from the stances:

- confirmed: confirmed by a party the claim is about;
- disputed: asserted by independent sources and denied by someone;
- denied: denied by a party the claim is about, and asserted by one source only;
- corroborated: asserted by two or more independent origins (wire copies count once);
- unconfirmed: a party asked declined or failed to confirm it, and no one confirmed;
- reported: asserted by one source.
Figures that differ between sources are kept as a range with who gave which, and
entries giving figures of the same kind (estimates of one quantity) are merged.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from geobrief.analyse.features import STOPWORDS
from geobrief.knowledge.link import Linker
from geobrief.store import Store
from geobrief.store.schema import articles, claims, outlets, sentences, stories, story_articles

STATUSES = ("reported", "corroborated", "confirmed", "denied", "unconfirmed", "disputed")
NAMES_SHOWN = 5  # parties named per stance in a status sentence
LEDGER_DAYS = 30  # a briefing's ledger looks back this far in the thread
MAX_CLAIMS = 600  # and at most at this many of the latest claims
JOIN = 0.2
ANSWER = 0.1
FIGURE_BONUS = 0.2
SAME_KIND_FLOOR = 0.0
_WORD = re.compile(r"[a-z][a-z'-]+")
_CUE_WORDS = frozenset("""said says told according claimed claims reported reports estimated
    estimates denied denies dismissed dismisses rejected confirmed confirms declined refused
    comment confirm verify independently not has have had could would called""".split())
STANDING = frozenset({"troops"})  # quantities that persist across days (see _merge_estimates)
# Sums of money and goods: different figures are usually different things (a pledge, a
# demand, a target), not estimates of one quantity, so they neither join nor merge claims.
AMOUNTS = frozenset({"yearly sums", "dollars", "tonnes"})
FAMILIES = {"troops": "troops", "soldiers": "troops", "personnel": "troops",
            "forces": "troops", "units": "troops", "year": "yearly sums"}


@dataclass
class Stance:
    party: str | None
    party_id: str | None
    party_country: str | None
    stance: str  # assert | confirm | deny | unconfirmed
    day: str
    article_id: int
    origin: int  # the original article (a copy points at its origin)
    outlet: str
    url: str
    text: str
    title: str | None = None  # of the article, for its citation


@dataclass
class FigureGiven:
    value: float
    qualifier: str | None
    kind: str
    by: str | None
    day: str
    text: str


@dataclass
class Entry:
    id: str
    thread: str
    text: str
    stances: list[Stance] = field(default_factory=list)
    figures: list[FigureGiven] = field(default_factory=list)
    status: str = "reported"
    words: set[str] = field(default_factory=set)

    def figure_range(self, kind: str) -> tuple[float, float] | None:
        values = [f.value for f in self.figures if f.kind == kind]
        return (min(values), max(values)) if values else None


def content_words(text: str, speaker: str | None) -> set[str]:
    said = set(_WORD.findall((speaker or "").lower()))
    return {w for w in _WORD.findall(text.lower())
            if w not in STOPWORDS and w not in _CUE_WORDS and w not in said and len(w) > 2}


def _similarity(entry: Entry, words: set[str], kinds: set[str], day: str) -> float:
    """Word overlap, raised when both give figures of the same kind (two estimates of the
    number of troops are claims about the same thing). Counts of things that are not a
    standing quantity, given days apart ("120 missiles", "101 missiles"), are different
    events however alike the words: no match."""
    shared = (kinds & {f.kind for f in entry.figures}) - AMOUNTS
    if any(_days_apart(entry, kind, day) for kind in shared - STANDING):
        return 0.0
    union = entry.words | words
    score = len(entry.words & words) / (len(union) or 1)
    if shared and score >= SAME_KIND_FLOOR:
        score += FIGURE_BONUS
    return score


def _rows(store: Store, thread: str, until: date | None) -> list[dict]:
    query = (
        select(claims, sentences.c.text, articles.c.published, articles.c.url,
               articles.c.title, articles.c.origin_id, outlets.c.name.label("outlet"))
        .join(sentences, (sentences.c.article_id == claims.c.article_id)
              & (sentences.c.idx == claims.c.idx))
        .join(articles, articles.c.id == claims.c.article_id)
        .join(outlets, outlets.c.id == articles.c.outlet_id)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .join(stories, stories.c.id == story_articles.c.story_id)
        .where(stories.c.thread_id == thread)
        .order_by(articles.c.published, articles.c.url, claims.c.idx)
    )
    if until is not None:
        query = query.where(articles.c.published <= datetime.combine(until, time.max))
        since = max(until, date.min + timedelta(days=LEDGER_DAYS)) - timedelta(days=LEDGER_DAYS)
        query = query.where(articles.c.published >= datetime.combine(since, time.min))
    with store.engine.connect() as conn:
        found = [dict(r) for r in conn.execute(query).mappings()]
    return found[-MAX_CLAIMS:]  # the latest claims: a thread can run for months


def build_ledger(store: Store, thread: str, until: date | None = None,
                 linker: Linker | None = None) -> list[Entry]:
    """The ledger of one thread, from what is stored up to ``until``."""
    entries: list[Entry] = []
    for row in _rows(store, thread, until):
        figures = json.loads(row["figures"])
        kinds = {FAMILIES.get(f["noun"], f["noun"]) for f in figures}
        words = content_words(row["text"], row["speaker"])
        contested = row["stance"] in ("deny", "unconfirmed")
        day = row["published"].date().isoformat()
        if contested:  # a denial answers a claim someone made, not another denial
            scored = [(_answers(e, words), e) for e in entries if _asserted(e)]
        else:
            scored = [(_similarity(e, words, kinds, day), e) for e in entries]
        best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if best[1] is not None and best[0] >= (ANSWER if contested else JOIN):
            entry = best[1]
        else:
            key = f"{thread}:{row['article_id']}:{row['idx']}"
            entry = Entry("c-" + hashlib.sha1(key.encode()).hexdigest()[:12], thread,
                          row["text"])
            entries.append(entry)
        if not contested:
            entry.words |= words
        entry.stances.append(Stance(row["speaker"], row["speaker_id"], row["speaker_country"],
                                    row["stance"], day, row["article_id"],
                                    row["origin_id"] or row["article_id"], row["outlet"],
                                    row["url"], row["text"], row["title"]))
        entry.figures += [FigureGiven(f["value"], f["qualifier"],
                                      FAMILIES.get(f["noun"], f["noun"]),
                                      row["speaker"] or row["outlet"], day, f["text"])
                          for f in figures]
    entries = _merge_estimates(entries)
    for entry in entries:
        entry.status = status(entry, linker)
    return entries


def _answers(entry: Entry, words: set[str]) -> float:
    """How much of a denial's content the claim it may answer holds: a short denial ("the
    Kremlin dismissed the reports of a deployment as fake") against an entry that has
    gathered the words of many reports, where Jaccard would vanish as the entry grows."""
    return len(entry.words & words) / (len(words) or 1)


def _asserted(entry: Entry) -> bool:
    return any(s.stance in ("assert", "confirm") for s in entry.stances)


def _merge_estimates(entries: list[Entry]) -> list[Entry]:
    """Entries that give figures of the same kind in one thread (several estimates of the
    number of troops) are claims about the same quantity: merge them into the first. Only
    standing quantities (troops deployed) are one quantity across days; counts of other
    things (missiles fired, people killed) belong to one day's event, so those merge only
    when given within a day of each other."""
    merged: list[Entry] = []
    by_kind: dict[str, Entry] = {}
    for entry in entries:
        kinds = sorted({f.kind for f in entry.figures} - AMOUNTS)
        target = next((by_kind[k] for k in kinds
                       if k in by_kind and _same_quantity(by_kind[k], entry, k)), None)
        if target is None:
            merged.append(entry)
            for kind in kinds:
                by_kind[kind] = entry
            continue
        target.stances += entry.stances
        target.figures += entry.figures
        target.words |= entry.words
        for kind in kinds:
            by_kind.setdefault(kind, target)
    for entry in merged:
        entry.stances.sort(key=lambda s: (s.day, s.article_id))
    return merged


def _same_quantity(earlier: Entry, later: Entry, kind: str) -> bool:
    if kind in STANDING:
        return True
    given = [f.day for f in later.figures if f.kind == kind]
    return bool(given) and not _days_apart(earlier, kind, min(given))


def _days_apart(entry: Entry, kind: str, day: str) -> bool:
    """Whether ``day`` is more than a day after the latest figure of ``kind`` in ``entry``."""
    days = [f.day for f in entry.figures if f.kind == kind]
    return bool(days) and date.fromisoformat(day) - date.fromisoformat(max(days)) > \
        timedelta(days=1)


def _concerned(entry: Entry, linker: Linker | None) -> set[str]:
    """Countries the asserting claims are about."""
    if linker is None:
        return set()
    found: set[str] = set()
    for s in entry.stances:
        if s.stance in ("assert", "confirm"):
            found |= set(linker.count(s.text))
    return found


def status(entry: Entry, linker: Linker | None = None) -> str:
    concerned = _concerned(entry, linker)
    by: dict[str, list[Stance]] = defaultdict(list)
    for s in entry.stances:
        by[s.stance].append(s)
    asserted_origins = {s.origin for s in entry.stances if s.stance == "assert"}
    if any(s.party_country in concerned for s in by.get("confirm", [])):
        return "confirmed"
    denials = by.get("deny", [])
    if denials and len(asserted_origins) >= 2:
        return "disputed"
    if any(s.party_country in concerned for s in denials):
        return "denied"
    if denials:
        return "disputed"
    if len(asserted_origins) >= 2:
        return "corroborated"
    if by.get("unconfirmed") and not by.get("confirm"):
        return "unconfirmed"
    return "reported"


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


def in_words(entry: Entry) -> str:
    """The entry's status and who stands where, in one sentence."""
    def names(kind: str) -> str:
        seen: list[str] = []
        for s in entry.stances:
            # an outlet reports what it asserts; a denial with no named party is not its own
            who = s.party or (s.outlet if s.stance in ("assert", "confirm")
                              else f"an unnamed source (in {s.outlet})")
            if s.stance == kind and who not in seen:
                seen.append(who)
        seen = distinct_names(seen)
        if len(seen) > NAMES_SHOWN:
            more = len(seen) - NAMES_SHOWN
            seen = seen[:NAMES_SHOWN] + [f"{more} other{'s' if more > 1 else ''}"]
        return ", ".join(seen[:-1]) + (" and " if len(seen) > 1 else "") + seen[-1] \
            if seen else ""
    parts = []
    for kind, verb in (("assert", "asserted by"), ("confirm", "confirmed by"),
                       ("deny", "denied by"), ("unconfirmed", "not confirmed by")):
        who = names(kind)
        if who:
            parts.append(f"{verb} {who}")
    return f"Status: {entry.status}" + (f" ({'; '.join(parts)})" if parts else "") + "."
