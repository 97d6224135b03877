"""Settling outlook items against what happened after them, and scoring the sources'
estimates once settled.

An outlook item foresees an act (a PLOVER type, coded from its sentence) by an actor (a
knowledge id: a state, a body or a person), sometimes on a target's country, sometimes by
a date (its horizon). Each open item is checked against the events stored for later
articles: the first reported act of the same type (not a stated intention, not negated,
in a sentence that does not itself look ahead) by the same actor (for a state, a named
actor of that state that is not a place in it; for a body or person, that body or
person), on the same target country when the item names one, reported on a later day and
no later than its horizon, settles it as ``happened``, with that report cited
(``matched_article_id``, ``matched_idx``). An item whose horizon has passed with no such
report is ``lapsed``. An item that does not say who would act (a knowledge id that is
not a place) and what act is *unresolvable*: it never settles, and is counted as such
when scoring. Items with no horizon stay open until a report settles them. "Now" is the
news clock: the publication time of the newest stored article, so a store of old news is
judged by its own days. A match is the same kind of act by the same actor: a candidate
for an editor to check, not proof that the source's forecast came true.

Scoring (``scorecard``), as World Monitor's forecast scorecard does: for items that carry
the source's own estimative band and have settled, the Brier score (the band's middle
probability against 1 for happened, 0 for lapsed), a calibration table by band (how many,
the probability the band says, the share that happened), and the shares of banded items
voided (a conditional item that lapsed: its condition may never have been met) and
unresolvable; overall and per source (whose estimate it is; the outlet's own when no one
else's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from geobrief.analyse.features import STOPWORDS
from geobrief.analyse.forecasts import BANDS
from geobrief.models import Outcome
from geobrief.store import Store
from geobrief.store.outlook import (
    candidate_reports,
    deadline,
    mark_happened,
    mark_lapsed,
    news_now,
    open_items,
)

__all__ = ["BandRow", "Score", "Scorecard", "Settled", "checkable", "scorecard",
           "settle_outlook"]

_PLACE = ("geonames:", "region:")
_NEGATED = re.compile(r"\b(?:not|never|no longer|n't|neither|nor)\b", re.I)
_WORD = re.compile(r"(?<![\w'-])[a-z][a-z'-]{3,}")  # lower-case: names say who, not what
# words of when, not what: a forecast's "next week" is no part of the act reported
_WHEN = frozenset("""week weeks month months year years days coming next later soon today
    tomorrow monday tuesday wednesday thursday friday saturday sunday""".split())
SHARED_STEMS = 2  # content stems the foreseen act and the report must share


@dataclass
class Settled:
    happened: int = 0
    lapsed: int = 0
    still_open: int = 0


def checkable(action: str | None, action_by: str | None, act: str | None = None) -> bool:
    """Whether an item names an act and who would do it well enough to be checked
    against later reports: a coded act, a knowledge id for the actor that is not a place
    ("the ship will reach Benghazi" names a place, not who acts), and an act that is not
    negated ("we will not surrender" cannot be seen to happen)."""
    return bool(action) and bool(action_by) and not str(action_by).startswith(_PLACE) \
        and not (act and _NEGATED.search(act))


# past tenses that share no stem with their verb ("will hold talks", "held talks")
_IRREGULAR = dict(pair.split(":") for pair in """held:hold met:meet sent:send went:go
    struck:strike fought:fight gave:give made:make took:take began:begin sought:seek
    paid:pay spent:spend left:leave brought:bring built:build shot:shoot led:lead
    fled:flee withdrew:withdraw broke:break drew:draw chose:choose sold:sell bought:buy
    won:win lost:lose hit:hit set:set kept:keep""".split())


def _stems(text: str) -> set[str]:
    return {_IRREGULAR.get(w, w)[:5] for w in _WORD.findall(text)
            if w not in STOPWORDS and w not in _WHEN}


_NOT_VERB = frozenset("""be been being have has had will would shall should can could may
    might must soon also still again then just even only ever never once likely unlikely
    probably possibly almost certainly very highly expected plans planning intends
    going want wants""".split())


def _verb(act: str) -> str | None:
    """The stem of the act's verb: its first lower-case word that is no auxiliary."""
    for word in _WORD.findall(act):
        if word not in _NOT_VERB:
            return _IRREGULAR.get(word, word)[:5]
    return None


def same_act(foreseen: str | None, reported: str) -> bool:
    """Whether a report words the act foreseen: the coded act type and actor are not
    enough (a vow to "retake" a town is not matched by aid workers' concerns), so the
    report must share the act's verb and ``SHARED_STEMS`` content words in all (by their
    first five letters) with
    the words of the act foreseen, leaving out names (capitalised words): that the same
    country or leader is named says nothing of what it did."""
    shared = _stems(foreseen or "") & _stems(reported)
    verb = _verb(foreseen or "")
    return len(shared) >= SHARED_STEMS and (verb is None or verb in shared)


def settle_outlook(store: Store, now: datetime | None = None) -> Settled:
    """Mark open outlook items that a later report fulfilled (``happened``, citing that
    report) or whose horizon passed without one (``lapsed``); returns the counts. Items
    that cannot be checked are left open (unresolvable). Safe to run repeatedly."""
    settled = Settled()
    with store.write() as conn:
        now = now or news_now(conn)
        if now is None:
            return settled
        for item in open_items(conn):
            if not checkable(item.action, item.action_by, item.act):
                continue
            until = deadline(item.horizon)
            found = next((r for r in candidate_reports(conn, item, until)
                          if same_act(item.act or item.text, r.text)), None)
            if found is not None:
                mark_happened(conn, item, found)
                settled.happened += 1
            elif until is not None and until <= now:
                mark_lapsed(conn, item)
                settled.lapsed += 1
            else:
                settled.still_open += 1
    return settled


@dataclass
class BandRow:
    """One row of a calibration table: a band, how many of its items settled, the
    probability it states (its middle), and the share of them that happened."""

    band: str
    n: int
    p: float
    happened: int

    @property
    def observed(self) -> float:
        return self.happened / self.n if self.n else 0.0


@dataclass
class Score:
    """The score of one set of banded items (all, or one source's)."""

    banded: int = 0  # items with the source's own band
    scored: int = 0  # of those, settled and not voided
    happened: int = 0
    lapsed: int = 0
    still_open: int = 0
    voided: int = 0
    unresolvable: int = 0
    brier: float | None = None
    bands: list[BandRow] = field(default_factory=list)

    @property
    def voided_share(self) -> float:
        return self.voided / self.banded if self.banded else 0.0

    @property
    def unresolvable_share(self) -> float:
        return self.unresolvable / self.banded if self.banded else 0.0

    def to_data(self) -> dict[str, Any]:
        return {"banded": self.banded, "scored": self.scored, "happened": self.happened,
                "lapsed": self.lapsed, "open": self.still_open, "voided": self.voided,
                "unresolvable": self.unresolvable,
                "voided_share": round(self.voided_share, 4),
                "unresolvable_share": round(self.unresolvable_share, 4),
                "brier": None if self.brier is None else round(self.brier, 4),
                "calibration": [{"band": b.band, "n": b.n, "p": round(b.p, 4),
                                 "happened": b.happened, "observed": round(b.observed, 4)}
                                for b in self.bands]}


@dataclass
class Scorecard:
    overall: Score
    by_source: dict[str, Score]

    def to_data(self) -> dict[str, Any]:
        return {"overall": self.overall.to_data(),
                "by_source": {k: v.to_data() for k, v in self.by_source.items()}}


def _state(row: dict[str, Any]) -> str:
    """happened | lapsed | voided | unresolvable | open."""
    if not checkable(row.get("action"), row.get("action_by"), row.get("act")):
        return "unresolvable"
    outcome = row.get("outcome")
    if outcome == Outcome.LAPSED and row.get("condition"):
        return "voided"
    if outcome in (Outcome.HAPPENED, Outcome.LAPSED):
        return str(outcome)
    return "open"


def _score(rows: Iterable[dict[str, Any]]) -> Score:
    score = Score()
    squares: list[float] = []
    bands: dict[str, BandRow] = {}
    for row in rows:
        band = row.get("band")
        if not band or band not in BANDS:
            continue
        score.banded += 1
        state = _state(row)
        if state == "unresolvable":
            score.unresolvable += 1
        elif state == "voided":
            score.voided += 1
        elif state == "open":
            score.still_open += 1
        else:
            low, high = BANDS[band]
            p = (low + high) / 2
            happened = state == "happened"
            score.scored += 1
            score.happened += happened
            score.lapsed += not happened
            squares.append((p - (1.0 if happened else 0.0)) ** 2)
            line = bands.setdefault(band, BandRow(band, 0, p, 0))
            line.n += 1
            line.happened += happened
    score.brier = sum(squares) / len(squares) if squares else None
    score.bands = sorted(bands.values(), key=lambda b: b.p)
    return score


def source_of(row: dict[str, Any]) -> str:
    """Whose estimate an item is: the source named, else the outlet's own."""
    if row.get("source") and row.get("source_kind") != "outlet":
        return str(row["source"])
    return str(row.get("outlet") or "unknown outlet")


def scorecard(rows: list[dict[str, Any]]) -> Scorecard:
    """The scorecard of outlook items (``store.outlook.outlook_rows``), overall and per
    source (sources with at least one banded item)."""
    by: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("band"):
            by.setdefault(source_of(row), []).append(row)
    per = {name: _score(items) for name, items in sorted(by.items())}
    return Scorecard(_score(rows), per)
