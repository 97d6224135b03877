"""One document read the same way everywhere: its sentences (spans into the text), each
with its language and noise label, and the dateline, byline and wire tag cut off them.

``analyse.run`` (which stores) and ``analyse.reading`` (``geobrief read``, which does not)
both call ``read_structure``, so what ``read`` prints is what analysis stores. The text is
never changed: sentence spans skip what was cut, and the furniture stays in the stored
original, labelled.

Steps, in order:

1. sentences (``analyse.sentences``), without a first line that only repeats the headline;
2. datelines, page stamps, bylines and wire tags cut off each sentence's edges
   (``analyse.wire``), kept as the document's ``Wire``; what a page prints above the
   dateline that opens its report (byline, story highlights, other stories' headlines,
   captions), when that dateline comes within ``HEAD_UNITS`` sentences, is furniture;
3. noise: what the sentence shows on its own (``analyse.noise``), a comment section from
   where it opens to the end, a reader's own voice outside any quotation (not in a
   transcript, whose speakers' turns are named), an opinion carrying a reader's thread
   on, and (given ``repeated``, from the store) the lines its outlet repeats across its
   articles;
4. the language of each sentence, where it plainly differs from the document's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from geobrief.analyse.language import detect, sentence_languages
from geobrief.analyse.noise import (
    Keys,
    Noise,
    intrinsic_noise,
    key_words,
    may_opine,
    opens_comments,
    plain,
    quote_open_after,
    reader_voice,
    transcript_turn,
    voice_cues,
)
from geobrief.analyse.sentences import headline_line, sentence_spans
from geobrief.analyse.wire import Wire, inline_dateline, lone_dateline, strip_edges

_KEY_DROP = re.compile(r"[\W\d_]+")


def line_key(text: str) -> str:
    """A line as the furniture statistics count it: letters only, case-folded, so that a
    sidebar headline with another time stamp or count is the same line."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _KEY_DROP.sub(" ", folded).strip()[:200]


@dataclass
class SentenceUnit:
    """One sentence of a document: its span in the text and what was decided about it."""

    start: int
    end: int
    text: str
    language: str  # the document's, unless this sentence is plainly in another
    noise: Noise | None = None
    quoted: bool = False  # inside a quotation opened in an earlier sentence
    cut: list[tuple[int, int]] = field(default_factory=list)  # dateline/wire spans cut off


@dataclass
class Structure:
    """A document's sentences, language and wire metadata."""

    language: str
    sentences: list[SentenceUnit]
    wire: Wire
    headline: str | None = None  # a first line that only repeated the title, dropped

    def lines(self) -> set[str]:
        """The keys of its lines, for the outlet's furniture statistics (the dropped
        headline line too: a page whose first line is furniture repeats it)."""
        keys = {line_key(s.text) for s in self.sentences}
        if self.headline:
            keys.add(line_key(self.headline))
        return keys

    @property
    def news(self) -> list[SentenceUnit]:
        return [s for s in self.sentences if s.noise is None]

    def masked(self, text: str, noise: bool = False) -> str:
        """``text`` with the datelines cut off sentences blanked (same length, so offsets
        hold), and with ``noise`` its noise sentences too: what entity linking should see,
        so that a dateline's place is not a country involved."""
        chars = list(text)
        for s in self.sentences:
            spans = [(s.start, s.end)] if noise and s.noise is not None else []
            for a, b in [*spans, *s.cut]:
                chars[a:b] = [" "] * (b - a)
        return "".join(chars)


def read_structure(title: str, text: str, declared_language: str | None = None,
                   repeated: set[str] | None = None) -> Structure:
    """Sentences, noise, language and wire metadata of one document; ``repeated`` holds
    the keys (``line_key``) of the lines its outlet repeats across its articles."""
    language = detect(text, declared_language)
    spans = sentence_spans(text, language)
    headline = None
    if headline_line(title, text, spans):
        headline = text[spans[0][0]:spans[0][1]]
        spans = spans[1:]
    wire = Wire()
    units: list[SentenceUnit] = []
    inline: set[int] = set()  # where a dateline inside a sentence starts a report
    opening: int | None = None  # the unit where the report opens with its dateline
    for start, end in _split_inline(text, spans, inline):
        raw = text[start:end]
        lone = lone_dateline(raw)
        if lone is not None:
            wire.merge(lone)
            opening = len(units) if opening is None else opening
            units.append(SentenceUnit(start, end, raw, language, Noise.BYLINE))
            continue
        closing = _CREDIT_THEN.match(raw)
        if closing is not None:  # the story's closing credit, then the page's furniture
            units.append(SentenceUnit(start, start + closing.end(1),
                                      text[start:start + closing.end(1)], language,
                                      Noise.BYLINE))
            units.append(SentenceUnit(start + closing.end(), end, text[start + closing.end():end],
                                      language, Noise.BOILERPLATE))
            continue
        a, b, cut, credit = strip_edges(text, start, end, wire)
        if opening is None and (start in inline or (cut and cut[0][0] == start)):
            opening = len(units)
        units.append(SentenceUnit(a, b, text[a:b], language, cut=cut))
        if credit is not None:  # "(Reporting by ...)" closing a sentence: a line of its own
            units.append(SentenceUnit(*credit, text[credit[0]:credit[1]], language,
                                      Noise.BYLINE))
    _page_head(units, opening)
    _label(units)
    structure = Structure(language, units, wire, headline)
    if repeated:
        mark_repeated(structure, repeated)
    for unit, own in zip(units, sentence_languages([u.text for u in units], language, text),
                         strict=True):
        unit.language = own
    return structure


# a wire credit that closes a story ("(Reporting by A; Editing by B)") with more text after
# it on the same line: what follows the end of the story is the page's (product taglines,
# related links), never the report
_CREDIT_THEN = re.compile(
    r"^[\"'`\s]{0,4}((?:\(|-LRB-)\s*(?:(?:With\s+)?Additional\s+)?(?:Reporting|Writing|"
    r"Editing|Edited|Compiled)\s+(?:by|from)\b[^()]{0,400}?(?:\)|-RRB-))\s+(?=\S)", re.I)


HEAD_UNITS = 8  # a dateline this near the top opens the report: what precedes it is the page's
_HEAD_BYLINE = re.compile(r"^\s*(?:By|BY)\s+[A-Z]")


def _page_head(units: list[SentenceUnit], opening: int | None) -> None:
    """Label what a page prints above the dateline that opens its report ("Cairo, Egypt
    (CNN) --"): a byline ("By the CNN Wire Staff"), story highlights, the headlines of other
    stories, a call to send pictures. None of it is the report; on CNN pages it was read as
    the lead and printed in briefings ("By the CNN Wire Staff Obama reacts to protests in
    Egypt NEW: ...")."""
    if opening is None or opening > HEAD_UNITS:
        return
    for unit in units[:opening]:
        if unit.noise is None:
            short = len(unit.text.split()) <= 3  # the place of a dateline split off it
            unit.noise = Noise.BYLINE if short or _HEAD_BYLINE.match(unit.text) \
                else Noise.BOILERPLATE


def _split_inline(text: str, spans: list[tuple[int, int]], starts: set[int]
                  ) -> list[tuple[int, int]]:
    """Spans cut where a dateline starts inside one ("... highlights Tripoli, Libya (CNN)
    -- The report..."): the report starts there (added to ``starts``)."""
    out = []
    for start, end in spans:
        at = inline_dateline(text, start, end)
        if at is not None and text[start:at].strip():
            piece = text[start:at].rstrip()
            out.extend([(start, start + len(piece)), (at, end)])
            starts.add(at)
        else:
            out.append((start, end))
    return out


def mark_repeated(structure: Structure, repeated: set[str]) -> None:
    """Label as boilerplate the news sentences whose line the outlet repeats."""
    for unit in structure.sentences:
        if unit.noise is None and line_key(unit.text) in repeated:
            unit.noise = Noise.BOILERPLATE


def _label(units: list[SentenceUnit]) -> None:
    """Noise labels in document order; a comment section, once opened, runs to the end."""
    in_comments = False
    quoted = False
    transcript = False  # speakers' turns: their "I" and "you" are theirs, not a reader's
    texts: list[str] = []
    for n, unit in enumerate(units):
        unit.quoted = quoted
        quoted = quote_open_after(unit.text, quoted)
        text = plain(unit.text)
        texts.append(text)
        low = text.lower()
        keys = key_words(low)
        label = intrinsic_noise(text, low, keys) if unit.noise is None else unit.noise
        transcript = transcript or (not in_comments and transcript_turn(text))
        if opens_comments(text, low, keys):
            in_comments = True
            label = label or Noise.COMMENT
        elif label is None and (in_comments or
                                _readers(units, texts, n, transcript, low, keys)):
            label = Noise.COMMENT
        if label is not None:
            quoted = False  # a quotation does not run on through furniture
        unit.noise = label


def _readers(units: list[SentenceUnit], texts: list[str], n: int, transcript: bool,
             low: str, keys: Keys) -> bool:
    """Whether sentence ``n`` is in a reader's voice, or carries a reader's thread on
    (never in a transcript, whose turns name their speakers)."""
    if transcript:
        return False
    return reader_voice(texts[n], units[n].quoted) or (
        may_opine(texts[n], low, keys) and _in_thread(units, texts, n))


def _in_thread(units: list[SentenceUnit], texts: list[str], n: int) -> bool:
    """Whether sentence ``n`` belongs to a reader's comment: it states an opinion in the
    writer's own name, unattributed, and one of the two sentences before it is a comment,
    or the sentence before, unattributed too, speaks in a reader's voice ("we", "you", a
    question, an exclamation): a thread reads as a run of them, a report states,
    attributes and quotes. A question or a "we" alone does not carry a comment on:
    columns and interviews ask and say "we" too."""
    if not voice_cues(texts[n], units[n].quoted)[1]:
        return False
    if any(units[k].noise is Noise.COMMENT for k in range(max(0, n - 2), n)):
        return True
    if n == 0 or units[n - 1].noise is not None:
        return False
    return voice_cues(texts[n - 1], units[n - 1].quoted)[0] > 0


TITLE_WORDS = 20  # a title taken from the lead: its first words
_TITLE_MIN_WORDS = 4  # shorter news "sentences" are fragments ("Cairo,", "" Freedom!")


def lead_title(text: str, declared_language: str | None = None,
               repeated: set[str] | None = None) -> str | None:
    """A title for a page that has none, from its own lead: the first sentence read as
    news, past the page's head (byline, highlights, other stories' headlines: labelled by
    ``read_structure``, with ``repeated`` the keys of the lines its outlet repeats across
    its articles), at most ``TITLE_WORDS`` words. None when no sentence is news."""
    structure = read_structure("", text, declared_language, repeated)
    for unit in structure.news:
        found = unit.text.split()
        if len(found) >= _TITLE_MIN_WORDS:
            return " ".join(found[:TITLE_WORDS]) + (" ..." if len(found) > TITLE_WORDS else "")
    return None


def outlet_repeats(lines: Iterable[tuple[str, str, set[str]]], articles: int, days: int
                   ) -> dict[str, set[str]]:
    """The lines each outlet repeats, from ``(outlet, ISO day, line keys)`` per article: a
    line printed in at least ``articles`` of its articles on at least ``days`` days (the
    store's rule, ``store.furniture``, for documents read without a store)."""
    seen: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for outlet, day, keys in lines:
        for key in keys:
            count, on = seen.get((outlet, key), (0, set()))
            on.add(day)
            seen[(outlet, key)] = (count + 1, on)
    out: dict[str, set[str]] = {}
    for (outlet, key), (count, on) in seen.items():
        if count >= articles and len(on) >= days:
            out.setdefault(outlet, set()).add(key)
    return out
