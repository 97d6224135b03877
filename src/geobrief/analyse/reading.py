"""Reading documents without a store: each document's sentences with their character
offsets, language and noise label, and what analysis finds in each sentence (who speaks,
their stance, the proposition, a forecast, the figures).

``geobrief read`` prints it; the sentence-level evaluations (``eval/claims_dev.py``) read
real annotated news through it. It applies the same functions analysis applies before
storing, so what it prints is what a stored article would hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from geobrief.analyse.claims import ClaimReading, claim_readings
from geobrief.analyse.sentences import body_sentences
from geobrief.errors import Code, IngestError
from geobrief.ingest.normalise import detect_language, html_to_text, parse_datetime
from geobrief.knowledge.link import Linker


@dataclass(frozen=True)
class Document:
    """One document to read: plain ``text``, or ``html`` whose text is taken first."""

    id: str
    text: str | None = None
    html: str | None = None
    published: date | None = None
    title: str | None = None
    language: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class SpeakerRef:
    """Who a speaker is: a name, and the knowledge id when the knowledge holds them."""

    name: str
    id: str | None = None


@dataclass(frozen=True)
class FigureReading:
    value: str  # as written: "12,000", "up to four years"
    quantity: str | None  # what it measures: "North Korean troops sent to Russia"
    attributed_to: str | None


@dataclass(frozen=True)
class ForecastReading:
    actor: str | None  # who would act
    act: str | None  # what would happen
    band: str | None  # the source's own hedging as an estimative band, if any
    horizon: str | None  # ISO date by which the source expects it
    estimate_by: str | None = None  # whose statement or estimate it is (None: the outlet's)
    estimate_kind: str = "outlet"  # party (its own intent) | source | outlet


@dataclass
class SentenceReading:
    start: int  # character offsets into the document's text
    end: int
    text: str
    language: str
    noise: str | None = None  # None, or boilerplate | byline | comment | promo
    speaker: str | None = None  # as written
    speaker_resolved: SpeakerRef | None = None
    stance: str = "none"  # assert | deny | confirm | not_confirm | none
    proposition: str | None = None
    forecast: ForecastReading | None = None
    figures: list[FigureReading] = field(default_factory=list)


@dataclass
class DocumentReading:
    id: str
    language: str
    text: str  # the text the offsets refer to (the page's main text for html)
    sentences: list[SentenceReading]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def parse_document(line: str | bytes, label: str) -> Document:
    """A document from one JSON Lines line; IngestError (coded) when it cannot be read."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise IngestError(label, f"not JSON: {exc}", Code.BAD_JSON) from exc
    if not isinstance(record, dict):
        raise IngestError(label, "not a JSON object", Code.BAD_JSON)
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise IngestError(label, "no 'text' or 'html' string", Code.MISSING_FIELD)
    ident = record.get("id", label)
    published = record.get("published")
    moment = parse_datetime(published) if isinstance(published, str) else None
    if published is not None and moment is None:
        raise IngestError(label, f"unreadable date {published!r}", Code.MISSING_DATE)

    def optional(name: str) -> str | None:
        value = record.get(name)
        return value if isinstance(value, str) else None

    return Document(id=str(ident), text=text if isinstance(text, str) else None,
                    html=html if isinstance(html, str) else None,
                    published=moment.date() if moment else None, title=optional("title"),
                    language=optional("language"), outlet=optional("outlet"))


def _main_text(doc: Document) -> str:
    if doc.text is not None:
        return doc.text
    import trafilatura

    extracted = trafilatura.extract(doc.html or "", include_comments=False,
                                    include_tables=False, favor_precision=True)
    return extracted or html_to_text(doc.html or "")


def sentence_spans(title: str, text: str) -> list[tuple[int, int]]:
    """Where each sentence analysis takes from ``text`` lies in it."""
    spans = []
    at = 0
    for sentence in body_sentences(title, text):
        start = text.find(sentence, at)
        if start < 0:  # not a verbatim piece (never expected): search from the top
            start = text.find(sentence)
        end = start + len(sentence)
        spans.append((start, end))
        at = end
    return spans


def read_sentence(text: str, start: int, language: str, claim: ClaimReading
                  ) -> SentenceReading:
    """One sentence's reading, from what ``claim_readings`` found in it."""
    reading = SentenceReading(start, start + len(text), text, language,
                              stance=claim.stance.value, speaker=claim.speaker)
    if claim.party is not None:
        reading.speaker_resolved = SpeakerRef(claim.party.name, claim.party.id)
    if claim.proposition is not None:
        reading.proposition = claim.proposition.text
    by = claim.party.name if claim.party is not None and claim.is_claim else None
    reading.figures = [FigureReading(f.text, f.quantity, by) for f in claim.figures]
    if claim.forecast is not None:
        f = claim.forecast
        reading.forecast = ForecastReading(f.actor.name if f.actor else None, f.act, f.band,
                                           f.horizon, f.source.name if f.source else None,
                                           f.source_kind)
    return reading


def read_document(doc: Document, linker: Linker) -> DocumentReading:
    text = _main_text(doc)
    language = detect_language(text, doc.language)
    spans = sentence_spans(doc.title or "", text)
    claims = claim_readings([text[start:end] for start, end in spans], doc.published, linker)
    sentences = [read_sentence(text[start:end], start, language, claim)
                 for (start, end), claim in zip(spans, claims, strict=True)]
    return DocumentReading(doc.id, language, text, sentences)


def read_lines(lines: Iterable[str | bytes], linker: Linker,
               on_error: Callable[[IngestError], None]) -> Iterator[DocumentReading]:
    """Read each JSON Lines document; a bad line costs only itself (``on_error``)."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = parse_document(line, f"line {n}")
        except IngestError as exc:
            on_error(exc)
            continue
        yield read_document(doc, linker)
