"""Relevance: why a story reaches a reader, as reasons with a mechanism and citations.

One list of rules (``RULES``) answers both questions a briefing asks: which stories to
pick and in what order for a personal briefing (the weights of the reasons found add up
to a score) and what to write under "What is in it for you?" (the same reasons, strongest
first). A reason is a tie of the reader's country to the story (it is a party; fights it
or beside it; keeps troops there; is bound to its defence; arms, funds or sanctions it;
borders it; trades with it; or, in two steps, arms a party's enemy or guards a party's
neighbour) that bears on the story's kind of event, in one sentence that says what the
event changes for the reader (relevance/ties.py, relevance/wording.py).

A reader is a country, an optional region, interests and a language; a reader group of
an edition is the same without interests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geobrief.compose.evidence import StoryEvidence
from geobrief.models import Reader, Reason, TieStep
from geobrief.relevance.base import Rule as Rule
from geobrief.relevance.base import RuleContext, actors
from geobrief.relevance.rules import INTERESTS, RULES

RELEVANT = 1.0  # the score from which a story matters to a reader


@dataclass
class Relevance:
    """The reasons a story reaches a reader: every reason found (``found``), and of
    those that count (a weight above 0) the strongest of each kind, strongest first
    (``reasons``), with their summed weight (``score``)."""

    score: float
    reasons: list[Reason]
    found: list[Reason]

    @property
    def relevant(self) -> bool:
        return self.score >= RELEVANT

    def shown(self) -> list[Reason]:
        """The reasons to write as lines: ties strongest first, then interests."""
        lines = [line for r in self.found if r.shown for line in r.lines()]
        ties = sorted((r for r in lines if r.kind != "interest"), key=lambda r: -r.strength)
        return ties + [r for r in lines if r.kind == "interest"]


def assess(ev: StoryEvidence, reader: Reader, ctx: RuleContext,
           rules: Sequence[Rule] | None = None) -> Relevance:
    """Run every rule on the story for ``reader``; a reason whose documented facts a
    stronger reason already states (the treaty beside the troops) is left out."""
    found = [r for rule in (RULES if rules is None else rules)
             if (r := rule.evaluate(ev, reader, ctx)) is not None]
    found = _without_repeats(found)
    seen: dict[str, Reason] = {}
    for reason in sorted(found, key=lambda r: -r.strength):
        if reason.weight > 0:
            seen.setdefault(reason.kind, reason)
    ordered = sorted(seen.values(), key=lambda r: -r.strength)
    return Relevance(round(sum(r.weight for r in ordered), 3), ordered, found)


def _steps(reason: Reason) -> set[tuple[str, str, str, str | None]]:
    return {(s.from_, s.to, str(s.kind), s.via_id) for s in reason.why
            if isinstance(s, TieStep)}


def _without_repeats(found: list[Reason]) -> list[Reason]:
    out: list[Reason] = []
    for reason in found:
        mine = _steps(reason)
        if mine and any(mine <= _steps(other) and other is not reason and (
                len(_steps(other)) > len(mine) or other.strength > reason.strength)
                for other in found):
            continue
        out.append(reason)
    return out


__all__ = ["INTERESTS", "RELEVANT", "RULES", "Reason", "Relevance", "Rule", "RuleContext",
           "actors", "assess"]
