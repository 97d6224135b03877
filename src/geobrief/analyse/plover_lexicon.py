"""The PLOVER trigger lexicon: ``data/plover.yaml`` compiled into one Aho-Corasick automaton
over the first part of every phrase form, with anchored patterns for the rest (see the
file's header for the phrase syntax, and ``geobrief.analyse.events`` for how it is used)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from geobrief.knowledge.link import normal

LEXICON = Path(__file__).parent / "data" / "plover.yaml"


@dataclass(frozen=True)
class Rule:
    type: str
    cameo: str | None
    phrase: str  # as written in the lexicon
    rest: re.Pattern[str] | None  # the parts after the first gap, matched at the anchor's end
    weight: int  # literal words matched, plus the group's priority
    verb: bool  # the phrase starts with an inflected verb
    frame: bool
    intent: bool
    must: bool
    adjacent: bool
    military: tuple[str, str | None] | None
    military_only: bool
    not_after: frozenset[str]
    not_before: frozenset[str]
    not_with: tuple[str, ...]  # space-padded words that cancel the phrase anywhere


def inflect(lemma: str, irregular: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """(all forms, past forms) of an English verb: lemma, -s, past, -ing. ``irregular``
    gives the past forms (and the -ing form where the consonant doubles)."""
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    extra = irregular.get(lemma)
    if extra:
        past = [f for f in extra if not f.endswith("ing")]
        ing = [f for f in extra if f.endswith("ing") and f not in past]
    else:
        if lemma.endswith("e"):
            past = [lemma + "d"]
        elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
            past = [lemma[:-1] + "ied"]
        else:
            past = [lemma + "ed"]
        ing = []
    if not ing:
        if lemma.endswith("ie"):
            ing = [lemma[:-2] + "ying"]
        elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
            ing = [lemma[:-1] + "ing"]
        else:
            ing = [lemma + "ing"]
    forms = list(dict.fromkeys([lemma, third, *past, *ing]))
    return forms, past


def _split_alternatives(part: str) -> list[str]:
    """Top-level "|" alternatives of a phrase part; "|" inside parentheses is word-level."""
    out, depth, current = [], 0, ""
    for char in part:
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return [a.strip() for a in out if a.strip()]


class Lexicon:
    """The trigger phrases of ``plover.yaml``, compiled for matching."""

    def __init__(self, path: Path = LEXICON) -> None:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.gap = int(data.get("gap", 3))
        self.irregular: dict[str, list[str]] = {
            str(k): [str(f) for f in v] for k, v in (data.get("irregular") or {}).items()}
        self.past: set[str] = set()
        self.intent_words = _phrase_pattern(data.get("intent_words") or [])
        self.negation = _phrase_pattern(data.get("negation") or [])
        self.intent_types: dict[str, tuple[str, str | None]] = {
            str(k): (str(v[0]), str(v[1]) if v[1] is not None else None)
            for k, v in (data.get("intent_types") or {}).items()}
        self.refusal: dict[str, str] = {str(k): str(v)
                                        for k, v in (data.get("refusal") or {}).items()}
        self.military = ahocorasick.Automaton()
        for word in data.get("military_words") or []:
            key = f" {' '.join(normal(word).split())} "
            self.military.add_word(key, key)
        self.military.make_automaton()
        self.renamed: dict[str, str] = {str(k): str(v)
                                        for k, v in (data.get("renamed") or {}).items()}
        self.types: set[str] = set()
        self.rules: list[Rule] = []
        anchors: dict[str, list[int]] = {}
        for group in data["events"]:
            for phrase in group["phrases"]:
                self._add(str(phrase), group, anchors)
        self.automaton = ahocorasick.Automaton()
        for key, ids in anchors.items():
            self.automaton.add_word(f" {key} ", (len(key) + 2, tuple(ids)))
        self.automaton.make_automaton()

    def _words(self, alternative: str) -> tuple[list[str], bool]:
        """Every word sequence an alternative stands for, and whether it starts with a verb."""
        sequences: list[list[str]] = []
        verb = False
        for i, token in enumerate(alternative.split()):
            choices = token[1:-1].split("|") if token.startswith("(") else [token]
            forms: list[str] = []
            for choice in choices:
                if choice.endswith("+"):
                    all_forms, past = inflect(normal(choice[:-1]).strip(), self.irregular)
                    forms += all_forms
                    self.past.update(past)
                    verb = verb or i == 0
                else:
                    forms.append(" ".join(normal(choice).split()))
            sequences.append(forms)
        return [" ".join(p) for p in product(*sequences)], verb

    def _add(self, phrase: str, group: dict[str, Any], anchors: dict[str, list[int]]) -> None:
        parts = [p.strip() for p in re.split(r"(?<=\s)_+(?=\s)", f" {phrase} ")]
        gaps = [len(g) for g in re.findall(r"(?<=\s)_+(?=\s)", f" {phrase} ")]
        first: list[str] = []
        verb = False
        for alternative in _split_alternatives(parts[0]):
            forms, is_verb = self._words(alternative)
            first += forms
            verb = verb or is_verb
        rest = None
        literal = min(len(f.split()) for f in first)
        if len(parts) > 1:
            pattern = ""
            for i, part in enumerate(parts[1:], 1):
                forms = []
                for alternative in _split_alternatives(part):
                    forms += self._words(alternative)[0]
                forms.sort(key=len, reverse=True)
                pattern += (rf"((?: [a-z0-9]+){{0,{self.gap * gaps[i - 1]}}}?) "
                            rf"(?P<p{i}>{'|'.join(re.escape(f) for f in forms)})")
                literal += min(len(f.split()) for f in forms)
            rest = re.compile(pattern + "(?= )")
        military = group.get("military")
        rule = Rule(
            type=str(group["type"]), cameo=str(group["cameo"]) if group.get("cameo") else None,
            phrase=phrase, rest=rest, weight=literal + int(group.get("priority", 0)),
            verb=verb, frame=bool(group.get("frame")), intent=bool(group.get("intent")),
            must=bool(group.get("must")), adjacent=bool(group.get("adjacent")),
            military=(str(military["type"]), str(military.get("cameo"))) if military else None,
            military_only=bool(group.get("military_only")),
            not_after=frozenset(str(w) for w in group.get("not_after") or ()),
            not_before=frozenset(str(w) for w in group.get("not_before") or ()),
            not_with=tuple(f" {' '.join(normal(str(w)).split())} "
                           for w in group.get("not_with") or ()))
        self.types.add(rule.type)
        index = len(self.rules)
        self.rules.append(rule)
        for key in dict.fromkeys(first):
            anchors.setdefault(key, []).append(index)


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    words = sorted({" ".join(normal(p).split()) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?:^| )(?:" + "|".join(re.escape(w) for w in words) + r")(?= |$)")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


