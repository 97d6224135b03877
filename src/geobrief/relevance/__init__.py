"""Relevance: why a story reaches a reader, as reasons with citations.

One list of rules (``RULES``) answers both questions a briefing asks: which stories to
pick for a personal briefing (the weights of the reasons found add up to a score) and what
to write under "What is in it for you?" (the reasons that are ``shown``, in rule order).
A reader is a country, an optional region, interests and a language; a reader group of
an edition is the same without interests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geobrief.compose.evidence import StoryEvidence
from geobrief.models import Reader, Reason
from geobrief.relevance.base import Rule as Rule
from geobrief.relevance.base import RuleContext, actors
from geobrief.relevance.rules import INTERESTS, RULES

RELEVANT = 1.0  # the score from which a story matters to a reader


@dataclass
class Relevance:
    """The reasons a story reaches a reader: every reason found (``found``, in rule order),
    and of those that count (a weight above 0) the first of each kind, strongest weight
    first (``reasons``), with their summed weight (``score``)."""

    score: float
    reasons: list[Reason]
    found: list[Reason]

    @property
    def relevant(self) -> bool:
        return self.score >= RELEVANT

    def shown(self) -> list[Reason]:
        """The reasons to write as lines, each rule's findings in its order."""
        return [line for r in self.found if r.shown for line in r.lines()]


def assess(ev: StoryEvidence, reader: Reader, ctx: RuleContext,
           rules: Sequence[Rule] | None = None) -> Relevance:
    """Run every rule on the story for ``reader``."""
    found = [r for rule in (RULES if rules is None else rules)
             if (r := rule.evaluate(ev, reader, ctx)) is not None]
    seen: dict[str, Reason] = {}
    for reason in found:
        if reason.weight > 0:
            seen.setdefault(reason.kind, reason)
    ordered = sorted(seen.values(), key=lambda r: -r.weight)
    return Relevance(round(sum(r.weight for r in ordered), 3), ordered, found)


__all__ = ["INTERESTS", "RELEVANT", "RULES", "Reason", "Relevance", "Rule", "RuleContext",
           "actors", "assess"]
