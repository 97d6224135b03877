"""Reading documents without a store: each document's sentences with their character
offsets, language and noise label, the dateline, byline and wire tag cut off them, and what
analysis finds in each sentence (who speaks, their stance, the proposition, a forecast, the
figures).

``geobrief read`` prints it; the sentence-level evaluations (``eval/claims_dev.py``) read
real annotated news through it. The document's structure comes from
``analyse.document.read_structure``, the function analysis applies before storing, so what
it prints is what a stored article would hold (less the lines an outlet repeats across its
stored articles, which only a store can know).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from geobrief.analyse.claims import ClaimReading, claim_readings
from geobrief.analyse.document import SentenceUnit, read_structure
from geobrief.errors import Code, IngestError
from geobrief.ingest.normalise import clean_text, html_to_text, parse_datetime
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
    quoted: bool = False  # inside a quotation opened in an earlier sentence
    speaker: str | None = None  # as written
    speaker_resolved: SpeakerRef | None = None
    stance: str = "none"  # assert | deny | confirm | not_confirm | none
    proposition: str | None = None
    forecast: ForecastReading | None = None
    figures: list[FigureReading] = field(default_factory=list)


@dataclass(frozen=True)
class WireReading:
    """What was cut off the sentences' edges: the dateline's place (not a country
    involved), the agency, the dateline's date or page stamp, the byline."""

    place: str | None = None
    agency: str | None = None
    when: str | None = None
    byline: str | None = None


@dataclass
class DocumentReading:
    id: str
    language: str
    text: str  # the text the offsets refer to (the page's main text for html)
    sentences: list[SentenceReading]
    wire: WireReading = field(default_factory=WireReading)

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
    from geobrief.ingest.pages import main_text

    return main_text(doc.html or "") or clean_text(html_to_text(doc.html or ""))


def read_sentence(unit: SentenceUnit, claim: ClaimReading | None) -> SentenceReading:
    """One sentence's reading: its place, language and noise label, and what
    ``claim_readings`` found in it (nothing for noise: furniture carries no claim)."""
    reading = SentenceReading(unit.start, unit.end, unit.text, unit.language,
                              noise=unit.noise.value if unit.noise else None,
                              quoted=unit.quoted)
    if claim is None:
        return reading
    reading.stance = claim.stance.value
    reading.speaker = claim.speaker
    if claim.party is not None and claim.party.known:
        reading.speaker_resolved = SpeakerRef(claim.party.name, claim.party.id)
    if claim.proposition is not None:
        reading.proposition = claim.proposition.text
    reading.figures = [FigureReading(f.text, f.quantity, by.name if by else None)
                       for f, by in zip(claim.figures, claim.figure_parties, strict=True)]
    if claim.forecast is not None:
        f = claim.forecast
        reading.forecast = ForecastReading(f.actor.name if f.actor and f.actor.known else None,
                                           f.act, f.band,
                                           f.horizon, f.source.name if f.source else None,
                                           f.source_kind)
    return reading


def read_document(doc: Document, linker: Linker) -> DocumentReading:
    text = _main_text(doc)
    structure = read_structure(doc.title or "", text, doc.language)
    news = [unit for unit in structure.sentences if unit.noise is None]
    found = dict(zip((id(u) for u in news),
                     claim_readings([u.text for u in news], doc.published, linker), strict=True))
    sentences = [read_sentence(unit, found.get(id(unit))) for unit in structure.sentences]
    wire = structure.wire
    return DocumentReading(doc.id, structure.language, text, sentences,
                           WireReading(wire.place, wire.agency, wire.when, wire.byline))


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
