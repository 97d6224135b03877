"""The evidence a story brief is written from: its articles, sentences and countries."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from geobrief.knowledge.link import Linker
from geobrief.models import Citation, CitationKind, EventNote, OutlookItem, Sentence
from geobrief.store.stories import ArticleRef, StoryMaterial, StoryRow

FUZZY_LIMIT = 300  # sentences compared word by word for light rewrites; the rest by exact key
# a "sentence" longer than this is one the segmenter could not split (a CNN rush
# transcript of 4,000 words on Timeline17's 2011-02-03 was printed twice, 10,677 words in
# all): no reader reads it as a line, so it is not printed
LONGEST_SENTENCE_WORDS = 120
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


@lru_cache(maxsize=20_000)
def words_of(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def overlap(a: str, b: str) -> float:
    """Word-set Jaccard similarity of two sentences."""
    wa, wb = words_of(a), words_of(b)
    return len(wa & wb) / (len(wa | wb) or 1)


def with_source(sentence: str, who: str) -> str:
    """Append the attribution to a sentence: 'X happened, according to Y.'"""
    text = sentence.rstrip()
    closing = ""
    while text and text[-1] in "\"\u201d'\u2019)":
        closing = text[-1] + closing
        text = text[:-1]
    if text.endswith((".", "!", "?")):
        if closing:  # a closing quote: keep the sentence as quoted, name the source after it
            return f"{text}{closing} ({who})."
        text = text[:-1]
    return f"{text}{closing}, according to {who}."


def cite(ref: ArticleRef) -> Citation:
    return Citation(
        CitationKind.ARTICLE, ref.url, ref.outlet, ref.published.date().isoformat(), ref.title,
        ref.id
    )


@dataclass
class Evidence:
    """One sentence as it appears in one or more articles (copies and repeats merged)."""

    sentence: Sentence
    refs: list[ArticleRef]
    score: float = 0.0
    countries: frozenset[str] = frozenset()  # filled by gather() with the linker
    # the speaker as written is another outlet than those that printed the sentence
    # ("Meridian Wire can confirm", in a feed that is not Meridian Wire's): no source
    # speaks for another, so the printing outlets are named too
    speaker_is_other_outlet: bool = False

    @property
    def text(self) -> str:
        return self.sentence.text

    def citations(self) -> list[Citation]:
        return [cite(r) for r in self.refs]

    def attributed(self) -> str:
        """The sentence with its source named: as written when it names one, else the outlets'."""
        s = self.sentence
        if s.speaker and not self.speaker_is_other_outlet:
            return s.text
        outlets = sorted({r.outlet for r in self.refs})
        who = outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]
        return with_source(s.text, who)


@dataclass
class StoryEvidence:
    story: StoryRow
    day: date
    items: list[Evidence] = field(default_factory=list)
    countries: Counter[str] = field(default_factory=Counter)
    lead: ArticleRef | None = None
    outlook: dict[tuple[int, int], OutlookItem] = field(default_factory=dict)
    actors: list[str] | None = None  # the story's central countries, once asked for
    # the events analysis coded, by (article id, sentence index): who did what to whom
    events: dict[tuple[int, int], list[EventNote]] = field(default_factory=dict)
    memo: dict[str, object] = field(default_factory=dict)  # what relevance reads once
    language: str = "en"  # the edition's: sentences in another are not printed
    # reports with sentences in another language (not printed untranslated: their title
    # line, language and link instead)
    foreign: dict[str, list[ArticleRef]] = field(default_factory=dict)

    @property
    def today(self) -> list[ArticleRef]:
        return [a for a in self.story.articles if a.published.date() == self.day]

    @property
    def origins(self) -> list[ArticleRef]:
        return [a for a in self.story.articles if a.origin_id is None]

    def citations_today(self) -> list[Citation]:
        return [cite(a) for a in (self.today or self.story.articles)[:4]]


def gather(material: StoryMaterial, story: StoryRow, day: date, linker: Linker,
           language: str | None = None) -> StoryEvidence:
    """Collect the story's sentences (read beforehand into ``material``), merging repeats
    across copies and outlets, each with the countries it names. With ``language`` (the
    edition's), sentences in another language are left out (no translator is configured)
    and their reports listed in ``foreign`` by language."""
    by_article = material.sentences
    evidence = StoryEvidence(story, day, outlook=material.outlook, events=material.events,
                             language=language or "en")
    for ref in story.articles:
        evidence.countries.update(material.countries.get(ref.id, Counter()))
    merged: dict[str, Evidence] = {}
    # Origins first and today's articles first, so each sentence is led by its original.
    order = sorted(
        story.articles,
        key=lambda a: (a.origin_id is not None, a.published.date() != day, a.published, a.url),
    )
    for ref in order:
        for sentence in by_article.get(ref.id, []):
            if len(sentence.text.split()) > LONGEST_SENTENCE_WORDS:
                continue
            spoken = sentence.language or ref.language
            if language and spoken and spoken.split("-")[0] != language:
                found = evidence.foreign.setdefault(spoken.split("-")[0], [])
                if ref not in found:
                    found.append(ref)
                continue
            key = " ".join(sorted(words(sentence.text)))
            if key in merged:
                if ref not in merged[key].refs:
                    merged[key].refs.append(ref)
                continue
            similar = next(
                (
                    e
                    for e in list(merged.values())[:FUZZY_LIMIT]
                    if overlap(e.text, sentence.text) > 0.8
                ),
                None,
            )
            if similar is not None:
                if ref not in similar.refs:
                    similar.refs.append(ref)
                continue
            merged[key] = Evidence(sentence, [ref])
    evidence.items = list(merged.values())
    for item in evidence.items:
        item.score = _score(item, day)
        item.countries = frozenset(linker.count(item.text))
        item.speaker_is_other_outlet = _other_outlet(item, material.outlets)
    evidence.lead = _lead(story, evidence.today, language)
    return evidence


def _outlet_key(name: str) -> str:
    return " ".join(name.casefold().removeprefix("the ").split())


@lru_cache(maxsize=4)
def _outlet_pattern(outlets: frozenset[str]) -> re.Pattern[str] | None:
    names = sorted((n for n in outlets if len(n) > 3), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _other_outlet(item: Evidence, outlets: frozenset[str]) -> bool:
    """Whether the sentence speaks in the name of a stored outlet other than those that
    printed it: its speaker is that outlet, or it names that outlet at all ("Meridian Wire
    can confirm ..., officials said", in a feed that is not Meridian Wire's)."""
    mine = {_outlet_key(r.outlet) for r in item.refs}
    speaker = item.sentence.speaker
    if speaker and _outlet_key(speaker) in outlets - mine:
        return True
    pattern = _outlet_pattern(outlets)
    if pattern is None:
        return False
    text = " ".join(item.sentence.text.casefold().split())
    return any(found not in mine for found in pattern.findall(text))


def _lead(story: StoryRow, today: list[ArticleRef], language: str | None = None
          ) -> ArticleRef:
    """Today's original report that was republished most (earliest on ties), in the
    edition's language when one is."""
    if language:
        today = [a for a in today if (a.language or language).split("-")[0] == language] \
            or today
    origins = [a for a in today if a.origin_id is None] or today or story.articles[-1:]
    copies = Counter(a.origin_id for a in story.articles if a.origin_id is not None)
    return min(origins, key=lambda a: (-copies[a.id], a.published, a.url))


def _score(item: Evidence, day: date) -> float:
    s = item.sentence
    score = 1.0 / (1 + s.idx)  # leads carry the news
    score += 0.3 * len({r.outlet for r in item.refs})  # said by several outlets
    if any(r.published.date() == day for r in item.refs):
        score += 1.0
    if any(ch.isdigit() for ch in s.text):
        score += 0.3
    if s.speaker:
        score += 0.4
    if len(s.text) < 40 or len(s.text) > 400:
        score -= 1.0
    return score
