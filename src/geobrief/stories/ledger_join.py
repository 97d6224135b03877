"""Joining claims into ledger entries, and keeping each thread's ledger in the store.

A claim joins the entry that states the same proposition (analysis stores each claim's
proposition: its act, the knowledge ids involved, the kinds of figure, the time):

* **the act**: two claims whose acts are coded and differ are different propositions; a
  figure of troops is a deployment (MOBILIZE) and of the dead a fight (FIGHT) where no act
  was coded; a denial's own verb (REJECT) is not the act it denies;
* **whom it is about**: the knowledge ids involved, as countries (a person or body stands
  for its country), without the speaker's own; they must meet the entry's core countries
  (those most of its claims name);
* **words**, where no act was coded on one side: the content words of the sentence against
  each of the entry's latest claims (Jaccard), the figures' kinds adding to them;
* **time**: claims that say which day they are about must agree within ``SAME_TIME``
  days; an act that happens on a day (a strike, a fight, a meeting) joins only claims of
  the same few days (``EVENT_DAYS``), a standing one (a deployment, aid, sanctions) the
  whole thread;
* a **denial or non-confirmation** answers what it denies: its act and countries, or,
  when its object only points back ("such reports", "them", "the claims"), the entry of
  the claim before it in the same report.

``update_ledgers`` reads, for each thread with claims the ledger has not read, those
claims in publication order into the stored entries (the whole thread again when an
earlier claim arrives late or analysis replaced claims it had read), and stores them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from geobrief.knowledge.link import Linker
from geobrief.knowledge.load import Knowledge
from geobrief.store import Store
from geobrief.store.ledger import (
    save_thread,
    stored_entries,
    thread_claim_rows,
    thread_state,
    threads_behind,
)
from geobrief.stories.ledger import (
    Entry,
    FigureGiven,
    Stance,
    StatusChange,
    content_words,
    status,
)
from geobrief.stories.publishers import Publishers, publishers

# acts that happen on a day: their claims join only within EVENT_DAYS of each other
EVENT_ACTS = frozenset({"ASSAULT", "FIGHT", "COERCE", "PROTEST", "CONSULT", "THREATEN",
                        "DEMAND", "DISAPPROVE", "ACCUSE", "REQUEST", "INVESTIGATE",
                        "REJECT", "CONCEDE", "RETREAT"})
EVENT_DAYS = 2
SAME_TIME = 3  # days within which two stated times are the same time
WORDS_JOIN = 0.3  # Jaccard of content words for claims with no act on one side
ACT_WORDS = 0.15  # with the same act and one country in common
PARTIES_WORDS = 0.15  # no act on one side, but two of the entry's core countries named
ANSWER_WORDS = 0.5  # share of a denial's words an entry's claim must hold
RECENT = 12  # word sets of an entry's latest claims kept for comparison
CORE_SHARE = 0.5  # a country is core when at least this share of the claims name it
_KIND_ACTS = {"troops": "MOBILIZE", "casualties": "FIGHT"}
_DENIAL_ACTS = frozenset({"REJECT"})  # the denial's own verb, not what it denies
_POINTS_BACK = re.compile(
    r"^(?:(?:on|about|to|over)\s+)?"  # "has not commented on the report"
    r"(?:them|it|that|this|these|those|such\b|similar\b|the (?:reports?|claims?|"
    r"accounts?|allegations?|assertions?|statements?|figures?|material)\b|"
    r"(?:early|earlier|initial) (?:reports?|claims?)|(?:reports?|claims?)\b)", re.I)


@dataclass
class Claim:
    """One stored claim as the ledger reads it."""

    stance: Stance
    act: str | None
    countries: frozenset[str]
    words: frozenset[str]
    kinds: frozenset[str]
    time: str | None
    figures: list[FigureGiven]
    points_back: bool
    forward: bool  # the sentence looks ahead ("could reach", "would ease")
    others: frozenset[str]  # knowledge ids involved that are not countries (places, people)


class ThreadLedger:
    """A thread's entries, built by reading its claims in publication order."""

    def __init__(self, thread: str, knowledge: Knowledge, linker: Linker | None,
                 table: Publishers, entries: list[Entry] | None = None) -> None:
        self.thread = thread
        self.knowledge = knowledge
        self.linker = linker
        self.table = table
        self.entries: list[Entry] = entries or []
        self.touched: set[str] = set()
        self.joined: list[tuple[int, int, str]] = []
        self._article: int | None = None  # the report being read
        self._seen: list[Entry] = []  # the entries its claims joined so far
        # Only an entry that shares a word or the act with a claim can score above 0: these
        # indexes keep joining linear in a thread's size rather than quadratic.
        self._position: dict[str, int] = {}
        self._by_word: dict[str, set[str]] = {}
        self._by_act: dict[str, set[str]] = {}
        for entry in self.entries:
            self._index(entry)

    def _index(self, entry: Entry, words: Iterable[str] | None = None) -> None:
        """Index ``entry`` under its act and ``words`` (all of its words by default)."""
        self._position.setdefault(entry.id, len(self._position))
        for word in entry.words if words is None else words:
            self._by_word.setdefault(word, set()).add(entry.id)
        if entry.act:
            self._by_act.setdefault(entry.act, set()).add(entry.id)

    def _candidates(self, claim: Claim, contested: bool) -> list[Entry]:
        """The entries that may score above 0 for ``claim``, in the order they were made:
        those of its act, and those holding enough of its words to pass the word
        threshold (an entry's claim shares no more words with it than the entry does)."""
        ids = set(self._by_act.get(claim.act, ())) if claim.act else set()
        shared: dict[str, int] = {}
        for word in claim.words:
            for entry_id in self._by_word.get(word, ()):
                shared[entry_id] = shared.get(entry_id, 0) + 1
        need = (ANSWER_WORDS if contested else
                PARTIES_WORDS if len(claim.countries) >= 2 else WORDS_JOIN) \
            * len(claim.words) - 1e-9
        ids.update(e for e, n in shared.items() if n >= need)
        return [self.entries[i] for i in sorted(self._position[e] for e in ids)]

    # --- reading a claim ----------------------------------------------------------------

    def _country(self, entity: str) -> str | None:
        if len(entity) == 2 and entity.isupper():
            return entity
        k = self.knowledge
        for table in (k.people, k.organisations, k.places):
            found = table.get(entity)
            if found is not None:
                return getattr(found, "country", None)
        return None

    def _speaker_countries(self, row: dict) -> set[str]:
        found = {row["speaker_country"]} if row["speaker_country"] else set()
        if row["speaker_id"]:
            found.add(self._country(row["speaker_id"]) or row["speaker_id"])
        if self.linker is not None and row["speaker"]:
            found |= set(self.linker.count(row["speaker"]))
        return found

    def claim(self, row: dict) -> Claim:
        entities = json.loads(row["proposition_entities"] or "[]")
        said = self._speaker_countries(row)
        countries = {c for e in entities if (c := self._country(e)) and c not in said}
        others = frozenset(e for e in entities if not (len(e) == 2 and e.isupper())
                           and e != row["speaker_id"])
        raw_figures = json.loads(row["figures"] or "[]")
        kinds = frozenset(f.get("noun") or f["kind"] for f in raw_figures)
        act = row["proposition_act"]
        contested = row["stance"] in ("deny", "not_confirm")
        if contested and act in _DENIAL_ACTS:
            act = None
        if act is None:
            act = next((_KIND_ACTS[f["kind"]] for f in raw_figures
                        if f["kind"] in _KIND_ACTS), None)
        day = row["published"].date().isoformat()
        origin = row["origin_id"] or row["article_id"]
        outlet = row["origin_outlet"] or row["outlet"] if row["origin_id"] else row["outlet"]
        domain = row["origin_domain"] if row["origin_id"] else row["outlet_domain"]
        family = self.table.resolve(outlet, domain).family
        body = self._body(row["speaker_id"], row["published"].date())
        stance = Stance(row["speaker"], body or row["speaker_id"],
                        None if body else
                        row["speaker_country"] or self._named_country(row["speaker"]),
                        row["stance"], day, row["article_id"], origin, row["outlet"],
                        row["url"], row["text"], row["title"], row["idx"],
                        row.get("speaker_name"), family, row["proposition"])
        figures = [FigureGiven(f["value"], f["qualifier"], f.get("noun") or f["kind"],
                               stance.who, day, f["text"], f.get("high"), f.get("unit"),
                               f.get("quantity") or "", row["speaker_id"], row["article_id"],
                               row["idx"], self._subject(f.get("quantity") or ""),
                               stance.key, ",".join(sorted(
                                   e for e in entities if e.startswith(("geonames:",
                                                                        "region:")))) or None,
                               measure(f.get("quantity") or "", f["kind"])
                               + _rate(row["text"], f["text"])
                               + (" expected" if f.get("projected") else ""))
                   for f in raw_figures]
        words = content_words(row["proposition"] or row["text"], row["speaker"])
        points_back = contested and bool(_POINTS_BACK.match((row["proposition"] or "").strip()))
        return Claim(stance, act, frozenset(countries), frozenset(words), kinds,
                     row["proposition_time"], figures, points_back, bool(row.get("forward")),
                     others)

    def _body(self, person: str | None, on: date) -> str | None:
        """The international body a person speaks for that day (NATO's secretary general
        speaks for NATO, not for the Netherlands)."""
        found = self.knowledge.people.get(person or "")
        if found is None:
            return None
        return next((o.org for o in found.offices if o.org and o.held_on(on)), None)

    def _named_country(self, speaker: str | None) -> str | None:
        """The country a group speaker is named by ("Ukrainian intelligence", "South
        Korea's intelligence service"): it speaks for that state. A place in the name
        ("officials in Moscow", "commanders in the Kursk area") says where, not for whom."""
        if self.linker is None or not speaker:
            return None
        found = {m.id for m in self.linker.link(speaker, None, unlinked=False)
                 if m.type == "country" and m.form in ("name", "alias", "demonym")}
        return found.pop() if len(found) == 1 else None

    def _subject(self, quantity: str) -> str | None:
        """The country whose people or things a figure counts ("North Korean troops")."""
        if self.linker is None or not quantity:
            return None
        found = self.linker.find(quantity)
        return found[0][2] if found else None

    # --- joining ------------------------------------------------------------------------

    def add(self, row: dict) -> Entry:
        claim = self.claim(row)
        article = claim.stance.article_id
        if self._article != article:
            self._article, self._seen = article, []
        entry = self._answered(claim) if claim.stance.stance in ("deny", "not_confirm") \
            else self._best(claim)
        if entry is None:
            entry = self._new(claim)
        self._join(entry, claim)
        if entry not in self._seen:
            self._seen.append(entry)
        self.joined.append((article, claim.stance.idx, entry.id))
        return entry

    def _answered(self, claim: Claim) -> Entry | None:
        """The entry a denial or non-confirmation answers: when its object points back
        ("such reports"), the most reported proposition of the report so far; else the
        entry of the same act and parties, or whose claims hold its words, the most
        reported first; else the most reported entry about the countries it names."""
        asserted = [e for e in self._seen if _asserted(e)]
        if claim.points_back and asserted:
            return max(asserted, key=_weight)
        scored = [(self._score(e, claim, True), e) for e in self._candidates(claim, True)
                  if _asserted(e)]
        scored = [(score + 0.5 * _weight(e) / (1 + _weight(e)), e)
                  for score, e in scored if score > 0]
        if scored:
            return max(scored, key=lambda pair: pair[0])[1]
        if claim.countries:
            about = [e for e in self.entries if _asserted(e) and e.act
                     and claim.countries <= set(e.countries)]
            if about:
                return max(about, key=_weight)
        return max(asserted, key=_weight) if claim.points_back and asserted else None

    def _best(self, claim: Claim) -> Entry | None:
        best, best_score = None, 0.0
        for entry in reversed(self._candidates(claim, False)):
            score = self._score(entry, claim, False)
            if score > best_score:
                best, best_score = entry, score
        return best

    def _score(self, entry: Entry, claim: Claim, contested: bool) -> float:
        """How surely ``claim`` states the proposition of ``entry`` (0: it does not)."""
        act = claim.act or entry.act
        if (act in EVENT_ACTS or act is None) and \
                _ordinal(claim.stance.day) - _ordinal(entry.stances[0].day) > EVENT_DAYS:
            return 0.0  # a day's event: its claims come within days of its first report
        if claim.time and entry.time and \
                abs(_ordinal(claim.time) - _ordinal(entry.time)) > SAME_TIME:
            return 0.0
        if claim.forward and not (claim.kinds & {f.kind for f in entry.figures}):
            return 0.0  # what may happen is another proposition, unless it estimates
        core = set(entry.countries)
        if claim.countries and core and not (claim.countries & core):
            return 0.0
        overlap = len(claim.countries & core) / len(claim.countries | core) \
            if claim.countries and core else 0.0
        words = _word_score(entry, claim.words, contested)
        if claim.act and entry.act:
            if claim.act != entry.act:
                return 0.0
            # the same act about the same parties: two countries in common, or one and a
            # place, person or body, or one and the words; a denial that names none of
            # its own (of "the deployment") joins the thread's entry of that act
            shared = len(claim.countries & core)
            anchored = shared >= 2 or (shared == 1 and (
                bool(claim.others & set(entry.others)) or words >= ACT_WORDS)) or (
                not claim.countries and not core and (
                    bool(claim.others & set(entry.others)) or words >= WORDS_JOIN))
            if not anchored and contested and not claim.countries:
                # "Moscow has not confirmed the deployment": it answers the act's most
                # reported entry, which _answered weighs; its few words tell little
                return 1.0 + 0.1 * words
            return 1.0 + overlap + words if anchored else 0.0
        threshold = ANSWER_WORDS if contested else \
            PARTIES_WORDS if len(claim.countries & core) >= 2 else WORDS_JOIN
        figures = 0.1 if claim.kinds & {f.kind for f in entry.figures} else 0.0
        return words + figures if words >= threshold else 0.0

    def _new(self, claim: Claim) -> Entry:
        s = claim.stance
        # The article id, not its URL: a relayed copy may carry the same URL.
        key = f"{self.thread}:{s.article_id}:{s.idx}"
        entry = Entry("c-" + hashlib.sha1(key.encode()).hexdigest()[:12], self.thread, s.text,
                      act=None if claim.forward or s.stance != "assert" else claim.act,
                      proposition=s.proposition)
        self.entries.append(entry)
        self._index(entry)
        return entry

    def _join(self, entry: Entry, claim: Claim) -> None:
        unindexed = claim.words - entry.words
        entry.stances.append(claim.stance)
        key = claim.stance.key
        if key not in entry.names:
            if claim.stance.party_country == key and key in self.knowledge.countries:
                entry.names[key] = self.knowledge.countries[key].name
            elif key in self.knowledge.organisations:
                entry.names[key] = self.knowledge.organisations[key].short_name
        for f in claim.figures:
            if f.subject and f.subject not in entry.names and \
                    f.subject in self.knowledge.countries:
                entry.names[f.subject] = self.knowledge.countries[f.subject].name
        entry.figures += claim.figures
        if entry.act is None and claim.act and claim.stance.stance == "assert" and \
                not claim.forward:
            entry.act = claim.act
        if entry.time is None and claim.time:
            entry.time = claim.time
        if claim.stance.stance in ("assert", "confirm"):
            entry.words |= claim.words
            entry.recent_words = (entry.recent_words + [sorted(claim.words)])[-RECENT:]
            if entry.proposition is None or not any(
                    s.stance in ("assert", "confirm") for s in entry.stances[:-1]):
                entry.proposition, entry.text = claim.stance.proposition, claim.stance.text
            for country in claim.countries:
                entry.country_counts[country] = entry.country_counts.get(country, 0) + 1
            entry.others = sorted(set(entry.others) | claim.others)
            entry.countries = _core(entry)
        elif not entry.recent_words:
            entry.words |= claim.words
        new = status(entry, self.linker)
        if new != entry.status or not entry.history:
            change = StatusChange(claim.stance.day, new, claim.stance.who, claim.stance.stance,
                                  claim.stance.article_id, claim.stance.idx)
            if entry.history and entry.history[-1].day == change.day:
                entry.history[-1] = change  # one status a day: the day's last
                if len(entry.history) > 1 and entry.history[-2].status == new:
                    entry.history.pop()
            else:
                entry.history.append(change)
        entry.status = new
        self.touched.add(entry.id)
        self._index(entry, unindexed & entry.words)  # the words this join added


_KILLED = re.compile(r"\b(?:killed|killing|dead|deaths?|died|dying|fatalities|shot)\b", re.I)
_WOUNDED = re.compile(r"\b(?:wounded|injured|injuries|hurt)\b", re.I)
_TROOPS = frozenset({"troops", "soldiers", "personnel", "servicemen"})
_PLURAL = re.compile(r"\b([a-z][a-z-]+(?:s|people|men|ren))\b")
_NOT_MODIFIER = frozenset("""the a an of its their his her our some about more than up to
    at least those these other others total""".split())


def measure(quantity: str, kind: str) -> str:
    """The typed quantity a figure counts, from what the sentence says it counts: the
    dead apart from the wounded, "special forces" apart from "troops", "strike sorties"
    apart from "sorties" (a counted noun and the lower-case word qualifying it)."""
    text = quantity.split(": ", 1)[1] if quantity.startswith(f"{kind}: ") else quantity
    if kind == "casualties":
        killed, wounded = _KILLED.search(text), _WOUNDED.search(text)
        what = "killed" if killed and not wounded else \
            "wounded" if wounded and not killed else "casualties"
        who = _counted(text.split(), kind="casualties")
        return f"{who} {what}" if who and who not in _GENERIC else what
    return _counted(text.split(), kind) or kind


_RATE = re.compile(r"^[^.;]{0,30}?\b(?:a|per|each|every)\s(day|week|month|year)\b", re.I)


def _rate(sentence: str, figure: str) -> str:
    """" a day" when the sentence gives the figure as a rate ("10,000 people a day"): a
    rate is another quantity than a total."""
    at = sentence.find(figure)
    found = _RATE.match(sentence[at + len(figure):]) if at >= 0 else None
    return f" a {found.group(1).lower()}" if found else ""


_GENERIC = frozenset({"people", "others", "persons", "casualties", "deaths", "fatalities"})


def _counted(words: list[str], kind: str) -> str | None:
    """The counted noun, with the lower-case word that qualifies it."""
    for n, word in enumerate(words):
        found = _PLURAL.fullmatch(word)
        if not found:
            continue
        head = "troops" if word in _TROOPS else word
        before = words[n - 1] if n else ""
        if before.isalpha() and before.islower() and before not in _NOT_MODIFIER:
            return f"{before} {head}"
        return head
    return None


def _asserted(entry: Entry) -> bool:
    return any(s.stance in ("assert", "confirm") for s in entry.stances)


@functools.lru_cache(maxsize=4096)
def _ordinal(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def _weight(entry: Entry) -> int:
    """How reported an entry is: its distinct original reports."""
    return len({s.origin for s in entry.stances})


def _core(entry: Entry) -> list[str]:
    counts = entry.country_counts
    if not counts:
        return []
    most = max(counts.values())
    asserted = sum(1 for s in entry.stances if s.stance in ("assert", "confirm"))
    floor = max(1.0, CORE_SHARE * min(asserted, max(most, 1) * 2))
    return sorted(c for c, n in counts.items() if n >= floor or n == most)


def _word_score(entry: Entry, words: frozenset[str], contested: bool) -> float:
    if not words:
        return 0.0
    if contested:
        # what a denial names, held anywhere in the entry: its words are few ("the
        # deployment") and may be those of the entry's first reports only
        return len(words & entry.words) / len(words)
    best = 0.0
    for member in entry.recent_words or [sorted(entry.words)]:
        held = words.intersection(member)
        best = max(best, len(held) / (len(words) + len(member) - len(held) or 1))
    return best


# --- keeping it in the store --------------------------------------------------------------

Say = Callable[[str], None]


class LedgerMemory:
    """Threads' entries kept in memory between the updates of one long-lived process, as
    this process last saved them; a thread whose stored revision is no longer the one saved
    here (another process read it since) is read from the store again. Bounded: once more
    than ``limit`` entries are held, the threads updated longest ago are dropped first."""

    def __init__(self, limit: int = 50_000) -> None:
        self.limit = limit
        self._held: OrderedDict[str, tuple[str, list[Entry]]] = OrderedDict()
        self._count = 0
        self.hits = 0  # threads whose entries were taken from memory
        self.misses = 0  # threads held, but saved since by another process

    def take(self, thread: str, revision: str | None) -> list[Entry] | None:
        """The thread's entries if those saved at ``revision`` are held (no longer held
        after: what the caller does with them is kept again with ``keep``)."""
        held = self._held.pop(thread, None)
        if held is None:
            return None
        self._count -= len(held[1])
        if revision is None or held[0] != revision:
            self.misses += 1
            return None
        self.hits += 1
        return held[1]

    def keep(self, thread: str, revision: str, entries: list[Entry], through: str) -> None:
        """Hold ``entries`` as saved at ``revision``, in the store's order (first day, id;
        ``through``, the day read up to, for an entry without a stance)."""
        if self.limit <= 0:
            return
        ordered = sorted(entries, key=lambda e: (e.stances[0].day if e.stances else through,
                                                  e.id))
        self._held[thread] = (revision, ordered)
        self._count += len(ordered)
        while self._count > self.limit and self._held:
            _thread, (_revision, dropped) = self._held.popitem(last=False)
            self._count -= len(dropped)

    def __len__(self) -> int:
        return self._count


def update_ledgers(store: Store, knowledge: Knowledge, linker: Linker | None,
                   publishers_file: str | None = None,
                   memory: LedgerMemory | None = None) -> int:
    """Read every claim the stored ledgers have not read into their threads' entries;
    returns the number of claims read. With ``memory``, a thread's entries are kept
    between calls instead of being read from the store each time."""
    table = publishers(publishers_file)
    read = 0
    for thread in threads_behind(store):
        read += update_thread(store, thread, knowledge, linker, table, memory)
    return read


def update_thread(store: Store, thread: str, knowledge: Knowledge, linker: Linker | None,
                  table: Publishers, memory: LedgerMemory | None = None) -> int:
    state = thread_state(store, thread)
    rows = thread_claim_rows(store, thread, unread_only=not state.stale)
    rebuild = state.stale or state.through is None or any(
        r["published"] < state.through for r in rows)
    if rebuild and not state.stale:
        rows = thread_claim_rows(store, thread, unread_only=False)
    held = memory.take(thread, state.revision) if memory is not None else None
    if rebuild:
        entries = []
    elif held is not None:
        entries = held
    else:
        entries = [Entry.from_data(d) for d in stored_entries(store, thread)]
    ledger = ThreadLedger(thread, knowledge, linker, table, entries)
    for row in rows:
        ledger.add(row)
    if not rows and not rebuild:
        if memory is not None and state.revision is not None and state.through is not None:
            memory.keep(thread, state.revision, ledger.entries, state.through.date().isoformat())
        return 0
    changed = [e.to_data() for e in ledger.entries if rebuild or e.id in ledger.touched]
    through = max([r["published"] for r in rows] + ([state.through] if state.through and
                                                     not rebuild else []))
    revision = save_thread(store, thread, changed, ledger.joined, through,
                           len(rows) + (0 if rebuild else state.claims), rebuild)
    if memory is not None:
        memory.keep(thread, revision, ledger.entries, through.date().isoformat())
    return len(rows)


def build_entries(rows: list[dict], thread: str, knowledge: Knowledge,
                  linker: Linker | None, table: Publishers | None = None) -> list[Entry]:
    """The entries of ``rows`` (a thread's claim rows, oldest first), not stored: for
    evaluations and tests."""
    ledger = ThreadLedger(thread, knowledge, linker, table or publishers())
    for row in rows:
        ledger.add(row)
    return ledger.entries
